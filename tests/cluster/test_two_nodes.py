"""Two app nodes on one PostgreSQL and Redis behind nginx, started as ``make cluster`` does.

One broad test, run once (not per database backend): starting the cluster is most of its cost.
It shows, over real HTTP through both nodes and the balancer:

- a session signed in on node A is good on node B (one shared SECRET_KEY, no sticky sessions);
- a 20-way race of one voter's signature split across both nodes leaves one signature, and
  every answer shows the same receipt code;
- a count read through either node is the same within the staleness window (one cache, in
  Redis), and through either node and nginx equals the database's once the window has passed;
- killing node A (SIGKILL to its whole process group) under signing load loses no signature a
  voter was shown a receipt for;
- two deadline clocks ticking at once on both nodes close the petition once, record each event
  once and mail each message once; a third tick changes nothing; the audit chain verifies.

The throttle-across-nodes check (issue 14) is in tests/test_limits.py: two apps on one Redis.
"""

import json
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from app import create_app
from deploy.cluster import Cluster, missing_programs
from deploy.load import Browser, ReceiptReader, add_verified_voters, run_threads, signing_load
from tests.support.requirements import missing

pytestmark = [pytest.mark.cluster, pytest.mark.long_running]

PETITION = 1  # the demo's collecting petition (Karaganda regional maslikhat, constituency 1)
COUNT_INTERVAL = 5  # seconds; SIGNATURE_COUNT_INTERVAL of the nodes, short to keep this quick
RACERS = 20
LOAD_VOTERS = 240


@pytest.fixture
def cluster(tmp_path):
    absent = missing_programs()
    if absent:
        missing(f"the cluster needs the Debian packages {', '.join(absent)}")
    # The load comes from one address; the shared limits are shown by tests/test_limits.py.
    cluster = Cluster.create(
        tmp_path / "cluster",
        0,
        SIGNATURE_COUNT_INTERVAL=str(COUNT_INTERVAL),
        RATELIMIT_ENABLED="false",
    )
    cluster.start(clock=False)
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def engine(cluster):
    engine = sa.create_engine(
        cluster.database_url.replace("postgresql://", "postgresql+psycopg://")
    )
    yield engine
    engine.dispose()


def _scalar(engine: sa.Engine, sql: str, **params):
    with engine.connect() as connection:
        return connection.execute(sa.text(sql), params).scalar_one()


def _public_count(base: str) -> int:
    status, _, body = Browser().request(base, "GET", f"/api/v1/petitions/{PETITION}")
    assert status == 200, body
    return json.loads(body)["signatures"]["toward_threshold"]


def test_two_nodes_share_sessions_signatures_counts_and_clock_and_survive_a_killed_node(
    cluster, engine
):
    receipts = ReceiptReader(cluster.secret_key)
    node_a, node_b, site = cluster.url("node_a"), cluster.url("node_b"), cluster.url("nginx")

    # A session made on node A is good on node B.
    citizen = Browser()
    citizen.sign_in(node_a, "citizen@demo.recall.kz", "demo-citizen-pass")
    status, headers, page = citizen.request(node_b, "GET", "/account/voter")
    assert status == 200, (status, headers.get("Location"))
    assert "Айгүл Демова" in page and 'action="/auth/logout"' in page  # signed in, as herself
    assert Browser().request(node_b, "GET", "/account/voter")[0] == 302  # a stranger is sent away

    # 20 simultaneous signatures of the same voter, half through each node: one row.
    signer_hash = _scalar(
        engine, "SELECT voter_hash FROM users WHERE email = 'citizen@demo.recall.kz'"
    )
    before = _scalar(engine, "SELECT count(*) FROM signatures WHERE petition_id = :p", p=PETITION)
    start = threading.Barrier(RACERS)
    shown: list[list[str]] = [[] for _ in range(RACERS)]

    def race(index: int) -> None:
        start.wait()
        status, headers, _ = citizen.request(
            (node_a, node_b)[index % 2],
            "POST",
            f"/petitions/{PETITION}/sign",
            {"confirm": "y", "csrf_token": citizen.csrf},
        )
        assert status == 302 and headers["Location"].endswith("/receipt"), status
        shown[index] = receipts.messages(headers["Set-Cookie"])

    run_threads(RACERS, RACERS, race)
    rows = _scalar(
        engine,
        "SELECT count(*) FROM signatures WHERE petition_id = :p AND signer_hash = :h",
        p=PETITION,
        h=signer_hash,
    )
    assert rows == 1
    code = _scalar(
        engine,
        "SELECT receipt_code FROM signatures WHERE petition_id = :p AND signer_hash = :h",
        p=PETITION,
        h=signer_hash,
    )
    messages = [message for answer in shown for message in answer]
    assert len(messages) == RACERS
    assert all(code in m for m in messages)
    # One "thank you" and nineteen "already signed", in the signer's language (Kazakh here).
    kinds = Counter(m.replace(code, "{code}") for m in messages)
    assert sorted(kinds.values()) == [1, RACERS - 1], kinds

    # Within the window a count read through either node is the same: both answer from the one
    # cache in Redis, so a change made after node A counted shows on neither node yet.
    time.sleep(COUNT_INTERVAL + 0.5)  # whatever was cached before has expired
    started = time.monotonic()
    cached = _public_count(node_a)
    changed = _scalar(
        engine,
        "SELECT max(id) FROM signatures WHERE petition_id = :p AND status <> 'withdrawn'",
        p=PETITION,
    )
    status_before = _scalar(engine, "SELECT status FROM signatures WHERE id = :i", i=changed)
    _set_status(engine, changed, "invalid")  # no longer counted
    within = [_public_count(base) for base in (node_b, node_a, node_b)]
    elapsed = time.monotonic() - started
    _set_status(engine, changed, status_before)
    assert elapsed < COUNT_INTERVAL, f"the reads took {elapsed:.1f} s: longer than the window"
    assert within == [cached] * 3

    # The public count agrees on both nodes and nginx once the window has passed.
    time.sleep(COUNT_INTERVAL + 1.5)
    counted = _scalar(
        engine,
        "SELECT count(*) FROM signatures WHERE petition_id = :p AND status <> 'withdrawn'",
        p=PETITION,
    )
    assert counted == before + 1
    valid = _scalar(
        engine,
        "SELECT count(*) FROM signatures WHERE petition_id = :p AND status = 'valid'",
        p=PETITION,
    )
    # Two workers per node: several reads reach both; the public figure counts valid ones only.
    reads = [_public_count(base) for base in (node_a, node_b, site) for _ in range(4)]
    assert set(reads) == {valid}

    # Node A is killed (-9) under signing load through A, B and nginx: no receipt is lost.
    emails = add_verified_voters(
        create_app(
            "development",
            DATABASE_URL=cluster.database_url,
            SECRET_KEY=cluster.secret_key,
            DATA_KEY=cluster.data_key,
        ),
        PETITION,
        LOAD_VOTERS,
    )
    assert len(emails) == LOAD_VOTERS
    browsers = [Browser() for _ in emails]
    run_threads(
        len(emails),
        8,
        lambda i: browsers[i].sign_in((node_a, node_b)[i % 2], emails[i]),
    )
    result = signing_load(
        browsers,
        PETITION,
        [node_a, node_b, site],
        receipts,
        threads=8,
        during=lambda: cluster.kill("node_a"),
        after_requests=LOAD_VOTERS // 4,
    )
    assert "node_a" not in cluster.pids
    stored = _stored_receipts(engine, result.acknowledged)
    assert stored == set(result.acknowledged)
    assert len(result.acknowledged) >= LOAD_VOTERS // 3, result
    assert result.unacknowledged > 0, "node A died after the load: nothing was tested"

    # Two clocks at once, one per node, after the petition's deadline: everything happens once.
    with engine.begin() as connection:
        connection.execute(
            sa.text("UPDATE petitions SET closes_at = :t WHERE id = :p"),
            {"t": datetime.now(UTC) - timedelta(minutes=1), "p": PETITION},
        )
    ticks = [
        subprocess.Popen(
            [sys.executable, "-m", "flask", "--app", "wsgi", "recall", "tick"],
            cwd=Path(__file__).resolve().parents[2],
            env=cluster.env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [tick.communicate(timeout=120)[0] for tick in ticks]
    assert [tick.returncode for tick in ticks] == [0, 0], outputs
    assert _scalar(engine, "SELECT status FROM petitions WHERE id = :p", p=PETITION) == (
        "collection_closed"
    )
    closings = _scalar(
        engine,
        "SELECT count(*) FROM petition_events WHERE petition_id = :p AND kind = 'closed'",
        p=PETITION,
    )
    assert closings == 1
    audited = _scalar(
        engine,
        "SELECT count(*) FROM audit_log WHERE object_type = 'petition' AND object_id = :p "
        "AND action = 'petition.status_changed' AND details->>'to' = 'collection_closed'",
        p=str(PETITION),
    )
    assert audited == 1
    sent = _scalar(engine, "SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL")
    mailed = len(list((cluster.root / "mail").glob("*.eml")))
    assert sent > 0 and mailed == sent
    events = _scalar(engine, "SELECT count(*) FROM petition_events")
    outbox = _scalar(engine, "SELECT count(*) FROM outbox")

    third = cluster.flask("recall", "tick")
    assert _scalar(engine, "SELECT count(*) FROM petition_events") == events
    assert _scalar(engine, "SELECT count(*) FROM outbox") == outbox
    assert len(list((cluster.root / "mail").glob("*.eml"))) == mailed, third.stdout

    verify = cluster.flask("audit", "verify", check=False)
    assert verify.returncode == 0, verify.stdout + verify.stderr


def _set_status(engine: sa.Engine, signature_id: int, status: str) -> None:
    with engine.begin() as connection:
        connection.execute(
            sa.text("UPDATE signatures SET status = :s WHERE id = :i"),
            {"s": status, "i": signature_id},
        )


def _stored_receipts(engine: sa.Engine, codes: list[str]) -> set[str]:
    with engine.connect() as connection:
        return set(
            connection.execute(
                sa.text("SELECT receipt_code FROM signatures WHERE receipt_code = ANY(:codes)"),
                {"codes": codes},
            ).scalars()
        )
