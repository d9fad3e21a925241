"""The published outcome of a petition, for its public page and the API.

A recall lives on public trust, so the result is published as soon as it is final: the recall
vote's figures and outcome once the commission has recorded them (Kazakhstan Elections Law
Art. 113-16; California Elections Code §11320 ff.), or, for a petition that ends without a vote
(a rule set whose outcome is the petition itself, as the UK Recall of MPs Act 2015 s. 14, or a
petition certified insufficient), whether the seat was vacated, with the certified figures.
"""

from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa

from app.extensions import db
from app.models import Certification, Petition, ProposalStatus, RecallVote
from app.rules.lifecycle import PetitionStatus
from app.rules.outcome import vote_outcome
from app.services.law import petition_rules

#: Statuses whose outcome is final and published.
VOTE_DECIDED = frozenset({PetitionStatus.RECALLED, PetitionStatus.RETAINED})
PETITION_DECIDED = {
    PetitionStatus.SEAT_VACATED: "seat_vacated",
    PetitionStatus.INSUFFICIENT: "insufficient",
}


@dataclass(frozen=True)
class PublishedResult:
    """What the public is told of a finished petition."""

    #: ``vote``: a recall vote decided; ``petition``: the petition itself decided.
    kind: str
    #: ``recalled`` or ``retained`` (vote); ``seat_vacated`` or ``insufficient`` (petition).
    outcome: str
    #: When it was decided: the vote's result recorded, or the certification confirmed.
    decided_at: datetime | None
    voting_day: date | None = None
    electorate: int | None = None
    turnout: int | None = None
    yes: int | None = None
    no: int | None = None
    #: Whether the vote was valid (its quorum met); None for a petition outcome.
    valid: bool | None = None
    #: The certified figures the petition's outcome rests on (petition outcome only).
    valid_signatures: int | None = None
    signatures_required: int | None = None

    @property
    def by_vote(self) -> bool:
        """Decided by a recall vote (else by the petition itself)."""
        return self.kind == "vote"

    @property
    def removes_deputy(self) -> bool:
        """The deputy is recalled or the seat vacated."""
        return self.outcome in ("recalled", "seat_vacated")

    @property
    def turnout_percent(self) -> float | None:
        """The turnout as a percentage of the electorate, one decimal."""
        if not self.electorate or self.turnout is None:
            return None
        return round(self.turnout * 100 / self.electorate, 1)


def _vote_result(petition: Petition) -> PublishedResult | None:
    vote = db.session.scalar(sa.select(RecallVote).where(RecallVote.petition_id == petition.id))
    if vote is None or vote.result is None:
        return None
    decided = vote_outcome(
        petition_rules(petition).outcome.value,
        electorate=vote.electorate,
        turnout=vote.turnout,
        yes=vote.yes_votes,
        no=vote.no_votes,
    )
    return PublishedResult(
        kind="vote",
        outcome=vote.result.value,
        decided_at=vote.recorded_at,
        voting_day=vote.voting_day,
        electorate=vote.electorate,
        turnout=vote.turnout,
        yes=vote.yes_votes,
        no=vote.no_votes,
        valid=decided.quorum_met,
    )


def _petition_result(petition: Petition) -> PublishedResult:
    certification = db.session.scalar(
        sa.select(Certification)
        .where(
            Certification.petition_id == petition.id,
            Certification.status == ProposalStatus.CONFIRMED,
        )
        .order_by(Certification.id.desc())
        .limit(1)
    )
    return PublishedResult(
        kind="petition",
        outcome=PETITION_DECIDED[petition.status],
        decided_at=petition.certified_at,
        valid_signatures=None if certification is None else certification.valid_signatures,
        signatures_required=(
            petition.signatures_required
            if certification is None
            else certification.signatures_required
        ),
    )


def published_result(petition: Petition) -> PublishedResult | None:
    """The petition's final outcome, or None while there is none (or none recorded yet)."""
    if petition.status in VOTE_DECIDED:
        return _vote_result(petition)
    if petition.status in PETITION_DECIDED:
        return _petition_result(petition)
    return None
