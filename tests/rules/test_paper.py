from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from app.rules.paper import FIELDS, LineMismatch, Reading, compare_keyings, final_readings

ALIYA = Reading("hash-a", "Nurlanova", "Aliya", date(1990, 5, 17), date(2026, 12, 12))
BOLAT = Reading("hash-b", "Sadykov", "Bolat", date(1975, 1, 2), date(2026, 12, 13))


def test_two_equal_keyings_have_no_mismatch():
    assert compare_keyings({1: ALIYA, 2: BOLAT}, {1: ALIYA, 2: BOLAT}) == []


def test_names_are_compared_without_case_or_extra_spaces():
    shouted = Reading("hash-a", " NURLANOVA ", "aliya", ALIYA.birth_date, ALIYA.signed_on)
    assert compare_keyings({1: ALIYA}, {1: shouted}) == []


def test_each_differing_field_is_named_for_its_line():
    misread = Reading("hash-x", "Nurlanova", "Aliya", date(1990, 5, 11), ALIYA.signed_on)

    assert compare_keyings({1: ALIYA, 2: BOLAT}, {1: misread, 2: BOLAT}) == [
        LineMismatch(1, ("iin", "birth_date"))
    ]


def test_a_line_keyed_only_once_is_a_mismatch_naming_the_keying_that_has_it():
    assert compare_keyings({1: ALIYA}, {1: ALIYA, 2: BOLAT}) == [LineMismatch(2, FIELDS, only_in=2)]
    assert compare_keyings({1: ALIYA, 3: BOLAT}, {1: ALIYA}) == [LineMismatch(3, FIELDS, only_in=1)]


def test_a_blank_field_in_one_keying_differs_from_a_filled_one():
    incomplete = Reading("hash-a", "Nurlanova", "Aliya", ALIYA.birth_date, None)
    assert compare_keyings({1: ALIYA}, {1: incomplete}) == [LineMismatch(1, ("signed_on",))]


def test_a_blank_line_against_a_missing_one_is_no_difference():
    assert compare_keyings({1: ALIYA, 2: Reading()}, {1: ALIYA}) == []


def test_final_readings_take_the_resolution_where_the_keyings_differ():
    misread = Reading("hash-x", "Nurlanova", "Aliya", ALIYA.birth_date, ALIYA.signed_on)

    final = final_readings({1: ALIYA, 2: BOLAT}, {1: misread, 2: BOLAT}, {1: ALIYA})

    assert final == {1: ALIYA, 2: BOLAT}


def test_final_readings_refuse_an_unresolved_mismatch():
    misread = Reading("hash-x", "Nurlanova", "Aliya", ALIYA.birth_date, ALIYA.signed_on)
    try:
        final_readings({1: ALIYA}, {1: misread}, {})
    except ValueError as error:
        assert "1" in str(error)
    else:
        raise AssertionError("an unresolved line was accepted")


def test_only_a_line_with_every_field_is_complete():
    assert ALIYA.complete and not Reading("hash-a", "Nurlanova").complete
    assert Reading().blank and not ALIYA.blank


readings = st.builds(
    Reading,
    iin=st.sampled_from([None, "h1", "h2"]),
    last_name=st.sampled_from([None, "Ivanov", "IVANOV", "Petrov"]),
    signed_on=st.sampled_from([None, date(2026, 12, 12)]),
)
sheets = st.dictionaries(st.integers(1, 12), readings, max_size=8)


@given(sheets, sheets)
def test_comparing_is_symmetric_in_the_lines_it_names(first, second):
    one = compare_keyings(first, second)
    two = compare_keyings(second, first)
    assert [m.line_number for m in one] == [m.line_number for m in two]
    assert [m.fields for m in one] == [m.fields for m in two]


@given(sheets)
def test_a_keying_never_differs_from_itself(sheet):
    assert compare_keyings(sheet, sheet) == []
