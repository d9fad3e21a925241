"""The transparency log at ten million leaves, on SQLite: the cost of an append, and of proofs.

Goal (issue 16): appending costs O(log n) (never a rebuild), and an inclusion or consistency
proof in a 10,000,000-leaf log answers in at most 50 ms.

Set-up: a temporary SQLite database (WAL, ``synchronous=FULL`` as in production) with one
petition. First, ``APPENDS`` leaves are appended one per transaction through the app's own
``append_now`` on the empty log (timed: the cost of an append in a small tree). Then the log is
grown to ``BENCH_LOG_LEAVES`` leaves (default 10,000,000; not timed) without the per-leaf
transaction: synthetic leaf inputs are hashed and folded by the same ``app.rules.merkle.append``
the app uses, in chunks of 100,000, and the entries and completed subtrees are written with
``executemany`` on the raw connection, journal and fsync off while building; the head row gets
the resulting size, frontier and root. Timed again: ``APPENDS`` appends on the big log (their
cost must not grow with the log), then ``PROOFS`` inclusion proofs of random leaves in the whole
tree and as many consistency proofs between random sizes, each through ``GET /api/v1/log/...``
on the app (Flask, JSON and the database query included), on a fresh connection. A few of the
proofs are checked with the observers' verifier (``app.tools.logcheck``), so that what is timed
is a correct proof.
"""

import os
import random
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa
from flask_migrate import upgrade

from app import create_app
from app.database import transaction
from app.extensions import db
from app.rules import merkle
from app.rules.log_leaves import MODHEX
from app.services.transparency.appender import Leaf, append_now
from app.tools import logcheck
from bench.recheck import _geography

LEAVES = int(os.environ.get("BENCH_LOG_LEAVES", 10_000_000))
APPENDS = 2_000
PROOFS = 1_000
CHUNK = 100_000
GOAL_PROOF_MS = 50
TO_MODHEX = str.maketrans("0123456789abcdef", MODHEX)


def _leaf_input(index: int) -> str:
    """A leaf shaped like a real one (the pseudonym is a stand-in: only the size matters)."""
    pseudonym = f"{index:032x}".translate(TO_MODHEX)
    return (
        '{"event":"signature.signed","petition":1,"signature":"' + pseudonym + '",'
        '"status":"valid","time":"2026-12-12T05:00:00Z"}'
    )


def _append_timings(start: int, count: int) -> tuple[list[float], list[float]]:
    """For ``count`` leaves from index ``start``, one transaction each: seconds of the append
    itself (head row locked, leaf and completed subtrees written, head updated) and of the
    whole transaction (with its commit, an fsync)."""
    appends, transactions = [], []
    for index in range(start, start + count):
        began = time.perf_counter()
        with transaction():
            append_now(Leaf(_leaf_input(index), "signature.signed", 1))
            db.session.flush()
            appends.append(time.perf_counter() - began)
        transactions.append(time.perf_counter() - began)
    return appends, transactions


def _grow(start: int, end: int) -> None:
    """Write leaves ``start`` to ``end`` and their subtrees in bulk, as the appends would."""
    head = db.session.execute(sa.text("SELECT frontier FROM log_head WHERE id = 1")).scalar_one()
    frontier = [head[i : i + 32] for i in range(0, len(head), 32)]
    connection = db.engine.raw_connection()
    cursor = connection.cursor()
    cursor.execute("PRAGMA synchronous = OFF")
    size = start
    while size < end:
        stop = min(end, size + CHUNK)
        texts = [_leaf_input(i) for i in range(size, stop)]
        hashes = [merkle.leaf_hash(text.encode()) for text in texts]
        frontier, nodes = merkle.append(size, frontier, hashes)
        cursor.executemany(
            "INSERT INTO log_entries (leaf_index, leaf_input, event, petition_id, appended_at)"
            " VALUES (?, ?, 'signature.signed', 1, '2026-12-12 05:00:00.000000')",
            zip(range(size, stop), texts, strict=True),
        )
        cursor.executemany(
            "INSERT INTO log_nodes (subtree, hash) VALUES (?, ?)",
            ((merkle.subtree_key(level, pos), digest) for level, pos, digest in nodes),
        )
        connection.commit()  # chunk by chunk, so that the WAL is checkpointed as it goes
        size = stop
    cursor.execute(
        "UPDATE log_head SET tree_size = ?, frontier = ?, root_hash = ? WHERE id = 1",
        (size, b"".join(frontier), merkle.root(frontier)),
    )
    connection.commit()
    cursor.execute("PRAGMA synchronous = FULL")
    connection.close()


def _timed_get(client, url: str) -> tuple[float, dict]:
    began = time.perf_counter()
    answer = client.get(url)
    seconds = time.perf_counter() - began
    assert answer.status_code == 200, answer.get_data(as_text=True)
    return seconds, answer.get_json()


def _proof_timings(client, size: int, rng: random.Random) -> tuple[list, list, int]:
    root = bytes.fromhex(client.get("/api/v1/log/sth").get_json()["root_hash"])
    inclusion, consistency, checked = [], [], 0
    for n in range(PROOFS):
        index = rng.randrange(size)
        seconds, proof = _timed_get(
            client, f"/api/v1/log/proof?leaf_index={index}&tree_size={size}"
        )
        inclusion.append(seconds)
        if n % 100 == 0:
            leaf = logcheck.leaf_hash(_leaf_input(index))
            path = [bytes.fromhex(h) for h in proof["audit_path"]]
            assert logcheck.verify_inclusion(index, size, leaf, path, root)
            checked += 1
        first = rng.randrange(1, size)
        seconds, _ = _timed_get(client, f"/api/v1/log/consistency?first={first}&second={size}")
        consistency.append(seconds)
    return inclusion, consistency, checked


def _ms(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000, 2)


def run(rows: int = LEAVES) -> dict:
    """``rows`` is the runner's register size; this benchmark uses ``BENCH_LOG_LEAVES``."""
    rng = random.Random(16)
    with tempfile.TemporaryDirectory(prefix="recall-bench-") as tmp:
        app = create_app(
            "development",
            DATABASE_URL=f"sqlite:///{Path(tmp) / 'app.sqlite3'}",
            SECRET_KEY="benchmark-secret-key-0123456789abcdef",
            DATA_KEY="benchmark-data-key-0123456789abcdef",
            SIGNATURE_COUNT_INTERVAL=0,
        )
        with app.app_context():
            upgrade()
            _geography()
            small = _append_timings(0, APPENDS)
            began = time.perf_counter()
            _grow(APPENDS, LEAVES)
            built = time.perf_counter() - began
            db.engine.dispose()
            large = _append_timings(LEAVES, APPENDS)
            size = LEAVES + APPENDS
            db.engine.dispose()
            inclusion, consistency, checked = _proof_timings(app.test_client(), size, rng)
            database_mb = round((Path(tmp) / "app.sqlite3").stat().st_size / 2**20)
            db.engine.dispose()

    worst = max(_ms(inclusion, 0.99), _ms(consistency, 0.99))
    figures = {
        "leaves": size,
        "build_seconds": round(built, 1),
        "database_mb": database_mb,
        "append_ms_median_small": _ms(small[0], 0.5),
        "append_ms_median_large": _ms(large[0], 0.5),
        "append_ms_p99_large": _ms(large[0], 0.99),
        "append_txn_ms_median_small": _ms(small[1], 0.5),
        "append_txn_ms_median_large": _ms(large[1], 0.5),
        "append_txn_ms_p99_large": _ms(large[1], 0.99),
        "inclusion_proof_ms_median": _ms(inclusion, 0.5),
        "inclusion_proof_ms_p99": _ms(inclusion, 0.99),
        "inclusion_proof_ms_max": _ms(inclusion, 1.0),
        "consistency_proof_ms_median": _ms(consistency, 0.5),
        "consistency_proof_ms_p99": _ms(consistency, 0.99),
        "consistency_proof_ms_max": _ms(consistency, 1.0),
        "proofs_checked_with_logcheck": checked,
        "goal": f"proof p99 <= {GOAL_PROOF_MS} ms at 10,000,000 leaves; append O(log n)",
        "result": "PASS" if worst <= GOAL_PROOF_MS and size >= 10_000_000 else "FAIL",
    }
    print("transparency log: appends and proofs on SQLite")
    for key, value in figures.items():
        print(f"  {key:32s} {value}")
    return figures
