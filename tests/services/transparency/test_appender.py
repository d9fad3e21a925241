"""Appending: O(log n) rows per leaf, committed with the event or not at all, and concurrent
appenders taking turns on both databases."""

import time
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from app.database import transaction
from app.extensions import db
from app.models import LogEntry, LogHead, LogNode
from app.services.signing.commands import sign_petition
from app.services.transparency.appender import Leaf, append_now, stage
from app.services.transparency.verify import verify_log
from tests.factories import make_collecting_petition, make_verified_citizen, make_voter
from tests.support import rfc9162
from tests.support.concurrency import in_parallel
from tests.support.transparency import leaves

OPENED = datetime.now(UTC) - timedelta(days=1)


def node_rows() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(LogNode))


def stored_inputs() -> list[bytes]:
    texts = db.session.scalars(sa.select(LogEntry.leaf_input).order_by(LogEntry.leaf_index))
    return [text.encode() for text in texts]


def append_one(petition_id: int, text: str) -> int:
    with transaction():
        return append_now(Leaf(text, "test", petition_id))


def test_an_append_writes_only_the_subtrees_the_leaf_completes(app):
    petition = make_collecting_petition(opened_at=OPENED)  # leaf 0: its registration
    written = []
    for number in range(1, 8):
        before = node_rows()
        append_one(petition.id, f'{{"n":{number}}}')
        written.append(node_rows() - before)

    # Leaf i completes one subtree per trailing one bit of i, plus itself.
    assert written == [2, 1, 3, 1, 2, 1, 4]
    assert node_rows() == 8 + 4 + 2 + 1
    head = db.session.get(LogHead, 1)
    assert head.root_hash == rfc9162.mth(stored_inputs())


def test_a_rolled_back_transaction_appends_nothing(app):
    petition = make_collecting_petition(opened_at=OPENED)
    try:
        with transaction():
            stage(Leaf('{"gone":true}', "test", petition.id))
            raise RuntimeError("the use case fails after staging")
    except RuntimeError:
        pass

    assert append_one(petition.id, '{"next":true}') == 1
    assert [leaf.get("gone") for leaf in leaves()] == [None, None]


def test_an_appender_waits_for_the_one_holding_the_head(app):
    petition = make_collecting_petition(opened_at=OPENED)
    finished = {}

    def slow():
        with transaction():
            append_now(Leaf('{"who":"slow"}', "test", petition.id))
            time.sleep(0.5)
        finished["slow"] = time.monotonic()

    def quick():
        time.sleep(0.1)  # starts while the slow one holds the head row
        append_one(petition.id, '{"who":"quick"}')
        finished["quick"] = time.monotonic()

    assert in_parallel(app, slow, quick) == [None, None]

    db.session.expire_all()
    assert [leaf.get("who") for leaf in leaves()] == [None, "slow", "quick"]
    assert finished["quick"] > finished["slow"]


def test_simultaneous_signers_each_get_their_own_leaf_and_the_tree_stays_whole(app):
    petition = make_collecting_petition(opened_at=OPENED)
    users = [
        make_verified_citizen(make_voter(constituency=petition.constituency)) for _ in range(8)
    ]
    db.session.commit()
    ids = [user.id for user in users]

    outcomes = in_parallel(
        app, *[lambda i=i: sign_petition(petition.id, i, now=datetime.now(UTC)) for i in ids]
    )

    assert outcomes == [None] * 8
    db.session.expire_all()
    indexes = db.session.scalars(sa.select(LogEntry.leaf_index).order_by(LogEntry.leaf_index))
    assert list(indexes) == list(range(9))
    assert db.session.get(LogHead, 1).root_hash == rfc9162.mth(stored_inputs())
    assert verify_log().intact
