"""Use case: bind a citizen's account to their row on the active voter register.

One voter, one account: ``users.voter_hash`` is unique, and a second account claiming the same
voter is refused and audited, with the answer of a mismatch (counted as a failure), so that the
form never confirms that someone has an account. Failed attempts are counted; from the fifth,
each one locks the account for 5 minutes, doubling with every further failure (5th: 5 min, 6th:
10, 7th: 20 ...); only a success resets the count.

An IIN that is not well formed (``app.iin.problem``) is refused before the register is looked
at, and it counts as a failed attempt: the check digit is public, so the count costs an honest
typist one attempt of five but never tells anyone more than the form already says.
"""

import enum
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from app import iin as iin_rules
from app.crypto import vault
from app.database import get_locked
from app.extensions import db
from app.i18n import localized, shown_moment
from app.latin import to_latin
from app.models import Constituency, Deputy, Petition, User, Voter
from app.services.audit import chain as audit
from app.services.petitions.queries import fetch_public_petitions
from app.services.voters import active_voter, constituencies_of, serving_deputy

#: The failure that first locks the account, and how long that first lock lasts.
LOCK_FROM_FAILURE = 5
FIRST_LOCK = timedelta(minutes=5)
#: Doubling stops here (5 min x 2^16, about 7.5 months) so the date stays representable.
MAX_DOUBLINGS = 16
BIRTH_DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y")


class Outcome(enum.StrEnum):
    VERIFIED = "verified"
    ALREADY_VERIFIED = "already_verified"
    EMAIL_UNCONFIRMED = "email_unconfirmed"
    LOCKED = "locked"
    BAD_BIRTH_DATE = "bad_birth_date"
    INVALID_IIN = "invalid_iin"
    NO_MATCH = "no_match"
    CONFLICT = "conflict"


@dataclass(frozen=True)
class VerificationResult:
    outcome: Outcome
    message: str
    #: Set when the account is locked (now, or by this very failure).
    locked_until: datetime | None = None

    @property
    def verified(self) -> bool:
        return self.outcome is Outcome.VERIFIED


def parse_birth_date(text: str | None) -> date | None:
    """``YYYY-MM-DD`` or ``DD.MM.YYYY`` as a date, else None."""
    text = (text or "").strip()
    for pattern in BIRTH_DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def lock_duration(failures: int) -> timedelta | None:
    """How long the ``failures``-th failure in a row locks the account (None: not at all)."""
    if failures < LOCK_FROM_FAILURE:
        return None
    return FIRST_LOCK * 2 ** min(failures - LOCK_FROM_FAILURE, MAX_DOUBLINGS)


def _folded(name: str) -> str:
    nfc = unicodedata.normalize("NFC", name)
    return " ".join(unicodedata.normalize("NFC", nfc.casefold()).split())


def same_surname(given: str, registered: str) -> bool:
    """Surnames match ignoring case (Unicode casefold), surrounding and repeated spaces; the
    register's Cyrillic surname also matches its romanisation as in Kazakh passports
    (``app.latin``), the spelling a voter typing in Latin letters would use."""
    folded = _folded(given)
    return folded in (_folded(registered), _folded(to_latin(registered)))


def current_lock(user: User, now: datetime) -> datetime | None:
    until = user.verification_locked_until
    return until if until is not None and until > now else None


def lock_notice(user: User, now: datetime) -> str | None:
    """The sentence telling a locked user until when, in local time; None when not locked."""
    until = current_lock(user, now)
    if until is None:
        return None
    return _(
        "Too many failed attempts. You can try again after %(time)s.",
        time=shown_moment(until),
    )


def no_match_message() -> str:
    return _(
        "These details do not match any voter on the register that this account can be "
        "linked to. If they are right, contact the election commission."
    )


def verify_voter(
    user_id: int, iin: str, last_name: str, birth_date_text: str, *, now: datetime
) -> VerificationResult:
    """Check the details against the active register and bind the account to that voter.

    One transaction: the attempt, its audit entry and the failure count commit together.
    """
    iin = "".join(iin.split())
    try:
        user = get_locked(User, user_id)
        if user is None:
            raise LookupError(f"no user {user_id}")
        result = _verify(user, iin, last_name, birth_date_text, now)
        db.session.commit()
    except IntegrityError:
        # Another account took this voter between our check and the commit.
        db.session.rollback()
        user = db.session.get(User, user_id)
        if _holder(vault().lookup_hash(iin), user_id) is None:
            raise
        result = _refuse_conflict(user, iin, now)
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    return result


def _verify(
    user: User, iin: str, last_name: str, birth_date_text: str, now: datetime
) -> VerificationResult:
    if user.email_confirmed_at is None:
        return VerificationResult(Outcome.EMAIL_UNCONFIRMED, _("Confirm your email address first."))
    if user.voter_hash is not None:
        return VerificationResult(
            Outcome.ALREADY_VERIFIED, _("Your account is already verified as a voter.")
        )
    if (until := current_lock(user, now)) is not None:
        return VerificationResult(Outcome.LOCKED, lock_notice(user, now), until)
    born = parse_birth_date(birth_date_text)
    if born is None:
        return VerificationResult(
            Outcome.BAD_BIRTH_DATE, _("Enter the date of birth as YYYY-MM-DD or DD.MM.YYYY.")
        )
    if (problem := iin_rules.problem(iin)) is not None:
        message = _("This is not a valid IIN: check the 12 digits.")
        return _fail(user, now, Outcome.INVALID_IIN, message, reason=problem.value)
    lookup_hash = vault().lookup_hash(iin)
    voter = active_voter(lookup_hash)
    if voter is None or voter.birth_date != born or not same_surname(last_name, voter.last_name):
        return _fail(user, now, Outcome.NO_MATCH, no_match_message(), reason="no_match")
    if _holder(lookup_hash, user.id) is not None:
        return _refuse_conflict(user, iin, now)
    user.voter_hash = lookup_hash
    user.verified_at = now
    user.verification_failures = 0
    user.verification_locked_until = None
    audit.record(
        "voter.verified",
        "user",
        user.id,
        actor=user,
        details={
            "iin": iin_rules.mask(iin),
            "constituency": voter.constituency.code,
            "at": now.isoformat(),
        },
    )
    return VerificationResult(
        Outcome.VERIFIED,
        _("You are verified as a voter of %(place)s.", place=localized(voter.constituency)),
    )


def _fail(
    user: User, now: datetime, outcome: Outcome, message: str, *, reason: str
) -> VerificationResult:
    user.verification_failures += 1
    lock = lock_duration(user.verification_failures)
    details = {"reason": reason, "failures": user.verification_failures, "at": now.isoformat()}
    if lock is not None:
        user.verification_locked_until = now + lock
        details["locked_until"] = user.verification_locked_until.isoformat()
        message = f"{message} {lock_notice(user, now)}"
    audit.record("voter.verification_failed", "user", user.id, actor=user, details=details)
    return VerificationResult(outcome, message, user.verification_locked_until if lock else None)


def _holder(lookup_hash: bytes, user_id: int) -> User | None:
    """Another account already bound to this voter, if any."""
    return db.session.scalar(
        sa.select(User).where(User.voter_hash == lookup_hash, User.id != user_id)
    )


def _refuse_conflict(user: User, iin: str, now: datetime) -> VerificationResult:
    """Another account holds this voter. The answer and its cost are those of a mismatch: the
    form must not confirm that the person behind these details has an account. The audit log
    keeps the conflict for the commission, which the mismatch message sends a genuine voter to.
    """
    holder = _holder(vault().lookup_hash(iin), user.id)
    audit.record(
        "voter.verification_conflict",
        "user",
        user.id,
        actor=user,
        details={
            "iin": iin_rules.mask(iin),
            "held_by": holder.id if holder is not None else None,
            "at": now.isoformat(),
        },
    )
    return _fail(user, now, Outcome.CONFLICT, no_match_message(), reason="conflict")


@dataclass(frozen=True)
class Seat:
    """One constituency a voter votes in (with its body), its serving deputy (None: vacant) and
    the public recall petitions against that deputy."""

    constituency: Constituency
    deputy: Deputy | None
    petitions: list[Petition]


@dataclass(frozen=True)
class VoterPlace:
    """Where a verified voter votes: a seat per body (their register row's first, then those of
    the station map), each with its deputy and the recalls against them."""

    voter: Voter | None
    seats: list[Seat] = field(default_factory=list)

    @property
    def petitions(self) -> list[Petition]:
        return [petition for seat in self.seats for petition in seat.petitions]


def _seat(constituency: Constituency) -> Seat:
    deputy = serving_deputy(constituency.id)
    found = fetch_public_petitions(deputy.id) if deputy is not None else []
    return Seat(constituency, deputy, list(found))


def voter_place(user: User) -> VoterPlace:
    """The verified user's row in the active register and, for each constituency they vote in
    (one per body), its deputy and the public petitions against them."""
    voter = active_voter(user.voter_hash) if user.voter_hash is not None else None
    if voter is None:
        return VoterPlace(None)
    return VoterPlace(voter, [_seat(place) for place in constituencies_of(voter)])
