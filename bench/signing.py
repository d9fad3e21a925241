"""Online signing over HTTP under gunicorn, against a bare insert endpoint as the ceiling.

Issue 4 goals: at least 300 signatures/s, p99 at most 250 ms, at least 0.4 of the ceiling.
Set-up (not timed): a SQLite database in WAL mode with durable commits (synchronous=FULL), one
petition collecting, and VOTERS verified citizens of its constituency. Then gunicorn serves the
app with 2 workers. Each client thread is a browser: it signs in (GET the form for the CSRF
token, POST the credentials), then, timed, opens the petition page and posts the signature form.
Every voter signs once. The ceiling run posts to ``/bench/insert`` at the same concurrency.
"""

import http.client
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode

import sqlalchemy as sa
from flask_migrate import upgrade
from werkzeug.security import generate_password_hash

from app import create_app
from app.extensions import db
from app.models import (
    Body,
    BodyKind,
    Constituency,
    Deputy,
    Petition,
    Region,
    RegionKind,
    Role,
    User,
    Voter,
)
from app.rules.lifecycle import PetitionStatus
from app.services.petitions import change_status
from app.services.register_generator import write_synthetic_register
from app.services.register_import import import_register

DATA_KEY = "benchmark-data-key-0123456789abcdef"
PASSWORD = "bench-password-123"
CONCURRENCY = 16
WORKERS = 2
THREADS = 4
CSRF = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')


def _prepare(db_path: Path, voters: int) -> int:
    """Build the database; return the petition id."""
    app = create_app(
        "development",
        DATABASE_URL=f"sqlite:///{db_path}",
        SECRET_KEY="benchmark-secret-key-0123456789abcdef",
        DATA_KEY=DATA_KEY,
    )
    with app.app_context():
        upgrade()
        db.session.execute(
            sa.text("CREATE TABLE bench_rows (id INTEGER PRIMARY KEY, payload TEXT)")
        )
        region = Region(code="bench", kind=RegionKind.OBLAST, name="Bench region")
        body = Body(
            code="bench",
            kind=BodyKind.DISTRICT_MASLIKHAT,
            name="Bench maslikhat",
            region=region,
            rule_set_code="kz-maslikhat-2023",
            total_seats=1,
            single_mandate_seats=1,
        )
        seat = Constituency(code="BENCH-01", number=1, body=body, region=region, name="Bench 1")
        deputy = Deputy(
            full_name="Bench Deputy",
            constituency=seat,
            election_date=datetime(2023, 3, 19).date(),
            mandate_start=datetime(2023, 3, 29).date(),
            mandate_end=datetime(2028, 3, 19).date(),
        )
        db.session.add_all([region, body, seat, deputy])
        db.session.commit()
        with tempfile.TemporaryDirectory() as tmp:
            register = Path(tmp) / "register.csv"
            write_synthetic_register(register, ["BENCH-01"], voters, seed=7)
            import_register(register, datetime(2026, 10, 1).date())
        now = datetime.now(UTC)
        petition = Petition(
            deputy=deputy,
            constituency=seat,
            rule_set_code="kz-maslikhat-2023",
            rule_set_version=1,
            statement="Benchmark.",
            status=PetitionStatus.FILED,
            filed_at=now - timedelta(days=2),
        )
        db.session.add(petition)
        db.session.commit()
        change_status(
            petition.id, PetitionStatus.COLLECTING, now=now - timedelta(hours=1), reason="benchmark"
        )
        # A cheap hash keeps the set-up short; signing, not sign-in, is measured.
        password_hash = generate_password_hash(PASSWORD, method="pbkdf2:sha256:1000")
        hashes = db.session.scalars(sa.select(Voter.iin_hash).order_by(Voter.id)).all()
        db.session.execute(
            sa.insert(User),
            [
                {
                    "email": f"voter{n}@bench.example",
                    "password_hash": password_hash,
                    "role": Role.CITIZEN,
                    "display_name": f"Voter {n}",
                    "active": True,
                    "created_at": now,
                    "email_confirmed_at": now,
                    "voter_hash": voter_hash,
                    "verified_at": now,
                    "verification_failures": 0,
                }
                for n, voter_hash in enumerate(hashes)
            ],
        )
        db.session.commit()
        petition_id = petition.id
        db.engine.dispose()
    return petition_id


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Browser:
    """One client: a keep-alive connection and a session cookie."""

    def __init__(self, port: int) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.cookie = ""

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, str]:
        headers = {"Cookie": self.cookie} if self.cookie else {}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        text = response.read().decode()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie" and value.startswith("session="):
                self.cookie = value.split(";", 1)[0]
        return response.status, text

    def sign_in(self, email: str) -> None:
        _, page = self.request("GET", "/auth/login")
        token = CSRF.search(page).group(1)
        status, _ = self.request(
            "POST", "/auth/login", {"csrf_token": token, "email": email, "password": PASSWORD}
        )
        if status != 302:
            raise RuntimeError(f"sign-in failed for {email}: {status}")


def _run_clients(count: int, work) -> tuple[float, list[float], int]:
    """Run ``work(index)`` for each index on CONCURRENCY threads: (seconds, latencies, errors)."""
    indexes = iter(range(count))
    lock = threading.Lock()
    latencies: list[float] = []
    errors = [0]

    def loop():
        while True:
            with lock:
                index = next(indexes, None)
            if index is None:
                return
            try:
                latency = work(index)
            except Exception:
                with lock:
                    errors[0] += 1
                continue
            with lock:
                latencies.append(latency)

    threads = [threading.Thread(target=loop) for _ in range(CONCURRENCY)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started, latencies, errors[0]


def _percentile(values: list[float], share: float) -> float:
    return statistics.quantiles(values, n=1000)[int(share * 1000) - 1] if len(values) > 1 else 0


def run(rows: int) -> dict:
    voters = int(os.environ.get("BENCH_SIGNERS", "3000"))
    tmp = Path(tempfile.mkdtemp(prefix="recall-sign-bench-"))
    server = None
    try:
        db_path = tmp / "bench.sqlite3"
        petition_id = _prepare(db_path, voters)
        port = _free_port()
        env = {
            **os.environ,
            "BENCH_DATABASE_URL": f"sqlite:///{db_path}",
            "BENCH_DATA_KEY": DATA_KEY,
        }
        server = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "--workers",
                str(WORKERS),
                "--threads",
                str(THREADS),
                "--bind",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
                "bench.signing_app:app",
            ],
            env=env,
            cwd=Path(__file__).parent.parent,
        )
        _wait_for(port)
        browsers = [Browser(port) for _ in range(voters)]
        login_seconds, _, login_errors = _run_clients(
            voters, lambda i: browsers[i].sign_in(f"voter{i}@bench.example") or 0.0
        )

        def sign(index: int) -> float:
            browser = browsers[index]
            started = time.perf_counter()
            _, page = browser.request("GET", f"/petitions/{petition_id}")
            token = CSRF.search(page).group(1)
            status, _ = browser.request(
                "POST", f"/petitions/{petition_id}/sign", {"csrf_token": token, "confirm": "y"}
            )
            if status >= 400:
                raise RuntimeError(status)
            return time.perf_counter() - started

        sign_seconds, sign_latencies, sign_errors = _run_clients(voters, sign)
        local = threading.local()

        def insert(index: int) -> float:
            if not hasattr(local, "browser"):
                local.browser = Browser(port)
            started = time.perf_counter()
            status, _ = local.browser.request("POST", "/bench/insert", {})
            if status != 200:
                raise RuntimeError(status)
            return time.perf_counter() - started

        ceiling_seconds, ceiling_latencies, ceiling_errors = _run_clients(voters, insert)
        signed = _count_signatures(db_path)
    finally:
        if server is not None:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
        shutil.rmtree(tmp, ignore_errors=True)

    sign_rate = len(sign_latencies) / sign_seconds
    ceiling_rate = len(ceiling_latencies) / ceiling_seconds
    figures = {
        "server": f"gunicorn gthread, {WORKERS} workers x {THREADS} threads; SQLite WAL, "
        "synchronous=FULL",
        "clients": CONCURRENCY,
        "voters": voters,
        "sign_in_per_second": round(voters / login_seconds),
        "signatures_stored": signed,
        "signatures_per_second": round(sign_rate),
        "sign_p50_ms": round(1000 * statistics.median(sign_latencies), 1),
        "sign_p99_ms": round(1000 * _percentile(sign_latencies, 0.99), 1),
        "errors": login_errors + sign_errors + ceiling_errors,
        "ceiling_inserts_per_second": round(ceiling_rate),
        "ceiling_p99_ms": round(1000 * _percentile(ceiling_latencies, 0.99), 1),
        "ratio_to_ceiling": round(sign_rate / ceiling_rate, 2),
        "note": "a signature = GET the petition page + POST the signature form (both timed)",
        "goal": ">= 300 signatures/s, p99 <= 250 ms, >= 0.4 of the ceiling",
    }
    print("online signing over HTTP")
    for key, value in figures.items():
        print(f"  {key:28s} {value}")
    return figures


def _wait_for(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


def _count_signatures(db_path: Path) -> int:
    engine = sa.create_engine(f"sqlite:///{db_path}")
    with engine.connect() as connection:
        count = connection.execute(sa.text("SELECT count(*) FROM signatures")).scalar()
    engine.dispose()
    return count
