"""Where a signature's time goes: cProfile of the signing request, in-process (issue 18).

Builds the signing benchmark's database (``bench/signing.py``, SQLite WAL with
``synchronous=FULL``, or ``BENCH_DATABASE_URL`` for an empty PostgreSQL database), signs
``BENCH_SIGNERS`` (default 400) voters in through the Flask test client, then profiles only their
signature POSTs, one after another, and prints the top entries by own and cumulative time.
``python -m bench.profile_signing``; not part of ``make bench``.
"""

import cProfile
import io
import os
import pstats
import shutil
import tempfile
import time
from pathlib import Path

from app import create_app
from bench.signing import BENCH_SECRET, CSRF, DATA_KEY, PASSWORD, _prepare


def main() -> None:
    voters = int(os.environ.get("BENCH_SIGNERS", "400"))
    tmp = Path(tempfile.mkdtemp(prefix="recall-sign-profile-"))
    try:
        url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{tmp / 'bench.sqlite3'}"
        petition_id = _prepare(url, voters)
        app = create_app(
            "development",
            DATABASE_URL=url,
            SECRET_KEY=BENCH_SECRET,
            DATA_KEY=DATA_KEY,
            MAIL_DELIVERY="queue",
            MAIL_BACKEND="console",
        )
        clients = []
        for n in range(voters):
            client = app.test_client()
            token = CSRF.search(client.get("/auth/login").get_data(as_text=True)).group(1)
            form = {"csrf_token": token, "email": f"voter{n}@bench.example", "password": PASSWORD}
            assert client.post("/auth/login", data=form).status_code == 302
            clients.append((client, token))
        path = f"/petitions/{petition_id}/sign"
        profile = cProfile.Profile()
        started = time.perf_counter()
        profile.enable()
        for client, token in clients:
            answer = client.post(path, data={"csrf_token": token, "confirm": "y"})
            assert answer.status_code == 302 and "receipt" in answer.headers["Location"]
        profile.disable()
        seconds = time.perf_counter() - started
        print(f"{voters} signatures in {seconds:.2f} s ({1000 * seconds / voters:.2f} ms each)")
        if target := os.environ.get("BENCH_PROFILE_OUT"):
            profile.dump_stats(target)
        for order, only in (("tottime", ()), ("cumulative", ()), ("cumulative", ("/app/",))):
            out = io.StringIO()
            pstats.Stats(profile, stream=out).sort_stats(order).print_stats(*only, 25)
            print(out.getvalue())
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
