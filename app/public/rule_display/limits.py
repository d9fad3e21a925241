"""Thresholds, periods and time bars in words: how many signatures, for how long, and when
a recall may start. A value set by brackets of the constituency's size reads one item per
bracket."""

from collections.abc import Callable

from flask_babel import gettext as _
from flask_babel import ngettext

from app.public.rule_display.words import (
    DENOMINATORS,
    ROUNDINGS,
    Description,
    days,
    number,
    share,
)
from app.rules.ruleset import Bracket, Comparison, Period, Threshold, TimeBar


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
