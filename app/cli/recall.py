"""``flask --app wsgi recall ...``: planning tools for commissions, and the deadline clock."""

import json
import signal
import threading
from collections.abc import Callable
from datetime import date, datetime

import click
from flask import current_app
from flask.cli import AppGroup
from flask_babel import gettext as _

from app.extensions import db
from app.labels.rules import closed_message
from app.models.base import utcnow
from app.rules.ruleset import RuleSet
from app.rules.timeline import plan
from app.services.clock import TickReport, tick
from app.services.law import (
    UnknownRuleSet,
    forget_versions,
    get_rule_set,
    rule_set_on,
    rule_sets,
)
from app.services.mail.backends import MailConfigError

recall_group = AppGroup("recall", help="Recall procedure: planning and the deadline clock.")


@recall_group.command("plan")
@click.option("--ruleset", "code", required=True, help="Rule-set code, e.g. kz-maslikhat-2023.")
@click.option("--electorate", required=True, help="Voters of the constituency (a whole number).")
@click.option("--start", required=True, help="When collection opens, ISO 8601 date and time.")
@click.option(
    "--subdivision",
    default=None,
    help="The constituency's part of the country, for its holidays (UK: ENG, WLS, SCT, NIR).",
)
def plan_command(code: str, electorate: str, start: str, subdivision: str | None) -> None:
    """Print, as JSON, the signatures required and the deadlines of a petition.

    A --start without a UTC offset is read in the rule set's time zone. The plan uses the
    version of the rule set in force on the start day; outside its validity the command fails.
    """
    try:
        newest = get_rule_set(code)
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
    opens_at = _opening(start, newest)
    rule_set = _in_force(code, opens_at.astimezone(newest.zone).date())
    subdivision = _subdivision(rule_set, subdivision)
    try:
        figures = plan(
            rule_set, electorate=int(electorate), opens_at=opens_at, subdivision=subdivision
        )
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
        "holiday_calendar": rule_set.calendar_for(subdivision),
        "timeline": [
            {"step": step.key, "deadline": step.deadline.isoformat() if step.deadline else None}
            for step in figures.timeline
        ],
        "provisional": rule_set.provisional,
    }
    click.echo(json.dumps(output, indent=2, ensure_ascii=False))


def _opening(start: str, rule_set: RuleSet) -> datetime:
    try:
        opens_at = datetime.fromisoformat(start)
    except ValueError:
        raise click.BadParameter(
            _("give an ISO 8601 date and time, e.g. 2026-12-01T10:00"), param_hint="--start"
        ) from None
    return opens_at if opens_at.tzinfo else opens_at.replace(tzinfo=rule_set.zone)


def _in_force(code: str, day: date) -> RuleSet:
    """The version in force on ``day``; outside the rule set's validity, why not (exit 2)."""
    found = rule_set_on(code, day)
    if found.version is None:
        raise click.BadParameter(
            closed_message(found.closed, found.since, found.end_reason), param_hint="--start"
        )
    return found.version


def _subdivision(rule_set: RuleSet, given: str | None) -> str | None:
    if given is None or given.upper() in rule_set.subdivisions:
        return given and given.upper()
    known = ", ".join(rule_set.subdivisions) or _("none")
    raise click.BadParameter(
        _("unknown subdivision %(given)r; known: %(known)s", given=given, known=known),
        param_hint="--subdivision",
    )


def report_lines(report: TickReport) -> str:
    """The tick's report for the terminal (one line, then the events by kind)."""
    lines = [
        _(
            "%(closed)d closed, %(events)d events recorded, %(dispatched)d dispatched, "
            "%(queued)d messages queued, %(sent)d sent, %(failed)d failed.",
            closed=len(report.closed),
            events=report.events_recorded,
            dispatched=report.dispatched,
            queued=report.queued,
            sent=report.sent,
            failed=report.failed,
        )
    ]
    if report.closed:
        lines.append(_("Closed: %(ids)s", ids=", ".join(map(str, report.closed))))
    if report.held:
        held = ", ".join(map(str, report.held))
        lines.append(_("Kept open by a pause: %(ids)s", ids=held))
    lines += [f"  {kind}: {number}" for kind, number in sorted(report.events.items())]
    return "\n".join(lines)


@recall_group.command("tick")
def tick_command() -> None:
    """Run the deadline clock once: close collections at their deadline, record milestones,
    reminders and overdue commission tasks, queue and send their mail.

    Idempotent; run it every minute (cron or a systemd timer). Several may run at once.
    """
    try:
        report = tick(utcnow())
    except MailConfigError as error:
        raise click.ClickException(str(error)) from None
    click.echo(report_lines(report))


def run_worker(
    interval: float,
    stop: threading.Event,
    *,
    run: Callable[[], object],
    on_error: Callable[[Exception], None],
) -> int:
    """Call ``run`` every ``interval`` seconds until ``stop`` is set; return how many runs.

    A run in progress always finishes (``stop`` is only looked at between runs); an error in
    one run is reported and the loop goes on.
    """
    runs = 0
    while not stop.is_set():
        try:
            run()
        except Exception as error:  # the next minute may work again (database restart...)
            on_error(error)
        runs += 1
        stop.wait(interval)
    return runs


@recall_group.command("worker")
@click.option(
    "--interval",
    type=click.FloatRange(min=1),
    default=60,
    show_default=True,
    help="Seconds between ticks.",
)
def worker_command(interval: float) -> None:
    """Run the clock every --interval seconds until SIGTERM or SIGINT (Ctrl+C).

    A tick in progress finishes before the worker exits.
    """
    stop = threading.Event()

    def request_stop(signum, frame) -> None:
        stop.set()

    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, request_stop)
    app = current_app._get_current_object()

    def run() -> None:
        try:
            report = tick(utcnow())
            if not report.idle:
                click.echo(report_lines(report))
        finally:
            db.session.remove()  # each tick starts from a fresh session
            forget_versions()  # and reads the confirmed rule-set versions again

    def on_error(error: Exception) -> None:
        app.logger.exception("recall tick failed: %s", error)

    click.echo(_("Clock worker: a tick every %(seconds)g seconds.", seconds=interval))
    runs = run_worker(interval, stop, run=run, on_error=on_error)
    click.echo(_("Clock worker stopped after %(runs)d ticks.", runs=runs))
