"""``label(value)``: the words of any labelled enum member, whatever family it belongs to, and
the family of a status (which the status badge names in its CSS class)."""

from app.labels.people import DEPUTY_STATUS, MEMBER_ROLE, ROLE
from app.labels.petitions import CERTIFIED_RESULT, PETITION_STATUS, REFUSAL_REASON, VOTE_RESULT
from app.labels.signatures import (
    CHANNEL,
    CHECK,
    KEYING_ROUND,
    REVIEW_REASON,
    SHEET_STATUS,
    SIGNATURE_PROOF,
    SIGNATURE_STATUS,
    VERDICT,
)
from app.models import (
    CertifiedResult,
    Channel,
    DeputyStatus,
    KeyingRound,
    MemberRole,
    Role,
    SheetStatus,
    SignatureProof,
    SignatureStatus,
    Verdict,
    VoteResult,
)
from app.rules.checks import Check, ReviewReason
from app.rules.lifecycle import PetitionStatus, RefusalReason

#: The words of each labelled enum, by the enum.
TABLES = {
    PetitionStatus: PETITION_STATUS,
    SignatureStatus: SIGNATURE_STATUS,
    DeputyStatus: DEPUTY_STATUS,
    SheetStatus: SHEET_STATUS,
    Channel: CHANNEL,
    SignatureProof: SIGNATURE_PROOF,
    Check: CHECK,
    ReviewReason: REVIEW_REASON,
    RefusalReason: REFUSAL_REASON,
    Verdict: VERDICT,
    KeyingRound: KEYING_ROUND,
    CertifiedResult: CERTIFIED_RESULT,
    VoteResult: VOTE_RESULT,
    Role: ROLE,
    MemberRole: MEMBER_ROLE,
}

#: The status families a badge shows, by the name its CSS class carries.
_STATUS_KINDS = {
    PetitionStatus: "petition",
    SignatureStatus: "signature",
    DeputyStatus: "deputy",
    SheetStatus: "sheet",
}


def label(value) -> str:
    """``value`` in words, from its family's table; None reads as nothing.

    A value of a family without a table is a programming error (``TypeError``), not a code to
    show as it is: the codes kept as plain strings have their own functions (``action_label``...).
    """
    if value is None:
        return ""
    try:
        table = TABLES[type(value)]
    except KeyError:
        raise TypeError(f"no labels for {type(value).__name__}") from None
    return str(table[value])


def status_kind(status) -> str:
    """The family of a status (``petition``, ``signature``, ``deputy``, ``sheet``)."""
    return _STATUS_KINDS[type(status)]
