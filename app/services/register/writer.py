"""Writing checked register rows as voters, by the fastest path each database offers.

PostgreSQL gets one streaming binary ``COPY`` for the whole file (paused only to add a polling
station the register names for the first time); SQLite a plain driver ``executemany`` per batch
inside the import's transaction. SQLAlchemy's per-row parameter processing would cost more than
the insert itself at national size (12.5 million rows), so neither path goes through the ORM.
"""

import os
from collections import Counter
from contextlib import ExitStack

import sqlalchemy as sa

from app.crypto import NONCE_BYTES, vault
from app.extensions import db
from app.models import Constituency, PollingStation, Voter
from app.services.register.reader import RegisterRow

VOTER_COLUMNS = (
    "snapshot_id",
    "iin_hash",
    "iin_encrypted",
    "last_name",
    "first_name",
    "middle_name",
    "birth_date",
    "constituency_id",
    "polling_station_id",
    "address",
)
#: PostgreSQL types of ``VOTER_COLUMNS``, for the binary COPY.
VOTER_TYPES = ("int4", "bytea", "bytea", "text", "text", "text", "date", "int4", "int4", "text")
#: Nonces drawn from the OS per call (one call per row costs about a microsecond each).
NONCE_POOL = 4096


def sink_for(connection: sa.Connection, batch_size: int):
    """The fastest writer of voter tuples (``VOTER_COLUMNS`` order) the database offers."""
    if connection.dialect.name == "postgresql":
        return CopySink(connection)
    if connection.dialect.name == "sqlite":
        return SqliteSink(connection, batch_size)
    return CoreSink(connection, batch_size)


class CopySink:
    """One ``COPY voters FROM STDIN (FORMAT binary)`` open while rows come in."""

    def __init__(self, connection: sa.Connection) -> None:
        self.driver = connection.connection.driver_connection
        self._open: ExitStack | None = None
        self._copy = None

    def write(self, row: tuple) -> None:
        if self._open is None:
            self._open = ExitStack()
            cursor = self._open.enter_context(self.driver.cursor())
            self._copy = self._open.enter_context(
                cursor.copy(f"COPY voters ({', '.join(VOTER_COLUMNS)}) FROM STDIN (FORMAT binary)")
            )
            self._copy.set_types(VOTER_TYPES)
        self._copy.write_row(row)

    def close(self) -> None:
        """End the COPY (other statements may run on the connection afterwards)."""
        if self._open is not None:
            self._end(None)

    pause = close

    def abort(self, error: BaseException) -> None:
        """End the COPY with ``error`` (the server cancels it; the transaction rolls back)."""
        if self._open is not None:
            self._end(error)

    def _end(self, error: BaseException | None) -> None:
        stack, self._open, self._copy = self._open, None, None
        if error is None:
            stack.close()
        else:
            stack.__exit__(type(error), error, error.__traceback__)


class SqliteSink:
    """Batches of ``executemany``; SQLAlchemy stores SQLite dates as ISO text, and so do we."""

    def __init__(self, connection: sa.Connection, batch_size: int) -> None:
        self.connection = connection
        self.batch_size = batch_size
        self.batch: list[tuple] = []
        placeholders = ", ".join("?" * len(VOTER_COLUMNS))
        self.sql = f"INSERT INTO voters ({', '.join(VOTER_COLUMNS)}) VALUES ({placeholders})"

    def write(self, row: tuple) -> None:
        if not isinstance(row[6], str):
            row = (*row[:6], row[6].isoformat(), *row[7:])
        self.batch.append(row)
        if len(self.batch) >= self.batch_size:
            self.pause()

    def pause(self) -> None:
        if self.batch:
            self.connection.exec_driver_sql(self.sql, self.batch)
            self.batch = []

    close = pause

    def abort(self, error: BaseException) -> None:
        self.batch = []


class CoreSink(SqliteSink):
    """Any other database: a Core insert per batch."""

    def pause(self) -> None:
        if self.batch:
            self.connection.execute(
                sa.insert(Voter.__table__),
                [dict(zip(VOTER_COLUMNS, row, strict=True)) for row in self.batch],
            )
            self.batch = []

    close = pause


class VoterWriter:
    """Turns checked rows into voter rows of one snapshot and hands them to the sink."""

    def __init__(self, snapshot_id: int, batch_size: int) -> None:
        self.snapshot_id = snapshot_id
        self.vault = vault()
        self.connection = db.session.connection()
        # dict(result) would take the Result for a mapping (it has .keys()), hence .all().
        self.constituency_ids = dict(
            db.session.execute(sa.select(Constituency.code, Constituency.id)).all()
        )
        self.station_ids = {
            (cid, number): sid
            for sid, cid, number in db.session.execute(
                sa.select(PollingStation.id, PollingStation.constituency_id, PollingStation.number)
            )
        }
        self.counts: Counter[int] = Counter()
        self.sink = sink_for(self.connection, batch_size)
        self._nonces = b""
        self._nonce_at = 0

    def station_id(self, constituency_id: int, number: str) -> int:
        key = (constituency_id, number)
        if key not in self.station_ids:
            self.sink.pause()  # the COPY must end before another statement runs
            self.station_ids[key] = self.connection.execute(
                sa.insert(PollingStation)
                .values(constituency_id=constituency_id, number=number)
                .returning(PollingStation.id)
            ).scalar_one()
        return self.station_ids[key]

    def _nonce(self) -> bytes:
        if self._nonce_at >= len(self._nonces):
            self._nonces, self._nonce_at = os.urandom(NONCE_BYTES * NONCE_POOL), 0
        start = self._nonce_at
        self._nonce_at += NONCE_BYTES
        return self._nonces[start : self._nonce_at]

    def add(self, row: RegisterRow, iin_hash: bytes) -> None:
        constituency_id = self.constituency_ids[row.constituency_code]
        self.counts[constituency_id] += 1
        station_id = self.station_id(constituency_id, row.polling_station)
        self.sink.write(
            (
                self.snapshot_id,
                iin_hash,
                self.vault.encrypt(row.iin, self._nonce()),
                row.last_name,
                row.first_name,
                row.middle_name,
                row.birth_date,
                constituency_id,
                station_id,
                row.address,
            )
        )

    def finish(self) -> None:
        self.sink.close()

    def abort(self, error: BaseException) -> None:
        """Stop writing after ``error``; the caller rolls the transaction back."""
        self.sink.abort(error)
