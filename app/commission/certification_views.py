"""Commission pages: verification, the two-officer certification and the recall vote."""

from datetime import UTC, datetime

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.commission.access import petition_scope_required
from app.commission.blueprint import bp
from app.commission.certification_forms import (
    ConfirmForm,
    ProposeForm,
    RejectForm,
    ScheduleVoteForm,
    StartVerificationForm,
    VoteResultForm,
)
from app.labels import label
from app.services.certification import commands as certification
from app.services.certification import queries as certification_queries
from app.services.certification import vote as recall_vote
from app.services.petitions.commands import PetitionError
from app.views import form_problem, refusals_flashed


def _back(petition_id: int):
    return redirect(url_for("commission.certification", petition_id=petition_id))


@bp.get("/petitions/<id:petition_id>/certification", endpoint="certification")
@petition_scope_required
def certification_page(petition_id: int):
    page = certification_queries.certification_page(petition_id, datetime.now(UTC))
    return render_template(
        "commission/certification.html",
        petition=page.petition,
        shown_status=page.shown_status,
        rule_set=page.rule_set,
        figures=page.figures,
        proposals=page.proposals,
        deadline=page.deadline,
        vote=page.vote,
        vote_result_open=page.vote_result_open,
        vote_deadline=page.vote_deadline,
        is_vote=page.is_vote,
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
        with refusals_flashed(PetitionError):
            certification.start_verification(petition_id, current_user.id, now=datetime.now(UTC))
            flash(
                _(
                    "Verification started. Review any signatures still waiting, then propose "
                    "the result."
                ),
                "success",
            )
    return _back(petition_id)


@bp.post("/petitions/<id:petition_id>/certification/propose")
@petition_scope_required
def propose_result(petition_id: int):
    form = ProposeForm()
    if not form.validate_on_submit():
        flash(form_problem(form), "error")
        return _back(petition_id)
    with refusals_flashed(PetitionError):
        certification.propose(
            petition_id,
            current_user.id,
            result=form.result.data,
            comment=form.comment.data or "",
            now=datetime.now(UTC),
        )
        flash(_("Result proposed; a different officer must confirm it."), "success")
    return _back(petition_id)


def _proposal_or_404(petition_id: int, certification_id: int) -> None:
    if certification_queries.get_certification(petition_id, certification_id) is None:
        abort(404)


@bp.post("/petitions/<id:petition_id>/certification/<id:certification_id>/confirm")
@petition_scope_required
def confirm_result(petition_id: int, certification_id: int):
    if ConfirmForm().validate_on_submit():
        _proposal_or_404(petition_id, certification_id)
        with refusals_flashed(PetitionError):
            certification.confirm(
                petition_id, certification_id, current_user.id, now=datetime.now(UTC)
            )
            flash(_("Result confirmed and certified."), "success")
    return _back(petition_id)


@bp.post("/petitions/<id:petition_id>/certification/<id:certification_id>/reject")
@petition_scope_required
def reject_result(petition_id: int, certification_id: int):
    form = RejectForm()
    if not form.validate_on_submit():
        flash(form_problem(form), "error")
        return _back(petition_id)
    _proposal_or_404(petition_id, certification_id)
    with refusals_flashed(PetitionError):
        certification.reject(
            petition_id,
            certification_id,
            current_user.id,
            reason=form.reason.data,
            now=datetime.now(UTC),
        )
        flash(_("Proposal rejected; a new result may be proposed."), "success")
    return _back(petition_id)


@bp.post("/petitions/<id:petition_id>/vote/schedule")
@petition_scope_required
def schedule_vote(petition_id: int):
    form = ScheduleVoteForm()
    if not form.validate_on_submit():
        flash(form_problem(form), "error")
        return _back(petition_id)
    with refusals_flashed(PetitionError):
        recall_vote.schedule_vote(
            petition_id, current_user.id, voting_day=form.voting_day.data, now=datetime.now(UTC)
        )
        flash(_("The recall vote is scheduled."), "success")
    return _back(petition_id)


@bp.post("/petitions/<id:petition_id>/vote/result")
@petition_scope_required
def record_vote_result(petition_id: int):
    form = VoteResultForm()
    if not form.validate_on_submit():
        flash(form_problem(form), "error")
        return _back(petition_id)
    with refusals_flashed(PetitionError):
        vote = recall_vote.record_result(
            petition_id,
            current_user.id,
            electorate=form.electorate.data,
            turnout=form.turnout.data,
            yes=form.yes.data,
            no=form.no.data,
            now=datetime.now(UTC),
        )
        flash(_("The result is recorded: %(result)s.", result=label(vote.result)), "success")
    return _back(petition_id)
