"""Use case: import a voter register file as a new snapshot and make it the active register."""

import csv
from collections import Counter
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from flask import current_app

from app.extensions import db
from app.models import RegisterSnapshot
from app.models.base import utcnow
from app.services.audit import chain as audit
from app.services.register.activation import same_file, switch_active
from app.services.register.compact import IinSet, RejectList
from app.services.register.counts import count_voters
from app.services.register.guard import RegisterShrinkRefused, guard_replacement
from app.services.register.reader import (
    RegisterFile,
    RegisterRow,
    RejectReason,
    RowChecker,
    file_checksum,
)
from app.services.register.writer import VoterWriter
from app.services.review.recheck import recheck_in_transaction

SQLITE_IMPORT_CACHE_KIB = 256 * 1024


@dataclass
class ImportResult:
    snapshot: RegisterSnapshot | None
    imported: int = 0
    rejected: int = 0
    already_imported: bool = False
    #: The file was imported before as an inactive snapshot, which is the active one again.
    reactivated: bool = False
    #: ``(line, reason)`` in file order (compact: a broken file may reject millions of rows).
    rejects: RejectList = field(default_factory=RejectList)

    @property
    def reasons(self) -> Counter:
        return self.rejects.counts


def import_register(
    path: Path | str,
    snapshot_date: date,
    *,
    report_path: Path | str | None = None,
    actor_label: str = "cli",
    progress: Callable[[int], None] | None = None,
    now: datetime | None = None,
    allow_shrink: bool = False,
) -> ImportResult:
    """Import ``path`` as the register on ``snapshot_date``; one transaction, all or nothing.

    Bad rows are rejected and listed (``report_path`` gets ``line,reason``); the rest become the
    new snapshot, which replaces the active one only at commit, so readers see the old register
    until the whole file is in. A file imported before is not loaded again (see
    ``activation.same_file``). ``RegisterFileError`` means the file as a whole is unusable, or
    (``RegisterShrinkRefused``) that it would empty or shrink the register and ``allow_shrink``
    was not given; nothing is changed then either.
    """
    path = Path(path)
    checksum = file_checksum(path)
    if (earlier := same_file(checksum, snapshot_date, allow_shrink, actor_label, now)) is not None:
        snapshot, reactivated = earlier
        return ImportResult(snapshot=snapshot, already_imported=True, reactivated=reactivated)
    try:
        with RegisterFile(path) as register_file, _large_page_cache():
            result = _load(register_file, path, checksum, snapshot_date, actor_label, progress)
            shrink = guard_replacement(result.snapshot.id, allow_shrink=allow_shrink)
            switch_active(result.snapshot)
            _audit_import(result, checksum, snapshot_date, actor_label, shrink, allow_shrink)
            recheck_in_transaction(result.snapshot.id, now or utcnow(), actor_label=actor_label)
            db.session.commit()
    except RegisterShrinkRefused:
        db.session.rollback()
        if report_path is not None:  # why the rows were rejected is what the operator needs
            write_report(report_path, result.rejects)
        raise
    except BaseException:
        db.session.rollback()
        raise
    if report_path is not None:
        write_report(report_path, result.rejects)
    return result


def _load(register_file, path, checksum, snapshot_date, actor_label, progress) -> ImportResult:
    snapshot = RegisterSnapshot(
        snapshot_date=snapshot_date,
        source_checksum=checksum,
        source_name=path.name[:255],
        row_count=0,
        imported_count=0,
        rejected_count=0,
        is_active=False,
    )
    db.session.add(snapshot)
    db.session.flush()
    writer = VoterWriter(snapshot.id, current_app.config["REGISTER_IMPORT_BATCH"])
    checker = RowChecker(snapshot_date, writer.constituency_ids)
    result = ImportResult(snapshot=snapshot)
    seen = IinSet()
    reported = 0
    try:
        for count, (line, values) in enumerate(register_file.records()):
            if progress is not None and count % 10_000 == 0:
                progress(register_file.bytes_read - reported)
                reported = register_file.bytes_read
            checked = RejectReason.MALFORMED_ROW if values is None else checker.check(line, values)
            if isinstance(checked, RegisterRow):
                if seen.add(checked.iin, checked.birth_date):
                    writer.add(checked, writer.vault.lookup_hash(checked.iin))
                    continue
                checked = RejectReason.DUPLICATE_IIN
            result.rejects.append(line, checked)
        writer.finish()
    except BaseException as error:
        writer.abort(error)
        raise
    finally:
        seen.close()
    if progress is not None:
        progress(register_file.size - reported)

    result.imported = sum(writer.counts.values())
    result.rejected = len(result.rejects)
    snapshot.imported_count = result.imported
    snapshot.rejected_count = result.rejected
    snapshot.row_count = result.imported + result.rejected
    count_voters(snapshot.id, home=writer.counts)
    return result


def _audit_import(result, checksum, snapshot_date, actor_label, shrink, allow_shrink) -> None:
    audit.record(
        "register.imported",
        "register_snapshot",
        result.snapshot.id,
        actor_label=actor_label,
        details={
            "file": result.snapshot.source_name,
            "sha256": checksum,
            "snapshot_date": snapshot_date.isoformat(),
            "imported": result.imported,
            "rejected": result.rejected,
            "reasons": dict(result.reasons),
            **shrink.audit_details(allow_shrink),
        },
    )


@contextmanager
def _large_page_cache():
    """Give SQLite a 256 MB page cache while the import runs.

    The unique index on the IIN hash takes keys in random order; once it outgrows SQLite's
    default 2 MB cache every insert reads pages from disk and the import slows down twofold.
    """
    connection = db.session.connection()
    if connection.dialect.name != "sqlite":
        yield
        return
    # The driver connection outlives the session's transaction, so the reset reaches the very
    # connection that got the large cache, even after the commit handed it back to the pool.
    driver = connection.connection.driver_connection
    previous = int(driver.execute("PRAGMA cache_size").fetchone()[0])
    driver.execute(f"PRAGMA cache_size = -{SQLITE_IMPORT_CACHE_KIB}")
    try:
        yield
    finally:
        driver.execute(f"PRAGMA cache_size = {previous}")


def write_report(path: Path | str, rejects: Iterable[tuple[int, RejectReason]]) -> None:
    """The rejects as CSV ``line,reason``, in file order."""
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["line", "reason"])
        writer.writerows((line, reason.value) for line, reason in rejects)
