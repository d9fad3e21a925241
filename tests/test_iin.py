from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app import iin

# Worked cases of the two-pass check (weights 1..11, then 3..11,1,2), computed by hand:
# 85031430000: pass 1 = 8+10+0+12+5+24+21+0+0+0+0 = 80, 80 mod 11 = 3 -> check digit 3.
# 85031430041: pass 1 = 175 mod 11 = 10; pass 2 = 24+20+0+18+7+32+27+0+0+4+2 = 134,
#              134 mod 11 = 2 -> check digit 2.
# 85031430045: pass 1 = 10 and pass 2 = 142 mod 11 = 10 -> no valid IIN has these 11 digits.
WORKED = [("85031430000", 3), ("85031430041", 2), ("85031430045", None)]


@pytest.mark.parametrize(("first_eleven", "expected"), WORKED)
def test_check_digit_follows_the_two_pass_rule(first_eleven, expected):
    assert iin.check_digit(first_eleven) == expected


def test_a_number_whose_both_passes_give_ten_is_invalid_whatever_its_last_digit():
    assert all(iin.problem(f"85031430045{d}") is iin.IinProblem.CHECKSUM for d in range(10))


def test_valid_iin_gives_birth_date_and_sex():
    assert iin.is_valid("850314300003")
    assert iin.birth_date("850314300003") == date(1985, 3, 14)
    assert iin.sex("850314300003") is iin.Sex.MALE
    assert iin.sex("850314400004") is iin.Sex.FEMALE


@pytest.mark.parametrize(
    ("digit", "year"),
    [("1", 1885), ("2", 1885), ("3", 1985), ("4", 1985), ("5", 2085), ("6", 2085)],
)
def test_seventh_digit_sets_the_century(digit, year):
    assert iin.birth_date(f"850314{digit}00003").year == year


@pytest.mark.parametrize(
    "text",
    [
        "",
        "85031430000",
        "8503143000031",
        "85031430000a",
        "850314 00003",
        "８５０３１４３０００３",
        "850314000003",
        "850314700003",
        "851314300003",
        "850230300003",
    ],
)
def test_malformed_numbers_are_a_format_problem(text):
    assert iin.problem(text) is iin.IinProblem.FORMAT


def test_wrong_check_digit_is_a_checksum_problem():
    assert iin.problem("850314300004") is iin.IinProblem.CHECKSUM


def test_mask_shows_at_most_the_last_four_digits():
    assert iin.mask("850314300004") == "••••••••0004"


def test_free_text_keeps_no_twelve_digit_number_readable():
    text = "IIN 850314300004, phone 87011234567, seed ab123456789012cd, 1234567890123"

    masked = iin.mask_iins(text)

    assert masked == "IIN ••••••••0004, phone 87011234567, seed ab123456789012cd, 1234567890123"
    assert iin.mask_iins(masked) == masked


people = st.builds(
    iin.make,
    st.dates(min_value=date(1800, 1, 1), max_value=date(2099, 12, 31)),
    st.sampled_from(list(iin.Sex)),
    st.integers(min_value=0, max_value=9999),
)


@given(people)
def test_every_made_iin_is_valid_and_reads_back(number):
    if number is None:  # no check digit exists for these eleven digits
        return
    assert iin.is_valid(number)
    masked = iin.mask(number)
    assert len(masked) == 12 and masked[-4:] == number[-4:]
    assert masked[:8] == "•" * 8 and sum(c.isdigit() for c in masked) <= 4


@given(people)
def test_of_the_ten_possible_last_digits_exactly_one_is_valid(number):
    if number is None:
        return
    completions = [number[:11] + str(d) for d in range(10)]
    assert [c for c in completions if iin.is_valid(c)] == [number]


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)),
    st.sampled_from(list(iin.Sex)),
    st.integers(0, 9999),
)
def test_birth_date_and_sex_survive_the_round_trip(born, person_sex, serial):
    number = iin.make(born, person_sex, serial)
    if number is not None:
        assert iin.birth_date(number) == born
        assert iin.sex(number) is person_sex
