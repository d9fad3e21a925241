"""What a leaf of the transparency log says: the event, the petition, the time, and for a
signature a pseudonym and the status the event left it in; nothing that names a person.

A leaf's input is canonical JSON (keys sorted, no spaces, ASCII), e.g.::

    {"event":"signature.signed","petition":12,"signature":"rbkvdcgn...","status":"valid",
     "time":"2026-12-09T05:00:00Z"}

The pseudonym is a keyed hash of the signature's id under an instance secret, written in
modhex (the 16 letters ``cbdefghijklnrtuv``, from Yubico's one-time passwords): nobody without
the secret can link it to a signature or a person, the signer finds it on their receipt, and
every leaf about the same signature carries the same pseudonym, so an observer can follow each
signature's status and recount any petition from the log alone. Modhex has no digits, so no
value in a leaf can ever read as an IIN: the only numbers are the petition id (at most ten
digits) and the parts of the time.
"""

import enum
import hmac
import json
import re
from datetime import UTC, datetime

from app.rules.lifecycle import NOT_YET_PUBLIC, PetitionStatus

MODHEX = "cbdefghijklnrtuv"
#: Bytes of the keyed hash kept in a pseudonym: 128 bits, 32 modhex letters.
PSEUDONYM_BYTES = 16
#: The last guard: a run of twelve digits is what an IIN looks like.
_TWELVE_DIGITS = re.compile(r"[0-9]{12}")


class LogEvent(enum.StrEnum):
    SIGNED = "signature.signed"  #: signed online (or signed again after a withdrawal)
    ACCEPTED = "signature.accepted"  #: a line of an accepted paper sheet became a signature
    WITHDRAWN = "signature.withdrawn"  #: the signer withdrew
    VALIDATED = "signature.validated"  #: an officer marked it valid
    INVALIDATED = "signature.invalidated"  #: an officer marked it invalid (with the reason code)
    RECHECKED = "signature.rechecked"  #: a new voter register changed its status
    PETITION_STATUS = "petition.status"  #: the petition moved to a new status


def pseudonym(key: bytes, signature_id: int) -> str:
    """The signature's pseudonym: HMAC-SHA256 of ``signature:<id>`` under ``key``, in modhex."""
    digest = hmac.digest(key, f"signature:{signature_id}".encode(), "sha256")[:PSEUDONYM_BYTES]
    return "".join(MODHEX[byte >> 4] + MODHEX[byte & 15] for byte in digest)


def moment(at: datetime) -> str:
    """UTC to the second, ``2026-12-09T05:00:00Z``."""
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def canonical(content: dict) -> str:
    """Sorted keys, no spaces, ASCII: one byte string per content, whoever serialises it.

    Refuses a content with twelve digits in a row anywhere (an IIN has twelve).
    """
    text = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    if _TWELVE_DIGITS.search(text):
        raise ValueError("a log leaf may not hold twelve digits in a row")
    return text


def signature_leaf(
    event: LogEvent,
    *,
    petition_id: int,
    pseudonym: str,
    status: str,
    at: datetime,
    reason: str | None = None,
) -> str:
    """The leaf input of a signature event; ``reason`` (a review reason code) only when the
    event left the signature invalid."""
    content = {
        "event": str(event),
        "petition": petition_id,
        "signature": pseudonym,
        "status": status,
        "time": moment(at),
    }
    if reason is not None:
        content["reason"] = reason
    return canonical(content)


def petition_leaf(*, petition_id: int, status: PetitionStatus, at: datetime) -> str:
    """The leaf input of a petition's move to ``status``."""
    content = {
        "event": str(LogEvent.PETITION_STATUS),
        "petition": petition_id,
        "status": status.value,
        "time": moment(at),
    }
    return canonical(content)


def logs_transition(previous: PetitionStatus, status: PetitionStatus) -> bool:
    """Whether a move is published: from filing on. Drafts and group forming are the
    initiators' own, so a group that gives up before filing leaves no trace."""
    return status is PetitionStatus.FILED or previous not in NOT_YET_PUBLIC
