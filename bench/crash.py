"""Crash durability on PostgreSQL: kill an app node or PostgreSQL under signing load, 20 times.

Goal (issue 18): no acknowledged signature lost; the audit chain verifies afterwards.
Set-up (not timed): the local cluster of ``make cluster`` (``deploy/cluster.py``: PostgreSQL
with its durable defaults, fsync and synchronous commits on; two gunicorn nodes, clock off), a
petition collecting in one constituency and BENCH_CRASH_VOTERS verified voters of it.
Each round signs in a fresh share of the voters (half on each node), then they all post the
signature form on 8 threads, alternately to node A and node B. When a third of the round's
requests have been answered, the round's failure strikes: even rounds SIGKILL node A's whole
process group (master, workers), odd rounds stop PostgreSQL with ``pg_ctl stop -m immediate``
(no shutdown checkpoint; the next start replays the WAL). The load runs on; then the part is
restarted. A signature is acknowledged when the voter got the redirect to the receipt with the
receipt code in the flash (``deploy/load.py``); after recovery every acknowledged code must be
in the database. At the end ``flask audit verify`` must pass.

``BENCH_CRASH_ROUNDS`` (default 20) and ``BENCH_CRASH_VOTERS`` (default 3000) size it.
The transparency log (issue 16) is not on this branch; its verification joins when it lands.
"""

import os
import shutil
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

from bench.signing import DATA_KEY, PASSWORD, _prepare
from deploy.cluster import Cluster
from deploy.load import Browser, ReceiptReader, run_threads, signing_load

ROUNDS = int(os.environ.get("BENCH_CRASH_ROUNDS", "20"))
VOTERS = int(os.environ.get("BENCH_CRASH_VOTERS", "3000"))
THREADS = 8


def _strike(cluster: Cluster, round_number: int) -> str:
    if round_number % 2 == 0:
        cluster.kill("node_a")
        return "app node SIGKILL"
    cluster.stop_postgres("immediate")
    return "PostgreSQL immediate stop"


def _recover(cluster: Cluster, round_number: int) -> float:
    started = time.perf_counter()
    if round_number % 2 == 0:
        cluster.start_node("node_a", clock=False)
        cluster.save()
        cluster.wait_healthy(("node_a",), timeout=120)
    else:
        cluster.start_postgres()
        cluster.wait_healthy(("postgres", "node_a", "node_b"), timeout=120)
    return time.perf_counter() - started


def _stored(engine: sa.Engine, codes: list[str]) -> set[str]:
    with engine.connect() as connection:
        return set(
            connection.execute(
                sa.text("SELECT receipt_code FROM signatures WHERE receipt_code = ANY(:codes)"),
                {"codes": codes},
            ).scalars()
        )


def _round(cluster: Cluster, number: int, petition_id: int, engine, receipts) -> dict:
    """Sign in this round's voters, sign under load, strike, recover, look for each receipt."""
    nodes = [cluster.url("node_a"), cluster.url("node_b")]
    share = VOTERS // ROUNDS
    emails = [f"voter{n}@bench.example" for n in range(number * share, (number + 1) * share)]
    browsers = [Browser() for _ in emails]
    run_threads(
        len(emails), THREADS, lambda i: browsers[i].sign_in(nodes[i % 2], emails[i], PASSWORD)
    )
    struck = []
    result = signing_load(
        browsers,
        petition_id,
        nodes,
        receipts,
        threads=THREADS,
        during=lambda: struck.append(_strike(cluster, number)),
        after_requests=share // 3,
    )
    recovery = _recover(cluster, number)
    lost = len(set(result.acknowledged) - _stored(engine, result.acknowledged))
    return {
        "failure": struck[0] if struck else "none",
        "acknowledged": len(result.acknowledged),
        "unacknowledged": result.unacknowledged,
        "lost": lost,
        "recovery_seconds": round(recovery, 1),
    }


def run(rows: int = 0) -> dict:
    """``rows`` (the SQLite benchmarks' size) is not used: see BENCH_CRASH_*."""
    root = Path(tempfile.mkdtemp(prefix="recall-crash-"))
    cluster = Cluster.create(root, 0)
    cluster.data_key = DATA_KEY  # the voters below are hashed under the benchmark's key
    rounds = []
    try:
        cluster.start(demo=False, clock=False)
        petition_id = _prepare(cluster.database_url, VOTERS, secret_key=cluster.secret_key)
        engine = sa.create_engine(
            cluster.database_url.replace("postgresql:", "postgresql+psycopg:"), pool_pre_ping=True
        )
        receipts = ReceiptReader(cluster.secret_key)
        for number in range(ROUNDS):
            rounds.append(_round(cluster, number, petition_id, engine, receipts))
            print(f"  round {number + 1:2d}: {rounds[-1]}", flush=True)
        verify = cluster.flask("audit", "verify", check=False)
        with engine.connect() as connection:
            signatures = connection.execute(sa.text("SELECT count(*) FROM signatures")).scalar()
        engine.dispose()
    finally:
        cluster.stop()
        shutil.rmtree(root, ignore_errors=True)

    acknowledged = sum(r["acknowledged"] for r in rounds)
    lost = sum(r["lost"] for r in rounds)
    figures = {
        "rounds": ROUNDS,
        "failures": {
            kind: sum(r["failure"] == kind for r in rounds)
            for kind in ("app node SIGKILL", "PostgreSQL immediate stop")
        },  # fmt: skip
        "voters": VOTERS,
        "acknowledged": acknowledged,
        "unacknowledged_requests": sum(r["unacknowledged"] for r in rounds),
        "signatures_in_database": signatures,
        "acknowledged_lost": lost,
        "max_recovery_seconds": max(r["recovery_seconds"] for r in rounds),
        "audit_verify": "ok" if verify.returncode == 0 else verify.stdout + verify.stderr,
        "goal": "0 acknowledged signatures lost; audit chain verifies",
        "result": "PASS" if lost == 0 and verify.returncode == 0 and acknowledged else "FAIL",
    }
    print("crash durability on PostgreSQL (app node SIGKILL, PostgreSQL immediate stop)")
    for key, value in figures.items():
        print(f"  {key:28s} {value}")
    return figures
