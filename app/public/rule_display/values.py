"""Each kind of rule-set value in words (thresholds, periods, outcomes, ...)."""

from collections.abc import Callable
from datetime import date, time
from enum import Enum
from fractions import Fraction

from flask_babel import (
    format_date,
    format_time,
    ngettext,
)
from flask_babel import gettext as _

from app.public.rule_display.words import (
    DENOMINATORS,
    IDENTITY_PROOFS,
    LABELS,
    ROUNDINGS,
    TRIGGERS,
    VERIFICATION_METHODS,
    WITHDRAWAL_UNTIL,
    Description,
    days,
    number,
    share,
)
from app.rules.ruleset import (
    Bracket,
    Comparison,
    Outcome,
    Period,
    Sampling,
    Threshold,
    TimeBar,
    Withdrawal,
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
    if value.pass_base == "votes_on_question":
        return _(
            "recalled if more than %(share)s of the yes and no votes on the recall are yes",
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


def _pause_extension(value: object) -> str:
    if value is True:
        return _("Extends the collection deadline by the collection time it took away")
    if value is False:
        return _("Does not change the collection deadline")
    return _generic(value)


def _online_identity(value: object) -> Description:
    """Each accepted proof as an item; a signature resting on another proof does not count."""
    proofs = tuple(str(IDENTITY_PROOFS.get(proof, _generic(proof))) for proof in value)
    if len(proofs) == 1:
        return Description(_("Only %(proof)s", proof=proofs[0]))
    return Description(_("Any of these"), proofs)


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
    "pause_extends_deadline": _pause_extension,
    "verification_method": lambda value: str(VERIFICATION_METHODS.get(value, _generic(value))),
}

#: Values given as a lead and items (a ``Description``), by parameter name.
DESCRIBED_BY_NAME: dict[str, Callable[[object], Description]] = {
    "online_identity": _online_identity,
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
    if name in DESCRIBED_BY_NAME:
        return DESCRIBED_BY_NAME[name](value)
    if type(value) in BY_TYPE:
        return BY_TYPE[type(value)](value)
    if isinstance(value, time):
        return Description(time_of_day(value, time_zone))
    return Description(_generic(value))


def describe(name: str, value: object, *, time_zone: str | None = None) -> str:
    """The value of parameter ``name`` in words, on one line."""
    return describe_parts(name, value, time_zone=time_zone).text
