"""Official values without code: one admin proposes a version, another confirms it; the next
petition follows it, petitions already started keep theirs."""

from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import AuditEntry, ProposalStatus, Role, RuleSetVersion
from app.services.initiative.start import start_petition
from app.services.law import get_rule_set, petition_rules, rule_set_on
from app.services.rule_versions.commands import (
    RuleVersionError,
    confirm_version,
    propose_version,
    reject_version,
)
from tests.factories import make_user
from tests.support.citizen import citizen_of, seat

NOW = datetime(2026, 12, 3, 6, 0, tzinfo=UTC)
CODE = "kz-maslikhat-2023"
TWELVE = {
    "name": "threshold",
    "value": '{ denominator = "register_at_registration", comparison = "at_least", share = "12%" }',
    "confirmed": True,
    "law": "Elections Law",
    "article": "Art. 113-14(2)",
    "url": "https://adilet.zan.kz/rus/docs/Z950002464_",
}


@pytest.fixture
def admins(app):
    first, second = make_user(role=Role.ADMIN), make_user(role=Role.ADMIN)
    db.session.commit()
    return first, second


def propose(admin, change=TWELVE, valid_from=date(2026, 12, 10)):
    return propose_version(
        CODE,
        [change],
        valid_from=valid_from,
        admin_id=admin.id,
        comment="Read from adilet",
        now=NOW,
    )


def test_a_proposal_waits_for_a_second_admin_and_changes_nothing_until_then(admins):
    row = propose(admins[0])

    assert (row.version, row.base_version, row.status) == (2, 1, ProposalStatus.PROPOSED)
    assert get_rule_set(CODE).version == 1
    action = db.session.scalar(sa.select(AuditEntry.action).order_by(AuditEntry.id.desc()))
    assert action == "rule_version.proposed"


def test_the_proposer_cannot_confirm_their_own_proposal(admins):
    row = propose(admins[0])

    with pytest.raises(RuleVersionError, match="Another administrator"):
        confirm_version(row.id, admins[0].id, now=NOW)
    assert db.session.get(RuleSetVersion, row.id).status is ProposalStatus.PROPOSED


def test_a_confirmed_version_governs_petitions_from_its_first_day(admins):
    row = propose(admins[0])
    confirm_version(row.id, admins[1].id, now=NOW)

    assert rule_set_on(CODE, date(2026, 12, 9)).version.version == 1
    newer = rule_set_on(CODE, date(2026, 12, 10)).version
    assert newer.version == 2 and str(newer.threshold.value.share) == "3/25"
    assert newer.threshold.confirmed and "threshold" not in newer.provisional
    actions = db.session.scalars(sa.select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions[-2:] == ["rule_version.proposed", "rule_version.confirmed"]


def test_the_next_petition_uses_the_confirmed_value_and_an_older_one_keeps_its_version(admins):
    deputy = seat()
    db.session.commit()
    older, _token = start_petition(citizen_of(deputy.constituency).id, "A statement.", now=NOW)
    row = propose(admins[0], valid_from=date(2026, 12, 10))
    confirm_version(row.id, admins[1].id, now=NOW)
    later = datetime(2026, 12, 11, 6, 0, tzinfo=UTC)
    other = seat()
    db.session.commit()
    newer, _token = start_petition(citizen_of(other.constituency).id, "A statement.", now=later)

    assert (older.rule_set_version, newer.rule_set_version) == (1, 2)
    assert str(petition_rules(older).threshold.value.share) == "1/10"
    assert str(petition_rules(newer).threshold.value.share) == "3/25"


def test_a_confirmed_value_without_a_citation_is_refused_and_nothing_is_stored(admins):
    with pytest.raises(RuleVersionError, match="needs its law and article"):
        propose(admins[0], TWELVE | {"law": ""})
    with pytest.raises(RuleVersionError, match="valid rule set"):
        propose(admins[0], TWELVE | {"value": '"lots"'})
    assert db.session.scalar(sa.select(sa.func.count()).select_from(RuleSetVersion)) == 0


def test_a_version_cannot_start_in_the_past_and_only_admins_propose(admins):
    with pytest.raises(RuleVersionError, match="past"):
        propose(admins[0], valid_from=date(2026, 12, 1))
    officer = make_user(role=Role.COMMISSION)
    db.session.commit()
    with pytest.raises(RuleVersionError, match="administrator"):
        propose(officer)


def test_a_rejection_needs_a_reason_and_leaves_the_rules_as_they_were(admins):
    row = propose(admins[0])
    with pytest.raises(RuleVersionError, match="reason"):
        reject_version(row.id, admins[1].id, now=NOW, reason=" ")

    reject_version(row.id, admins[1].id, now=NOW, reason="Wrong article")

    assert db.session.get(RuleSetVersion, row.id).status is ProposalStatus.REJECTED
    assert get_rule_set(CODE).version == 1
    assert propose(admins[0]).version == 3  # the rejected number is not reused
