"""``flask users create``."""

import sqlalchemy as sa

from app.extensions import db
from app.models import AuditEntry, Role, User
from tests.factories import make_deputy

PASSWORD = "a long enough password"


def test_an_operator_creates_an_officer_with_a_prompted_password(runner):
    result = runner.invoke(
        args=[
            "users",
            "create",
            "--role",
            "commission",
            "--email",
            "Off@Example.kz",
            "--name",
            "Off",
        ],
        input=f"{PASSWORD}\n{PASSWORD}\n",
    )

    assert result.exit_code == 0, result.output
    user = db.session.scalar(sa.select(User).where(User.email == "off@example.kz"))
    assert user.role is Role.COMMISSION and user.check_password(PASSWORD)
    assert PASSWORD not in result.output
    entry = db.session.scalar(sa.select(AuditEntry))
    assert (entry.action, entry.actor_label) == ("user.created", "cli")


def test_a_deputy_account_speaks_for_an_existing_deputy(runner):
    deputy = make_deputy()
    db.session.commit()
    args = ["users", "create", "--role", "deputy", "--email", "d@example.kz", "--name", "D"]

    unknown = runner.invoke(args=[*args, "--deputy-id", "999999"], input=f"{PASSWORD}\n" * 2)
    known = runner.invoke(args=[*args, "--deputy-id", str(deputy.id)], input=f"{PASSWORD}\n" * 2)

    assert unknown.exit_code == 1 and "No such deputy" in unknown.output
    assert known.exit_code == 0, known.output
    assert db.session.scalar(sa.select(User.deputy_id)) == deputy.id


def test_a_short_password_or_a_taken_email_is_refused(runner):
    args = ["users", "create", "--role", "admin", "--email", "a@example.kz", "--name", "A"]

    short = runner.invoke(args=args, input="short\nshort\n")
    runner.invoke(args=args, input=f"{PASSWORD}\n" * 2)
    again = runner.invoke(args=args, input=f"{PASSWORD}\n" * 2)

    assert short.exit_code == 1 and "at least 10" in short.output
    assert again.exit_code == 1 and "already exists" in again.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 1


def test_a_deputy_account_made_on_the_command_line_opens_the_deputy_portal(runner, client, auth):
    deputy = make_deputy()
    db.session.commit()
    args = ["users", "create", "--role", "deputy", "--email", "dep@example.kz", "--name", "Dep"]

    made = runner.invoke(args=[*args, "--deputy-id", str(deputy.id)], input=f"{PASSWORD}\n" * 2)
    again = runner.invoke(
        args=[
            *args[:4],
            "--email",
            "dep2@example.kz",
            "--name",
            "Dep",
            "--deputy-id",
            str(deputy.id),
        ],
        input=f"{PASSWORD}\n" * 2,
    )
    auth.sign_in("dep@example.kz", PASSWORD)

    assert made.exit_code == 0, made.output
    assert again.exit_code == 1 and "already exists" in again.output
    assert client.get("/deputy/").status_code == 200
