"""Every value the app shows has its words once, in app.labels, in all three languages."""

import re
from pathlib import Path
from typing import get_args

import pytest
from flask_babel import force_locale

from app import create_app
from app.labels import (
    AUDIT_OBJECT,
    CERTIFICATION_METHOD,
    MAIL_CATEGORY,
    QUEUE_FILTER,
    SAMPLING_DECISION,
    label,
    object_label,
    pause_scope_label,
    refusal_reason_label,
    sampling_decision_label,
    status_kind,
)
from app.labels import enums as label_enums
from app.models import (
    CertifiedResult,
    Channel,
    DeputyStatus,
    KeyingRound,
    MemberRole,
    ObjectionStatus,
    ProposalStatus,
    Role,
    SheetStatus,
    SignatureProof,
    SignatureStatus,
    Verdict,
    VoteResult,
)
from app.rules.checks import Check, ReviewReason
from app.rules.lifecycle import PetitionStatus, RefusalReason
from app.rules.sampling import Decision
from app.services.notifications.audiences import Category
from app.services.registration.queries import QueueFilter

ROOT = Path(__file__).resolve().parent.parent.parent
LABELLED = (
    PetitionStatus,
    SignatureStatus,
    DeputyStatus,
    SheetStatus,
    Channel,
    SignatureProof,
    Check,
    ReviewReason,
    RefusalReason,
    Verdict,
    KeyingRound,
    CertifiedResult,
    VoteResult,
    Role,
    MemberRole,
    ProposalStatus,
    ObjectionStatus,
)
CYRILLIC = re.compile(r"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]")


@pytest.fixture(scope="module", autouse=True)
def app_context():
    """Flask-Babel needs an app context; no database is touched."""
    app = create_app("testing")
    with app.app_context():
        yield


def every_label() -> list:
    """The label tables of app.labels, each value once (lazy strings, read per locale)."""
    tables = [*label_enums.TABLES.values(), AUDIT_OBJECT, CERTIFICATION_METHOD]
    tables += [MAIL_CATEGORY, QUEUE_FILTER, SAMPLING_DECISION]
    return [value for table in tables for value in table.values()]


@pytest.mark.parametrize("enum", LABELLED, ids=lambda enum: enum.__name__)
def test_every_member_of_a_labelled_enum_has_words(enum):
    with force_locale("en"):
        words = [label(member) for member in enum]

    assert len(words) == len(enum) and all(isinstance(word, str) and word for word in words)


def test_the_enums_with_words_are_those_label_knows():
    assert set(label_enums.TABLES) == set(LABELLED)


def test_each_signature_status_reads_one_way():
    with force_locale("en"):
        assert [label(status) for status in SignatureStatus] == [
            "Valid",
            "Waiting for review",
            "Invalid",
            "Withdrawn",
        ]
        assert label(Verdict.VALID) == label(SignatureStatus.VALID)


def test_codes_kept_as_strings_have_words_for_every_code():
    assert set(MAIL_CATEGORY) == {category.value for category in Category}
    assert set(QUEUE_FILTER) == {which.value for which in QueueFilter}
    assert set(SAMPLING_DECISION) == {*get_args(Decision), None}
    assert set(CERTIFICATION_METHOD) == {"full_count", "sampling"}


def test_a_vote_result_reads_as_the_status_it_gives():
    with force_locale("en"):
        assert label(VoteResult.RECALLED) == label(PetitionStatus.RECALLED) == "Deputy recalled"


def test_an_unknown_code_reads_as_itself_and_nothing_reads_as_nothing():
    with force_locale("en"):
        assert refusal_reason_label("dislike") == "dislike"
        assert object_label("comet") == "comet"
        assert label(None) == ""
        assert sampling_decision_label(None).startswith("Not yet")
        assert pause_scope_label() == "The whole site"
        assert pause_scope_label(7) == "Petition № 7"


def test_a_value_without_a_table_is_refused_rather_than_shown_raw():
    with pytest.raises(TypeError):
        label("collecting")


def test_a_badge_names_the_family_of_its_status():
    assert status_kind(PetitionStatus.COLLECTING) == "petition"
    assert status_kind(SignatureStatus.PENDING) == "signature"
    assert status_kind(DeputyStatus.RECALLED) == "deputy"
    assert status_kind(SheetStatus.ACCEPTED) == "sheet"


def test_every_audit_object_the_app_writes_has_words():
    source = "\n".join(path.read_text() for path in (ROOT / "app").rglob("*.py"))
    # audit.record(action, object_type, ...): the object type follows the action code.
    written = set(re.findall(r'record\(\s*"[a-z_]+\.[a-z_]+",\s*"([a-z_]+)"', source))
    written |= set(re.findall(r'^\s+"[a-z_]+\.[a-z_]+",\n\s+"([a-z_]+)",\n', source, re.M))

    assert {"petition", "pause", "paper_sheet"} <= written
    assert written - set(AUDIT_OBJECT) == set()


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_every_label_is_translated(language):
    labels = every_label()
    with force_locale("en"):
        english = [str(words) for words in labels]
    with force_locale(language):
        shown = [str(words) for words in labels]

    assert [
        e for e, s in zip(english, shown, strict=True) if e == s or not CYRILLIC.search(s)
    ] == []
