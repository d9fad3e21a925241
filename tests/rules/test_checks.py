from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.rules.checks import (
    ALL_CHECKS,
    Check,
    ReviewReason,
    SignatureFacts,
    failed_checks,
    failed_list,
    suggested_reason,
)

CONSTITUENCY = 7
PERIOD = (date(2026, 12, 10), date(2027, 1, 8))


def facts(**kw) -> SignatureFacts:
    values = {
        "on_register": True,
        "register_constituency_id": CONSTITUENCY,
        "birth_date": date(1980, 1, 1),
        "signed_on": date(2026, 12, 15),
        "duplicate": False,
        "withdrawn": False,
    }
    return SignatureFacts(**values | kw)


def check(**kw) -> Check:
    return failed_checks(facts(**kw), constituency_id=CONSTITUENCY, period=PERIOD, minimum_age=18)


@pytest.mark.parametrize(
    ("kw", "failed"),
    [
        ({}, Check(0)),
        (
            {"on_register": False, "register_constituency_id": None, "birth_date": None},
            Check.ON_REGISTER | Check.IN_CONSTITUENCY | Check.OF_AGE,
        ),
        ({"register_constituency_id": 8}, Check.IN_CONSTITUENCY),
        ({"birth_date": date(2008, 12, 16)}, Check.OF_AGE),  # 18 the day after signing
        ({"birth_date": date(2008, 12, 15)}, Check(0)),  # 18 on the day of signing
        ({"signed_on": date(2026, 12, 9)}, Check.IN_PERIOD),
        ({"signed_on": date(2026, 12, 10)}, Check(0)),  # first day included
        ({"signed_on": date(2027, 1, 8)}, Check(0)),  # last day included
        ({"signed_on": date(2027, 1, 9)}, Check.IN_PERIOD),
        ({"duplicate": True}, Check.NOT_DUPLICATE),
        ({"withdrawn": True}, Check.NOT_WITHDRAWN),
    ],
)
def test_each_fact_fails_its_own_check(kw, failed):
    assert check(**kw) == failed


def test_a_29_february_birthday_counts_from_1_march_in_other_years():
    born = date(2008, 2, 29)
    assert check(birth_date=born, signed_on=date(2026, 2, 28)) & Check.OF_AGE
    assert not check(birth_date=born, signed_on=date(2026, 3, 1)) & Check.OF_AGE


@given(st.integers(min_value=0, max_value=63))
def test_a_stored_bit_set_lists_exactly_its_checks_in_a_stable_order(bits):
    listed = failed_list(bits)
    assert sum(int(c) for c in listed) == bits
    assert listed == [c for c in ALL_CHECKS if c in listed]


def test_the_suggested_reason_follows_the_first_failed_check():
    assert suggested_reason(Check.IN_CONSTITUENCY | Check.OF_AGE) is ReviewReason.OTHER_CONSTITUENCY
    assert suggested_reason(Check.NOT_WITHDRAWN) is None
    assert suggested_reason(0) is None
