from datetime import date

import pytest

from app import iin
from app.services.register.compact import IinSet, RejectList
from app.services.register.reader import RejectReason


def valid(born: date, sex: iin.Sex, serial: int) -> str:
    """The first valid IIN for ``born`` and ``sex`` at ``serial`` or after (some serials have
    no check digit)."""
    while (number := iin.make(born, sex, serial)) is None:
        serial += 1
    return number


@pytest.fixture
def seen():
    bits = IinSet()
    yield bits
    bits.close()


def test_an_iin_is_new_once_and_then_a_duplicate(seen):
    born = date(1985, 3, 14)
    number = valid(born, iin.Sex.MALE, 0)

    assert seen.add(number, born) is True
    assert seen.add(number, born) is False


def test_iins_differing_only_in_sex_serial_or_birth_date_are_different_people(seen):
    born = date(1990, 7, 1)
    first = valid(born, iin.Sex.FEMALE, 17)
    others = [
        (valid(born, iin.Sex.MALE, 17), born),
        (valid(born, iin.Sex.FEMALE, int(first[7:11]) + 1), born),
        (valid(date(1990, 7, 2), iin.Sex.FEMALE, 17), date(1990, 7, 2)),
    ]

    assert seen.add(first, born)
    assert all(seen.add(number, day) for number, day in others)
    assert not any(seen.add(number, day) for number, day in [(first, born), *others])


@pytest.mark.parametrize(
    ("born", "sex"),
    [
        (date(1800, 1, 1), iin.Sex.MALE),
        (date(1899, 12, 31), iin.Sex.FEMALE),
        (date(1900, 1, 1), iin.Sex.MALE),
        (date(2099, 12, 31), iin.Sex.FEMALE),
    ],
)
def test_the_first_and_last_days_of_each_century_have_their_own_bits(seen, born, sex):
    last_serial = valid(born, sex, 9_990)

    assert seen.add(last_serial, born)
    assert not seen.add(last_serial, born)


def test_rejects_keep_file_order_and_count_each_reason():
    rejects = RejectList()
    rejects.append(4, RejectReason.MISSING_FIELD)
    rejects.append(11, RejectReason.DUPLICATE_IIN)
    rejects.append(12, RejectReason.MISSING_FIELD)

    assert list(rejects) == [
        (4, RejectReason.MISSING_FIELD),
        (11, RejectReason.DUPLICATE_IIN),
        (12, RejectReason.MISSING_FIELD),
    ]
    assert len(rejects) == 3
    assert rejects.counts == {RejectReason.MISSING_FIELD: 2, RejectReason.DUPLICATE_IIN: 1}
