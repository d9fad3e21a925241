"""Commission pages: verification, the two-officer certification and the recall vote."""

from datetime import UTC, datetime

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.commission.access import petition_scope_required
from app.commission.blueprint import bp
from app.commission.certification_forms import (
    RESULT_LABELS,
    ConfirmForm,
    ProposeForm,
    RejectForm,
    ScheduleVoteForm,
    StartVerificationForm,
    VoteResultForm,
)
from app.commission.sampling_views import form_problem
from app.labels import petition_status_label
from app.rules.lifecycle import PetitionStatus
from app.services.certification import commands as certification
from app.services.certification import queries as certification_figures
from app.services.certification import vote as recall_vote
from app.services.law import get_rule_set
from app.services.petitions import commands as petitions
from app.services.petitions.calendar import petition_calendar
from app.services.petitions.queries import get_petition
from app.services.petitions.status import shown_status
from app.services.registration import queries as registration_queue


def _back(petition_id: int):
    return redirect(url_for("commission.certification", petition_id=petition_id))


@bp.get("/petitions/<id:petition_id>/certification", endpoint="certification")
@petition_scope_required
def certification_page(petition_id: int):
    petition = get_petition(petition_id)
    rule_set = get_rule_set(petition.rule_set_code)
    verifying = petition.status is PetitionStatus.VERIFICATION
    is_vote = rule_set.outcome.value.kind == "vote"
    now = datetime.now(UTC)
    vote = recall_vote.get_vote(petition_id) if is_vote else None
    return render_template(
        "commission/certification.html",
        petition=petition,
        # Closed once past the deadline, before the clock ran: verification can start at once.
        shown_status=shown_status(petition, now),
        rule_set=rule_set,
        figures=certification_figures.current_figures(petition) if verifying else None,
        proposals=certification_figures.certifications(petition_id),
        result_labels=RESULT_LABELS,
        deadline=registration_queue.current_deadline(petition, petition_calendar(petition), now),
        vote=vote,
        vote_result_open=recall_vote.result_open(petition, vote, now),
        vote_deadline=recall_vote.vote_deadline(petition) if is_vote else None,
        is_vote=is_vote,
        start_form=StartVerificationForm(),
        propose_form=ProposeForm(),
        confirm_form=ConfirmForm(),
        reject_form=RejectForm(),
        schedule_form=ScheduleVoteForm(),
        result_form=VoteResultForm(),
    )


@bp.post("/petitions/<id:petition_id>/certification/start")
@petition_scope_required
def start_verification(petition_id: int):
    if StartVerificationForm().validate_on_submit():
        try:
            certification.start_verification(petition_id, current_user.id, now=datetime.now(UTC))
            flash(
                _(
                    "Verification started. Review any signatures still waiting, then propose "
                    "the result."
                ),
                "success",
            )
        except petitions.PetitionError as error:
            flash(str(error), "error")
    return _back(petition_id)


@bp.post("/petitions/<id:petition_id>/certification/propose")
@petition_scope_required
def propose_result(petition_id: int):
    form = ProposeForm()
    if not form.validate_on_submit():
        flash(form_problem(form), "error")
        return _back(petition_id)
    try:
        certification.propose(
            petition_id,
            current_user.id,
            result=form.result.data,
            comment=form.comment.data or "",
            now=datetime.now(UTC),
        )
        flash(_("Result proposed; a different officer must confirm it."), "success")
    except petitions.PetitionError as error:
        flash(str(error), "error")
    return _back(petition_id)


@bp.post("/petitions/<id:petition_id>/certification/<id:certification_id>/confirm")
@petition_scope_required
def confirm_result(petition_id: int, certification_id: int):
    if ConfirmForm().validate_on_submit():
        _decide(petition_id, certification_id, None)
    return _back(petition_id)


@bp.post("/petitions/<id:petition_id>/certification/<id:certification_id>/reject")
@petition_scope_required
def reject_result(petition_id: int, certification_id: int):
    form = RejectForm()
    if not form.validate_on_submit():
        flash(form_problem(form), "error")
    else:
        _decide(petition_id, certification_id, form.reason.data)
    return _back(petition_id)


def _decide(petition_id: int, certification_id: int, rejection: str | None) -> None:
    found = certification_figures.get_certification(petition_id, certification_id)
    if found is None:
        abort(404)
    now = datetime.now(UTC)
    try:
        if rejection is None:
            certification.confirm(petition_id, certification_id, current_user.id, now=now)
            flash(_("Result confirmed and certified."), "success")
        else:
            certification.reject(
                petition_id, certification_id, current_user.id, reason=rejection, now=now
            )
            flash(_("Proposal rejected; a new result may be proposed."), "success")
    except petitions.PetitionError as error:
        flash(str(error), "error")


@bp.post("/petitions/<id:petition_id>/vote/schedule")
@petition_scope_required
def schedule_vote(petition_id: int):
    form = ScheduleVoteForm()
    if not form.validate_on_submit():
        flash(form_problem(form), "error")
        return _back(petition_id)
    try:
        recall_vote.schedule_vote(
            petition_id, current_user.id, voting_day=form.voting_day.data, now=datetime.now(UTC)
        )
        flash(_("The recall vote is scheduled."), "success")
    except petitions.PetitionError as error:
        flash(str(error), "error")
    return _back(petition_id)


@bp.post("/petitions/<id:petition_id>/vote/result")
@petition_scope_required
def record_vote_result(petition_id: int):
    form = VoteResultForm()
    if not form.validate_on_submit():
        flash(form_problem(form), "error")
        return _back(petition_id)
    try:
        vote = recall_vote.record_result(
            petition_id,
            current_user.id,
            electorate=form.electorate.data,
            turnout=form.turnout.data,
            yes=form.yes.data,
            no=form.no.data,
            now=datetime.now(UTC),
        )
        result = petition_status_label(PetitionStatus(vote.result.value))
        flash(_("The result is recorded: %(result)s.", result=result), "success")
    except petitions.PetitionError as error:
        flash(str(error), "error")
    return _back(petition_id)
