"""gunicorn.conf.py: no log line of a real gunicorn carries the token of a link.

The last test starts gunicorn with the project's configuration on a free port, against the
test's database, requests every route with a secret in its path (from the URL map) with made-up
tokens, walks the real links (reset, confirmation, unsubscribe, invitation) with valid ones, as
anonymous visitor and signed in, and then searches the whole log for every token.
"""

import html
import http.cookiejar
import os
import re
import runpy
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from gunicorn.config import Config
from gunicorn.glogging import SafeAtoms

from app.config import TestingConfig
from app.extensions import db
from app.logs import REDACTED, SECRET_ARGUMENTS
from app.models.base import utcnow
from app.rules.lifecycle import PetitionStatus
from app.services.accounts.tokens import Purpose, make_token
from app.services.initiative.common import new_invitation
from app.services.notifications import preferences
from app.services.notifications.audiences import Category
from tests.factories import make_petition, make_user

ROOT = Path(__file__).resolve().parent.parent
CONF = runpy.run_path(str(ROOT / "gunicorn.conf.py"))


def test_the_access_log_written_by_gunicorn_s_logger_hides_the_token(capsys, app):
    config = Config()
    config.set("accesslog", CONF["accesslog"])
    config.set("logger_class", CONF["logger_class"])
    log = config.logger_class(config)

    log.access_log.info(
        config.access_log_format,
        SafeAtoms(
            {
                "h": "1.2.3.4",
                "r": "POST /auth/unsubscribe/SeCrEtToKeN HTTP/1.1",
                "f": "http://x/auth/reset/OtHeRsEcReT",
            }
        ),
    )

    written = capsys.readouterr().out
    assert "SeCrEtToKeN" not in written and "OtHeRsEcReT" not in written
    assert f"/auth/unsubscribe/{REDACTED}" in written and f"/auth/reset/{REDACTED}" in written


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"gunicorn stopped:\n{log.read_text()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"gunicorn did not start:\n{log.read_text()}")


@pytest.fixture
def gunicorn(app, database_url, tmp_path):
    """The project's gunicorn on a free port, one worker, on the test's database."""
    port = free_port()
    log = tmp_path / "gunicorn.log"
    env = os.environ | {
        "APP_ENV": "development",
        "DATABASE_URL": database_url,
        "SECRET_KEY": TestingConfig.SECRET_KEY,
        "DATA_KEY": TestingConfig.DATA_KEY,
        "PUBLIC_BASE_URL": f"http://127.0.0.1:{port}",
        "MAIL_BACKEND": "file",
        "MAIL_FILE_DIR": str(tmp_path / "mail"),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "1",
        "RECALL_WORKER": "0",
    }
    with open(log, "wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--error-logfile", "-"],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for(port, process, log)
        yield f"http://127.0.0.1:{port}", log
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class Browser:
    """Cookies, CSRF tokens from the pages, redirects followed; errors are answers too."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        self.csrf = ""

    def open(self, path: str, data: dict | None = None, headers: dict | None = None) -> str:
        body = None
        if data is not None:
            body = urllib.parse.urlencode({"csrf_token": self.csrf} | data).encode()
        request = urllib.request.Request(self.base + path, data=body, headers=headers or {})
        try:
            with self.opener.open(request, timeout=30) as response:
                page = response.read().decode()
        except urllib.error.HTTPError as error:
            page = error.read().decode()
        if found := re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page):
            self.csrf = html.unescape(found.group(1))
        return page


def secret_urls(app, token: str) -> list[str]:
    urls = []
    for rule in app.url_map.iter_rules():
        if SECRET_ARGUMENTS & set(rule.arguments):
            values = {name: token if name in SECRET_ARGUMENTS else 1 for name in rule.arguments}
            urls.append(rule.build(values, append_unknown=False)[1])
    return urls


def test_no_token_of_any_link_reaches_gunicorn_s_log(app, gunicorn):
    base, log = gunicorn
    now = utcnow()
    citizen = make_user(email_confirmed_at=now)
    unconfirmed = make_user()
    petition = make_petition(status=PetitionStatus.GROUP_FORMING)
    db.session.commit()
    valid = {
        "reset": make_token(citizen, Purpose.RESET_PASSWORD, now=now),
        "confirm": make_token(unconfirmed, Purpose.CONFIRM_EMAIL, now=now),
        "unsubscribe": preferences.make_token(citizen.id, Category.PROGRESS, now=now),
        "join": new_invitation(petition),
    }
    db.session.commit()
    made_up = {"plain": "MadeUpToken123", "slashed": "MadeUp%2FSlash%2FToken", "dotted": "a.b.c-_d"}

    anonymous = Browser(base)
    for token in made_up.values():
        for url in secret_urls(app, token):
            anonymous.open(url)
            anonymous.open(url, data={"password": "x"})
    anonymous.open("/", headers={"Referer": f"{base}/auth/reset/{valid['reset']}"})
    anonymous.open(f"/auth/confirm/{valid['confirm']}")
    anonymous.open(f"/auth/confirm/{valid['confirm']}", data={})
    anonymous.open(f"/auth/unsubscribe/{valid['unsubscribe']}")
    anonymous.open(f"/auth/unsubscribe/{valid['unsubscribe']}", data={})
    anonymous.open(f"/petitions/{petition.id}/join/{valid['join']}")  # sent to sign in
    anonymous.open(f"/auth/reset/{valid['reset']}")
    new_password = "a fresh and long password 2026"
    anonymous.open(
        f"/auth/reset/{valid['reset']}",
        data={"password": new_password, "password_confirm": new_password},
    )
    signed_in = Browser(base)
    signed_in.open("/auth/login")  # the route itself is under test
    signed_in.open(  # the route itself is under test
        "/auth/login", data={"email": citizen.email, "password": new_password}
    )
    signed_in.open(f"/petitions/{petition.id}/join/{valid['join']}")
    signed_in.open(f"/petitions/{petition.id}/join/{valid['join']}", data={})

    text = log.read_text()
    leaked = [name for name, token in (valid | made_up).items() if token in text]
    assert leaked == [], f"tokens in the log: {leaked}"
    assert "MadeUp" not in text and "Slash" not in text
    for path in ("/auth/reset/", "/auth/confirm/", "/auth/unsubscribe/", "/join/"):
        assert f"{path}{REDACTED}" in text, f"no redacted request to {path} in the log"
    assert f"%2Fjoin%2F{REDACTED}" in text  # the sign-in redirect's next= parameter
    assert '"POST /auth/reset/[token] HTTP/1.1" 302' in text  # the password was changed
    assert '"POST /auth/login HTTP/1.1" 302' in text  # and the citizen signed in with it
