"""The Kazakh individual identification number (IIN, ЖСН / ИИН).

Structure (Government Resolution No. 565 of 11 June 2003, as described in the project reference
``perf-reliability.md`` §B3): digits 1-6 are the birth date YYMMDD; digit 7 gives the century and
sex (1/2: 1800s, 3/4: 1900s, 5/6: 2000s; odd is male, even is female); digits 8-11 are a serial
number; digit 12 is a check digit computed modulo 11 in up to two passes.
"""

import enum
import re
from datetime import date
from operator import mul

FIRST_PASS_WEIGHTS = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
SECOND_PASS_WEIGHTS = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
CENTURY_BY_DIGIT = {1: 1800, 2: 1800, 3: 1900, 4: 1900, 5: 2000, 6: 2000}
MASK = "•"


class Sex(enum.StrEnum):
    MALE = "male"
    FEMALE = "female"


class IinProblem(enum.StrEnum):
    """Why a string is not an IIN; the values double as register-import reject reasons."""

    FORMAT = "iin_format"
    CHECKSUM = "iin_checksum"


def check_digit(first_eleven: str) -> int | None:
    """The check digit for eleven digits, or None when both passes give 10 (no valid IIN)."""
    digits = list(map(int, first_eleven))
    k = sum(map(mul, digits, FIRST_PASS_WEIGHTS)) % 11
    if k == 10:
        k = sum(map(mul, digits, SECOND_PASS_WEIGHTS)) % 11
    return None if k == 10 else k


def century(iin: str) -> int:
    """The first year of the birth century (1800, 1900 or 2000); ValueError for digit 0 or 7-9."""
    try:
        return CENTURY_BY_DIGIT[int(iin[6])]
    except KeyError:
        raise ValueError("the 7th digit of an IIN must be 1 to 6") from None


def birth_date(iin: str) -> date:
    """The birth date encoded in an IIN of valid format; ValueError if it is no real date."""
    return date(century(iin) + int(iin[0:2]), int(iin[2:4]), int(iin[4:6]))


def sex(iin: str) -> Sex:
    return Sex.MALE if int(iin[6]) % 2 == 1 else Sex.FEMALE


def problem(iin: str) -> IinProblem | None:
    """What is wrong with ``iin``, or None if it is a valid IIN.

    The format covers 12 ASCII digits, a century digit of 1-6 and a real birth date; only then
    is the checksum looked at.
    """
    if len(iin) != 12 or not iin.isascii() or not iin.isdigit():
        return IinProblem.FORMAT
    try:
        birth_date(iin)
    except ValueError:
        return IinProblem.FORMAT
    if check_digit(iin[:11]) != int(iin[11]):
        return IinProblem.CHECKSUM
    return None


def is_valid(iin: str) -> bool:
    return problem(iin) is None


#: Digits of an IIN a masked copy still shows (the last ones: part of the serial and the check
#: digit, never the birth date).
SHOWN_DIGITS = 4

#: Twelve digits standing alone (not inside a longer number or a hex string such as a seed).
_TWELVE_DIGITS = re.compile(r"(?<![0-9A-Za-z])[0-9]{12}(?![0-9A-Za-z])")


def mask(iin: str) -> str:
    """For display: only the last four characters, e.g. ``••••••••0004``."""
    return MASK * (len(iin) - SHOWN_DIGITS) + iin[-SHOWN_DIGITS:]


def mask_iins(text: str) -> str:
    """``text`` with every stand-alone twelve-digit number (an IIN or anything like one) masked.

    Free text (comments, reasons, replies, statements) passes here before it is stored, so an
    IIN typed into it is never kept readable; a twelve-digit number that is no IIN is masked
    too, as the text cannot tell them apart safely.
    """
    return _TWELVE_DIGITS.sub(lambda match: mask(match.group()), text)


def make(born: date, person_sex: Sex, serial: int) -> str | None:
    """Build the IIN for a birth date, sex and 4-digit serial (None when no check digit exists).

    Used to generate synthetic registers; real IINs are issued by the state, not computed.
    """
    century = (born.year // 100) * 100
    base_digit = {1800: 1, 1900: 3, 2000: 5}[century]
    century_digit = base_digit + (0 if person_sex is Sex.MALE else 1)
    first_eleven = f"{born:%y%m%d}{century_digit}{serial:04d}"
    digit = check_digit(first_eleven)
    return None if digit is None else first_eleven + str(digit)
