"""Re-check of open petitions against a new register snapshot, on SQLite.

Goal (issue 5): 200,000 signatures against a 2,000,000-voter register in at most 30 s on 2 cores.
Set-up (not timed): a temporary SQLite database with two snapshots of 2,000,000 voters in ten
constituencies, and one collecting petition in the first constituency signed by all its 200,000
voters of the old snapshot. In the new snapshot ~2% of them moved to another constituency and
~1% left the register. Voters are written by bulk inserts with stand-in hashes and ciphertexts
(the re-check compares hashes only), and the new snapshot is copied from the old one in SQL.
Timed: ``recheck_open_petitions`` against the new snapshot; it must flag exactly the moved and
departed signers.
"""

import hashlib
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa
from flask_migrate import upgrade

from app import create_app
from app.extensions import db
from app.models import (
    Body,
    BodyKind,
    Constituency,
    Deputy,
    Petition,
    PollingStation,
    Region,
    RegionKind,
)
from app.rules.lifecycle import PetitionStatus
from app.services.register.importer import SQLITE_IMPORT_CACHE_KIB
from app.services.review.recheck import recheck_open_petitions
from bench.report import print_block

VOTERS = 2_000_000
CONSTITUENCIES = 10
GOAL_SECONDS = 30
BATCH = 50_000
OPENED = datetime(2026, 12, 10, 5, tzinfo=UTC)
#: Voter ``i`` (from 0) lives in constituency ``1 + i % 10``; ``k = i // 10`` picks who changes.
MOVED = "((id - 1) / 10) % 50 = 7"  # 2%
LEFT = "((id - 1) / 10) % 100 = 3"  # 1%


def _sqlite_time(moment: datetime) -> str:
    """The text SQLAlchemy stores for a UTC timestamp on SQLite."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _geography() -> tuple[int, int]:
    region = Region(code="bench", kind=RegionKind.OBLAST, name="Bench region")
    body = Body(
        code="bench",
        kind=BodyKind.DISTRICT_MASLIKHAT,
        name="Bench maslikhat",
        region=region,
        rule_set_code="kz-maslikhat-2023",
        total_seats=CONSTITUENCIES,
        single_mandate_seats=CONSTITUENCIES,
    )
    seats = [
        Constituency(code=f"BENCH-{n:02d}", number=n, body=body, region=region, name=f"Bench {n}")
        for n in range(1, CONSTITUENCIES + 1)
    ]
    db.session.add_all([region, body, *seats])
    db.session.flush()
    stations = [PollingStation(constituency_id=seat.id, number="1") for seat in seats]
    db.session.add_all(stations)
    db.session.flush()
    assert [s.id for s in stations] == [c.id for c in seats] == list(range(1, 11))
    deputy = Deputy(
        full_name="Bench Deputy",
        constituency=seats[0],
        election_date=date(2023, 3, 19),
        mandate_start=date(2023, 3, 29),
        mandate_end=date(2028, 3, 19),
    )
    petition = Petition(
        deputy=deputy,
        constituency=seats[0],
        rule_set_code="kz-maslikhat-2023",
        rule_set_version=1,
        statement="Benchmark.",
        status=PetitionStatus.COLLECTING,
        filed_at=OPENED - timedelta(days=7),
        opened_at=OPENED,
        closes_at=OPENED + timedelta(days=30),
        electorate=VOTERS // CONSTITUENCIES,
        signatures_required=VOTERS // CONSTITUENCIES // 10,
    )
    db.session.add_all([deputy, petition])
    db.session.commit()
    return seats[0].id, petition.id


def _snapshot(connection, snapshot_id: int, active: bool) -> None:
    connection.exec_driver_sql(
        "INSERT INTO register_snapshots (id, snapshot_date, source_checksum, source_name, "
        "imported_at, row_count, imported_count, rejected_count, is_active) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)",
        (
            snapshot_id,
            date(2026, 10 + snapshot_id, 1).isoformat(),
            hashlib.sha256(f"bench {snapshot_id}".encode()).hexdigest(),
            f"bench-{snapshot_id}.csv",
            _sqlite_time(datetime.now(UTC)),
            VOTERS,
            VOTERS,
            active,
        ),
    )


def _build(petition_constituency: int, petition_id: int) -> tuple[int, int]:
    """Both snapshots and the signatures: (signatures, how many should be flagged)."""
    connection = db.session.connection()
    connection.exec_driver_sql(f"PRAGMA cache_size = -{SQLITE_IMPORT_CACHE_KIB}")
    _snapshot(connection, 1, True)
    sql = (
        "INSERT INTO voters (id, snapshot_id, iin_hash, iin_encrypted, last_name, first_name, "
        "birth_date, constituency_id, polling_station_id) VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?)"
    )
    for start in range(0, VOTERS, BATCH):
        rows = []
        for i in range(start, min(start + BATCH, VOTERS)):
            seat = 1 + i % CONSTITUENCIES
            born = date(1940, 1, 1) + timedelta(days=i % 25_000)
            digest = hashlib.sha256(i.to_bytes(4, "big")).digest()
            rows.append(
                (i + 1, digest, digest + b"x" * 8, "Benchov", "Aliya", born.isoformat(), seat, seat)
            )
        connection.exec_driver_sql(sql, rows)
    signed = [
        (
            petition_id,
            voter_id,
            iin_hash,
            voter_id,
            _sqlite_time(OPENED + timedelta(seconds=(voter_id * 7919) % (29 * 86_400))),
            f"B{voter_id:011d}",
            _sqlite_time(OPENED),
        )
        for voter_id, iin_hash in connection.exec_driver_sql(
            "SELECT id, iin_hash FROM voters WHERE snapshot_id = 1 AND constituency_id = ?",
            (petition_constituency,),
        )
    ]
    connection.exec_driver_sql(
        "INSERT INTO signatures (petition_id, id, signer_hash, voter_id, channel, status, "
        "signed_at, receipt_code, failed_checks, checked_at, checked_snapshot_id) "
        "VALUES (?, ?, ?, ?, 'online', 'valid', ?, ?, 0, ?, 1)",
        signed,
    )
    _snapshot(connection, 2, False)
    connection.exec_driver_sql(
        "INSERT INTO voters (snapshot_id, iin_hash, iin_encrypted, last_name, first_name, "
        "birth_date, constituency_id, polling_station_id) "
        f"SELECT 2, iin_hash, iin_encrypted, last_name, first_name, birth_date, "
        f"CASE WHEN {MOVED} THEN constituency_id % {CONSTITUENCIES} + 1 ELSE constituency_id END, "
        f"CASE WHEN {MOVED} THEN constituency_id % {CONSTITUENCIES} + 1 ELSE constituency_id END "
        f"FROM voters WHERE snapshot_id = 1 AND NOT ({LEFT})"
    )
    connection.exec_driver_sql("UPDATE register_snapshots SET is_active = 0 WHERE id = 1")
    connection.exec_driver_sql("UPDATE register_snapshots SET is_active = 1 WHERE id = 2")
    expected = connection.exec_driver_sql(
        f"SELECT count(*) FROM voters WHERE snapshot_id = 1 AND constituency_id = ? "
        f"AND ({MOVED} OR {LEFT})",
        (petition_constituency,),
    ).scalar_one()
    db.session.commit()
    return len(signed), expected


def run(rows: int = VOTERS) -> dict:
    """``rows`` is the benchmark runner's register size; this benchmark always uses 2,000,000."""
    with tempfile.TemporaryDirectory(prefix="recall-bench-") as tmp:
        app = create_app(
            "development",
            DATABASE_URL=f"sqlite:///{Path(tmp) / 'app.sqlite3'}",
            SECRET_KEY="benchmark-secret-key-0123456789abcdef",
            DATA_KEY="benchmark-data-key-0123456789abcdef",
        )
        with app.app_context():
            upgrade()
            started = time.perf_counter()
            signatures, expected = _build(*_geography())
            built = time.perf_counter() - started
            db.engine.dispose()  # the timed run starts on a fresh connection, as a new import

            started = time.perf_counter()
            result = recheck_open_petitions(2, datetime.now(UTC), actor_label="bench")
            seconds = time.perf_counter() - started
            flagged = db.session.scalar(
                sa.text("SELECT count(*) FROM signatures WHERE status = 'pending'")
            )
            db.engine.dispose()

    correct = result.checked == signatures and result.flagged == expected == flagged
    passed = correct and seconds <= GOAL_SECONDS
    figures = {
        "voters_per_snapshot": VOTERS,
        "signatures": signatures,
        "setup_seconds": round(built, 1),
        "recheck_seconds": round(seconds, 2),
        "recheck_rows_per_second": round(signatures / seconds),
        "flagged": result.flagged,
        "flagged_expected": expected,
        "goal": f"recheck <= {GOAL_SECONDS} s",
        "result": "PASS" if passed else "FAIL",
    }
    print_block("re-check of open petitions against a new register on SQLite", figures)
    return figures
