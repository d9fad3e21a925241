"""Admins create deputy accounts linked to a serving deputy (page and service)."""

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import AuditEntry, DeputyStatus, Role, User
from app.services.accounts.deputies import create_deputy_account, deputies_without_account
from app.services.accounts.officers import OfficerError
from tests.factories import make_deputy, make_user
from tests.support import pages
from tests.support.deputy import make_deputy_account

PASSWORD = "a long enough password"


def test_the_choice_lists_serving_deputies_without_an_account(app):
    free = make_deputy(full_name="Free Deputy")
    taken = make_deputy(full_name="Taken Deputy")
    make_deputy(full_name="Former Deputy", status=DeputyStatus.ENDED)
    make_user(role=Role.DEPUTY, deputy_id=taken.id)

    assert deputies_without_account() == [free]


def test_an_account_is_linked_to_the_deputy_and_audited(app):
    deputy = make_deputy(full_name="Aigul Seitkali")
    admin = make_user(role=Role.ADMIN)

    account = create_deputy_account(
        deputy_id=deputy.id,
        email="Aigul@Example.kz",
        display_name="",
        password=PASSWORD,
        actor=admin,
    )

    assert (account.role, account.deputy_id, account.email) == (
        Role.DEPUTY,
        deputy.id,
        "aigul@example.kz",
    )
    assert account.display_name == "Aigul Seitkali" and account.email_confirmed_at is not None
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "user.created"))
    assert entry.actor_id == admin.id and entry.details["after"]["deputy_id"] == deputy.id


def test_a_second_account_or_a_former_deputy_is_refused(app):
    deputy = make_deputy()
    former = make_deputy(status=DeputyStatus.ENDED)
    admin = make_user(role=Role.ADMIN)
    make_user(role=Role.DEPUTY, deputy_id=deputy.id)
    db.session.commit()

    with pytest.raises(OfficerError, match="already exists"):
        create_deputy_account(
            deputy_id=deputy.id,
            email="new@example.kz",
            display_name="X",
            password=PASSWORD,
            actor=admin,
        )
    with pytest.raises(OfficerError, match="serving deputy"):
        create_deputy_account(
            deputy_id=former.id,
            email="old@example.kz",
            display_name="X",
            password=PASSWORD,
            actor=admin,
        )
    assert (
        db.session.scalar(
            sa.select(sa.func.count()).select_from(User).where(User.role == Role.DEPUTY)
        )
        == 1
    )


def test_an_admin_creates_a_deputy_account_on_the_page(client, app, auth):
    deputy = make_deputy(full_name="Nurlan Abenov")
    auth.sign_in(make_user(role=Role.ADMIN))

    form = pages.get(client, "/commission/admin/deputies")
    response = client.post(
        "/commission/admin/deputies",
        data={"deputy": str(deputy.id), "email": "abenov@example.kz", "password": PASSWORD},
    )
    after = pages.get(client, "/commission/admin/deputies")

    assert "Nurlan Abenov, Constituency " in form
    assert response.status_code == 302
    account = db.session.scalar(sa.select(User).where(User.email == "abenov@example.kz"))
    assert account.deputy_id == deputy.id and account.role is Role.DEPUTY
    assert 'id="deputy-accounts"' in after and 'id="no-deputy-left"' in after


@pytest.mark.parametrize("role", [Role.COMMISSION, Role.DEPUTY, Role.CITIZEN])
def test_only_admins_may_create_deputy_accounts(client, app, role, auth):
    deputy = make_deputy()
    user = make_deputy_account() if role is Role.DEPUTY else make_user(role=role)
    auth.sign_in(user)

    get = client.get("/commission/admin/deputies")
    post = client.post(
        "/commission/admin/deputies",
        data={"deputy": str(deputy.id), "email": "x@example.kz", "password": PASSWORD},
    )

    assert (get.status_code, post.status_code) == (403, 403)
    assert db.session.scalar(sa.select(User).where(User.email == "x@example.kz")) is None
