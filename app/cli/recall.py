"""``flask --app wsgi recall ...``: planning tools for commissions."""

import json
from datetime import datetime

import click
from flask.cli import AppGroup
from flask_babel import gettext as _

from app.rules.timeline import plan
from app.services.law import UnknownRuleSet, get_rule_set, rule_sets

recall_group = AppGroup("recall", help="Recall procedure: planning and the deadline clock.")


@recall_group.command("plan")
@click.option("--ruleset", "code", required=True, help="Rule-set code, e.g. kz-maslikhat-2023.")
@click.option("--electorate", required=True, help="Voters of the constituency (a whole number).")
@click.option("--start", required=True, help="When collection opens, ISO 8601 date and time.")
def plan_command(code: str, electorate: str, start: str) -> None:
    """Print, as JSON, the signatures required and the deadlines of a petition.

    A --start without a UTC offset is read in the rule set's time zone.
    """
    try:
        rule_set = get_rule_set(code)
    except UnknownRuleSet:
        known = ", ".join(sorted(rule_sets()))
        raise click.BadParameter(
            _("unknown rule set %(code)r; known: %(known)s", code=code, known=known),
            param_hint="--ruleset",
        ) from None
    if not electorate.isascii() or not electorate.isdigit() or not 1 <= int(electorate) <= 10**9:
        raise click.BadParameter(
            _("give a whole number of voters, from 1 to 1,000,000,000"), param_hint="--electorate"
        )
    try:
        opens_at = datetime.fromisoformat(start)
    except ValueError:
        raise click.BadParameter(
            _("give an ISO 8601 date and time, e.g. 2026-12-01T10:00"), param_hint="--start"
        ) from None
    if opens_at.tzinfo is None:
        opens_at = opens_at.replace(tzinfo=rule_set.zone)
    try:
        figures = plan(rule_set, electorate=int(electorate), opens_at=opens_at)
    except OverflowError:
        raise click.BadParameter(
            _("the deadlines would fall after the year 9999"), param_hint="--start"
        ) from None
    output = {
        "ruleset": rule_set.code,
        "ruleset_version": rule_set.version,
        "electorate": int(electorate),
        "signatures_required": figures.signatures_required,
        "collection_days": figures.collection_days,
        "collection_ends_at": figures.collection_ends_at.isoformat(),
        "time_zone": rule_set.time_zone,
        "timeline": [
            {"step": step.key, "deadline": step.deadline.isoformat() if step.deadline else None}
            for step in figures.timeline
        ],
        "provisional": rule_set.provisional,
    }
    click.echo(json.dumps(output, indent=2, ensure_ascii=False))
