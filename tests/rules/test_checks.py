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
    identity_matches,
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


@given(st.integers(min_value=0, max_value=sum(ALL_CHECKS)))
def test_a_stored_bit_set_lists_exactly_its_checks_in_a_stable_order(bits):
    listed = failed_list(bits)
    assert sum(int(c) for c in listed) == bits
    assert listed == [c for c in ALL_CHECKS if c in listed]


def test_the_suggested_reason_follows_the_first_failed_check():
    assert suggested_reason(Check.IN_CONSTITUENCY | Check.OF_AGE) is ReviewReason.OTHER_CONSTITUENCY
    assert suggested_reason(Check.NOT_WITHDRAWN) is None
    assert suggested_reason(0) is None


BORN = date(1980, 1, 1)
KEYED = {
    "keyed_last_name": "Voterova",
    "keyed_first_name": "Aigerim",
    "keyed_birth_date": BORN,
    "register_last_name": "Voterova",
    "register_first_name": "Aigerim",
}


@pytest.mark.parametrize(
    ("keyed", "register"),
    [
        (("ИВАНОВА", "АЙГЕРИМ"), ("Иванова", "Айгерим")),
        (("  Иванова ", "Айгерим"), ("Иванова", "  Айгерим")),
        (("Абдуллаева  Ахмед", "Айгерим"), ("Абдуллаева Ахмед", "Айгерим")),
        (("Королёва", "Семён"), ("Королева", "Семен")),
        (("КОРОЛЕВА", "СЕМЕН"), ("Королёва", "Семён")),
        (("Korolyova", "Aigerim"), ("KOROLYOVA", "aigerim")),
    ],
)
def test_names_match_ignoring_case_spaces_and_yo(keyed, register):
    assert identity_matches(*keyed, BORN, *register, BORN)


@pytest.mark.parametrize(
    ("keyed", "register"),
    [
        (("Иванова", "Айгерим", BORN), ("Петрова", "Айгерим", BORN)),  # another surname
        (("Иванова", "Асель", BORN), ("Иванова", "Айгерим", BORN)),  # another first name
        (("Иванова", "Айгерим", date(1980, 1, 2)), ("Иванова", "Айгерим", BORN)),
        (("Иванова", "Айгерим", BORN), (None, "Айгерим", BORN)),
        (("Иванова", None, BORN), ("Иванова", "Айгерим", BORN)),
        (("Иванова", "Айгерим", None), ("Иванова", "Айгерим", BORN)),
    ],
)
def test_another_name_or_birth_date_or_a_missing_one_is_no_match(keyed, register):
    assert not identity_matches(*keyed, *register)


def test_a_paper_line_naming_the_registered_person_passes_the_identity_check():
    assert check(**KEYED) == Check(0)


@pytest.mark.parametrize(
    "kw",
    [
        {"keyed_last_name": "Petrova"},
        {"keyed_first_name": "Asel"},
        {"keyed_birth_date": date(1980, 1, 2)},
    ],
)
def test_a_valid_iin_with_another_name_or_birth_date_fails_the_identity_check(kw):
    assert check(**KEYED | kw) == Check.IDENTITY
    assert suggested_reason(Check.IDENTITY) is ReviewReason.IDENTITY_DISPUTED


def test_identity_is_judged_only_for_keyed_signatures_of_registered_people():
    online = {"register_last_name": "Voterova", "register_first_name": "Aigerim"}
    assert check(**online) == Check(0)  # online: the account verification established it
    not_on_register = {
        "on_register": False,
        "register_constituency_id": None,
        "birth_date": None,
        "register_last_name": None,
        "register_first_name": None,
    }
    assert not check(**KEYED | not_on_register) & Check.IDENTITY


def test_every_check_has_a_label_and_a_bit_of_its_own():
    from app.labels import CHECK

    assert set(CHECK) == set(ALL_CHECKS)
    assert sum(ALL_CHECKS) == 2 ** len(ALL_CHECKS) - 1
