"""Demo databases seeded once per test session and copied for each test that uses them.

``seed_demo`` takes 5-15 s, and dozens of tests only need the demo world it builds, not the act
of building it. A test marked ``@pytest.mark.seeded(voters=..., now=...)`` gets a fresh copy of a
database on which ``seed_demo(voters=..., now=...)`` really ran, once per session (per xdist
worker) and per distinct argument set: SQLite copies the seeded file, PostgreSQL makes a new
database from a seeded template (``CREATE DATABASE ... TEMPLATE``). Each test mutates its own
copy only. The seed's own tests (tests/demo/test_seed.py, tests/cli/test_seed.py) still call
``seed_demo`` themselves.
"""

import itertools
import os
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from app import create_app
from app.demo.seed import SeedReport, seed_demo
from app.extensions import db


@dataclass(frozen=True)
class Seed:
    """The arguments of one ``seed_demo`` run; ``now`` must be timezone-aware."""

    voters: int
    now: datetime

    @classmethod
    def of(cls, marker) -> "Seed":
        if marker.args or set(marker.kwargs) != {"voters", "now"}:
            raise TypeError("use @pytest.mark.seeded(voters=..., now=...)")
        if marker.kwargs["now"].tzinfo is None:
            raise TypeError("seeded(now=...) must be timezone-aware")
        return cls(marker.kwargs["voters"], marker.kwargs["now"])


def seed_into(url: str, seed: Seed) -> SeedReport:
    """Run ``seed_demo`` on the database at ``url`` (already migrated) and close every
    connection to it, so that it can be copied."""
    app = create_app("testing", DATABASE_URL=url)
    with app.app_context():
        report = seed_demo(voters=seed.voters, now=seed.now)
        db.session.remove()
        db.engine.dispose()
    return report


class SeededSqlite:
    """Seeded SQLite files of one session, copied per test."""

    def __init__(self, template: Path, directory: Path) -> None:
        self.template = template
        self.directory = directory
        self.seeded: dict[Seed, tuple[Path, SeedReport]] = {}

    def copy(self, seed: Seed, target: Path) -> SeedReport:
        if seed not in self.seeded:
            path = self.directory / f"seeded-{len(self.seeded)}.sqlite3"
            shutil.copyfile(self.template, path)
            self.seeded[seed] = (path, seed_into(f"sqlite:///{path}", seed))
        path, report = self.seeded[seed]
        shutil.copyfile(path, target)
        return report


class SeededPostgres:
    """Seeded template databases on the session's PostgreSQL server, copied per test.

    ``blank`` is a migrated, empty database nobody connects to, the source of the templates (the
    session's shared test database may still have connections a test left open).
    """

    def __init__(self, url: str, blank: str) -> None:
        self.url = make_url(url)
        self.blank = blank
        self.admin = sa.create_engine(
            self.url.set(database="postgres"), isolation_level="AUTOCOMMIT", poolclass=sa.NullPool
        )
        self.prefix = f"recall_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
        self.numbers = itertools.count()
        self.seeded: dict[Seed, tuple[str, SeedReport]] = {}

    def _create(self, name: str, template: str) -> None:
        # About 0.2 s for a 13 MB seeded database (3,000 voters), where seeding takes 3-10 s.
        with self.admin.connect() as connection:
            connection.execute(sa.text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))

    def copy(self, seed: Seed) -> tuple[str, SeedReport]:
        """A new database holding the seeded demo: its URL and the seed's report."""
        if seed not in self.seeded:
            template = f"{self.prefix}_seeded_{len(self.seeded)}"
            self._create(template, self.blank)
            report = seed_into(self.url.set(database=template).render_as_string(False), seed)
            self.seeded[seed] = (template, report)
        template, report = self.seeded[seed]
        name = f"{self.prefix}_test_{next(self.numbers)}"
        self._create(name, template)
        return self.url.set(database=name).render_as_string(False), report

    def drop(self, url: str) -> None:
        name = make_url(url).database
        with self.admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE "{name}" WITH (FORCE)'))

    def close(self) -> None:
        # The templates go with the session's server (tests/support/postgres.py deletes it).
        self.admin.dispose()
