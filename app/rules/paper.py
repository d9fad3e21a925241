"""Double keying of paper signature sheets: comparing two readings of one sheet.

Issue 5 item 6: a sheet counts only when two officers, keying it blind and independently, read
every line alike, or when an officer has settled each line where they differ. Each signature on
a sheet carries the signer's IIN, surname, first name, birth date and the date of signing
(Constitutional Law "On Elections", ch. 13-2, recall-law.md §3: supporters must be identifiable
voters of the constituency). Pure functions: readings in, differences out.
"""

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from datetime import date

#: The fields of one line, in the order of the sheet's columns.
FIELDS = ("iin", "last_name", "first_name", "birth_date", "signed_on")


@dataclass(frozen=True)
class Reading:
    """One officer's reading of one line; None where the field was left blank.

    ``iin`` is anything that is equal exactly when the IINs are (the IIN's keyed hash).
    """

    iin: Hashable | None = None
    last_name: str | None = None
    first_name: str | None = None
    birth_date: date | None = None
    signed_on: date | None = None

    @property
    def complete(self) -> bool:
        """Every field is filled in: only a complete line can be a signature."""
        return all(getattr(self, name) is not None for name in FIELDS)

    @property
    def blank(self) -> bool:
        return all(getattr(self, name) is None for name in FIELDS)


def normalized_name(name: str | None) -> str | None:
    """Names are compared without regard to case or repeated spaces (``ИВАНОВ`` = ``Иванов``)."""
    if name is None:
        return None
    return " ".join(name.split()).casefold() or None


def _comparable(reading: Reading, name: str):
    value = getattr(reading, name)
    return normalized_name(value) if name in ("last_name", "first_name") else value


@dataclass(frozen=True)
class LineMismatch:
    """A line where the two keyings disagree.

    ``fields`` names the differing fields (all of them for a line only one keying has);
    ``only_in`` is 1 or 2 when only that keying has the line, else None.
    """

    line_number: int
    fields: tuple[str, ...]
    only_in: int | None = None


def differing_fields(first: Reading, second: Reading) -> tuple[str, ...]:
    return tuple(name for name in FIELDS if _comparable(first, name) != _comparable(second, name))


def compare_keyings(
    first: Mapping[int, Reading], second: Mapping[int, Reading]
) -> list[LineMismatch]:
    """The lines, by line number, where two keyings of a sheet differ; empty when they agree.

    A line one keying left out and the other keyed blank is no difference.
    """
    mismatches = []
    for number in sorted(first.keys() | second.keys()):
        one, two = first.get(number), second.get(number)
        if one is None or two is None:
            present = one if two is None else two
            if not present.blank:
                mismatches.append(LineMismatch(number, FIELDS, only_in=1 if two is None else 2))
            continue
        differing = differing_fields(one, two)
        if differing:
            mismatches.append(LineMismatch(number, differing))
    return mismatches


def final_readings(
    first: Mapping[int, Reading],
    second: Mapping[int, Reading],
    resolution: Mapping[int, Reading],
) -> dict[int, Reading]:
    """The reading that stands for each line: the resolution where the keyings differ, else the
    first keying (the two agree there). Raises ValueError if a mismatch is left unresolved."""
    unresolved = [
        m.line_number for m in compare_keyings(first, second) if m.line_number not in resolution
    ]
    if unresolved:
        raise ValueError(f"lines without a resolution: {unresolved}")
    agreed = {number: first.get(number) or second[number] for number in first.keys() | second}
    return dict(sorted((agreed | dict(resolution)).items()))
