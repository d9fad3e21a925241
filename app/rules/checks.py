"""The automatic checks every signature passes through, and the officers' reason codes.

Constitutional Law "On Elections", ch. 13-2 (recall-law.md §3): only voters of the deputy's
constituency may support a recall, so a signature must come from a voter on the register, of
that constituency, of voting age on the day of signing (Art. 33(2) of the Constitution), given
inside the collection period, once per person, and not withdrawn. Pure functions: the facts come
in, the failed checks go out.
"""

import enum
from dataclasses import dataclass
from datetime import date

from app.rules.eligibility import is_of_voting_age


class Check(enum.IntFlag):
    """One bit per check; a signature stores the bits of the checks it failed."""

    ON_REGISTER = 1
    IN_CONSTITUENCY = 2
    OF_AGE = 4
    IN_PERIOD = 8
    NOT_DUPLICATE = 16
    NOT_WITHDRAWN = 32


ALL_CHECKS = tuple(Check)


class ReviewReason(enum.StrEnum):
    """Why an officer finds a signature invalid."""

    NOT_ON_REGISTER = "not_on_register"
    OTHER_CONSTITUENCY = "other_constituency"
    UNDER_AGE = "under_age"
    OUTSIDE_PERIOD = "outside_period"
    DUPLICATE = "duplicate"
    IDENTITY_DISPUTED = "identity_disputed"
    INCOMPLETE = "incomplete"


#: The reason an officer would most likely give for each failed check.
REASON_FOR = {
    Check.ON_REGISTER: ReviewReason.NOT_ON_REGISTER,
    Check.IN_CONSTITUENCY: ReviewReason.OTHER_CONSTITUENCY,
    Check.OF_AGE: ReviewReason.UNDER_AGE,
    Check.IN_PERIOD: ReviewReason.OUTSIDE_PERIOD,
    Check.NOT_DUPLICATE: ReviewReason.DUPLICATE,
}


@dataclass(frozen=True)
class SignatureFacts:
    """What is known about one signature when it is checked.

    ``register_constituency_id`` and ``birth_date`` come from the active register (null when the
    person is not on it); ``signed_on`` is the signing day in the rule set's time zone.
    """

    on_register: bool
    register_constituency_id: int | None
    birth_date: date | None
    signed_on: date
    duplicate: bool
    withdrawn: bool


def failed_checks(
    facts: SignatureFacts,
    *,
    constituency_id: int,
    period: tuple[date, date],
    minimum_age: int,
) -> Check:
    """The checks ``facts`` fail for a petition in ``constituency_id`` collecting in ``period``.

    ``period`` is the first and last day of collection, both included. A person not on the
    register fails the constituency and age checks too: neither can be confirmed.
    """
    failed = Check(0)
    if not facts.on_register:
        failed |= Check.ON_REGISTER
    if facts.register_constituency_id != constituency_id:
        failed |= Check.IN_CONSTITUENCY
    if facts.birth_date is None or not is_of_voting_age(
        facts.birth_date, facts.signed_on, minimum_age
    ):
        failed |= Check.OF_AGE
    first, last = period
    if not first <= facts.signed_on <= last:
        failed |= Check.IN_PERIOD
    if facts.duplicate:
        failed |= Check.NOT_DUPLICATE
    if facts.withdrawn:
        failed |= Check.NOT_WITHDRAWN
    return failed


def suggested_reason(bits: int) -> ReviewReason | None:
    """The reason an officer would most likely give for a signature failing ``bits``."""
    return next((REASON_FOR[check] for check in failed_list(bits) if check in REASON_FOR), None)


def failed_list(bits: int) -> list[Check]:
    """The checks named by a stored bit set, in a stable order."""
    return [check for check in ALL_CHECKS if bits & check]
