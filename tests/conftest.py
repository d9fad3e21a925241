"""Shared fixtures: an app per test on a migrated database, SQLite and PostgreSQL alike.

Every test that asks for ``app`` runs twice, once per database. The schema always comes from the
migrations, never from ``create_all``. Isolation: SQLite tests get a copy of a migrated template
file; PostgreSQL tests share one migrated database that is truncated after each test. A test
marked ``@pytest.mark.seeded(voters=..., now=...)`` gets its own copy of a database the demo seed
ran on once per session (tests/support/seeded.py), and the seed's report as ``seed_report``.
"""

import os
import shutil
import tempfile
import threading
from pathlib import Path

import flask_babel
import pytest
import sqlalchemy as sa
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import g
from flask_migrate import upgrade
from werkzeug.serving import make_server

from app import create_app
from app.extensions import db
from tests.support.auth import AuthActions
from tests.support.mail import Mailbox
from tests.support.postgres import TemporaryPostgres, find_bindir
from tests.support.redis import TemporaryRedis
from tests.support.requirements import in_ci, missing
from tests.support.scheduling import SharedSetupScheduling
from tests.support.seeded import Seed, SeededPostgres, SeededSqlite, seed_into

BACKENDS = ("sqlite", "postgresql")
#: A migrated, empty database on our own PostgreSQL server that nobody connects to: the source of
#: the seeded demo templates.
POSTGRES_BLANK = "recall_blank"
TRANSLATIONS = Path(__file__).resolve().parent.parent / "app" / "translations"


def compile_catalog(po: Path) -> None:
    """Write ``po``'s .mo beside it (what ``pybabel compile`` does), atomically: several
    pytest-xdist workers may compile the same catalog at once."""
    mo = po.with_suffix(".mo")
    with po.open("rb") as source:
        catalog = read_po(source)
    handle, temporary = tempfile.mkstemp(dir=po.parent, suffix=".mo.tmp")
    try:
        os.chmod(temporary, 0o644)
        with os.fdopen(handle, "wb") as target:
            write_mo(target, catalog)
        os.replace(temporary, mo)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@pytest.fixture(scope="session", autouse=True)
def compiled_translations():
    """Compile each catalog whose .mo is missing or older than its .po (``make`` does this with
    ``pybabel compile``; the .mo files are not in git), so that plain ``pytest`` works too."""
    for po in sorted(TRANSLATIONS.glob("*/LC_MESSAGES/messages.po")):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            compile_catalog(po)


def migrated(url: str) -> None:
    app = create_app("testing", DATABASE_URL=url)
    with app.app_context():
        upgrade()
        db.engine.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    migrated(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def postgres_url():
    """A migrated PostgreSQL database: ``TEST_POSTGRES_URL`` if given, else a server of our own."""
    given = os.environ.get("TEST_POSTGRES_URL")
    if given:
        migrated(given)
        yield given
        return
    bindir = find_bindir()
    if bindir is None:
        missing("PostgreSQL server binaries (Debian package postgresql) are not installed")
    server = TemporaryPostgres(bindir)
    server.start()
    try:
        engine = sa.create_engine(server.url(), isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.execute(sa.text("CREATE DATABASE recall_test"))
        engine.dispose()
        url = server.url("recall_test")
        migrated(url)
        with engine.connect() as connection:
            connection.execute(sa.text(f"CREATE DATABASE {POSTGRES_BLANK} TEMPLATE recall_test"))
        engine.dispose()
        yield url
    finally:
        server.stop()


@pytest.fixture(scope="session")
def redis_url():
    """A redis-server of our own for the whole session (``TEST_REDIS_URL`` if given)."""
    given = os.environ.get("TEST_REDIS_URL")
    if given:
        yield given
        return
    server = TemporaryRedis.find()
    if server is None:
        missing("redis-server (Debian package redis-server) is not installed")
    server.start()
    try:
        yield server.url
    finally:
        server.stop()


def truncate_all(url: str) -> None:
    tables = ", ".join(table.name for table in db.metadata.sorted_tables)
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        # Replica mode skips triggers, including the audit log's refusal to be truncated.
        connection.execute(sa.text("SET session_replication_role = replica"))
        connection.execute(sa.text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    engine.dispose()


@pytest.fixture(scope="session")
def seeded_sqlite(sqlite_template, tmp_path_factory):
    return SeededSqlite(sqlite_template, tmp_path_factory.mktemp("seeded"))


@pytest.fixture(scope="session")
def seeded_postgres(postgres_url):
    """Seeded templates on our own server; None on a ``TEST_POSTGRES_URL`` server, where the
    seeded tests run ``seed_demo`` in the shared database instead (no CREATE DATABASE there)."""
    if os.environ.get("TEST_POSTGRES_URL"):
        yield None
        return
    seeded = SeededPostgres(postgres_url, POSTGRES_BLANK)
    yield seeded
    seeded.close()


@pytest.fixture(params=BACKENDS)
def database_url(request, tmp_path):
    marker = request.node.get_closest_marker("seeded")
    seed = Seed.of(marker) if marker else None
    if request.param == "sqlite":
        path = tmp_path / "test.sqlite3"
        if seed:
            request.node.seed_report = request.getfixturevalue("seeded_sqlite").copy(seed, path)
        else:
            shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite:///{path}"
        return
    url = request.getfixturevalue("postgres_url")
    seeded = request.getfixturevalue("seeded_postgres") if seed else None
    if seeded:
        copy, request.node.seed_report = seeded.copy(seed)
        yield copy
        seeded.drop(copy)
        return
    if seed:
        request.node.seed_report = seed_into(url, seed)
    yield url
    truncate_all(url)


@pytest.fixture
def seed_report(request, database_url):
    """What ``seed_demo`` reported when it loaded this ``seeded`` test's demo world."""
    report = getattr(request.node, "seed_report", None)
    assert report is not None, "seed_report needs @pytest.mark.seeded(voters=..., now=...)"
    return report


@pytest.fixture
def app(database_url, request):
    """The app on this test's database; ``@pytest.mark.app_config(KEY=value)`` overrides
    settings, e.g. ``BABEL_DEFAULT_LOCALE="kk"`` for the real visitor's default language."""
    marker = request.node.get_closest_marker("app_config")
    overrides = marker.kwargs if marker else {}
    app = create_app("testing", DATABASE_URL=database_url, **overrides)

    @app.before_request
    def _fresh_request_state():
        # The test's app context outlives its requests, and Flask-Login and Flask-Babel cache
        # the user and the locale on it; a real server starts every request without them.
        g.pop("_login_user", None)
        flask_babel.refresh()

    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def live_server(app):
    """The app served on a free local port from a background thread; yields the base URL.

    Requests are handled in the server's threads, each with its own app context and database
    session: data made by a test must be committed before the browser asks for it.
    """
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def auth(client) -> AuthActions:
    """Sign users in and out of ``client`` (``auth.on(other_client)`` for another one)."""
    return AuthActions(client)


@pytest.fixture
def mailbox(app, tmp_path) -> Mailbox:
    """Mail goes out as each request ends, as .eml files in a directory of this test's own."""
    directory = tmp_path / "mail"
    app.config.update(MAIL_BACKEND="file", MAIL_FILE_DIR=str(directory), MAIL_DELIVERY="immediate")
    return Mailbox(directory)


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


def pytest_collection_modifyitems(config, items):
    """The ``long_running`` tests first: started last, one of them would keep a worker busy
    alone at the end of ``pytest -n`` while the other has finished (the scheduler below hands
    out the groups of tests sharing a setup before them)."""
    items.sort(key=lambda item: item.get_closest_marker("long_running") is None)


@pytest.hookimpl(tryfirst=True, optionalhook=True)  # before xdist's own scheduler
def pytest_xdist_make_scheduler(config, log):
    """``pytest -n N`` (xdist's ``load``, or ``loadgroup``) hands the tests out with the groups
    of tests/support/scheduling.py; an explicit other ``--dist`` keeps xdist's own."""
    if config.getvalue("dist") in ("load", "loadgroup"):
        return SharedSetupScheduling(config, log)
    return None


def pytest_sessionfinish(session, exitstatus):
    """Under CI nothing may be skipped: a skip there means a part of the suite did not run."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if in_ci() and skipped and exitstatus == 0:
        reporter.write_line(f"CI=true: {len(skipped)} skipped test(s) count as failures", red=True)
        session.exitstatus = 1
