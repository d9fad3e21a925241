"""Reading a voter register CSV: the file's shape, and each row checked on its own.

Nothing here touches the database; ``register.importer`` turns checked rows into voters.
"""

import csv
import enum
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from operator import gt, itemgetter
from pathlib import Path

from flask_babel import gettext as _

from app import iin as iin_module
from app.rules.eligibility import is_of_voting_age

COLUMNS = (
    "iin",
    "last_name",
    "first_name",
    "middle_name",
    "birth_date",
    "constituency_code",
    "polling_station",
    "address",
)
#: Longest value accepted per column, in ``COLUMNS`` order (the database column sizes).
MAX_LENGTHS = (12 * 4, 100, 100, 100, 10 * 4, 32, 32, 300)
#: Control characters no register value may hold (PostgreSQL cannot even store NUL); tabs and
#: line breaks are left to the other checks (a quoted address may span lines).
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class RejectReason(enum.StrEnum):
    MISSING_FIELD = "missing_field"
    BAD_DATE = "bad_date"
    IIN_FORMAT = "iin_format"
    IIN_CHECKSUM = "iin_checksum"
    IIN_BIRTH_DATE_MISMATCH = "iin_birth_date_mismatch"
    UNDER_18 = "under_18"
    UNKNOWN_CONSTITUENCY = "unknown_constituency"
    DUPLICATE_IIN = "duplicate_iin"
    #: Not in the issue's list: more fields than columns, a value longer than its column (or
    #: than the csv module's field limit), or a control character in a value.
    MALFORMED_ROW = "malformed_row"


class RegisterFileError(Exception):
    """The file as a whole cannot be imported; nothing is changed."""


@dataclass(slots=True)
class RegisterRow:
    line: int
    iin: str
    last_name: str
    first_name: str
    middle_name: str | None
    birth_date: date
    constituency_code: str
    polling_station: str
    address: str | None


def file_checksum(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def parse_date(text: str) -> date | None:
    """``YYYY-MM-DD`` or ``DD.MM.YYYY``; None for anything else, including impossible dates."""
    try:
        if len(text) == 10 and text[4] == "-" and text[7] == "-":
            return date(int(text[0:4]), int(text[5:7]), int(text[8:10]))
        if len(text) == 10 and text[2] == "." and text[5] == ".":
            return date(int(text[6:10]), int(text[3:5]), int(text[0:2]))
    except ValueError:
        return None
    return None


@dataclass(frozen=True, slots=True)
class _Born:
    day: date
    yymmdd: str
    #: The 7th IIN digits that fit the birth century (male, female).
    century_digits: str
    adult: bool


CENTURY_DIGITS = {1800: "12", 1900: "34", 2000: "56"}


class RowChecker:
    """Checks rows against one snapshot date and set of constituencies.

    Birth dates repeat across a register (about 30,000 distinct ones in a million voters), so
    each distinct date text is parsed and judged once; that is most of the per-row cost.
    """

    def __init__(self, snapshot_date: date, constituency_codes: set[str] | dict) -> None:
        self.snapshot_date = snapshot_date
        self.codes = constituency_codes
        self._born: dict[str, _Born | None] = {}

    def _judge(self, text: str) -> _Born | None:
        day = parse_date(text)
        if day is None:
            return None
        digits = CENTURY_DIGITS.get(day.year // 100 * 100, "")
        return _Born(day, f"{day:%y%m%d}", digits, is_of_voting_age(day, self.snapshot_date))

    def check(self, line: int, values: tuple[str, ...]) -> RegisterRow | RejectReason:
        """The row (values in ``COLUMNS`` order) as a voter, or the first reason to reject it.

        The reasons are tried in the order the issue lists them, so a row has exactly one.
        """
        iin, last_name, first_name, middle_name, birth_text, code, station, address = values
        if not (iin and last_name and first_name and birth_text and code and station):
            return RejectReason.MISSING_FIELD
        if any(map(gt, map(len, values), MAX_LENGTHS)) or CONTROL_CHARACTERS.search(
            "".join(values)
        ):
            return RejectReason.MALFORMED_ROW
        try:
            born = self._born[birth_text]
        except KeyError:
            born = self._born[birth_text] = self._judge(birth_text)
        if born is None:
            return RejectReason.BAD_DATE
        if (
            len(iin) == 12
            and iin.isascii()
            and iin.isdigit()
            and iin[:6] == born.yymmdd
            and iin[6] in born.century_digits
        ):
            # The IIN carries the birth date, so its format is right: only the check digit is left.
            if iin_module.check_digit(iin[:11]) != int(iin[11]):
                return RejectReason.IIN_CHECKSUM
        else:
            problem = iin_module.problem(iin)
            if problem is not None:
                return RejectReason(problem.value)
            return RejectReason.IIN_BIRTH_DATE_MISMATCH
        if not born.adult:
            return RejectReason.UNDER_18
        if code not in self.codes:
            return RejectReason.UNKNOWN_CONSTITUENCY
        return RegisterRow(
            line,
            iin,
            last_name,
            first_name,
            middle_name or None,
            born.day,
            code,
            station,
            address or None,
        )


def check_row(
    line: int, values: tuple[str, ...], snapshot_date: date, constituency_codes: set[str] | dict
) -> RegisterRow | RejectReason:
    """One row checked on its own (see ``RowChecker.check``)."""
    return RowChecker(snapshot_date, constituency_codes).check(line, values)


class RegisterFile:
    """An open register file whose header has been checked.

    ``records()`` yields ``(line, values)`` where ``line`` is the physical line on which the
    record starts (the header is line 1) and ``values`` are the stripped fields in ``COLUMNS``
    order (missing ones empty), or ``(line, None)`` for a record with more fields than columns
    or a field longer than the csv module's limit (131,072 characters).
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.size = self.path.stat().st_size
        self.bytes_read = 0
        self._handle = open(self.path, "rb")  # noqa: SIM115  (closed by close())
        self.line = 0
        try:
            self.columns, self.delimiter = self._read_header()
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        self._handle.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _lines(self) -> Iterator[str]:
        for raw in self._handle:
            self.line += 1
            self.bytes_read += len(raw)
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError:
                raise RegisterFileError(
                    _("The file is not UTF-8 text (line %(line)d).", line=self.line)
                ) from None

    def _read_header(self) -> tuple[list[str], str]:
        first = next(self._lines(), None)
        if first is None or not first.strip():
            raise RegisterFileError(_("The file is empty: it has no header row."))
        first = first.removeprefix("\ufeff").strip()
        delimiter = ";" if first.count(";") > first.count(",") else ","
        columns = [name.strip().strip('"').lower() for name in first.split(delimiter)]
        missing = [c for c in COLUMNS if c not in columns]
        unexpected = [c for c in columns if c not in COLUMNS]
        if missing == list(COLUMNS):
            raise RegisterFileError(
                _(
                    "The first line is not a header row. Expected the columns: %(columns)s.",
                    columns=",".join(COLUMNS),
                )
            )
        if missing or unexpected or len(set(columns)) != len(columns):
            raise RegisterFileError(
                _(
                    "Wrong columns. Missing: %(missing)s. Unexpected: %(unexpected)s. "
                    "Expected exactly: %(columns)s.",
                    missing=", ".join(missing) or "-",
                    unexpected=", ".join(unexpected) or "-",
                    columns=",".join(COLUMNS),
                )
            )
        return columns, delimiter

    def records(self) -> Iterator[tuple[int, dict[str, str] | None]]:
        reader = csv.reader(self._lines(), delimiter=self.delimiter)
        width = len(self.columns)
        in_order = itemgetter(*(self.columns.index(column) for column in COLUMNS))
        padding = [""] * width
        start = self.line + 1
        while True:
            try:
                fields = next(reader)
            except StopIteration:
                return
            except csv.Error:
                # The reader drops the rest of the offending line and goes on with the next one.
                line, start = start, self.line + 1
                yield line, None
                continue
            line, start = start, self.line + 1
            if not fields or (len(fields) == 1 and not fields[0].strip()):
                continue
            extra = fields[width:]
            if any(value.strip() for value in extra):
                yield line, None
                continue
            if len(fields) < width:
                fields = (fields + padding)[:width]
            yield line, tuple(map(str.strip, in_order(fields)))
