"""Use case: load the station map, the constituency of every body a polling station votes in.

The file is CSV with the header ``station,body_code,constituency_code``, one row per station and
body. It replaces the whole map in one transaction, all or nothing: a map with a bad row would
silently take voters out of a body, so the file is refused with the lines at fault. Loading it
recounts the active register per constituency and re-checks the open petitions' signatures,
as a register import does, and is audited.
"""

import csv
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa
from flask_babel import gettext as _

from app.database import transaction
from app.extensions import db
from app.models import Body, Constituency, RegisterSnapshot, StationConstituency
from app.services.audit import chain as audit
from app.services.register.counts import count_voters
from app.services.register.reader import CONTROL_CHARACTERS, RegisterFileError, file_checksum
from app.services.review.recheck import RecheckResult, recheck_in_transaction

HEADER = ["station", "body_code", "constituency_code"]
#: Problems listed in the refusal; the rest are counted.
SHOWN_PROBLEMS = 10
MAX_STATION = 32


@dataclass(frozen=True)
class StationMapResult:
    rows: int
    stations: int
    bodies: int
    recheck: RecheckResult | None


def load_station_map(path: Path | str, *, actor_label: str, now: datetime) -> StationMapResult:
    """Replace the station map with the file at ``path``; ``RegisterFileError`` says why the
    file is refused (nothing changed then)."""
    path = Path(path)
    rows = _read(path)
    with transaction():
        found = _resolve(rows)
        db.session.execute(sa.delete(StationConstituency))
        db.session.add_all(found)
        db.session.flush()
        active = db.session.scalar(sa.select(RegisterSnapshot).where(RegisterSnapshot.is_active))
        recheck = None
        if active is not None:
            count_voters(active.id)
            recheck = recheck_in_transaction(active.id, now, actor_label=actor_label)
        result = StationMapResult(
            rows=len(found),
            stations=len({(row.region_id, row.station) for row in found}),
            bodies=len({row.body_id for row in found}),
            recheck=recheck,
        )
        audit.record(
            "register.stations_loaded",
            "register_snapshot",
            active.id if active is not None else None,
            actor_label=actor_label,
            details={
                "file": path.name[:255],
                "sha256": file_checksum(path),
                "rows": result.rows,
                "stations": result.stations,
                "bodies": result.bodies,
            },
        )
    return result


def _read(path: Path) -> list[tuple[int, str, str, str]]:
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = [name.strip() for name in next(reader, [])]
            if header != HEADER:
                raise RegisterFileError(_("the header must be %(header)s", header=",".join(HEADER)))
            rows, problems = [], []
            for values in reader:
                line = reader.line_num
                cells = [value.strip() for value in values]
                if not any(cells):
                    continue
                if len(cells) != 3 or not all(cells) or CONTROL_CHARACTERS.search("".join(cells)):
                    problems.append(_("line %(line)d: three values are needed", line=line))
                elif len(cells[0]) > MAX_STATION:
                    problems.append(_("line %(line)d: the station number is too long", line=line))
                else:
                    rows.append((line, *cells))
    except (UnicodeDecodeError, csv.Error):
        raise RegisterFileError(_("the file is not UTF-8 CSV")) from None
    _refuse_if(problems)
    if not rows:
        raise RegisterFileError(_("the file maps no station"))
    return rows


def _resolve(rows: list[tuple[int, str, str, str]]) -> list[StationConstituency]:
    bodies = dict(db.session.execute(sa.select(Body.code, Body.id)).all())
    places = {
        code: (body_id, region_id, constituency_id)
        for code, body_id, region_id, constituency_id in db.session.execute(
            sa.select(
                Constituency.code, Constituency.body_id, Constituency.region_id, Constituency.id
            )
        )
    }
    found, problems, seen = [], [], {}
    for line, station, body_code, constituency_code in rows:
        body_id = bodies.get(body_code)
        place = places.get(constituency_code)
        if body_id is None:
            problems.append(
                _("line %(line)d: no body has the code %(code)s", line=line, code=body_code)
            )
        elif place is None or place[0] != body_id:
            problems.append(
                _(
                    "line %(line)d: %(body)s has no constituency %(code)s",
                    line=line,
                    body=body_code,
                    code=constituency_code,
                )
            )
        elif (key := (place[1], station, body_id)) in seen:
            problems.append(
                _(
                    "line %(line)d: station %(station)s is mapped in %(body)s already on line "
                    "%(first)d",
                    line=line,
                    station=station,
                    body=body_code,
                    first=seen[key],
                )
            )
        else:
            seen[key] = line
            found.append(
                StationConstituency(
                    region_id=place[1], station=station, body_id=body_id, constituency_id=place[2]
                )
            )
    _refuse_if(problems)
    return found


def _refuse_if(problems: list[str]) -> None:
    if not problems:
        return
    shown = "; ".join(problems[:SHOWN_PROBLEMS])
    if len(problems) > SHOWN_PROBLEMS:
        shown += " " + _("(and %(count)d more)", count=len(problems) - SHOWN_PROBLEMS)
    raise RegisterFileError(shown)
