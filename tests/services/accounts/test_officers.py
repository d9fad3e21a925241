"""Officer scope and the admin's use cases: accounts, assignments and rule sets."""

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import AuditEntry, Body, OfficerAssignment, Petition, Role, User
from app.services.accounts import officers
from app.services.accounts.officers import OfficerError, may_work_on, scope_filter
from app.services.audit.chain import verify_chain
from tests.factories import (
    DEFAULT_PASSWORD,
    make_body,
    make_constituency,
    make_deputy,
    make_officer,
    make_petition,
    make_region,
    make_user,
)


def visible(user) -> set[int]:
    return set(db.session.scalars(sa.select(Petition.id).where(scope_filter(user))))


@pytest.fixture
def two_regions(app):
    a, b = make_petition(), make_petition()
    db.session.commit()
    return a, b


def test_an_officer_sees_the_petitions_of_their_body_or_region_only(two_regions):
    a, b = two_regions
    by_body = make_officer(bodies=[a.constituency.body])
    by_region = make_officer(regions=[b.constituency.body.region])
    unassigned = make_officer()

    assert visible(by_body) == {a.id} and may_work_on(by_body, a.id)
    assert visible(by_region) == {b.id} and not may_work_on(by_region, a.id)
    assert visible(unassigned) == set()


def test_an_admin_sees_every_petition_and_other_roles_none(two_regions):
    a, b = two_regions

    assert visible(make_user(role=Role.ADMIN)) == {a.id, b.id}
    assert visible(make_user(role=Role.CITIZEN)) == set()
    assert visible(make_user(role=Role.DEPUTY)) == set()


def last_entry(action: str) -> AuditEntry:
    return db.session.scalar(
        sa.select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id.desc())
    )


@pytest.fixture
def admin(app):
    user = make_user(role=Role.ADMIN)
    db.session.commit()
    return user


def test_an_admin_creates_an_officer_who_can_sign_in(admin):
    officer = officers.create_officer(
        email=" New.Officer@Example.org ",
        display_name="Aigul Officer",
        password="a long enough password",
        actor=admin,
    )

    stored = db.session.get(User, officer.id)
    assert stored.email == "new.officer@example.org" and stored.role is Role.COMMISSION
    assert stored.check_password("a long enough password")
    entry = last_entry("user.created")
    assert entry.actor_id == admin.id and entry.details["before"] is None
    assert entry.details["after"] == {
        "email": "new.officer@example.org",
        "role": "commission",
        "deputy_id": None,
    }
    assert "password" not in str(entry.details)


@pytest.mark.parametrize(
    ("email", "name", "password", "message"),
    [
        ("not-an-address", "Name", "a long enough password", "valid email"),
        ("x@example.org", "  ", "a long enough password", "name"),
        ("x@example.org", "Name", "short", "at least 10"),
    ],
)
def test_bad_account_input_is_refused_and_creates_nothing(admin, email, name, password, message):
    with pytest.raises(OfficerError, match=message):
        officers.create_officer(email=email, display_name=name, password=password, actor=admin)

    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 1


def test_a_second_account_with_the_same_email_is_refused(admin):
    make_user(email="taken@example.org")
    db.session.commit()

    with pytest.raises(OfficerError, match="already exists"):
        officers.create_officer(
            email="TAKEN@example.org",
            display_name="Twin",
            password=DEFAULT_PASSWORD,
            actor=admin,
        )


def test_assigning_and_removing_are_audited_with_before_and_after(admin):
    officer, body = make_officer(), make_body()
    db.session.commit()

    assignment = officers.assign(officer.id, body_id=body.id, actor=admin, reason="new district")
    assigned = last_entry("officer.assigned")
    officers.unassign(assignment.id, actor=admin)
    removed = last_entry("officer.unassigned")

    assert assigned.details["before"] is None
    assert assigned.details["after"]["body_id"] == body.id
    assert assigned.details["reason"] == "new district"
    assert removed.details["before"]["body_id"] == body.id and removed.details["after"] is None
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OfficerAssignment)) == 0
    assert verify_chain().intact


def test_the_same_assignment_twice_is_refused_by_the_database(admin):
    officer, region = make_officer(), make_region()
    db.session.commit()
    officers.assign(officer.id, region_id=region.id, actor=admin)

    with pytest.raises(OfficerError, match="already has this assignment"):
        officers.assign(officer.id, region_id=region.id, actor=admin)

    assert db.session.scalar(sa.select(sa.func.count()).select_from(OfficerAssignment)) == 1
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry)) == 1


def test_an_assignment_needs_an_officer_and_exactly_one_existing_target(admin):
    officer, body, citizen = make_officer(), make_body(), make_user()
    db.session.commit()

    with pytest.raises(OfficerError, match="either a body or a region"):
        officers.assign(officer.id, body_id=body.id, region_id=body.region_id, actor=admin)
    with pytest.raises(OfficerError, match="either a body or a region"):
        officers.assign(officer.id, actor=admin)
    with pytest.raises(OfficerError, match="No such officer"):
        officers.assign(citizen.id, body_id=body.id, actor=admin)
    with pytest.raises(OfficerError, match="No such body"):
        officers.assign(officer.id, body_id=999_999, actor=admin)
    with pytest.raises(OfficerError, match="No such assignment"):
        officers.unassign(999_999, actor=admin)


def test_a_new_rule_set_applies_to_petitions_started_afterwards(admin):
    old = make_petition()
    body = old.constituency.body
    db.session.commit()

    officers.change_rule_set(body.id, "uk-2015", actor=admin, reason="test of a change")
    new = make_petition(deputy=make_deputy(constituency=make_constituency(body=body)))

    assert db.session.get(Body, body.id).rule_set_code == "uk-2015"
    assert old.rule_set_code == "kz-maslikhat-2023" and new.rule_set_code == "uk-2015"
    entry = last_entry("body.rule_set_changed")
    assert entry.details == {
        "before": {"rule_set_code": "kz-maslikhat-2023"},
        "after": {"rule_set_code": "uk-2015"},
        "reason": "test of a change",
    }


def test_an_unknown_or_unchanged_rule_set_is_refused(admin):
    body = make_body()
    db.session.commit()

    with pytest.raises(OfficerError, match="from the list"):
        officers.change_rule_set(body.id, "nowhere-2099", actor=admin)
    with pytest.raises(OfficerError, match="already uses"):
        officers.change_rule_set(body.id, "kz-maslikhat-2023", actor=admin)


def test_the_officer_list_shows_each_officer_with_their_assignments(admin):
    body, region = make_body(), make_region()
    first = make_officer(display_name="A officer", bodies=[body], regions=[region])
    second = make_officer(display_name="B officer")
    db.session.commit()

    rows = officers.list_officers()

    assert [row.officer.id for row in rows] == [first.id, second.id]
    assert {(a.body_id, a.region_id) for a in rows[0].assignments} == {
        (body.id, None),
        (None, region.id),
    }
    assert rows[1].assignments == []
