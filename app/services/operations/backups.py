"""Use cases: a consistent backup of the whole database, and restoring one.

SQLite: the online backup API (``sqlite3.Connection.backup``) copies a consistent snapshot
while the site runs, and restores by the same API page by page into the live file. PostgreSQL:
``pg_dump --format=custom`` (a consistent snapshot too), restored by ``pg_restore --clean
--single-transaction``, so a failed restore leaves the database as it was. The client programs
come from ``PATH`` or the Debian packages' ``/usr/lib/postgresql/<version>/bin``.

A restore is audited afterwards (which file, its SHA-256) and the audit chain is verified, so
the log says when the data went back in time. Restore while the site is stopped: pages served
during a restore would mix the old and the new data.
"""

import glob
import hashlib
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa
from flask_babel import gettext as _

from app.database import transaction
from app.extensions import db
from app.services.audit import chain as audit

SQLITE_SUFFIX = ".sqlite3"
POSTGRES_SUFFIX = ".pgdump"


class BackupError(Exception):
    """The backup or the restore could not be done; a failed restore changed nothing."""


@dataclass(frozen=True)
class Backup:
    path: Path
    size: int
    sha256: str


@dataclass(frozen=True)
class Restored:
    backup: Backup
    #: The migration the restored data is at, and the one this code expects.
    revision: str | None
    head: str | None
    chain: audit.ChainReport


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _described(path: Path) -> Backup:
    return Backup(path, path.stat().st_size, sha256_of(path))


def _url() -> sa.URL:
    return db.engine.url


def _client(program: str) -> str:
    """``pg_dump`` or ``pg_restore``: from PATH, else the newest Debian package's."""
    found = shutil.which(program)
    if found:
        return found
    packaged = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{program}"), reverse=True)
    if packaged:
        return packaged[0]
    raise BackupError(
        _("%(program)s was not found: install the PostgreSQL client programs.", program=program)
    )


def _run(command: list[str]) -> None:
    url = _url()
    env = os.environ | ({"PGPASSWORD": url.password} if url.password else {})
    finished = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if finished.returncode != 0:
        raise BackupError(
            _(
                "%(program)s failed: %(error)s",
                program=Path(command[0]).name,
                error=finished.stderr.strip()[-2000:],
            )
        )


def _libpq_url() -> str:
    """The database as the PostgreSQL client programs name it (password via PGPASSWORD)."""
    url = _url().set(drivername="postgresql", password=None)
    return url.render_as_string(hide_password=False)


def create_backup(directory: Path | str, *, now: datetime) -> Backup:
    """Write a consistent copy of the whole database into ``directory``; returns it."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    dialect = _url().get_backend_name()
    if dialect == "sqlite":
        target = directory / f"recall-{stamp}{SQLITE_SUFFIX}"
        _sqlite_copy(_sqlite_path(), target)
    elif dialect == "postgresql":
        target = directory / f"recall-{stamp}{POSTGRES_SUFFIX}"
        _run([_client("pg_dump"), "--format=custom", f"--file={target}", _libpq_url()])
    else:
        raise BackupError(_("Backups support SQLite and PostgreSQL only."))
    return _described(target)


def _sqlite_path() -> Path:
    database = _url().database
    if not database or database == ":memory:":
        raise BackupError(_("An in-memory database cannot be backed up."))
    return Path(database)


def _sqlite_copy(source: Path, target: Path) -> None:
    # The engine's own connections are left alone: the backup API reads a consistent snapshot
    # even while they write, restarting the copy if a write lands in between.
    with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as origin:
        destination = sqlite3.connect(target)
        try:
            origin.backup(destination)
        finally:
            destination.close()


def _check_sqlite_backup(path: Path) -> str | None:
    """The backup's migration revision; ``BackupError`` if it is no database of ours."""
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as backup:
            if backup.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise BackupError(_("The backup file is damaged (integrity check failed)."))
            row = backup.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        raise BackupError(_("This file is not a backup of this application's database.")) from None
    return row[0] if row else None


def restore_backup(path: Path | str, *, actor_label: str = "cli", now: datetime) -> Restored:
    """Replace the whole database with the backup at ``path``, audit it, verify the chain."""
    path = Path(path)
    backup = _described(path)
    dialect = _url().get_backend_name()
    db.session.remove()
    db.engine.dispose()  # no pooled connection may hold the old data or a lock
    if dialect == "sqlite":
        if path.suffix != SQLITE_SUFFIX:
            raise BackupError(_("A SQLite database is restored from a .sqlite3 backup."))
        _check_sqlite_backup(path)
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as origin:
            destination = sqlite3.connect(_sqlite_path())
            try:
                origin.backup(destination)
            finally:
                destination.close()
    elif dialect == "postgresql":
        if path.suffix != POSTGRES_SUFFIX:
            raise BackupError(_("A PostgreSQL database is restored from a .pgdump backup."))
        _run(
            [
                _client("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                f"--dbname={_libpq_url()}",
                str(path),
            ]
        )
    else:
        raise BackupError(_("Backups support SQLite and PostgreSQL only."))
    with transaction():
        audit.record(
            "backup.restored",
            "dataset",
            None,
            actor_label=actor_label,
            details={"file": path.name, "sha256": backup.sha256, "at": now.isoformat()},
            at=now,
        )
    revision = db.session.scalar(sa.text("SELECT version_num FROM alembic_version"))
    return Restored(backup, revision, _head(), audit.verify_chain())


def _head() -> str | None:
    from alembic.script import ScriptDirectory
    from flask import current_app

    directory = current_app.extensions["migrate"].directory
    return ScriptDirectory(directory).get_current_head()
