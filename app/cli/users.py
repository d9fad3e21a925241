"""``flask --app wsgi users create``: staff accounts (officers, deputies, admins).

Nobody can sign up for these roles on the site; an operator makes the first admin here, and the
admin makes officers on the admin pages. The password is asked for, never given as an option,
so that it stays out of the shell history.
"""

import click
from flask.cli import AppGroup
from flask_babel import gettext as _

from app.models import Role
from app.services.accounts.officers import OfficerError, create_staff_account

users_group = AppGroup("users", help="Staff accounts: officers, deputies, admins.")

STAFF_ROLES = [Role.COMMISSION.value, Role.DEPUTY.value, Role.ADMIN.value]


@users_group.command("create")
@click.option("--role", type=click.Choice(STAFF_ROLES), required=True)
@click.option("--email", required=True)
@click.option("--name", "display_name", required=True, help="Name shown on the site.")
@click.option("--deputy-id", type=click.IntRange(min=1), help="The deputy a deputy account is.")
@click.password_option(help="Asked for when not given (hidden, twice).")
def create_command(
    role: str, email: str, display_name: str, deputy_id: int | None, password: str
) -> None:
    """Create a staff account; the creation is written to the audit log."""
    try:
        user = create_staff_account(
            email=email,
            display_name=display_name,
            password=password,
            role=Role(role),
            deputy_id=deputy_id,
            actor=None,
            actor_label="cli",
            reason="created with flask users create",
        )
    except OfficerError as error:
        raise click.ClickException(str(error)) from None
    click.echo(
        _(
            "Created %(role)s account %(email)s (id %(id)d).",
            role=role,
            email=user.email,
            id=user.id,
        )
    )
