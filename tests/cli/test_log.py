"""``flask log verify``, ``publish``, ``rotate-key`` and ``keys``."""

import base64
import json
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import AuditEntry, LogEntry, LogNode
from app.services.signing.commands import sign_petition
from tests.factories import make_collecting_petition, make_verified_citizen, make_voter
from tests.support import rfc9162
from tests.support.transparency import tamper


@pytest.fixture
def signed(app):
    """A petition with five online signatures and two signed heads (after 3 and 6 leaves)."""
    app.config["SIGNATURE_COUNT_INTERVAL"] = 0
    petition = make_collecting_petition(opened_at=datetime.now(UTC) - timedelta(days=1))
    client = app.test_client()
    for number in range(5):
        user = make_verified_citizen(make_voter(constituency=petition.constituency))
        db.session.commit()
        sign_petition(petition.id, user.id, now=datetime.now(UTC))
        if number in (1, 4):
            client.get("/api/v1/log/sth")
    return petition


def test_verify_says_intact_with_the_root_and_the_heads_checked(runner, signed, client):
    head = client.get("/api/v1/log/sth").get_json()

    result = runner.invoke(args=["log", "verify"])

    assert result.exit_code == 0, result.output
    assert result.output.strip() == (
        f"intact: 6 leaves, root {head['root_hash']}, 2 signed heads checked"
    )


def test_verify_names_a_leaf_changed_behind_the_guards(runner, signed):
    tamper("UPDATE log_entries SET leaf_input = '{}' WHERE leaf_index = 2")

    result = runner.invoke(args=["log", "verify"])

    assert result.exit_code == 1
    assert "BROKEN: the stored hash of leaf 2 is wrong" in result.output
    assert "BROKEN: the signed head of size 3 does not match the leaves" in result.output


def test_verify_names_a_deleted_leaf_and_a_changed_subtree(runner, signed):
    tamper("DELETE FROM log_entries WHERE leaf_index = 4")
    tamper("UPDATE log_nodes SET hash = :h WHERE subtree = :key", h=b"\0" * 32, key=1 << 32)

    result = runner.invoke(args=["log", "verify"])

    assert result.exit_code == 1
    assert "BROKEN: leaf 4 is missing" in result.output
    assert "BROKEN: the stored subtree at level 1, position 0 is not the hash" in result.output


def test_verify_names_a_forged_head_signature(runner, signed):
    db.session.execute(sa.text("UPDATE log_tree_heads SET signature = :s"), {"s": b"\1" * 64})
    db.session.commit()

    result = runner.invoke(args=["log", "verify"])

    assert result.exit_code == 1 and "does not verify with key" in result.output


def test_the_append_only_guards_refuse_a_change(app, signed):
    with pytest.raises(sa.exc.DBAPIError):
        db.session.execute(sa.text("DELETE FROM log_nodes WHERE subtree = 0"))
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(LogNode)) > 6
    assert db.session.scalar(sa.select(sa.func.count()).select_from(LogEntry)) == 6


def test_publish_writes_a_signed_head_of_the_whole_log_with_its_key(runner, signed, tmp_path):
    target = tmp_path / "head.json"

    result = runner.invoke(args=["log", "publish", "--output", str(target)])

    assert result.exit_code == 0 and str(target) in result.output
    published = json.loads(target.read_text())
    assert published["tree_size"] == 6 and published["algorithm"] == "Ed25519"
    assert rfc9162.verify_tree_head(published, published["public_key"])
    key = base64.b64decode(published["public_key"])
    assert len(key) == 32 and published["key_id"] == __import__("hashlib").sha256(key).hexdigest()


def test_rotating_the_key_keeps_the_old_one_in_the_history_and_audits_it(runner, signed):
    before = runner.invoke(args=["log", "keys"]).output.split()[0]

    result = runner.invoke(args=["log", "rotate-key"])

    assert result.exit_code == 0 and f"{before} retired" in result.output
    listing = runner.invoke(args=["log", "keys"]).output.splitlines()
    assert len(listing) == 2 and listing[0].startswith(before) and listing[1].endswith("current")
    audit = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "log.key_rotated"))
    assert audit.details["before"] == before
    assert runner.invoke(args=["log", "verify"]).exit_code == 0


def test_backfill_logs_each_signature_without_a_leaf_once(runner, signed):
    from tests.factories import make_signature

    make_signature(signed)
    db.session.commit()

    first = runner.invoke(args=["log", "backfill"])
    again = runner.invoke(args=["log", "backfill"])

    assert first.output.strip() == "1 signature without a leaf was logged"
    assert again.output.strip() == "0 signatures without a leaf were logged"
    assert db.session.scalar(sa.select(sa.func.count()).select_from(LogEntry)) == 7
