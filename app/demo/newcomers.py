"""Five demo voters for newcomers: on the demo register, linked to no account, signing nothing.

The README lists them (IIN, surname, birth date, constituency, what they may sign) so that a
newcomer can sign up, confirm the address, verify as one of them at ``/account/voter`` and sign.
They are appended to the synthetic register after the generated voters, and the seed's own picks
of signers and account holders leave them out (``excluded``), so ``seed demo`` keeps them free.
The IINs are synthetic (valid check digit, birth date and sex inside) and the surnames carry the
stem "Сынақ" ("test") so that nobody takes them for real people.
"""

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from app.crypto import vault
from app.models import Voter


@dataclass(frozen=True)
class Newcomer:
    iin: str
    last_name: str
    first_name: str
    birth_date: date
    constituency_code: str
    #: The demo petition numbers this voter may sign (its constituencies', through the station
    #: map too), in the README's words.
    may_sign: str


NEWCOMERS: tuple[Newcomer, ...] = (
    Newcomer("900412490014", "Сынақова", "Әлия", date(1990, 4, 12), "KARAGANDA-RM-01", "No. 1"),
    Newcomer("851103390014", "Сынақов", "Ерлан", date(1985, 11, 3), "KARAGANDA-RM-01", "No. 1"),
    Newcomer("780220490019", "Сынақова", "Дина", date(1978, 2, 20), "KARAGANDA-RM-01", "No. 1"),
    Newcomer(
        "000730590017",
        "Сынақұлы",
        "Тимур",
        date(2000, 7, 30),
        "KARAGANDA-RM-02",
        "No. 2, once the commission registers it",
    ),
    Newcomer(
        "690909490015",
        "Сынақбаева",
        "Ольга",
        date(1969, 9, 9),
        "TEMIRTAU-CM-01",
        "No. 1 too, through her Temirtau station (regional maslikhat No. 1); may start a "
        "petition against the deputy of Temirtau No. 1",
    ),
)
#: The polling station of a newcomer whose constituency got no generated voter.
FALLBACK_STATION = "99901"
NEWCOMER_IINS: frozenset[str] = frozenset(person.iin for person in NEWCOMERS)


def register_rows(station_of: dict[str, str]) -> list[tuple[str, ...]]:
    """The newcomers as rows of the register file; ``station_of`` maps a constituency code to a
    polling station of it in the same file (a tiny register may have none: ``FALLBACK_STATION``)."""
    return [
        (
            person.iin,
            person.last_name,
            person.first_name,
            "",
            person.birth_date.isoformat(),
            person.constituency_code,
            station_of.get(person.constituency_code, FALLBACK_STATION),
            "",
        )
        for person in NEWCOMERS
    ]


def excluded() -> sa.ColumnElement[bool]:
    """A condition on ``Voter`` leaving the newcomers out of the seed's picks."""
    hashes = [vault().lookup_hash(number) for number in sorted(NEWCOMER_IINS)]
    return Voter.iin_hash.not_in(hashes)
