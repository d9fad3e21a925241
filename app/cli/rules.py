"""``flask --app wsgi rules ...``: the versions of a rule set (shipped and confirmed)."""

import json

import click
from flask.cli import AppGroup
from flask_babel import gettext as _

from app.rules.ruleset import RuleSet
from app.rules.validity import version_window
from app.services.law import UnknownRuleSet, rule_sets, versions_of

rules_group = AppGroup("rules", help="Recall rule sets: their versions and what changed.")


def _versions(code: str) -> list[RuleSet]:
    try:
        return versions_of(code)
    except UnknownRuleSet:
        known = ", ".join(sorted(rule_sets()))
        raise click.BadParameter(
            _("unknown rule set %(code)r; known: %(known)s", code=code, known=known),
            param_hint="CODE",
        ) from None


def _value(rule_set: RuleSet, name: str) -> str:
    param = getattr(rule_set, name)
    if param is None:
        return "-"
    shown = param.model_dump(mode="json", exclude_none=True)["value"]
    shown = shown if isinstance(shown, str) else json.dumps(shown, ensure_ascii=False)
    citation = rule_set.citations[param.cite]
    source = _("not confirmed") if not param.confirmed else citation.in_words
    return f"{shown} [{source}]"


@rules_group.command("show")
@click.argument("code")
def show_command(code: str) -> None:
    """Every version of CODE: its dates and each value with its source."""
    versions = _versions(code)
    for rule_set in versions:
        start, end = version_window(versions, rule_set)
        until = end.isoformat() if end else _("open-ended")
        click.echo(
            _(
                "%(code)s version %(version)d: from %(start)s, until %(end)s",
                code=code,
                version=rule_set.version,
                start=start.isoformat(),
                end=until,
            )
        )
        for name, _param in rule_set.parameters():
            click.echo(f"  {name} = {_value(rule_set, name)}")


@rules_group.command("diff")
@click.argument("code")
def diff_command(code: str) -> None:
    """What each version of CODE changed from the one before it."""
    versions = _versions(code)
    if len(versions) == 1:
        click.echo(_("%(code)s has one version only.", code=code))
    for before, after in zip(versions, versions[1:], strict=False):
        click.echo(
            _(
                "version %(old)d -> %(new)d (from %(start)s):",
                old=before.version,
                new=after.version,
                start=after.valid_from.isoformat(),
            )
        )
        names = [name for name, _param in after.parameters()]
        names += [name for name, _param in before.parameters() if name not in names]
        for name in names:
            old, new = _value(before, name), _value(after, name)
            if old != new:
                click.echo(f"  {name}: {old} -> {new}")
