"""The recall vote that follows a sufficient petition where the rule set's outcome is a vote
(Kazakhstan Elections Law Art. 113-16; California Elections Code §11320): the commission
schedules the voting day, then records the result, and the rule set's quorum and majority decide.
"""

from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from app.database import get_locked, transaction
from app.extensions import db
from app.models import Petition, RecallVote, VoteResult
from app.rules.lifecycle import PetitionStatus
from app.rules.outcome import vote_outcome
from app.services.audit import chain as audit
from app.services.certification.commands import CertificationError, officer_in_scope, recall_deputy
from app.services.certification.queries import get_vote, local_day, result_open, vote_deadline
from app.services.law import petition_rules
from app.services.petitions.commands import record_transition


class VoteError(CertificationError):
    """A vote step that cannot be taken now, or figures that cannot be right."""


def _vote_petition(petition_id: int) -> Petition:
    petition = get_locked(Petition, petition_id)
    if petition is None:
        raise VoteError(_("No such petition."))
    if petition_rules(petition).outcome.value.kind != "vote":
        raise VoteError(_("Under this petition's rules a sufficient petition vacates the seat."))
    return petition


def schedule_vote(
    petition_id: int, officer_id: int, *, voting_day: date, now: datetime
) -> RecallVote:
    """Fix the voting day of a sufficient petition: after today, within the rule set's period."""
    try:
        with transaction():
            petition = _vote_petition(petition_id)
            officer = officer_in_scope(officer_id, petition.id)
            if petition.status is not PetitionStatus.SUFFICIENT:
                raise VoteError(
                    _("A vote can only be scheduled for a certified sufficient petition.")
                )
            if voting_day <= local_day(petition, now):
                raise VoteError(_("The voting day must be after today."))
            deadline = vote_deadline(petition)
            if deadline is not None and voting_day > deadline:
                raise VoteError(
                    _(
                        "The rules require the vote by %(day)s; choose a day no later.",
                        day=deadline.isoformat(),
                    )
                )
            vote = RecallVote(
                petition_id=petition_id,
                voting_day=voting_day,
                scheduled_by_id=officer_id,
                scheduled_at=now,
            )
            db.session.add(vote)
            db.session.flush()
            record_transition(
                petition,
                PetitionStatus.VOTE_SCHEDULED,
                now=now,
                reason=f"recall vote on {voting_day.isoformat()}",
                actor=officer,
            )
            audit.record(
                "vote.scheduled",
                "petition",
                petition_id,
                actor=officer,
                details={
                    "before": None,
                    "after": {"voting_day": voting_day.isoformat()},
                    "reason": "recall vote scheduled",
                },
            )
    except IntegrityError:
        raise VoteError(_("The vote of this petition is already scheduled.")) from None
    return vote


def figures_problem(*, electorate: int, turnout: int, yes: int, no: int) -> str | None:
    """Why these vote figures cannot be right, or None."""
    if min(electorate, turnout, yes, no) < 0:
        return _("Vote figures cannot be negative.")
    if electorate < 1:
        return _("The electorate must be at least one voter.")
    if turnout > electorate:
        return _("The turnout cannot exceed the electorate.")
    if yes + no > turnout:
        return _("Yes and no votes together cannot exceed the turnout.")
    return None


def record_result(
    petition_id: int,
    officer_id: int,
    *,
    electorate: int,
    turnout: int,
    yes: int,
    no: int,
    now: datetime,
) -> RecallVote:
    """Record the official result; the rule set's quorum and majority decide the outcome."""
    problem = figures_problem(electorate=electorate, turnout=turnout, yes=yes, no=no)
    if problem:
        raise VoteError(problem)
    with transaction():
        petition = _vote_petition(petition_id)
        officer = officer_in_scope(officer_id, petition.id)
        vote = get_vote(petition_id)
        if petition.status is not PetitionStatus.VOTE_SCHEDULED or vote is None:
            raise VoteError(_("No recall vote is waiting for its result on this petition."))
        vote = get_locked(RecallVote, vote.id)
        if not result_open(petition, vote, now):
            raise VoteError(_("The result can only be recorded from the voting day on."))
        outcome = vote_outcome(
            petition_rules(petition).outcome.value,
            electorate=electorate,
            turnout=turnout,
            yes=yes,
            no=no,
        )
        result = VoteResult.RECALLED if outcome.recalled else VoteResult.RETAINED
        vote.electorate, vote.turnout, vote.yes_votes, vote.no_votes = electorate, turnout, yes, no
        vote.result, vote.recorded_by_id, vote.recorded_at = result, officer_id, now
        reason = _reason(outcome.quorum_met, outcome.passed)
        audit.record(
            "vote.recorded",
            "petition",
            petition_id,
            actor=officer,
            details={
                "before": None,
                "after": {
                    "electorate": electorate,
                    "turnout": turnout,
                    "yes": yes,
                    "no": no,
                    "result": result.value,
                },
                "reason": reason,
            },
        )
        record_transition(
            petition, PetitionStatus(result.value), now=now, reason=reason, actor=officer
        )
        if outcome.recalled:
            recall_deputy(petition, officer, now=now, reason="recalled by vote")
    return vote


def _reason(quorum_met: bool, passed: bool) -> str:
    if not quorum_met:
        return "quorum not met: the vote is not valid"
    return "majority for recall" if passed else "no majority for recall"
