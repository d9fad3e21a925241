"""The vocabulary of the Rules page: parameter labels, enum names, numbers and shares."""

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from flask_babel import (
    format_decimal,
    format_number,
    lazy_gettext,
    ngettext,
)
from flask_babel import gettext as _

from app.rules.proofs import IdentityProof
from app.rules.ruleset import DayUnit, Rounding, Trigger

HOME_JURISDICTION = "KZ"

LABELS = {
    "trigger": lazy_gettext("Who starts a petition"),
    "initiative_group_min": lazy_gettext("Smallest initiative group"),
    "statement_max_chars": lazy_gettext("Longest statement of reasons"),
    "statement_max_words": lazy_gettext("Longest statement of reasons"),
    "signer_min_age": lazy_gettext("Youngest age to sign"),
    "online_identity": lazy_gettext("What an online signature rests on"),
    "threshold": lazy_gettext("Signatures required"),
    "collection_period": lazy_gettext("Time to collect signatures"),
    "deadline_time": lazy_gettext("Deadlines end at"),
    "pause_extends_deadline": lazy_gettext("A pause of signing"),
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

IDENTITY_PROOFS = {
    IdentityProof.EDS: lazy_gettext(
        "an electronic digital signature (EDS) whose certificate names the signer's IIN"
    ),
    IdentityProof.REGISTER_MATCH: lazy_gettext(
        "a site account matched to the voter register by IIN, surname and date of birth"
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


def days(count: int, unit: DayUnit) -> str:
    if unit is DayUnit.WORKING:
        return ngettext("%(days)s working day", "%(days)s working days", count, days=number(count))
    return ngettext("%(days)s calendar day", "%(days)s calendar days", count, days=number(count))
