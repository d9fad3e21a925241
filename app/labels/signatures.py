"""Words for signatures: their status, channel and proof of identity, the automatic checks, the
officers' reasons, the sampling verdicts, and the paper sheets that carry signatures on paper."""

from flask_babel import lazy_gettext as _l

from app.models import Channel, KeyingRound, SheetStatus, SignatureProof, SignatureStatus, Verdict
from app.rules.checks import Check, ReviewReason, failed_list
from app.rules.log_leaves import LogEvent

SIGNATURE_STATUS = {
    SignatureStatus.VALID: _l("Valid"),
    SignatureStatus.PENDING: _l("Waiting for review"),
    SignatureStatus.INVALID: _l("Invalid"),
    SignatureStatus.WITHDRAWN: _l("Withdrawn"),
}

CHANNEL = {
    Channel.ONLINE: _l("online"),
    Channel.PAPER: _l("paper"),
}

#: What a signature's identity rests on (``Signature.proof``; the rule set names those counted).
SIGNATURE_PROOF = {
    SignatureProof.EDS: _l("EDS"),
    SignatureProof.REGISTER_MATCH: _l("Register match"),
    SignatureProof.PAPER: _l("Paper sheet"),
}

#: What each automatic check asks.
CHECK = {
    Check.ON_REGISTER: _l("On the active voter register"),
    Check.IN_CONSTITUENCY: _l("Voter of the petition's constituency"),
    Check.OF_AGE: _l("Of voting age on the day of signing"),
    Check.IN_PERIOD: _l("Signed within the collection period"),
    Check.NOT_DUPLICATE: _l("Not a second signature of the same person"),
    Check.NOT_WITHDRAWN: _l("Not withdrawn"),
    Check.IDENTITY: _l("Name and birth date as keyed match the register"),
}

#: What an officer names as the reason a signature is invalid.
REVIEW_REASON = {
    ReviewReason.NOT_ON_REGISTER: _l("Not on the voter register"),
    ReviewReason.OTHER_CONSTITUENCY: _l("Voter of another constituency"),
    ReviewReason.UNDER_AGE: _l("Under the voting age"),
    ReviewReason.OUTSIDE_PERIOD: _l("Signed outside the collection period"),
    ReviewReason.DUPLICATE: _l("Duplicate signature"),
    ReviewReason.IDENTITY_DISPUTED: _l("Identity disputed"),
    ReviewReason.INCOMPLETE: _l("Incomplete entry"),
}

#: An officer's verdict on a sampled signature.
VERDICT = {
    Verdict.VALID: SIGNATURE_STATUS[SignatureStatus.VALID],
    Verdict.INVALID: SIGNATURE_STATUS[SignatureStatus.INVALID],
    Verdict.DUPLICATE: _l("Duplicate (signed again in the sample)"),
}

SHEET_STATUS = {
    SheetStatus.REGISTERED: _l("Registered, not keyed"),
    SheetStatus.KEYED_ONCE: _l("Keyed once, waiting for the second keying"),
    SheetStatus.MISMATCHED: _l("Keyings differ, waiting for resolution"),
    SheetStatus.ACCEPTED: _l("Accepted, signatures counted"),
}

KEYING_ROUND = {
    KeyingRound.FIRST: _l("First keying"),
    KeyingRound.SECOND: _l("Second keying"),
    KeyingRound.RESOLUTION: _l("Resolution"),
}

#: The fields of a keyed paper line, in the order of the sheet.
PAPER_FIELD = {
    "iin": _l("IIN"),
    "last_name": _l("Surname"),
    "first_name": _l("First name"),
    "birth_date": _l("Birth date"),
    "signed_on": _l("Date signed"),
}


def signature_status_label(status: SignatureStatus) -> str:
    return str(SIGNATURE_STATUS[status])


def proof_label(proof: str) -> str:
    """The proof's short name (EDS, register match, paper sheet), from its code or member;
    an unknown code is shown as it is."""
    return str(SIGNATURE_PROOF.get(proof, proof))


def check_label(check: Check) -> str:
    return str(CHECK[check])


def failed_check_labels(bits: int) -> list[str]:
    """The names of the checks in a stored bit set, for display."""
    return [check_label(check) for check in failed_list(bits)]


def review_reason_label(code: str | None) -> str:
    """The reason's name; an unknown or missing code is shown as it is."""
    try:
        return str(REVIEW_REASON[ReviewReason(code)])
    except ValueError:
        return code or ""


def paper_field_label(name: str) -> str:
    return str(PAPER_FIELD.get(name, name))


#: What a leaf of the transparency log records.
LOG_EVENT = {
    LogEvent.SIGNED: _l("Signed online"),
    LogEvent.ACCEPTED: _l("Accepted from a paper sheet"),
    LogEvent.WITHDRAWN: _l("Withdrawn by the signer"),
    LogEvent.VALIDATED: _l("Found valid by the commission"),
    LogEvent.INVALIDATED: _l("Found invalid by the commission"),
    LogEvent.RECHECKED: _l("Status changed by a new voter register"),
    LogEvent.PETITION_STATUS: _l("Petition status changed"),
}


def log_event_label(event: LogEvent | str) -> str:
    """What a leaf of the transparency log records, in words."""
    return str(LOG_EVENT[LogEvent(event)])
