"""The petition lifecycle: which status may follow which, under a rule set's procedure.

Citizen initiative (Kazakhstan, British Columbia, California): draft -> initiative group forming
-> filed with the commission -> registered and collecting, or refused -> collection closed ->
verification -> sufficient or insufficient; then, where a vote decides (Kazakhstan Art. 113-16,
California §11320), vote scheduled -> recalled or retained, and where the petition itself decides
(UK s.9, British Columbia), seat vacated. Official trigger (UK s.1, s.6): the petition officer
opens the petition straight into collection. Initiators may withdraw until collection closes; any
open petition lapses when the mandate ends otherwise. One move leaves a final status: a
certified insufficient result becomes sufficient when an objection to an invalidation, upheld by
two officers after certification, brings the valid signatures to the threshold (issue 17).
"""

import enum
from functools import cache

from app.rules.ruleset import Trigger


class PetitionStatus(enum.StrEnum):
    DRAFT = "draft"
    GROUP_FORMING = "group_forming"
    FILED = "filed"
    COLLECTING = "collecting"
    REFUSED = "refused"
    COLLECTION_CLOSED = "collection_closed"
    VERIFICATION = "verification"
    SUFFICIENT = "sufficient"
    INSUFFICIENT = "insufficient"
    VOTE_SCHEDULED = "vote_scheduled"
    RECALLED = "recalled"
    RETAINED = "retained"
    SEAT_VACATED = "seat_vacated"
    WITHDRAWN = "withdrawn"
    LAPSED = "lapsed"

    # What a page asks of a status, answered here so that no template compares statuses.
    @property
    def awaits_verification(self) -> bool:
        """Collection has closed and verification has not started."""
        return self is PetitionStatus.COLLECTION_CLOSED

    @property
    def under_verification(self) -> bool:
        """The commission verifies the signatures and certifies the result now."""
        return self is PetitionStatus.VERIFICATION

    @property
    def certified_sufficient(self) -> bool:
        """Certified sufficient and nothing decided since (a vote is to be scheduled)."""
        return self is PetitionStatus.SUFFICIENT

    @property
    def awaits_vote_result(self) -> bool:
        return self is PetitionStatus.VOTE_SCHEDULED

    @property
    def in_vote_stage(self) -> bool:
        """Certified sufficient, or the recall vote is scheduled or held."""
        return self in VOTE_STAGE


class RefusalReason(enum.StrEnum):
    """Why a commission refuses to register a filed petition; the officer adds a comment."""

    DOCUMENTS_INCOMPLETE = "documents_incomplete"
    GROUP_TOO_SMALL = "group_too_small"
    MEMBERS_NOT_VOTERS = "members_not_voters"
    TIME_BAR = "time_bar"
    OTHER = "other"


S = PetitionStatus
FINAL = frozenset(
    {S.REFUSED, S.INSUFFICIENT, S.RECALLED, S.RETAINED, S.SEAT_VACATED, S.WITHDRAWN, S.LAPSED}
)
ACTIVE = frozenset(S) - FINAL
WITHDRAWABLE = frozenset({S.DRAFT, S.GROUP_FORMING, S.FILED, S.COLLECTING})
#: Before filing a petition belongs to its initiators; from filing on it is public.
NOT_YET_PUBLIC = frozenset({S.DRAFT, S.GROUP_FORMING})
#: Paper sheets are entered while signatures are collected and until verification starts: the
#: set of signatures being verified (and sampled) must not move.
PAPER_ENTRY = frozenset({S.COLLECTING, S.COLLECTION_CLOSED})
#: Officers decide on signatures during collection and verification, never after certification.
REVIEWABLE = frozenset({S.COLLECTING, S.COLLECTION_CLOSED, S.VERIFICATION})
#: Where a vote decides (Art. 113-16, California §11320): from the certified sufficient petition
#: to the vote's result.
VOTE_STAGE = frozenset({S.SUFFICIENT, S.VOTE_SCHEDULED, S.RECALLED, S.RETAINED})

_CITIZEN = {
    S.DRAFT: {S.GROUP_FORMING},
    S.GROUP_FORMING: {S.FILED},
    S.FILED: {S.COLLECTING, S.REFUSED},
}
_COMMON = {
    S.COLLECTING: {S.COLLECTION_CLOSED},
    S.COLLECTION_CLOSED: {S.VERIFICATION},
    S.VERIFICATION: {S.SUFFICIENT, S.INSUFFICIENT},
    S.VOTE_SCHEDULED: {S.RECALLED, S.RETAINED},
}
#: The corrections of a certified result: the only moves out of a final status.
_CORRECTIONS = {S.INSUFFICIENT: {S.SUFFICIENT}}


def _moves(status: PetitionStatus, trigger: Trigger, outcome: str) -> set[PetitionStatus]:
    if status in FINAL:
        return set(_CORRECTIONS.get(status, ()))
    moves = set(_COMMON.get(status, ()))
    if trigger is Trigger.CITIZEN_INITIATIVE:
        moves |= _CITIZEN.get(status, set())
        if status in WITHDRAWABLE:
            moves.add(S.WITHDRAWN)
    elif status is S.DRAFT:
        moves.add(S.COLLECTING)
    if status is S.SUFFICIENT:
        moves.add(S.VOTE_SCHEDULED if outcome == "vote" else S.SEAT_VACATED)
    moves.add(S.LAPSED)
    return moves


@cache
def _procedure(trigger: Trigger, outcome: str) -> dict[PetitionStatus, frozenset]:
    """The moves of every status a petition can reach from a draft under this procedure."""
    graph: dict[PetitionStatus, frozenset] = {}
    pending = [S.DRAFT]
    while pending:
        status = pending.pop()
        if status not in graph:
            graph[status] = frozenset(_moves(status, trigger, outcome))
            pending.extend(graph[status])
    return graph


def next_statuses(status: PetitionStatus, *, trigger: Trigger, outcome: str) -> frozenset:
    """The statuses a petition in ``status`` may move to (``outcome``: ``vote`` or ``vacate``).

    A status the procedure never reaches (a vote under a vacating rule set) has no moves.
    """
    return _procedure(trigger, outcome).get(status, frozenset())


def may_move(status: PetitionStatus, to: PetitionStatus, *, trigger: Trigger, outcome: str) -> bool:
    return to in next_statuses(status, trigger=trigger, outcome=outcome)


def status_at(status: PetitionStatus, closes_at, now) -> PetitionStatus:
    """The status to show at ``now``: collection ends at its deadline even if the clock
    (``recall tick``) has not run yet, so a petition never reads "collecting" after it.

    ``closes_at`` and ``now`` are aware datetimes (``closes_at`` may be None before opening).
    """
    if status is S.COLLECTING and closes_at is not None and now >= closes_at:
        return S.COLLECTION_CLOSED
    return status
