"""The demo's voter register: a synthetic register over every demo constituency, imported once.

The file is written by the same generator as ``flask register generate`` with a fixed seed, so a
second run writes the same bytes and the import recognises it by its SHA-256. The Kazakh
constituencies share ``voters`` evenly; the wards of the fictional councils get
``FICTIONAL_ELECTORATE`` on top, appended from a second file with no IIN of the first repeated,
and the five voters for newcomers (``app.demo.newcomers``) come last.
"""

import csv
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import sqlalchemy as sa
from flask_babel import gettext as _

from app.demo import newcomers
from app.demo.constituencies import FICTIONAL_ELECTORATE, KAZAKH_CONSTITUENCIES
from app.extensions import db
from app.models import RegisterSnapshot
from app.models.base import utcnow
from app.services.register.generator import write_synthetic_register
from app.services.register.importer import import_register
from app.services.register.stations import HEADER as STATION_MAP_HEADER
from app.services.register.stations import load_station_map

SNAPSHOT_DATE = date(2026, 10, 1)
#: Seed of the synthetic register; fixed so that the same file (and checksum) comes out again.
REGISTER_SEED = 2023
REGISTER_FILE_NAME = "demo-register-2026-10-01.csv"
STATIONS_FILE_NAME = "demo-stations.csv"
#: DEMO data, not the real districting: the regional maslikhat's constituency the voters of each
#: Temirtau city constituency also elect (a voter there signs in both bodies through one station).
TEMIRTAU_IN_REGION: dict[str, str] = {
    "TEMIRTAU-CM-01": "KARAGANDA-RM-01",
    "TEMIRTAU-CM-02": "KARAGANDA-RM-01",
    "TEMIRTAU-CM-03": "KARAGANDA-RM-01",
    "TEMIRTAU-CM-04": "KARAGANDA-RM-02",
    "TEMIRTAU-CM-05": "KARAGANDA-RM-02",
    "TEMIRTAU-CM-06": "KARAGANDA-RM-02",
}


@dataclass
class RegisterOutcome:
    """What happened to the voter register step."""

    #: Why nothing was imported, or None when the import ran.
    skipped: str | None = None
    snapshot_id: int | None = None
    imported: int = 0
    rejected: int = 0
    already_imported: bool = False


def load_demo_register(voters: int, *, actor_label: str = "cli") -> RegisterOutcome:
    """Import the synthetic demo register (its own transaction) unless one is active already."""
    if voters == 0:
        return RegisterOutcome(skipped=_("no voters were asked for"))
    active = db.session.scalar(sa.select(RegisterSnapshot).where(RegisterSnapshot.is_active))
    if active is not None:
        return RegisterOutcome(
            skipped=_(
                "a register is already active (snapshot %(id)s, %(day)s)",
                id=active.id,
                day=active.snapshot_date.isoformat(),
            ),
            snapshot_id=active.id,
        )
    codes = [constituency.code for constituency in KAZAKH_CONSTITUENCIES]
    with tempfile.TemporaryDirectory(prefix="recall-demo-") as directory:
        path = Path(directory) / REGISTER_FILE_NAME
        write_synthetic_register(
            path, codes, voters, seed=REGISTER_SEED, snapshot_date=SNAPSHOT_DATE
        )
        _append_fictional_wards(path, Path(directory) / "fictional.csv")
        _append_newcomers(path)
        stations = Path(directory) / STATIONS_FILE_NAME
        write_station_map(path, stations)
        load_station_map(stations, actor_label=actor_label, now=utcnow())
        result = import_register(path, SNAPSHOT_DATE, actor_label=actor_label)
    return RegisterOutcome(
        snapshot_id=result.snapshot.id if result.snapshot is not None else None,
        imported=result.imported,
        rejected=result.rejected,
        already_imported=result.already_imported,
    )


def _append_fictional_wards(path: Path, scratch: Path) -> None:
    """Append the voters of the fictional councils' wards (``FICTIONAL_ELECTORATE``) to the
    register file at ``path``; deterministic, and no IIN of the main file is repeated."""
    electorate = FICTIONAL_ELECTORATE
    unit = min(electorate.values())
    if any(count % unit for count in electorate.values()):
        raise ValueError("each fictional electorate must be a multiple of the smallest")
    # The generator spreads rows evenly over its list of codes: a ward listed n times gets n shares.
    codes = [code for code, count in electorate.items() for _ in range(count // unit)]
    write_synthetic_register(
        scratch,
        codes,
        sum(electorate.values()),
        seed=REGISTER_SEED + 1,
        snapshot_date=SNAPSHOT_DATE,
    )
    with open(path, newline="", encoding="utf-8") as handle:
        seen = {row[0] for row in csv.reader(handle)}
    with open(scratch, newline="", encoding="utf-8") as source:
        rows = [row for row in list(csv.reader(source))[1:] if row[0] not in seen]
    with open(path, "a", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)


def write_station_map(register: Path, target: Path) -> None:
    """Write the demo's station map: each Temirtau station in its city constituency and in the
    regional one of ``TEMIRTAU_IN_REGION`` (``flask register stations`` reads the same format)."""
    with open(register, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))[1:]
    stations = sorted({(row[5], row[6]) for row in rows if row[5] in TEMIRTAU_IN_REGION})
    with open(target, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(STATION_MAP_HEADER)
        for code, station in stations:
            writer.writerow([station, "temirtau-cm", code])
            writer.writerow([station, "karaganda-rm", TEMIRTAU_IN_REGION[code]])


def _append_newcomers(path: Path) -> None:
    """Append the newcomers' rows, each at a polling station its constituency has in the file."""
    station_of: dict[str, str] = {}
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))[1:]
    for row in rows:
        station_of.setdefault(row[5], row[6])
    if newcomers.NEWCOMER_IINS & {row[0] for row in rows}:
        raise ValueError("a generated voter has a newcomer's IIN; change the register seed")
    with open(path, "a", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(newcomers.register_rows(station_of))
