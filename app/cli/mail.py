"""``flask --app wsgi mail ...``: the outgoing mail queue."""

import click
from flask.cli import AppGroup
from flask_babel import gettext as _

from app.models.base import utcnow
from app.services.mail.backends import MailConfigError
from app.services.mail.delivery import deliver_pending

mail_group = AppGroup("mail", help="Outgoing mail: the outbox.")


@mail_group.command("send-queued")
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=100,
    show_default=True,
    help="Send at most this many messages.",
)
def send_queued_command(limit: int) -> None:
    """Send the messages that are due; failed ones are retried later, with growing pauses.

    Run it every minute (cron, a systemd timer) where MAIL_DELIVERY is "queue". Several may run
    at once: each message is sent by one of them.
    """
    try:
        report = deliver_pending(utcnow(), limit=limit)
    except MailConfigError as error:
        raise click.ClickException(str(error)) from None
    click.echo(_("%(sent)d sent, %(failed)d failed.", sent=report.sent, failed=report.failed))
