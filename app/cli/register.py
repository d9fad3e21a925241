"""``flask --app wsgi register ...``: the voter register."""

import sys
from datetime import UTC, date, datetime
from pathlib import Path

import click
import sqlalchemy as sa
from flask.cli import AppGroup
from flask_babel import gettext as _

from app.extensions import db
from app.models import Constituency, RegisterSnapshot
from app.services.register.activation import activate_snapshot
from app.services.register.generator import write_synthetic_register
from app.services.register.importer import import_register
from app.services.register.reader import RegisterFileError
from app.services.register.stations import load_station_map

register_group = AppGroup(
    "register", help="Voter register: import, activate, generate, list, stations, recheck."
)


def _parse_day(ctx, param, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError:
        raise click.BadParameter(_("use the form YYYY-MM-DD")) from None


@register_group.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--snapshot-date",
    required=True,
    callback=_parse_day,
    help="Date of the register snapshot, YYYY-MM-DD.",
)
@click.option(
    "--report",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write rejected rows to this CSV (line,reason).",
)
@click.option(
    "--allow-shrink",
    is_flag=True,
    help="Accept a register that keeps fewer than REGISTER_MIN_KEPT_SHARE of the active one.",
)
def import_command(
    file: Path, snapshot_date: date, report: Path | None, allow_shrink: bool
) -> None:
    """Import FILE as the new active voter register (all or nothing)."""
    options = {"report_path": report, "allow_shrink": allow_shrink}
    try:
        if sys.stdout.isatty():
            with click.progressbar(length=file.stat().st_size, label=_("Importing")) as bar:
                result = import_register(file, snapshot_date, progress=bar.update, **options)
        else:
            result = import_register(file, snapshot_date, **options)
    except RegisterFileError as error:
        raise click.ClickException(
            _("%(file)s refused, nothing changed: %(reason)s", file=file.name, reason=error)
        ) from None
    if result.reactivated:
        click.echo(
            _(
                "This file was imported before as snapshot %(id)d of %(day)s; that register is "
                "the active one again.",
                id=result.snapshot.id,
                day=result.snapshot.snapshot_date.isoformat(),
            )
        )
        return
    if result.already_imported:
        click.echo(
            _(
                "This file was already imported as snapshot %(id)d of %(day)s; nothing changed.",
                id=result.snapshot.id,
                day=result.snapshot.snapshot_date.isoformat(),
            )
        )
        return
    for reason, count in sorted(result.reasons.items()):
        click.echo(f"  {reason}: {count}")
    click.echo(
        _(
            "imported %(imported)d, rejected %(rejected)d",
            imported=result.imported,
            rejected=result.rejected,
        )
    )


@register_group.command("generate")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--rows", type=click.IntRange(min=1), default=20_000, show_default=True)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--snapshot-date", default="2026-10-01", callback=_parse_day, show_default=True)
def generate_command(file: Path, rows: int, seed: int, snapshot_date: date) -> None:
    """Write a synthetic register of ROWS valid voters over the known constituencies."""
    codes = list(db.session.scalars(sa.select(Constituency.code).order_by(Constituency.code)))
    if not codes:
        raise click.ClickException(_("There are no constituencies; run `seed demo` first."))
    write_synthetic_register(file, codes, rows, seed=seed, snapshot_date=snapshot_date)
    click.echo(_("wrote %(rows)d voters to %(file)s", rows=rows, file=file))


@register_group.command("list")
def list_command() -> None:
    """List the register snapshots, newest first."""
    snapshots = db.session.scalars(sa.select(RegisterSnapshot).order_by(RegisterSnapshot.id.desc()))
    for snapshot in snapshots:
        marker = "*" if snapshot.is_active else " "
        click.echo(
            f"{marker} {snapshot.id:4d}  {snapshot.snapshot_date}  "
            f"{snapshot.imported_count:>9d} imported  {snapshot.rejected_count:>7d} rejected  "
            f"{snapshot.source_name}"
        )


@register_group.command("activate")
@click.argument("snapshot_id", type=click.IntRange(min=1))
@click.option(
    "--allow-shrink",
    is_flag=True,
    help="Accept a register that keeps fewer than REGISTER_MIN_KEPT_SHARE of the active one.",
)
def activate_command(snapshot_id: int, allow_shrink: bool) -> None:
    """Make register snapshot SNAPSHOT_ID (see `register list`) the active register again."""
    try:
        result = activate_snapshot(snapshot_id, allow_shrink=allow_shrink)
    except RegisterFileError as error:
        raise click.ClickException(
            _("Snapshot %(id)d refused, nothing changed: %(reason)s", id=snapshot_id, reason=error)
        ) from None
    if not result.changed:
        click.echo(_("Snapshot %(id)d is already the active register.", id=snapshot_id))
        return
    click.echo(
        _(
            "Snapshot %(id)d of %(day)s is the active register; %(checked)d signatures "
            "re-checked: %(flagged)d newly flagged, %(cleared)d cleared.",
            id=snapshot_id,
            day=result.snapshot.snapshot_date.isoformat(),
            checked=result.recheck.checked,
            flagged=result.recheck.flagged,
            cleared=result.recheck.cleared,
        )
    )


@register_group.command("stations")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def stations_command(file: Path) -> None:
    """Load FILE (station,body_code,constituency_code) as the station map (all or nothing)."""
    try:
        result = load_station_map(file, actor_label="cli", now=datetime.now(UTC))
    except RegisterFileError as error:
        raise click.ClickException(
            _("%(file)s refused, nothing changed: %(reason)s", file=file.name, reason=error)
        ) from None
    click.echo(
        _(
            "Station map loaded (%(rows)d rows): stations: %(stations)d; bodies: %(bodies)d.",
            stations=result.stations,
            bodies=result.bodies,
            rows=result.rows,
        )
    )
    if result.recheck is not None:
        click.echo(
            _(
                "checked %(checked)d signatures: %(flagged)d newly flagged, %(cleared)d cleared",
                checked=result.recheck.checked,
                flagged=result.recheck.flagged,
                cleared=result.recheck.cleared,
            )
        )


@register_group.command("recheck")
def recheck_command() -> None:
    """Re-check the signatures of open petitions against the active register."""
    from app.services.review.recheck import recheck_open_petitions

    snapshot_id = db.session.scalar(
        sa.select(RegisterSnapshot.id).where(RegisterSnapshot.is_active)
    )
    if snapshot_id is None:
        click.echo(_("There is no active register."), err=True)
        sys.exit(1)
    result = recheck_open_petitions(snapshot_id, datetime.now(UTC), actor_label="cli")
    click.echo(
        _(
            "checked %(checked)d signatures: %(flagged)d newly flagged, %(cleared)d cleared",
            checked=result.checked,
            flagged=result.flagged,
            cleared=result.cleared,
        )
    )
