"""Schemathesis against the OpenAPI document: every operation gets generated parameters, valid
and invalid; no answer may be a server error, every status must be documented, and every body
and header must fit the document. A few examples per operation keep it quick.

``positive_data_acceptance`` is left out on purpose: a schema-valid request may still be
refused with a documented 400 (a ``leaf_index`` past the log's end cannot be written in JSON
Schema).
"""

from datetime import UTC, datetime, timedelta

import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from app.extensions import db
from app.services.signing.commands import sign_petition
from tests.factories import make_collecting_petition, make_verified_citizen, make_voter

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
EXAMPLES = {GenerationMode.POSITIVE: 6, GenerationMode.NEGATIVE: 4}


def a_world_with_a_log():
    petition = make_collecting_petition(opened_at=datetime.now(UTC) - timedelta(days=1))
    for _ in range(3):
        user = make_verified_citizen(make_voter(constituency=petition.constituency))
        db.session.commit()
        sign_petition(petition.id, user.id, now=datetime.now(UTC))


def checked_examples(operation, mode: GenerationMode):
    """A Hypothesis test that calls ``operation`` with generated cases and runs the checks."""
    checks = CHECKS + ([negative_data_rejection] if mode is GenerationMode.NEGATIVE else [])

    @settings(
        max_examples=EXAMPLES[mode],
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case):
        case.call_and_validate(checks=checks)

    return run


def test_schemathesis_finds_no_server_error_and_no_answer_outside_the_document(app):
    a_world_with_a_log()
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    failures = []
    for operation in operations:
        for mode in EXAMPLES:
            try:
                checked_examples(operation, mode)()
            except (Exception, BaseExceptionGroup) as error:  # one report for all operations
                failures.append(f"{operation.label} ({mode}): {error}")
    assert len(operations) >= 17
    assert not failures, "\n\n".join(failures)
