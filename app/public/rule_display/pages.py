"""What the Rules pages show: one row per parameter, and a summary per rule set."""

from dataclasses import dataclass
from datetime import timedelta

from babel import Locale, UnknownLocaleError
from flask_babel import (
    get_locale,
)
from flask_babel import gettext as _

from app.i18n import shown_date
from app.labels.rules import end_reason_label
from app.public.rule_display.values import describe_parts, label
from app.public.rule_display.words import HOME_JURISDICTION, Description
from app.rules.ruleset import (
    Citation,
    Param,
    RuleSet,
)


@dataclass(frozen=True)
class Row:
    name: str
    label: str
    description: Description
    confirmed: bool
    citation: Citation | None
    note: str

    @property
    def source(self) -> Citation | None:
        """The law the value is read from, in words; None for a project default."""
        if self.citation is None or self.citation.project_default:
            return None
        return self.citation

    @property
    def unconfirmed_text(self) -> str:
        """What a citizen reads beside a value the official text has not confirmed."""
        if self.confirmed:
            return ""
        return _(
            "Not confirmed by the official text — set by the commission until the law is published."
        )


def rows(rule_set: RuleSet) -> list[Row]:
    """One row per parameter present, in the order of the schema."""
    return [row(rule_set, name, param) for name, param in rule_set.parameters()]


def row(rule_set: RuleSet, name: str, param: Param) -> Row:
    return Row(
        name=name,
        label=label(name),
        description=describe_parts(name, param.value, time_zone=rule_set.time_zone),
        confirmed=param.confirmed,
        citation=rule_set.citations.get(param.cite),
        note=param.note,
    )


def jurisdiction_name(code: str) -> str:
    """``Kazakhstan``; a subdivision keeps its code: ``Canada (CA-BC)``."""
    country, _sep, subdivision = code.partition("-")
    try:
        name = Locale.parse(str(get_locale())).territories.get(country)
    except (UnknownLocaleError, ValueError):
        name = None
    if name is None:
        return code
    return _("%(country)s (%(code)s)", country=name, code=code) if subdivision else name


def in_force(rule_set: RuleSet) -> str:
    start = shown_date(rule_set.valid_from)
    if rule_set.valid_until is None:
        return _("From %(start)s", start=start)
    # valid_until is the first day the rules no longer apply: the last day is the one before.
    last = shown_date(rule_set.valid_until - timedelta(days=1))
    return _("From %(start)s to %(end)s", start=start, end=last)


@dataclass(frozen=True)
class Summary:
    """What the index and the head of a rule set's page say about it."""

    rule_set: RuleSet
    jurisdiction: str
    in_force: str
    parameters: int
    provisional: int
    #: Why the rule set ended, and the law saying so (empty while it is in force).
    ended: str = ""
    ended_source: Citation | None = None


def summary(rule_set: RuleSet) -> Summary:
    return Summary(
        rule_set=rule_set,
        jurisdiction=jurisdiction_name(rule_set.jurisdiction),
        in_force=in_force(rule_set),
        parameters=len(rule_set.parameters()),
        provisional=len(rule_set.provisional),
        ended=end_reason_label(rule_set.end_reason),
        ended_source=rule_set.citations.get(rule_set.end_cite or ""),
    )


def summaries(rule_sets: list[RuleSet]) -> tuple[list[Summary], list[Summary]]:
    """The home jurisdiction's rule sets, then the others for comparison (each by code)."""
    by_code = [summary(rule_set) for rule_set in sorted(rule_sets, key=lambda rs: rs.code)]
    home = [item for item in by_code if item.rule_set.jurisdiction == HOME_JURISDICTION]
    return home, [item for item in by_code if item.rule_set.jurisdiction != HOME_JURISDICTION]
