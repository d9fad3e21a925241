"""The demo's back story is in the transparency log, once."""

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from app.demo.seed import seed_demo
from app.extensions import db
from app.models import LogEntry, Signature
from app.services.transparency.verify import verify_log

NOW = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


@pytest.mark.seeded(voters=300, now=NOW)
def test_every_demo_signature_has_a_leaf_and_seeding_again_adds_none(app):
    entries = db.session.scalar(sa.select(sa.func.count()).select_from(LogEntry))

    seed_demo(voters=300, now=NOW)

    unlogged = sa.select(Signature.id).where(
        Signature.id.not_in(
            sa.select(LogEntry.signature_id).where(LogEntry.signature_id.is_not(None))
        )
    )
    assert db.session.scalars(unlogged).all() == []
    assert db.session.scalar(sa.select(sa.func.count()).select_from(LogEntry)) == entries
    assert entries > db.session.scalar(sa.select(sa.func.count()).select_from(Signature))
    assert verify_log().intact
