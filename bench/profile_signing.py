"""Where a signature's time goes: cProfile of the signing request, in-process (issue 18).

Builds the signing benchmark's database (``bench/signing.py``, SQLite WAL with
``synchronous=FULL``, or ``BENCH_DATABASE_URL`` for an empty PostgreSQL database), signs
``BENCH_SIGNERS`` (default 400) voters in through the Flask test client (the app as
``bench/signing_app.py`` serves it); half of them sign, one after another, timed against as many
bare inserts (``/bench/insert``) in wall and CPU time; the other half sign under cProfile, whose
top entries by own and cumulative time (and the app's own functions) are printed.
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

from bench.signing import CSRF, DATA_KEY, PASSWORD, _prepare


def _timed(work, batch) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    work(batch)
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    voters = int(os.environ.get("BENCH_SIGNERS", "400"))
    tmp = Path(tempfile.mkdtemp(prefix="recall-sign-profile-"))
    try:
        url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{tmp / 'bench.sqlite3'}"
        petition_id = _prepare(url, voters)
        # The app exactly as the benchmark serves it, with its bare insert route.
        os.environ.update(BENCH_DATABASE_URL=url, BENCH_DATA_KEY=DATA_KEY)
        from bench.signing_app import app

        clients = []
        for n in range(voters):
            client = app.test_client()
            token = CSRF.search(client.get("/auth/login").get_data(as_text=True)).group(1)
            form = {"csrf_token": token, "email": f"voter{n}@bench.example", "password": PASSWORD}
            assert client.post("/auth/login", data=form).status_code == 302
            clients.append((client, token))
        path = f"/petitions/{petition_id}/sign"
        timed, profiled = clients[: voters // 2], clients[voters // 2 :]

        def sign(batch):
            for client, token in batch:
                answer = client.post(path, data={"csrf_token": token, "confirm": "y"})
                assert answer.status_code == 302 and "receipt" in answer.headers["Location"]

        def insert(batch):
            for client, _ in batch:
                assert client.post("/bench/insert").status_code == 200

        # Wall and CPU time per request, signing vs the bare insert: CPU time is the fairer
        # figure on a shared machine (the commits' fsync is wall time in both).
        figures = {name: _timed(work, timed) for name, work in (("sign", sign), ("insert", insert))}
        for name, (wall, cpu) in figures.items():
            each = 1000 / len(timed)
            print(f"{name:7s} {wall * each:7.2f} ms wall, {cpu * each:7.2f} ms CPU each")
        (sign_wall, sign_cpu), (insert_wall, insert_cpu) = figures["sign"], figures["insert"]
        print(
            f"ratio to the bare insert: {insert_wall / sign_wall:.2f} by wall time, "
            f"{insert_cpu / sign_cpu:.2f} by CPU time; load average {os.getloadavg()[0]:.1f}"
        )
        profile = cProfile.Profile()
        profile.enable()
        sign(profiled)
        profile.disable()
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
