"""Translated names for the states and steps that the rules and models identify by key."""

from flask_babel import lazy_gettext as _l

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


def petition_status_label(status: PetitionStatus) -> str:
    return str(PETITION_STATUS[status])


def calendar_step_label(key: str) -> str:
    return str(CALENDAR_STEP.get(key, key))
