"""What the register import remembers about rows already read, in bounded memory.

A national register has about 12.5 million rows; a Python set of their IIN hashes would take
over a gigabyte (a bytes object and a set slot each), and so would a list of rejects for a
badly broken file. These two keep a bit per possible IIN and nine bytes per reject instead.
"""

import mmap
from array import array
from collections import Counter
from collections.abc import Iterator
from datetime import date

from app.services.register.reader import RejectReason

#: The earliest birth date an IIN can encode (7th digit 1 or 2: born in the 19th century).
FIRST_DAY = date(1800, 1, 1).toordinal()
DAYS = date(2099, 12, 31).toordinal() - FIRST_DAY + 1
SERIALS = 10_000


class IinSet:
    """The well-formed IINs seen so far, one bit each.

    An IIN is its birth date (6 digits), a century-and-sex digit (1-6), a 4-digit serial and a
    check digit computed from the rest, so two checked IINs are equal exactly when birth date,
    sex and serial are. That gives each a place in a bitmap of 2.2 billion bits (274 MB of
    address space); the pages are mapped anonymously and only those touched take memory, about
    70 MB for voters born over 80 years. Only rows that passed ``RowChecker.check`` (IIN
    well-formed and matching the birth date) may be added.
    """

    def __init__(self) -> None:
        self._bits = mmap.mmap(-1, (DAYS * 2 * SERIALS + 7) // 8)

    def add(self, iin: str, born: date) -> bool:
        """Record ``iin`` (born on ``born``); False if it was recorded before."""
        sex = (ord(iin[6]) - 49) & 1  # odd digits are men, even women, in every century
        index = ((born.toordinal() - FIRST_DAY) * 2 + sex) * SERIALS + int(iin[7:11])
        byte, bit = index >> 3, 1 << (index & 7)
        value = self._bits[byte]
        if value & bit:
            return False
        self._bits[byte] = value | bit
        return True

    def close(self) -> None:
        self._bits.close()


class RejectList:
    """``(line, reason)`` pairs in file order, nine bytes each, with a count per reason."""

    _REASONS = tuple(RejectReason)

    def __init__(self) -> None:
        self._lines = array("q")
        self._reasons = bytearray()
        self.counts: Counter[RejectReason] = Counter()
        self._codes = {reason: n for n, reason in enumerate(self._REASONS)}

    def append(self, line: int, reason: RejectReason) -> None:
        self._lines.append(line)
        self._reasons.append(self._codes[reason])
        self.counts[reason] += 1

    def __len__(self) -> int:
        return len(self._lines)

    def __iter__(self) -> Iterator[tuple[int, RejectReason]]:
        reasons = self._REASONS
        for line, code in zip(self._lines, self._reasons, strict=True):
            yield line, reasons[code]
