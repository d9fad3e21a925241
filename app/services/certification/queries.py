"""What a petition's certification stands on, read without changing anything: the figures a
proposal would rest on now (counted, or projected from the sample where the rule set samples),
or why none can be made yet, the proposals made on the petition, its recall vote, and the
certification page that shows them.

The steps themselves (propose, confirm, reject) are in ``app.services.certification.commands``,
the vote's in ``app.services.certification.vote``.
"""

from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.models import (
    Certification,
    CertifiedResult,
    Petition,
    ProposalStatus,
    RecallVote,
)
from app.rules.lifecycle import PetitionStatus
from app.rules.ruleset import RuleSet
from app.services.law import get_rule_set
from app.services.petitions.calendar import petition_calendar
from app.services.petitions.counts import exact_counts
from app.services.petitions.queries import get_petition
from app.services.petitions.status import shown_status
from app.services.registration.queries import Deadline, current_deadline
from app.services.sampling.commands import sampling_rules
from app.services.sampling.queries import sampling_state


@dataclass(frozen=True)
class Figures:
    """What a proposal would rest on now, or why none can be made (``problem``)."""

    method: str  #: full_count or sampling
    valid: int
    required: int
    result: CertifiedResult | None
    problem: str | None = None


def current_figures(petition: Petition) -> Figures:
    required = petition.signatures_required or 0
    if not required:
        return Figures("full_count", 0, 0, None, _("The petition has no required number."))
    if sampling_rules(petition) is not None:
        state = sampling_state(petition)
        if state.draw is not None and not state.complete:
            problem = _("Record a verdict for every signature in the sample first.")
            return Figures("sampling", 0, required, None, problem)
        if state.decision in ("sufficient", "insufficient"):
            valid = state.projection.projected_valid
            return Figures("sampling", valid, required, CertifiedResult(state.decision))
    # Counted as the public figures are: a signature resting on a proof the rule set does not
    # accept is not valid for the result (``counts.exact_counts``).
    figures = exact_counts(petition.id)
    valid, pending = figures.valid, figures.pending
    if pending:
        problem = _(
            "%(count)d signatures still wait for an officer's review; every signature must be "
            "decided before the result.",
            count=pending,
        )
        return Figures("full_count", valid, required, None, problem)
    result = CertifiedResult.SUFFICIENT if valid >= required else CertifiedResult.INSUFFICIENT
    return Figures("full_count", valid, required, result)


def open_certification(petition_id: int) -> Certification | None:
    """The proposal waiting for a second officer, or the confirmed one."""
    return db.session.scalar(
        sa.select(Certification).where(
            Certification.petition_id == petition_id,
            Certification.status.in_((ProposalStatus.PROPOSED, ProposalStatus.CONFIRMED)),
        )
    )


def certifications(petition_id: int) -> list[Certification]:
    """Every proposal on the petition, newest first."""
    return list(
        db.session.scalars(
            sa.select(Certification)
            .where(Certification.petition_id == petition_id)
            .options(joinedload(Certification.proposed_by), joinedload(Certification.decided_by))
            .order_by(Certification.id.desc())
        )
    )


def get_certification(petition_id: int, certification_id: int) -> Certification | None:
    """The proposal, if it belongs to this petition."""
    return db.session.scalar(
        sa.select(Certification).where(
            Certification.id == certification_id, Certification.petition_id == petition_id
        )
    )


def get_vote(petition_id: int) -> RecallVote | None:
    return db.session.scalar(sa.select(RecallVote).where(RecallVote.petition_id == petition_id))


def vote_deadline(petition: Petition) -> date | None:
    """The last day the vote may be held under the rule set's timeline (None: no limit)."""
    for step in petition_calendar(petition):
        if step.key == "recall_vote" and step.deadline is not None:
            return step.deadline.date()
    return None


def local_day(petition: Petition, now: datetime) -> date:
    """The date at ``now`` in the zone of the petition's rule set."""
    return now.astimezone(get_rule_set(petition.rule_set_code).zone).date()


def result_open(petition: Petition, vote: RecallVote | None, now: datetime) -> bool:
    """The vote's result may be recorded: from the voting day on (the rules' local date)."""
    return vote is not None and vote.voting_day <= local_day(petition, now)


@dataclass(frozen=True)
class CertificationPage:
    """What the certification page shows: the figures a proposal would rest on (while the
    signatures are verified), the proposals, the deadline waited for, and the recall vote where
    the rule set's outcome is one."""

    petition: Petition
    #: The status shown at ``now``: closed once past the deadline, before the clock ran, so
    #: that verification can start at once.
    shown_status: PetitionStatus
    rule_set: RuleSet
    figures: Figures | None
    proposals: list[Certification]
    deadline: Deadline | None
    is_vote: bool
    vote: RecallVote | None
    vote_result_open: bool
    vote_deadline: date | None


def certification_page(petition_id: int, now: datetime) -> CertificationPage:
    """The certification of petition ``petition_id`` as it stands at ``now``; 404 if none."""
    petition = get_petition(petition_id)
    rule_set = get_rule_set(petition.rule_set_code)
    verifying = petition.status is PetitionStatus.VERIFICATION
    is_vote = rule_set.outcome.value.kind == "vote"
    vote = get_vote(petition_id) if is_vote else None
    return CertificationPage(
        petition=petition,
        shown_status=shown_status(petition, now),
        rule_set=rule_set,
        figures=current_figures(petition) if verifying else None,
        proposals=certifications(petition_id),
        deadline=current_deadline(petition, petition_calendar(petition), now),
        is_vote=is_vote,
        vote=vote,
        vote_result_open=result_open(petition, vote, now),
        vote_deadline=vote_deadline(petition) if is_vote else None,
    )
