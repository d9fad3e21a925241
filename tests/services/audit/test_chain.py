"""The hash chain of the audit log: verification finds a tampered row, and concurrent writers
still build one unbroken chain."""

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import AuditEntry
from app.services.audit import chain as audit
from tests.support.audit import behind_the_triggers_back
from tests.support.concurrency import in_parallel


def write_entries(count: int) -> None:
    for n in range(count):
        audit.record("test.step", "thing", n, actor_label="cli", details={"n": n})
    db.session.commit()


def test_an_untouched_chain_is_intact_and_counts_every_entry(app):
    write_entries(5)

    report = audit.verify_chain(batch=2)  # several batches

    last = db.session.scalar(sa.select(AuditEntry.entry_hash).where(AuditEntry.seq == 5))
    assert (report.intact, report.entries, report.last_hash) == (True, 5, last)


def test_an_empty_log_is_intact(app):
    assert (audit.verify_chain().intact, audit.verify_chain().entries) == (True, 0)


def test_a_row_whose_details_were_changed_is_found_as_altered(app):
    write_entries(5)

    behind_the_triggers_back("UPDATE audit_log SET details = '{\"n\": 99}' WHERE seq = 3")

    report = audit.verify_chain()
    assert report.first_break == audit.ChainBreak(3, "altered")
    assert report.entries == 2 and not report.intact


def test_the_verification_reads_the_database_not_the_entries_this_session_holds(app):
    write_entries(3)
    loaded = db.session.scalars(sa.select(AuditEntry)).all()  # kept in the identity map

    behind_the_triggers_back("UPDATE audit_log SET action = 'forged' WHERE seq = 2")

    assert loaded and audit.verify_chain().first_break == audit.ChainBreak(2, "altered")


def test_a_deleted_row_is_found_as_missing(app):
    write_entries(5)

    behind_the_triggers_back("DELETE FROM audit_log WHERE seq = 4")

    assert audit.verify_chain().first_break == audit.ChainBreak(4, "missing")


def test_a_deleted_last_row_is_found_through_the_chain_head(app):
    write_entries(3)

    behind_the_triggers_back("DELETE FROM audit_log WHERE seq = 3")

    assert audit.verify_chain().first_break == audit.ChainBreak(3, "missing")


def test_a_row_pointing_at_another_previous_hash_is_found_as_relinked(app):
    write_entries(4)

    behind_the_triggers_back(f"UPDATE audit_log SET prev_hash = '{'f' * 64}' WHERE seq = 2")

    assert audit.verify_chain().first_break == audit.ChainBreak(2, "relinked")


def test_a_rewritten_last_entry_with_a_fresh_hash_is_caught_by_the_chain_head(app):
    write_entries(3)
    forged = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.seq == 3)).one()
    db.session.expunge(forged)
    forged.action = "forged"
    fresh = audit.entry_digest(forged)

    behind_the_triggers_back(
        f"UPDATE audit_log SET action = 'forged', entry_hash = '{fresh}' WHERE seq = 3"
    )

    assert audit.verify_chain().first_break == audit.ChainBreak(3, "altered")


@pytest.mark.parametrize("head_row", ["present", "missing"])
@pytest.mark.parametrize("writers", [2, 8])
def test_writers_recording_at_the_same_moment_build_one_intact_chain(app, writers, head_row):
    if head_row == "missing":  # an emptied database: the first writers create the head row
        db.session.execute(sa.text("DELETE FROM audit_chain_head"))
        db.session.commit()

    def write(n):
        return lambda: write_entries_from_thread(n)

    outcomes = in_parallel(app, *[write(n) for n in range(writers)])

    assert outcomes == [None] * writers
    seqs = db.session.scalars(sa.select(AuditEntry.seq).order_by(AuditEntry.seq)).all()
    assert seqs == list(range(1, writers * 3 + 1))
    report = audit.verify_chain()
    assert report.intact and report.entries == writers * 3


def write_entries_from_thread(n: int) -> None:
    for step in range(3):
        audit.record("test.parallel", "writer", n, actor_label="cli", details={"step": step})
        db.session.commit()
