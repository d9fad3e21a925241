"""Any rule-set parameter in words: its label, and its value read by the parameter's name or
by the type of its value (thresholds and periods in ``limits``, sampling, withdrawal and
outcomes in ``outcomes``); any other value has a generic rendering."""

from collections.abc import Callable
from datetime import date, time
from enum import Enum
from fractions import Fraction
from zoneinfo import ZoneInfo

from flask_babel import format_time, ngettext
from flask_babel import gettext as _

from app.i18n import shown_date, zone_label
from app.public.rule_display.limits import period, threshold, time_bar
from app.public.rule_display.outcomes import outcome, sampling, withdrawal
from app.public.rule_display.words import (
    IDENTITY_PROOFS,
    LABELS,
    TRIGGERS,
    VERIFICATION_METHODS,
    Description,
    number,
    share,
)
from app.rules.ruleset import Outcome, Period, Sampling, Threshold, TimeBar, Withdrawal


def time_of_day(value: time, time_zone: str | None = None) -> str:
    shown = format_time(value, "HH:mm:ss" if value.second else "HH:mm", rebase=False)
    if time_zone is None:
        return _("%(time)s local time", time=shown)
    return f"{shown} ({zone_label(ZoneInfo(time_zone))})"


def _generic(value: object) -> str:
    """Any other value: booleans as yes or no, numbers and dates in the current language."""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, int):
        return number(value)
    if isinstance(value, Fraction):
        return share(value)
    if isinstance(value, date):
        return shown_date(value)
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
