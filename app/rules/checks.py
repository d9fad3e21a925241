"""The automatic checks every signature passes through, and the officers' reason codes.

Constitutional Law "On Elections", ch. 13-2 (recall-law.md §3): only voters of the deputy's
constituency may support a recall, so a signature must come from a voter on the register, of
that constituency, of voting age on the day of signing (Art. 33(2) of the Constitution), given
inside the collection period, once per person, and not withdrawn; a paper signature must also
name the person its IIN belongs to. Pure functions: the facts come in, the failed checks go out.
"""

import enum
import unicodedata
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
    IDENTITY = 64


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
    Check.IDENTITY: ReviewReason.IDENTITY_DISPUTED,
}


@dataclass(frozen=True)
class SignatureFacts:
    """What is known about one signature when it is checked.

    ``register_constituency_id`` and ``birth_date`` come from the active register (null when the
    person is not on it); the constituency is the voter's one in the petition's body, through
    the station map when the register row names another body's; ``signed_on`` is the signing
    day in the rule set's time zone.

    ``keyed_*`` are the surname, first name and birth date as keyed from a paper sheet, and
    ``register_last_name``/``register_first_name`` the names on the register (``birth_date``
    is the register's). The keyed facts are None for online signatures: the signer's identity was
    established when their account was verified against the register.
    """

    on_register: bool
    register_constituency_id: int | None
    birth_date: date | None
    signed_on: date
    duplicate: bool
    withdrawn: bool
    keyed_last_name: str | None = None
    keyed_first_name: str | None = None
    keyed_birth_date: date | None = None
    register_last_name: str | None = None
    register_first_name: str | None = None

    @property
    def keyed(self) -> bool:
        """Whether the signature carries a keyed identity (a paper line) to compare."""
        return not (
            self.keyed_last_name is None
            and self.keyed_first_name is None
            and self.keyed_birth_date is None
        )


def comparable_name(name: str) -> str:
    """A name as the identity check compares it: case-folded, surrounding and repeated spaces
    dropped, and Cyrillic Ё written as Е (registers and signers use either)."""
    folded = unicodedata.normalize("NFC", unicodedata.normalize("NFC", name).casefold())
    return " ".join(folded.split()).replace("ё", "е")


def identity_matches(
    keyed_last_name: str | None,
    keyed_first_name: str | None,
    keyed_birth_date: date | None,
    register_last_name: str | None,
    register_first_name: str | None,
    register_birth_date: date | None,
) -> bool:
    """Whether a paper line names the person its IIN belongs to on the register.

    The IIN alone does not identify a signer: a valid IIN of a real voter can be copied from
    anywhere (a list, another sheet, a document), so it must not count as that voter's signature
    unless the surname, first name and birth date written beside it are the register's. Names
    are compared as ``comparable_name`` gives them, birth dates exactly; anything missing on
    either side is no match.
    """
    names = (keyed_last_name, keyed_first_name, register_last_name, register_first_name)
    if any(name is None for name in names) or None in (keyed_birth_date, register_birth_date):
        return False
    return (
        comparable_name(keyed_last_name) == comparable_name(register_last_name)
        and comparable_name(keyed_first_name) == comparable_name(register_first_name)
        and keyed_birth_date == register_birth_date
    )


def failed_checks(
    facts: SignatureFacts,
    *,
    constituency_id: int,
    period: tuple[date, date],
    minimum_age: int,
) -> Check:
    """The checks ``facts`` fail for a petition in ``constituency_id`` collecting in ``period``.

    ``period`` is the first and last day of collection, both included. A person not on the
    register fails the constituency and age checks too: neither can be confirmed. The identity
    check is judged only for a person on the register whose signature carries keyed facts.
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
    if (
        facts.on_register
        and facts.keyed
        and not identity_matches(
            facts.keyed_last_name,
            facts.keyed_first_name,
            facts.keyed_birth_date,
            facts.register_last_name,
            facts.register_first_name,
            facts.birth_date,
        )
    ):
        failed |= Check.IDENTITY
    return failed


def suggested_reason(bits: int) -> ReviewReason | None:
    """The reason an officer would most likely give for a signature failing ``bits``."""
    return next((REASON_FOR[check] for check in failed_list(bits) if check in REASON_FOR), None)


def failed_list(bits: int) -> list[Check]:
    """The checks named by a stored bit set, in a stable order."""
    return [check for check in ALL_CHECKS if bits & check]
