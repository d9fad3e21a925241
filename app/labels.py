"""Translated names for the states and steps that the rules and models identify by key."""

from flask_babel import lazy_gettext as _l

from app.rules.checks import Check, ReviewReason, failed_list
from app.rules.lifecycle import PetitionStatus

PETITION_STATUS = {
    PetitionStatus.DRAFT: _l("Draft"),
    PetitionStatus.GROUP_FORMING: _l("Initiative group forming"),
    PetitionStatus.FILED: _l("Filed with the commission"),
    PetitionStatus.COLLECTING: _l("Collecting signatures"),
    PetitionStatus.REFUSED: _l("Registration refused"),
    PetitionStatus.COLLECTION_CLOSED: _l("Collection closed"),
    PetitionStatus.VERIFICATION: _l("Signatures being verified"),
    PetitionStatus.SUFFICIENT: _l("Enough valid signatures"),
    PetitionStatus.INSUFFICIENT: _l("Not enough valid signatures"),
    PetitionStatus.VOTE_SCHEDULED: _l("Recall vote scheduled"),
    PetitionStatus.RECALLED: _l("Deputy recalled"),
    PetitionStatus.RETAINED: _l("Deputy retained"),
    PetitionStatus.SEAT_VACATED: _l("Seat vacated"),
    PetitionStatus.WITHDRAWN: _l("Withdrawn by the initiators"),
    PetitionStatus.LAPSED: _l("Lapsed (the mandate ended)"),
}

CALENDAR_STEP = {
    "registration_decision": _l("Commission decides on registration"),
    "collection_opens": _l("Signature collection opens"),
    "collection_closes": _l("Signature collection closes"),
    "verification": _l("Verification of signatures completed"),
    "recall_vote": _l("Recall vote held"),
}

#: What each automatic check asks, and what an officer names as the reason a signature is invalid.
CHECK = {
    Check.ON_REGISTER: _l("On the active voter register"),
    Check.IN_CONSTITUENCY: _l("Voter of the petition's constituency"),
    Check.OF_AGE: _l("Of voting age on the day of signing"),
    Check.IN_PERIOD: _l("Signed within the collection period"),
    Check.NOT_DUPLICATE: _l("Not a second signature of the same person"),
    Check.NOT_WITHDRAWN: _l("Not withdrawn"),
    Check.IDENTITY: _l("Name and birth date as keyed match the register"),
}

REVIEW_REASON = {
    ReviewReason.NOT_ON_REGISTER: _l("Not on the voter register"),
    ReviewReason.OTHER_CONSTITUENCY: _l("Voter of another constituency"),
    ReviewReason.UNDER_AGE: _l("Under the voting age"),
    ReviewReason.OUTSIDE_PERIOD: _l("Signed outside the collection period"),
    ReviewReason.DUPLICATE: _l("Duplicate signature"),
    ReviewReason.IDENTITY_DISPUTED: _l("Identity disputed"),
    ReviewReason.INCOMPLETE: _l("Incomplete entry"),
}


#: What a signature's identity rests on (``Signature.proof``).
SIGNATURE_PROOF = {
    "eds": _l("EDS"),
    "register_match": _l("Register match"),
    "paper": _l("Paper sheet"),
}


def proof_label(proof: str) -> str:
    """The proof's short name (EDS, register match, paper sheet); unknown ones as they are."""
    return str(SIGNATURE_PROOF.get(str(proof), proof))


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


def petition_status_label(status: PetitionStatus) -> str:
    return str(PETITION_STATUS[status])


def calendar_step_label(key: str) -> str:
    return str(CALENDAR_STEP.get(key, key))
