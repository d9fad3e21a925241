"""Signing load against a running cluster, for the cluster test and the crash benchmark.

Voters sign in over HTTP as a browser does and post the signature form. A signature counts as
acknowledged only when the app answered with its redirect to the receipt and the session
cookie of that answer carries the "signature recorded" (or "already signed") flash with the
receipt code: that is what the voter saw. The codes are read from the signed cookie with the
cluster's SECRET_KEY, so the check is "every receipt a voter was shown is in the database".
"""

import http.client
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlencode, urlsplit

import sqlalchemy as sa
from flask import Flask
from flask.sessions import SecureCookieSessionInterface
from werkzeug.security import generate_password_hash

PASSWORD = "cluster-voter-password"
CSRF = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')
#: A receipt code (``XXXXX-XXXXX``, app/services/signing/receipts.py) in the flash, whatever the
#: voter's language.
RECEIPT = re.compile(r"\b([2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5})\b")


class Browser:
    """One visitor: a session cookie and a CSRF token, usable against any node."""

    def __init__(self, timeout: float = 30) -> None:
        self.cookie = ""
        self.csrf = ""
        self.timeout = timeout

    def request(self, base: str, method: str, path: str, form: dict | None = None):
        """``(status, headers, body)``; a fresh connection per request (nodes may die)."""
        parts = urlsplit(base)
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=self.timeout)
        headers = {"Cookie": self.cookie} if self.cookie else {}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode()
            return response.status, dict(response.getheaders()), text
        finally:
            connection.close()

    def sign_in(self, base: str, email: str, password: str = PASSWORD) -> None:
        _, headers, page = self.request(base, "GET", "/auth/login")
        self._keep_cookie(headers)
        self.csrf = CSRF.search(page).group(1)
        status, headers, _ = self.request(
            base,
            "POST",
            "/auth/login",
            {"csrf_token": self.csrf, "email": email, "password": password},
        )
        if status != 302:
            raise RuntimeError(f"sign-in of {email} answered {status}")
        self._keep_cookie(headers)

    def _keep_cookie(self, headers: dict) -> None:
        value = headers.get("Set-Cookie", "")
        if value.startswith("session="):
            self.cookie = value.split(";", 1)[0]

    def sign(self, base: str, petition_id: int, receipts: "ReceiptReader") -> str | None:
        """POST the signature form; the receipt code the voter was shown, or None."""
        status, headers, _ = self.request(
            base,
            "POST",
            f"/petitions/{petition_id}/sign",
            {"confirm": "y", "csrf_token": self.csrf},
        )
        if status != 302 or not headers.get("Location", "").endswith("/receipt"):
            return None
        return receipts.read(headers.get("Set-Cookie", ""))


class ReceiptReader:
    """Reads the receipt code flashed into a session cookie signed with the cluster's key."""

    def __init__(self, secret_key: str) -> None:
        app = Flask("cluster-load")
        app.secret_key = secret_key
        self.serializer = SecureCookieSessionInterface().get_signing_serializer(app)

    def messages(self, set_cookie: str) -> list[str]:
        if not set_cookie.startswith("session="):
            return []
        value = set_cookie.split(";", 1)[0][len("session=") :]
        return [message for _category, message in self.serializer.loads(value).get("_flashes", [])]

    def read(self, set_cookie: str) -> str | None:
        for message in self.messages(set_cookie):
            found = RECEIPT.search(message)
            if found:
                return found.group(1)
        return None


def add_verified_voters(app, petition_id: int, count: int) -> list[str]:
    """Accounts for up to ``count`` voters of the petition's constituency on the active register
    who have no account yet, verified and confirmed; their email addresses."""
    from app.extensions import db
    from app.models import Petition, RegisterSnapshot, Role, User, Voter

    with app.app_context():
        petition = db.session.get(Petition, petition_id)
        taken = sa.select(User.voter_hash).where(User.voter_hash.is_not(None))
        hashes = db.session.scalars(
            sa.select(Voter.iin_hash)
            .join(RegisterSnapshot, RegisterSnapshot.id == Voter.snapshot_id)
            .where(
                RegisterSnapshot.is_active,
                Voter.constituency_id == petition.constituency_id,
                Voter.iin_hash.not_in(taken),
            )
            .order_by(Voter.id)
            .limit(count)
        ).all()
        now = datetime.now(UTC)
        # A cheap hash: sign-in is set-up here, not what is measured or tested.
        password_hash = generate_password_hash(PASSWORD, method="pbkdf2:sha256:1000")
        emails = [
            f"load-voter-{n}-{now.timestamp():.0f}@cluster.example" for n in range(len(hashes))
        ]
        db.session.execute(
            sa.insert(User),
            [
                {
                    "email": email,
                    "password_hash": password_hash,
                    "role": Role.CITIZEN,
                    "display_name": email.split("@")[0],
                    "active": True,
                    "created_at": now,
                    "email_confirmed_at": now,
                    "voter_hash": voter_hash,
                    "verified_at": now,
                    "verification_failures": 0,
                }
                for email, voter_hash in zip(emails, hashes, strict=True)
            ],
        )
        db.session.commit()
        db.engine.dispose()
    return emails


def run_threads(count: int, threads: int, work: Callable[[int], None]) -> None:
    """``work(i)`` for i in range(count) on ``threads`` threads."""
    indexes = iter(range(count))
    lock = threading.Lock()

    def loop() -> None:
        while True:
            with lock:
                index = next(indexes, None)
            if index is None:
                return
            work(index)

    pool = [threading.Thread(target=loop) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()


@dataclass
class LoadResult:
    #: Receipt codes the voters were shown (acknowledged signatures).
    acknowledged: list[str] = field(default_factory=list)
    #: Requests that failed or got no receipt (refused connection, 502, reset ...).
    unacknowledged: int = 0
    seconds: float = 0.0


def signing_load(
    browsers: list[Browser],
    petition_id: int,
    targets: list[str],
    receipts: ReceiptReader,
    *,
    threads: int = 8,
    during: Callable[[], None] | None = None,
    after_requests: int = 0,
) -> LoadResult:
    """Every browser signs once, spread round-robin over ``targets``; ``during()`` is called
    (once, from its own thread) after ``after_requests`` requests have been answered."""
    result = LoadResult()
    lock = threading.Lock()
    answered = [0]
    fired = threading.Event()
    action = None

    def work(index: int) -> None:
        nonlocal action
        try:
            code = browsers[index].sign(targets[index % len(targets)], petition_id, receipts)
        except OSError:
            code = None
        with lock:
            if code is None:
                result.unacknowledged += 1
            else:
                result.acknowledged.append(code)
            answered[0] += 1
            if during is not None and answered[0] >= after_requests and not fired.is_set():
                fired.set()
                action = threading.Thread(target=during)
                action.start()

    started = time.perf_counter()
    run_threads(len(browsers), threads, work)
    result.seconds = time.perf_counter() - started
    if action is not None:
        action.join()
    return result
