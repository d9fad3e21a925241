"""How rule-set parameters read on the public Rules page: plain text, every word translatable.

Presentation only: nothing here decides anything about a petition (that is ``app/rules``). The
functions take plain values and return text in the current language, so they need an app
context for Flask-Babel. A parameter or value type this module does not know keeps its raw name
and a generic rendering, so a new rule-set field never breaks the page.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal
from enum import Enum
from fractions import Fraction

from babel import Locale, UnknownLocaleError
from flask_babel import (
    format_date,
    format_decimal,
    format_number,
    format_time,
    get_locale,
    lazy_gettext,
    ngettext,
)
from flask_babel import gettext as _

from app.rules.ruleset import (
    Bracket,
    Citation,
    Comparison,
    DayUnit,
    Outcome,
    Param,
    Period,
    Rounding,
    RuleSet,
    Sampling,
    Threshold,
    TimeBar,
    Trigger,
    Withdrawal,
)

#: Rule sets of this jurisdiction come first on the index; the others are there for comparison.
HOME_JURISDICTION = "KZ"

LABELS = {
    "trigger": lazy_gettext("Who starts a petition"),
    "initiative_group_min": lazy_gettext("Smallest initiative group"),
    "statement_max_chars": lazy_gettext("Longest statement of reasons"),
    "statement_max_words": lazy_gettext("Longest statement of reasons"),
    "signer_min_age": lazy_gettext("Youngest age to sign"),
    "threshold": lazy_gettext("Signatures required"),
    "collection_period": lazy_gettext("Time to collect signatures"),
    "deadline_time": lazy_gettext("Deadlines end at"),
    "registration_decision_period": lazy_gettext("Time to decide on registration"),
    "verification_period": lazy_gettext("Time to verify signatures"),
    "vote_period": lazy_gettext("Time until the recall vote"),
    "no_initiative_after_start": lazy_gettext("No initiative early in the mandate"),
    "no_initiative_before_end": lazy_gettext("No initiative late in the mandate"),
    "cooldown_after_failure": lazy_gettext("Wait after a failed petition"),
    "withdrawal": lazy_gettext("Withdrawing a signature"),
    "running_count_public": lazy_gettext("Running count of signatures"),
    "verification_method": lazy_gettext("How signatures are verified"),
    "sampling": lazy_gettext("Random sample"),
    "outcome": lazy_gettext("Outcome of a sufficient petition"),
}

TRIGGERS = {
    Trigger.CITIZEN_INITIATIVE: lazy_gettext(
        "Citizens' initiative: voters of the constituency start it"
    ),
    Trigger.OFFICIAL_TRIGGER: lazy_gettext(
        "Official trigger: an event set out in the law opens the petition; voters cannot start one"
    ),
}

VERIFICATION_METHODS = {
    "full_count": lazy_gettext("Every signature is checked"),
    "sample": lazy_gettext("A random sample of the signatures is checked"),
}

DENOMINATORS = {
    "register_at_registration": lazy_gettext(
        "the constituency's voters on the active register on the day the petition is registered"
    ),
    "register_at_close": lazy_gettext(
        "the constituency's voters on the register on the last day of collection"
    ),
}

ROUNDINGS = {
    Rounding.UP: lazy_gettext("the required number is first rounded up to a whole number"),
    Rounding.DOWN: lazy_gettext("the required number is first rounded down to a whole number"),
    Rounding.HALF_UP: lazy_gettext(
        "the required number is first rounded to the nearest whole number"
    ),
}

WITHDRAWAL_UNTIL = {
    "collection_end": lazy_gettext("Signers may withdraw their signature until collection ends"),
    "filing": lazy_gettext("Signers may withdraw their signature until the petition is filed"),
}


@dataclass(frozen=True)
class Description:
    """A value in words: a lead and, for values that depend on the electorate, one item per
    bracket (the page shows them as a list; ``text`` joins them into one line)."""

    lead: str
    items: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        if not self.items:
            return self.lead
        return _("%(lead)s: %(items)s", lead=self.lead, items="; ".join(self.items))


# Numbers and shares


def number(value: int) -> str:
    return format_number(value)


def percent(value: Fraction) -> str:
    """A share as a percentage, exact when it has at most two decimals: ``40%``, ``12.5%``."""
    hundredths = value * 10_000
    if hundredths.denominator != 1:
        raise ValueError(f"{value} is not a whole number of hundredths of a percent")
    return _("%(number)s%%", number=format_decimal(Decimal(hundredths.numerator) / 100))


def share(value: Fraction) -> str:
    """``10%``, ``12.5%``; a share with no short decimal reads as ``1/3 (33.3%)``."""
    if (value * 10_000).denominator == 1:
        return percent(value)
    shown = Fraction(round(value * 1000), 1000)  # to one decimal of a percent
    return _(
        "%(fraction)s (%(percent)s)",
        fraction=f"{number(value.numerator)}/{number(value.denominator)}",
        percent=percent(shown),
    )


def _bracket_ranges(brackets: list[Bracket]) -> list[str]:
    """``fewer than 1,000 voters``, ``1,000 to 9,999 voters``, ..., ``100,000 voters or more``."""
    ranges, lower = [], None
    for bracket in brackets:
        if bracket.below is None and lower is None:
            ranges.append(_("any number of voters"))
        elif bracket.below is None:
            ranges.append(
                ngettext(
                    "%(lower)s voter or more",
                    "%(lower)s voters or more",
                    lower,
                    lower=number(lower),
                )
            )
        elif lower is None:
            below = bracket.below
            ranges.append(
                ngettext(
                    "fewer than %(upper)s voter",
                    "fewer than %(upper)s voters",
                    below,
                    upper=number(below),
                )
            )
        else:
            upper = bracket.below - 1
            ranges.append(
                ngettext(
                    "%(lower)s to %(upper)s voter",
                    "%(lower)s to %(upper)s voters",
                    upper,
                    lower=number(lower),
                    upper=number(upper),
                )
            )
        lower = bracket.below
    return ranges


def _bracket_items(brackets: list[Bracket], render: Callable[[Bracket], str]) -> tuple[str, ...]:
    return tuple(
        _("%(range)s: %(value)s", range=label, value=render(bracket))
        for label, bracket in zip(_bracket_ranges(brackets), brackets, strict=True)
    )


# Value types


def threshold(value: Threshold) -> Description:
    voters = str(DENOMINATORS.get(value.denominator, value.denominator))
    at_least = value.comparison is Comparison.AT_LEAST
    if value.brackets is not None:
        lead = (
            _(
                "At least the following share of %(voters)s, depending on their number",
                voters=voters,
            )
            if at_least
            else _(
                "More than the following share of %(voters)s, depending on their number",
                voters=voters,
            )
        )
        items = _bracket_items(value.brackets, lambda bracket: share(bracket.share))
    else:
        lead = (
            _("At least %(share)s of %(voters)s", share=share(value.share), voters=voters)
            if at_least
            else _("More than %(share)s of %(voters)s", share=share(value.share), voters=voters)
        )
        items = ()
    if value.rounding in ROUNDINGS:
        lead = _("%(rule)s; %(rounding)s", rule=lead, rounding=ROUNDINGS[value.rounding])
    return Description(lead, items)


def days(count: int, unit: DayUnit) -> str:
    if unit is DayUnit.WORKING:
        return ngettext("%(days)s working day", "%(days)s working days", count, days=number(count))
    return ngettext("%(days)s calendar day", "%(days)s calendar days", count, days=number(count))


def period(value: Period) -> Description:
    counting = (
        _("counting the first day") if value.counts_start_day else _("counting from the next day")
    )
    if value.brackets is None:
        return Description(
            _("%(days)s (%(counting)s)", days=days(value.days, value.unit), counting=counting)
        )
    return Description(
        _("By the number of the constituency's voters (%(counting)s)", counting=counting),
        _bracket_items(value.brackets, lambda bracket: days(bracket.days, value.unit)),
    )


def time_bar(value: TimeBar) -> Description:
    months, shown = value.months, number(value.months)
    if value.counted_from == "election_date":
        text = ngettext(
            "%(months)s month after the election day",
            "%(months)s months after the election day",
            months,
            months=shown,
        )
    elif value.counted_from == "mandate_start":
        text = ngettext(
            "%(months)s month after the start of the mandate",
            "%(months)s months after the start of the mandate",
            months,
            months=shown,
        )
    else:
        text = ngettext(
            "%(months)s month before the end of the mandate",
            "%(months)s months before the end of the mandate",
            months,
            months=shown,
        )
    return Description(text)


def _quorum(value: Outcome) -> str:
    if value.quorum_comparison is Comparison.AT_LEAST:
        return _(
            "valid if at least %(share)s of the constituency's voters take part",
            share=share(value.quorum_share),
        )
    return _(
        "valid if more than %(share)s of the constituency's voters take part",
        share=share(value.quorum_share),
    )


def _pass_rule(value: Outcome) -> str:
    shown = share(value.pass_share)
    at_least = value.pass_comparison is Comparison.AT_LEAST
    if value.pass_base == "electorate":
        if at_least:
            return _(
                "recalled if at least %(share)s of the constituency's voters vote for recall",
                share=shown,
            )
        return _(
            "recalled if more than %(share)s of the constituency's voters vote for recall",
            share=shown,
        )
    if at_least:
        return _("recalled if at least %(share)s of those taking part vote for recall", share=shown)
    return _("recalled if more than %(share)s of those taking part vote for recall", share=shown)


def outcome(value: Outcome) -> Description:
    if value.kind == "vacate":
        return Description(_("The seat is vacated, without a recall vote"))
    if value.quorum_share is None:
        return Description(_("Recall vote: %(rule)s", rule=_pass_rule(value)))
    return Description(
        _(
            "Recall vote: %(quorum)s; %(rule)s",
            quorum=_quorum(value),
            rule=_pass_rule(value),
        )
    )


def withdrawal(value: Withdrawal) -> Description:
    if not value.allowed:
        return Description(_("A signature cannot be withdrawn"))
    if value.until in WITHDRAWAL_UNTIL:
        return Description(str(WITHDRAWAL_UNTIL[value.until]))
    return Description(_("Signers may withdraw their signature"))


def sampling(value: Sampling) -> Description:
    return Description(
        _(
            "A random sample of %(share)s of the signatures, and at least %(minimum)s, is checked "
            "and the number of valid signatures projected from it",
            share=share(value.share),
            minimum=number(value.min_sample),
        ),
        (
            _(
                "above %(share)s of the number required: sufficient",
                share=share(value.sufficient_above),
            ),
            _(
                "%(low)s to %(high)s: every signature is checked",
                low=share(value.full_count_from),
                high=share(value.sufficient_above),
            ),
            _("below %(share)s: insufficient", share=share(value.full_count_from)),
        ),
    )


def time_of_day(value: time, time_zone: str | None = None) -> str:
    shown = format_time(value, "HH:mm:ss" if value.second else "HH:mm", rebase=False)
    if time_zone is None:
        return _("%(time)s local time", time=shown)
    return _("%(time)s local time (%(zone)s)", time=shown, zone=time_zone)


def _generic(value: object) -> str:
    """Any other value: booleans as yes or no, numbers and dates in the current language."""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, int):
        return number(value)
    if isinstance(value, Fraction):
        return share(value)
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, Enum):
        return str(value.value)
    return str(value)


# Parameters whose meaning depends on the name, not only on the type of the value


def _running_count(value: object) -> str:
    if value is True:
        return _("Published while signatures are collected")
    if value is False:
        return _("Not published until the count at the close")
    return _generic(value)


def _members(value: int) -> str:
    return ngettext("%(count)s member", "%(count)s members", value, count=number(value))


def _characters(value: int) -> str:
    return ngettext(
        "Up to %(count)s character", "Up to %(count)s characters", value, count=number(value)
    )


def _words(value: int) -> str:
    return ngettext("Up to %(count)s word", "Up to %(count)s words", value, count=number(value))


def _age(value: int) -> str:
    return ngettext(
        "%(count)s year or older", "%(count)s years or older", value, count=number(value)
    )


BY_NAME: dict[str, Callable[[object], str]] = {
    "trigger": lambda value: str(TRIGGERS.get(value, _generic(value))),
    "initiative_group_min": _members,
    "statement_max_chars": _characters,
    "statement_max_words": _words,
    "signer_min_age": _age,
    "running_count_public": _running_count,
    "verification_method": lambda value: str(VERIFICATION_METHODS.get(value, _generic(value))),
}

BY_TYPE: dict[type, Callable[[object], Description]] = {
    Threshold: threshold,
    Period: period,
    TimeBar: time_bar,
    Outcome: outcome,
    Withdrawal: withdrawal,
    Sampling: sampling,
}


def label(name: str) -> str:
    """The parameter's name for people; an unknown parameter keeps its raw name."""
    return str(LABELS.get(name, name))


def describe_parts(name: str, value: object, *, time_zone: str | None = None) -> Description:
    """The value of parameter ``name`` in words, with one item per bracket if it has brackets."""
    if name in BY_NAME:
        return Description(BY_NAME[name](value))
    if type(value) in BY_TYPE:
        return BY_TYPE[type(value)](value)
    if isinstance(value, time):
        return Description(time_of_day(value, time_zone))
    return Description(_generic(value))


def describe(name: str, value: object, *, time_zone: str | None = None) -> str:
    """The value of parameter ``name`` in words, on one line."""
    return describe_parts(name, value, time_zone=time_zone).text


# The page's rows and the index


@dataclass(frozen=True)
class Row:
    name: str
    label: str
    description: Description
    confirmed: bool
    citation: Citation | None
    note: str


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
    start = format_date(rule_set.valid_from)
    if rule_set.valid_until is None:
        return _("From %(start)s", start=start)
    return _("From %(start)s until %(end)s", start=start, end=format_date(rule_set.valid_until))


@dataclass(frozen=True)
class Summary:
    """What the index and the head of a rule set's page say about it."""

    rule_set: RuleSet
    jurisdiction: str
    in_force: str
    parameters: int
    provisional: int


def summary(rule_set: RuleSet) -> Summary:
    return Summary(
        rule_set=rule_set,
        jurisdiction=jurisdiction_name(rule_set.jurisdiction),
        in_force=in_force(rule_set),
        parameters=len(rule_set.parameters()),
        provisional=len(rule_set.provisional),
    )


def summaries(rule_sets: list[RuleSet]) -> tuple[list[Summary], list[Summary]]:
    """The home jurisdiction's rule sets, then the others for comparison (each by code)."""
    by_code = [summary(rule_set) for rule_set in sorted(rule_sets, key=lambda rs: rs.code)]
    home = [item for item in by_code if item.rule_set.jurisdiction == HOME_JURISDICTION]
    return home, [item for item in by_code if item.rule_set.jurisdiction != HOME_JURISDICTION]
