"""Online signing over HTTP under gunicorn, against a bare insert endpoint as the ceiling.

Issue 4 goals: at least 300 signatures/s, p99 at most 250 ms, at least 0.4 of the ceiling.
Set-up (not timed): a SQLite database in WAL mode with durable commits (synchronous=FULL), one
petition collecting, and BENCH_SIGNERS verified citizens of its constituency; gunicorn serves the
app with 2 workers. Every voter signs in over HTTP as a browser does (GET the form for the CSRF
token, POST the credentials). Timed: wrk posts the signature form, each request as a different
signed-in voter with its session cookie and CSRF token, for DURATION seconds; the rate is the
signatures the database holds afterwards over that time. The ceiling run posts to
``/bench/insert`` with the same wrk settings. Needs wrk (Debian package ``wrk``).
"""

import http.client
import os
import re
import shutil
import signal
import socket
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
from app.services.petitions.commands import change_status
from app.services.register.generator import write_synthetic_register
from app.services.register.importer import import_register

DATA_KEY = "benchmark-data-key-0123456789abcdef"
BENCH_SECRET = "benchmark-secret-key-0123456789abcdef"
PASSWORD = "bench-password-123"
CONCURRENCY = 16
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
THREADS = int(os.environ.get("BENCH_THREADS", "1"))
WRK_THREADS = 2
DURATION = 10
CSRF = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')


def _prepare(db_path: Path | str, voters: int, *, secret_key: str = BENCH_SECRET) -> int:
    """Build the database (a SQLite file, or a database URL); return the petition id."""
    url = db_path if isinstance(db_path, str) else f"sqlite:///{db_path}"
    app = create_app("development", DATABASE_URL=url, SECRET_KEY=secret_key, DATA_KEY=DATA_KEY)
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
        self.csrf = ""

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, str]:
        headers = {"Cookie": self.cookie} if self.cookie else {}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
        except (http.client.RemoteDisconnected, ConnectionError):
            # The server closed an idle keep-alive connection; a browser reconnects.
            self.connection.close()
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
        text = response.read().decode()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie" and value.startswith("session="):
                self.cookie = value.split(";", 1)[0]
        return response.status, text

    def sign_in(self, email: str) -> None:
        _, page = self.request("GET", "/auth/login")
        token = self.csrf = CSRF.search(page).group(1)
        status, _ = self.request(
            "POST", "/auth/login", {"csrf_token": token, "email": email, "password": PASSWORD}
        )
        if status != 302:
            raise RuntimeError(f"sign-in failed for {email}: {status}")
        self.connection.close()  # thousands of idle browsers would exhaust the server's slots


def _run_clients(count: int, work) -> tuple[float, int]:
    """Run ``work(index)`` for each index on CONCURRENCY threads: (seconds, errors)."""
    indexes = iter(range(count))
    lock = threading.Lock()
    errors = [0]

    def loop():
        while True:
            with lock:
                index = next(indexes, None)
            if index is None:
                return
            try:
                work(index)
            except Exception:
                with lock:
                    errors[0] += 1

    threads = [threading.Thread(target=loop) for _ in range(CONCURRENCY)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started, errors[0]


WRK_LATENCY = re.compile(r"^\s+(50|99)(?:\.000)?%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)
UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _wrk(port: int, path: str, script: Path | None, env: dict) -> dict:
    """Run wrk against ``path``; its requests/s, p50 and p99 (ms) and non-2xx/3xx count."""
    command = ["wrk", f"-t{WRK_THREADS}", f"-c{CONCURRENCY}", f"-d{DURATION}s", "--latency"]
    if script is not None:
        command += ["-s", str(script)]
    else:
        command += ["-s", str(Path(__file__).parent / "wrk_post.lua")]
    output = subprocess.run(
        [*command, f"http://127.0.0.1:{port}{path}"],
        env={**os.environ, **env, "WRK_THREADS": str(WRK_THREADS)},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    latency = {p: float(v) * UNIT_MS[u] for p, v, u in WRK_LATENCY.findall(output)}
    failures = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(r"Socket errors: .*", output)
    return {
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "rate": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": latency.get("50"),
        "p99": latency.get("99"),
        "failures": int(failures.group(1)) if failures else 0,
        "socket_errors": errors.group(0) if errors else "",
    }


def run(rows: int) -> dict:
    if shutil.which("wrk") is None:
        print("online signing over HTTP: skipped, wrk is not installed (apt-get install wrk)")
        return {"skipped": "wrk is not installed"}
    voters = int(os.environ.get("BENCH_SIGNERS", "8000"))
    tmp = Path(tempfile.mkdtemp(prefix="recall-sign-bench-"))
    server = None
    try:
        db_path = tmp / "bench.sqlite3"
        petition_id = _prepare(db_path, voters)
        port = _free_port()
        env = {"BENCH_DATABASE_URL": f"sqlite:///{db_path}", "BENCH_DATA_KEY": DATA_KEY}
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
            env={**os.environ, **env},
            cwd=Path(__file__).parent.parent,
        )
        _wait_for(port)
        browsers = [Browser(port) for _ in range(voters)]
        login_seconds, login_errors = _run_clients(
            voters, lambda i: browsers[i].sign_in(f"voter{i}@bench.example")
        )
        voters_file = tmp / "voters.tsv"
        voters_file.write_text("".join(f"{b.cookie}\t{b.csrf}\n" for b in browsers if b.csrf))
        sign = _wrk(
            port,
            f"/petitions/{petition_id}/sign",
            Path(__file__).parent / "wrk_sign.lua",
            {"VOTERS_FILE": str(voters_file), "SIGN_PATH": f"/petitions/{petition_id}/sign"},
        )
        signed = _count_signatures(db_path)
        ceiling = _wrk(port, "/bench/insert", None, {})
    finally:
        if server is not None:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
        shutil.rmtree(tmp, ignore_errors=True)

    figures = {
        "server": f"gunicorn gthread, {WORKERS} workers x {THREADS} threads; SQLite WAL, "
        "synchronous=FULL",
        "load": f"wrk -t{WRK_THREADS} -c{CONCURRENCY} -d{DURATION}s, each request a different "
        "signed-in voter posting the signature form with its CSRF token",
        "voters_signed_in": voters,
        "sign_in_per_second": round(voters / login_seconds),
        "sign_requests": sign["requests"],
        "signatures_stored": signed,
        "signatures_per_second": round(signed / DURATION),
        "sign_p50_ms": sign["p50"],
        "sign_p99_ms": sign["p99"],
        "errors": login_errors + sign["failures"] + ceiling["failures"],
        "ceiling_inserts_per_second": round(ceiling["rate"]),
        "ceiling_p99_ms": ceiling["p99"],
        "ratio_to_ceiling": round(signed / DURATION / ceiling["rate"], 2),
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
