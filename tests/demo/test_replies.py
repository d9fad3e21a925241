"""The deputy's side of the demo: the account sees petition 1, its reply has two versions, and
its table of polling stations merges the small cell of signers from elsewhere."""

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from app.demo.replies import seed_deputy_demo
from app.extensions import db
from app.models import AuditEntry, DeputyReply, Signature, User
from app.services.deputies import queries as deputy_portal
from app.services.deputies.replies import reply_versions

NOW = datetime(2026, 11, 26, 6, 0, tzinfo=UTC)
#: Each test gets its own copy of a database ``seed_demo(voters=1_000, now=NOW)`` loaded.
pytestmark = pytest.mark.seeded(voters=1_000, now=NOW)


def test_the_demo_deputy_sees_petition_one_with_an_edited_reply_and_merged_stations(app):
    account = db.session.scalar(sa.select(User).where(User.email == "deputy@demo.recall.kz"))

    [row] = deputy_portal.petitions_against(account, NOW)
    page = deputy_portal.petition_for_deputy(account, row.petition.id, NOW)

    assert row.petition.id == 1 and account.check_password("demo-deputy-pass")
    assert [reply.version for reply in reply_versions(1)] == [2, 1]
    # The table counts the valid signatures made before today. The demo's 5 signers registered
    # in two other constituencies wait as pending and do not count; their cell (0 < 10) is
    # merged with the constituency's polling stations (its own and the three Temirtau stations
    # the demo's station map brings in, each under 10), so the table is one row: its total.
    table = page.stations
    assert table.rows == [] and table.merged_elsewhere and len(table.merged) == 1 + 3
    before_today = db.session.scalar(
        sa.select(sa.func.count()).where(
            Signature.petition_id == 1,
            Signature.status == "valid",
            Signature.signed_at < page.stations_as_of,
        )
    )
    assert table.merged_count == table.total == before_today >= 10
    assert page.counts.pending >= 5


def test_seeding_the_deputy_demo_again_adds_nothing(app):
    before = [
        db.session.scalar(sa.select(sa.func.count()).select_from(model))
        for model in (Signature, DeputyReply, AuditEntry)
    ]

    again = seed_deputy_demo(1, NOW)

    after = [
        db.session.scalar(sa.select(sa.func.count()).select_from(model))
        for model in (Signature, DeputyReply, AuditEntry)
    ]
    assert (again.signatures, again.reply_versions) == (0, 0) and after == before
