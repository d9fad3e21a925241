"""Words for a petition's lifecycle: its status, legal calendar, registration, certification and
recall vote, the sampling decision, the registration queue's filters and the scope of a pause."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.models import CertifiedResult, VoteResult
from app.rules.lifecycle import PetitionStatus, RefusalReason

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

#: What a certified status means for what follows (the certification notice says it).
CERTIFIED_CONSEQUENCE = {
    PetitionStatus.INSUFFICIENT: _l(
        "The petition did not gather enough valid signatures; the procedure ends here."
    ),
    PetitionStatus.SEAT_VACATED: _l(
        "Under the rules of this petition the deputy's seat is vacated."
    ),
    PetitionStatus.SUFFICIENT: _l(
        "The petition has enough valid signatures; the next step is the recall vote."
    ),
}

#: The steps of the legal calendar (``app.rules.timeline.Step.key``).
CALENDAR_STEP = {
    "registration_decision": _l("Commission decides on registration"),
    "collection_opens": _l("Signature collection opens"),
    "collection_closes": _l("Signature collection closes"),
    "verification": _l("Verification of signatures completed"),
    "recall_vote": _l("Recall vote held"),
}

REFUSAL_REASON = {
    RefusalReason.DOCUMENTS_INCOMPLETE: _l("The documents are incomplete or wrongly filled in"),
    RefusalReason.GROUP_TOO_SMALL: _l("The initiative group is smaller than the law requires"),
    RefusalReason.MEMBERS_NOT_VOTERS: _l("Members of the group are not voters of the constituency"),
    RefusalReason.TIME_BAR: _l(
        "The law does not allow an initiative against this deputy at this time"
    ),
    RefusalReason.OTHER: _l("Another reason (see the comment)"),
}

CERTIFIED_RESULT = {
    CertifiedResult.SUFFICIENT: _l("Sufficient: enough valid signatures"),
    CertifiedResult.INSUFFICIENT: _l("Insufficient: not enough valid signatures"),
}

#: A vote's result reads as the status it gives the petition.
VOTE_RESULT = {
    VoteResult.RECALLED: PETITION_STATUS[PetitionStatus.RECALLED],
    VoteResult.RETAINED: PETITION_STATUS[PetitionStatus.RETAINED],
}

#: How the figures of a certification were reached (``Certification.method``).
CERTIFICATION_METHOD = {
    "full_count": _l("Full count"),
    "sampling": _l("Projection from the sample"),
}

#: What the sampling bands decide (``app.rules.sampling.Decision``); None: verdicts are missing.
SAMPLING_DECISION = {
    "sufficient": CERTIFIED_RESULT[CertifiedResult.SUFFICIENT],
    "insufficient": CERTIFIED_RESULT[CertifiedResult.INSUFFICIENT],
    "full_count": _l("Full count: every signature must be examined"),
    None: _l("Not yet: a verdict is missing for some sampled signatures"),
}

#: The registration queue's filters (``app.services.registration.queries.QueueFilter``).
QUEUE_FILTER = {
    "all": _l("All"),
    "overdue": _l("Overdue"),
    "due_soon": _l("Due within 2 working days"),
}

SITE_PAUSE = _l("The whole site")


def petition_status_label(status: PetitionStatus) -> str:
    return str(PETITION_STATUS[status])


def certified_consequence(status: PetitionStatus) -> str:
    """What a certified status means for what follows; empty for any other status."""
    return str(CERTIFIED_CONSEQUENCE.get(status, ""))


def calendar_step_label(key: str) -> str:
    return str(CALENDAR_STEP.get(key, key))


def refusal_reason_label(code: str | None) -> str:
    """The refusal reason's words; an unknown code is shown as it is."""
    return str(REFUSAL_REASON.get(code or "", code or ""))


def certification_method_label(method: str) -> str:
    return str(CERTIFICATION_METHOD.get(method, method))


def sampling_decision_label(decision: str | None) -> str:
    return str(SAMPLING_DECISION.get(decision, decision))


def queue_filter_label(code: str) -> str:
    return str(QUEUE_FILTER.get(code, code))


def pause_scope_label(petition_id: int | None = None) -> str:
    """What a pause stops: the whole site, or one petition."""
    if petition_id is None:
        return str(SITE_PAUSE)
    return _("Petition № %(id)s", id=petition_id)
