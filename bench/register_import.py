"""Voter register import on SQLite against a raw ``sqlite3`` executemany baseline.

Goal (issue 2): 1,000,000 rows in at most 60 s on 2 cores, and at most 3x the raw baseline.
The baseline inserts the very rows the import stores (IIN hash and ciphertext computed before
the clock starts) into a table with the same indexes, so the ratio is what parsing, checking,
hashing and encrypting cost on top of the bare insert.
"""

import sqlite3
import tempfile
import time
from datetime import date
from pathlib import Path

import sqlalchemy as sa
from flask_migrate import upgrade

from app import create_app
from app.crypto import IdentifierVault
from app.extensions import db
from app.models import Body, BodyKind, Constituency, Region, RegionKind
from app.services.register.generator import write_synthetic_register
from app.services.register.importer import SQLITE_IMPORT_CACHE_KIB, import_register
from app.services.register.reader import RegisterFile, RegisterRow, check_row
from app.services.register.writer import VOTER_COLUMNS

SNAPSHOT = date(2026, 10, 1)
CONSTITUENCIES = 50
KEY = "benchmark-data-key-0123456789abcdef"
BATCH = 20_000


def _app(path: Path):
    return create_app(
        "development",
        DATABASE_URL=f"sqlite:///{path}",
        SECRET_KEY="benchmark-secret-key-0123456789abcdef",
        DATA_KEY=KEY,
    )


def _geography() -> list[str]:
    region = Region(code="bench", kind=RegionKind.OBLAST, name="Bench region")
    body = Body(
        code="bench",
        kind=BodyKind.DISTRICT_MASLIKHAT,
        name="Bench body",
        region=region,
        rule_set_code="kz-maslikhat-2023",
        total_seats=CONSTITUENCIES,
        single_mandate_seats=CONSTITUENCIES,
    )
    codes = [f"BENCH-{n:02d}" for n in range(1, CONSTITUENCIES + 1)]
    db.session.add_all(
        Constituency(code=code, number=n, body=body, region=region, name=code)
        for n, code in enumerate(codes, start=1)
    )
    db.session.commit()
    return codes


def _stored_rows(csv_path: Path, codes: list[str]) -> list[tuple]:
    """The tuples the import writes, computed outside the timed region."""
    vault = IdentifierVault(KEY)
    ids = {code: n for n, code in enumerate(codes, start=1)}
    rows = []
    with RegisterFile(csv_path) as register_file:
        for line, values in register_file.records():
            row = check_row(line, values, SNAPSHOT, ids)
            assert isinstance(row, RegisterRow)
            rows.append(
                (
                    1,
                    vault.lookup_hash(row.iin),
                    vault.encrypt(row.iin),
                    row.last_name,
                    row.first_name,
                    row.middle_name,
                    row.birth_date.isoformat(),
                    ids[row.constituency_code],
                    1,
                    row.address,
                )
            )
    return rows


def _baseline(db_path: Path, rows: list[tuple]) -> float:
    connection = sqlite3.connect(db_path)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = NORMAL")
    connection.execute(f"PRAGMA cache_size = -{SQLITE_IMPORT_CACHE_KIB}")  # as the import has
    connection.execute(
        "CREATE TABLE voters (id INTEGER PRIMARY KEY, snapshot_id INTEGER NOT NULL, "
        "iin_hash BLOB NOT NULL, iin_encrypted BLOB NOT NULL, last_name VARCHAR(100) NOT NULL, "
        "first_name VARCHAR(100) NOT NULL, middle_name VARCHAR(100), birth_date DATE NOT NULL, "
        "constituency_id INTEGER NOT NULL, polling_station_id INTEGER NOT NULL, "
        "address VARCHAR(300), UNIQUE (snapshot_id, iin_hash))"
    )
    connection.execute("CREATE INDEX ix_voters_sc ON voters (snapshot_id, constituency_id)")
    sql = f"INSERT INTO voters ({', '.join(VOTER_COLUMNS)}) VALUES ({', '.join('?' * 10)})"
    started = time.perf_counter()
    with connection:
        for start in range(0, len(rows), BATCH):
            connection.executemany(sql, rows[start : start + BATCH])
    elapsed = time.perf_counter() - started
    connection.close()
    return elapsed


def run(rows: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="recall-bench-") as tmp:
        tmp = Path(tmp)
        app = _app(tmp / "app.sqlite3")
        with app.app_context():
            upgrade()
            codes = _geography()
            csv_path = tmp / "register.csv"
            started = time.perf_counter()
            write_synthetic_register(csv_path, codes, rows, seed=1, snapshot_date=SNAPSHOT)
            generated = time.perf_counter() - started

            started = time.perf_counter()
            result = import_register(csv_path, SNAPSHOT)
            imported = time.perf_counter() - started
            voters = db.session.scalar(sa.text("SELECT count(*) FROM voters"))
            assert result.imported == rows == voters, (result.imported, rows, voters)
            stored = _stored_rows(csv_path, codes)
        baseline = _baseline(tmp / "baseline.sqlite3", stored)

    figures = {
        "rows": rows,
        "generate_seconds": round(generated, 2),
        "import_seconds": round(imported, 2),
        "import_rows_per_second": round(rows / imported),
        "baseline_seconds": round(baseline, 2),
        "baseline_rows_per_second": round(rows / baseline),
        "ratio_import_to_baseline": round(imported / baseline, 2),
        "goal": "import <= 60 s and <= 3x baseline",
    }
    print("register import on SQLite")
    for key, value in figures.items():
        print(f"  {key:28s} {value}")
    return figures
