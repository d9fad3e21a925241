"""``flask --app wsgi backup ...``: backups of the whole database, and restoring one."""

import sys
from datetime import UTC, datetime
from pathlib import Path

import click
from flask.cli import AppGroup
from flask_babel import gettext as _

from app.services.operations.backups import BackupError, create_backup, restore_backup

backup_group = AppGroup("backup", help="Backups of the whole database: create, restore.")


@backup_group.command("create")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
def create_command(directory: Path) -> None:
    """Write a consistent backup of the database into DIRECTORY (the site may run)."""
    try:
        backup = create_backup(directory, now=datetime.now(UTC))
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(
        _(
            "Backup written: %(path)s (%(size)d bytes, SHA-256 %(sha256)s)",
            path=backup.path,
            size=backup.size,
            sha256=backup.sha256,
        )
    )


@backup_group.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def restore_command(file: Path, yes: bool) -> None:
    """Replace the WHOLE database with the backup FILE (stop the site first)."""
    if not yes:
        click.confirm(
            _("Every change made since this backup will be lost. Restore %(file)s?", file=file),
            abort=True,
        )
    try:
        restored = restore_backup(file, now=datetime.now(UTC))
    except BackupError as error:
        raise click.ClickException(
            _("%(file)s not restored, nothing changed: %(reason)s", file=file.name, reason=error)
        ) from None
    click.echo(
        _("Restored from %(file)s (SHA-256 %(sha256)s).", file=file, sha256=restored.backup.sha256)
    )
    if restored.revision != restored.head:
        click.echo(
            _(
                "The backup is at migration %(revision)s, this release at %(head)s: run "
                "`flask --app wsgi db upgrade` before starting the site.",
                revision=restored.revision,
                head=restored.head,
            )
        )
    if not restored.chain.intact:
        click.echo(
            _(
                "The audit log's hash chain is BROKEN at entry %(seq)s.",
                seq=restored.chain.first_break.seq,
            ),
            err=True,
        )
        sys.exit(1)
    click.echo(_("Audit log intact: %(entries)s entries.", entries=restored.chain.entries))
