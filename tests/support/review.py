"""Builders for the review and re-check tests: voters across snapshots, flagged signatures and
paper lines (kept here because tests/factories.py is shared)."""

import itertools
from datetime import date

import sqlalchemy as sa

from app.extensions import db
from app.models import (
    Channel,
    KeyingRound,
    PaperBatch,
    PaperKeying,
    PaperLine,
    PaperSheet,
    RegisterSnapshot,
    SignatureStatus,
)
from tests.factories import make_signature, make_snapshot, make_user

_lines = itertools.count(1)


def active_snapshot() -> RegisterSnapshot:
    return db.session.scalar(sa.select(RegisterSnapshot).where(RegisterSnapshot.is_active))


def activate_new_snapshot() -> RegisterSnapshot:
    """A new, empty snapshot that replaces the active one."""
    old = active_snapshot()
    new = make_snapshot(active=False)
    if old is not None:
        old.is_active = False
        db.session.flush()
    new.is_active = True
    db.session.flush()
    return new


def sign_as(petition, voter, **kw):
    """An online signature of ``voter`` (checked clean against the voter's snapshot)."""
    values = {
        "signer_hash": voter.iin_hash,
        "voter_id": voter.id,
        "checked_snapshot_id": voter.snapshot_id,
    }
    return make_signature(petition, **values | kw)


def flagged(petition, voter, checks: int, **kw):
    """A pending signature of ``voter`` that failed ``checks``."""
    return sign_as(petition, voter, status=SignatureStatus.PENDING, failed_checks=int(checks), **kw)


def paper_line(petition, *, signed_on: date):
    """An accepted paper line dated ``signed_on`` (its own batch, sheet and keying)."""
    officer = make_user()
    n = next(_lines)
    batch = PaperBatch(
        petition_id=petition.id,
        collector="Collector",
        received_on=signed_on,
        first_sheet=n,
        last_sheet=n,
        registered_by_id=officer.id,
    )
    db.session.add(batch)
    db.session.flush()
    sheet = PaperSheet(petition_id=petition.id, batch_id=batch.id, number=n)
    db.session.add(sheet)
    db.session.flush()
    keying = PaperKeying(sheet_id=sheet.id, round=int(KeyingRound.FIRST), officer_id=officer.id)
    db.session.add(keying)
    db.session.flush()
    line = PaperLine(keying_id=keying.id, line_number=1, signed_on=signed_on)
    db.session.add(line)
    db.session.flush()
    return line


def paper_signature(petition, voter, *, signed_on: date, **kw):
    line = paper_line(petition, signed_on=signed_on)
    return sign_as(petition, voter, channel=Channel.PAPER, paper_line_id=line.id, **kw)
