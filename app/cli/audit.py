"""``flask --app wsgi audit ...``: checking the hash-chained audit log."""

import sys

import click
from flask.cli import AppGroup
from flask_babel import gettext as _

from app.services.audit.chain import verify_chain

audit_group = AppGroup("audit", help="The append-only, hash-chained audit log.")


@audit_group.command("verify")
def verify_command() -> None:
    """Walk the whole chain; exit 1 and name the first broken entry if a row was altered,
    re-linked or deleted."""
    report = verify_chain()
    if report.intact:
        click.echo(
            _(
                "intact: %(entries)s entries, last hash %(hash)s",
                entries=report.entries,
                hash=report.last_hash,
            )
        )
        return
    found = report.first_break
    click.echo(
        _(
            "BROKEN at seq %(seq)s: %(kind)s (%(entries)s entries intact before it)",
            seq=found.seq,
            kind=found.kind,
            entries=report.entries,
        ),
        err=True,
    )
    sys.exit(1)
