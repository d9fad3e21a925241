"""What a leaf of the transparency log says, and that it can never hold an IIN-like number."""

import json
import re
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.rules import log_leaves
from app.rules.checks import ReviewReason
from app.rules.lifecycle import PetitionStatus
from app.rules.log_leaves import LogEvent

TWELVE_DIGITS = re.compile(r"[0-9]{12}")
KEY = b"k" * 32
moments = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2200, 1, 1), timezones=st.just(UTC)
)
ids = st.integers(min_value=1, max_value=2**31 - 1)


def test_a_leaf_is_canonical_json_with_sorted_keys_and_no_spaces():
    text = log_leaves.signature_leaf(
        LogEvent.SIGNED,
        petition_id=7,
        pseudonym=log_leaves.pseudonym(KEY, 42),
        status="valid",
        at=datetime(2026, 12, 9, 10, 0, 1, 999, tzinfo=UTC),
    )
    assert text == json.dumps(json.loads(text), sort_keys=True, separators=(",", ":"))
    assert text.startswith('{"event":"signature.signed","petition":7,"signature":"')
    assert text.endswith('","status":"valid","time":"2026-12-09T10:00:01Z"}')


def test_the_pseudonym_is_keyed_stable_and_has_no_digits():
    one = log_leaves.pseudonym(KEY, 42)
    assert one == log_leaves.pseudonym(KEY, 42) != log_leaves.pseudonym(KEY, 43)
    assert one != log_leaves.pseudonym(b"x" * 32, 42)
    assert len(one) == 32 and set(one) <= set(log_leaves.MODHEX)


@given(
    event=st.sampled_from([e for e in LogEvent if e is not LogEvent.PETITION_STATUS]),
    petition_id=ids,
    signature_id=ids,
    key=st.binary(min_size=32, max_size=32),
    status=st.sampled_from(["valid", "pending", "invalid", "withdrawn"]),
    reason=st.none() | st.sampled_from([reason.value for reason in ReviewReason]),
    at=moments,
)
def test_no_signature_leaf_holds_twelve_digits_in_a_row(
    event, petition_id, signature_id, key, status, reason, at
):
    text = log_leaves.signature_leaf(
        event,
        petition_id=petition_id,
        pseudonym=log_leaves.pseudonym(key, signature_id),
        status=status,
        at=at,
        reason=reason,
    )
    assert not TWELVE_DIGITS.search(text)
    assert set(json.loads(text)) <= {"event", "petition", "signature", "status", "time", "reason"}


@given(petition_id=ids, status=st.sampled_from(list(PetitionStatus)), at=moments)
def test_no_petition_leaf_holds_twelve_digits_in_a_row(petition_id, status, at):
    text = log_leaves.petition_leaf(petition_id=petition_id, status=status, at=at)
    assert not TWELVE_DIGITS.search(text)


def test_a_content_with_an_iin_like_number_is_refused():
    with pytest.raises(ValueError):
        log_leaves.canonical({"note": "900101300123"})


@pytest.mark.parametrize(
    ("previous", "status", "logged"),
    [
        (PetitionStatus.DRAFT, PetitionStatus.GROUP_FORMING, False),
        (PetitionStatus.GROUP_FORMING, PetitionStatus.WITHDRAWN, False),
        (PetitionStatus.GROUP_FORMING, PetitionStatus.FILED, True),
        (PetitionStatus.FILED, PetitionStatus.COLLECTING, True),
        (PetitionStatus.COLLECTING, PetitionStatus.WITHDRAWN, True),
    ],
)
def test_status_changes_are_published_from_filing_on(previous, status, logged):
    assert log_leaves.logs_transition(previous, status) is logged
