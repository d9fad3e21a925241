"""Words for the rule sets in time: why a rule set ended, why none is in force on a day."""

from flask_babel import format_date
from flask_babel import lazy_gettext as _l

from app.models import ObjectionStatus, ProposalStatus
from app.rules.ruleset import EndReason
from app.rules.validity import Closed

END_REASON = {
    EndReason.CHAMBER_ENDED: _l(
        "The chamber ended its powers: the Constitution adopted at the referendum of 15 March "
        "2026 replaced the Parliament with the Kurultai, elected by party lists in one "
        "nationwide constituency, so there is no single-mandate seat to recall."
    ),
    EndReason.REPLACED: _l("A later law replaced this procedure."),
}

#: A two-person proposal (a new version of the rules): proposed, then confirmed or rejected.
PROPOSAL_STATUS = {
    ProposalStatus.PROPOSED: _l("Proposed, waiting for confirmation"),
    ProposalStatus.CONFIRMED: _l("Confirmed"),
    ProposalStatus.REJECTED: _l("Rejected"),
}

OBJECTION_STATUS = {
    ObjectionStatus.OPEN: _l("Open, waiting for the commission"),
    ObjectionStatus.PROPOSED_UPHOLD: _l("Proposed uphold — awaiting a second officer"),
    ObjectionStatus.UPHELD: _l("Upheld: the signature counts again"),
    ObjectionStatus.DISMISSED: _l("Dismissed: the invalidation stands"),
}

CLOSED = {
    Closed.NOT_YET: _l("These recall rules apply only from %(day)s."),
    Closed.ENDED: _l("These recall rules ended on %(day)s."),
}


def end_reason_label(reason: EndReason | None) -> str:
    return str(END_REASON[reason]) if reason is not None else ""


def closed_message(closed: Closed, day, reason: EndReason | None = None) -> str:
    """``These recall rules ended on 1 July 2026. The chamber ended its powers: ...``"""
    text = CLOSED[closed] % {"day": format_date(day, "long")}
    return f"{text} {end_reason_label(reason)}".strip()
