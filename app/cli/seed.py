import click
from flask import current_app
from flask.cli import AppGroup
from flask_babel import gettext as _

from app.demo.eds import ensure_demo_ca
from app.demo.seed import DEFAULT_VOTERS, SeedReport, database_has_regions, seed_demo

seed_group = AppGroup("seed", help="Demo data.")

KIND_ORDER = ("regions", "parties", "bodies", "constituencies", "deputies", "accounts")


@seed_group.command("demo")
@click.option(
    "--voters",
    type=click.IntRange(min=0),
    default=DEFAULT_VOTERS,
    show_default=True,
    help="Synthetic voters in the demo register (0: no register).",
)
@click.option(
    "--if-empty",
    is_flag=True,
    help="Do nothing if the database already has any region.",
)
@click.option("--force", is_flag=True, help="Allow the demo data under APP_ENV=production.")
def demo_command(voters: int, if_empty: bool, force: bool) -> None:
    """Load the demo data set: 2023 geography, fictional deputies, demo accounts, a register.

    Safe to run again: nothing is duplicated. The demo accounts have published passwords; never
    load them on a server the public can reach.
    """
    if current_app.config["APP_ENV"] == "production" and not force:
        raise click.ClickException(
            _("Refusing to load demo accounts with public passwords in production (use --force).")
        )
    demo_ca, made = ensure_demo_ca(current_app.config["EDS_DEMO_DIR"])
    if made:
        click.echo(
            _(
                "Demo certification authority (fictional) written to %(folder)s; development "
                "trusts it. Try EDS signing: flask eds demo-certificate --demo-citizen",
                folder=demo_ca.folder,
            )
        )
    if if_empty and database_has_regions():
        click.echo(_("The database already has regions: demo data not loaded (--if-empty)."))
        return
    report = seed_demo(voters=voters)
    click.echo(_summary(report))
    click.echo(_register_line(report))
    if report.petition.petition_id is not None:
        click.echo(_petition_line(report))
    if report.commission_cases:
        click.echo(
            _(
                "Commission demo: petitions %(ids)s created (waiting for registration; "
                "collection closed with flagged signatures; recall vote held yesterday, "
                "result to be recorded).",
                ids=", ".join(str(i) for i in report.commission_cases),
            )
        )
    if report.rule_cases:
        click.echo(
            _(
                "Rule-engine demo: petitions %(ids)s created (California rules: sampling; "
                "UK rules: a proposal waiting for a second officer).",
                ids=", ".join(str(i) for i in report.rule_cases),
            )
        )
    click.echo("")
    click.echo(_("Demo accounts (demonstration only, the passwords are public):"))
    click.echo(_credentials_table(report))


def _counts(counts: dict[str, int]) -> str:
    kinds = sorted(counts, key=lambda kind: KIND_ORDER.index(kind) if kind in KIND_ORDER else 99)
    return ", ".join(f"{counts[kind]} {kind}" for kind in kinds)


def _summary(report: SeedReport) -> str:
    if not report.changed:
        return _("Demo data already present: nothing changed.")
    parts = []
    if report.created:
        parts.append(_("created %(what)s", what=_counts(report.created)))
    if report.updated:
        parts.append(_("restored %(what)s", what=_counts(report.updated)))
    return _("Demo data: %(parts)s.", parts="; ".join(parts))


def _register_line(report: SeedReport) -> str:
    register = report.register
    if register.skipped:
        return _("Voter register: not loaded, %(why)s.", why=register.skipped)
    if register.already_imported:
        return _(
            "Voter register: this file was imported before (snapshot %(id)s).",
            id=register.snapshot_id,
        )
    return _(
        "Voter register: %(imported)s voters imported, %(rejected)s rejected, "
        "as the active snapshot %(id)s.",
        imported=f"{register.imported:,}",
        rejected=f"{register.rejected:,}",
        id=register.snapshot_id,
    )


def _petition_line(report: SeedReport) -> str:
    if report.petition.created:
        return _(
            "Demo petition: %(id)s created, collecting signatures (%(n)s signed so far).",
            id=report.petition.petition_id,
            n=report.petition.signatures,
        )
    return _("Demo petition: %(id)s already present.", id=report.petition.petition_id)


def _credentials_table(report: SeedReport) -> str:
    rows = [(_("Email"), _("Password"), _("Role"))]
    rows += [(a.email, a.password, a.role.value) for a in report.credentials]
    widths = [max(len(row[column]) for row in rows) for column in range(3)]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(line.rstrip() for line in lines)
