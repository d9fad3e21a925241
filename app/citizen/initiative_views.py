"""Starting a recall, the initiator's group page, joining by invitation, filing, withdrawing.

The invitation secret is never stored (only its SHA-256), so its link is shown once: the
service returns it, the view keeps it in the signed session for exactly one redirect, and the
group page takes it out again when it shows it. A lost link is replaced, never shown again.
"""

from datetime import UTC, datetime

from flask import flash, make_response, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.citizen.blueprint import bp
from app.citizen.flashes import flash_refusal
from app.citizen.forms import StartForm, StatementForm
from app.models import Role
from app.permissions import role_required
from app.routing import external_url
from app.services.initiative import group as initiative_group
from app.services.initiative import start as initiative_start
from app.services.initiative.common import (
    CHOICE_PROBLEMS,
    STATEMENT_PROBLEMS,
    InitiativeRefused,
)
from app.services.petitions.status import shown_status
from app.views import refusals_flashed

INVITATION_KEY = "new_invitation"


def _show_invitation_once(petition_id: int, token: str) -> None:
    session[INVITATION_KEY] = {"petition_id": petition_id, "token": token}


def _take_invitation(petition_id: int) -> str | None:
    shown = session.get(INVITATION_KEY)
    if not shown or shown.get("petition_id") != petition_id:
        return None
    session.pop(INVITATION_KEY)
    return external_url("citizen.join", petition_id=petition_id, token=shown["token"])


def _group_page(petition_id: int, form: StatementForm):
    group = initiative_group.get_group(petition_id, current_user.id)
    if form.statement.data is None:
        form.statement.data = group.petition.statement
    invitation = _take_invitation(petition_id)
    page = render_template(
        "citizen/group.html",
        group=group,
        form=form,
        invitation=invitation,
        shown_status=shown_status(group.petition, datetime.now(UTC)),
    )
    response = make_response(page)
    response.headers["Cache-Control"] = "no-store"  # the invitation link is a secret
    return response


def _back_to_group(petition_id: int):
    return redirect(url_for("citizen.group", petition_id=petition_id))


@bp.route("/petitions/new", methods=["GET", "POST"])
@role_required(Role.CITIZEN)
def start():
    now = datetime.now(UTC)
    page = initiative_start.start_page(current_user.id, now=now)
    form = StartForm()
    form.offer(page.open)
    if page.open and form.validate_on_submit():
        try:
            petition, token = initiative_start.start_petition(
                current_user.id, form.statement.data, now=now, deputy_id=form.deputy_id()
            )
        except InitiativeRefused as refused:
            if refused.reason in CHOICE_PROBLEMS:
                form.deputy.errors.append(refused.message)
            elif refused.reason in STATEMENT_PROBLEMS:
                form.statement.errors.append(refused.message)
            else:
                flash(refused.message, "error")
                return redirect(url_for("citizen.start"))
        else:
            _show_invitation_once(petition.id, token)
            flash(_("Your recall petition № %(id)s is started.", id=petition.id), "info")
            return _back_to_group(petition.id)
    return render_template("citizen/start.html", page=page, form=form)


@bp.get("/petitions/<id:petition_id>/group")
@role_required(Role.CITIZEN)
def group(petition_id: int):
    return _group_page(petition_id, StatementForm(formdata=None))


@bp.post("/petitions/<id:petition_id>/group/statement")
@role_required(Role.CITIZEN)
def group_statement(petition_id: int):
    form = StatementForm()
    if form.validate_on_submit():
        try:
            initiative_group.update_statement(
                petition_id, current_user.id, form.statement.data, now=datetime.now(UTC)
            )
        except InitiativeRefused as refused:
            if refused.reason not in STATEMENT_PROBLEMS:
                flash(refused.message, "error")
                return _back_to_group(petition_id)
            form.statement.errors.append(refused.message)
        else:
            flash(_("The statement is saved."), "info")
            return _back_to_group(petition_id)
    return _group_page(petition_id, form)


@bp.post("/petitions/<id:petition_id>/group/invitation")
@role_required(Role.CITIZEN)
def group_invitation(petition_id: int):
    with refusals_flashed(InitiativeRefused):
        token = initiative_group.renew_invitation(
            petition_id, current_user.id, now=datetime.now(UTC)
        )
        _show_invitation_once(petition_id, token)
        flash(_("A new invitation link is made; the previous link no longer works."), "info")
    return _back_to_group(petition_id)


@bp.post("/petitions/<id:petition_id>/file")
@role_required(Role.CITIZEN)
def file(petition_id: int):
    with refusals_flashed(InitiativeRefused):
        petition = initiative_group.file_petition(
            petition_id, current_user.id, now=datetime.now(UTC)
        )
        flash(
            _(
                "The petition is filed with the commission. Its statement is now frozen; "
                "its SHA-256 fingerprint is %(sha)s.",
                sha=petition.statement_sha256,
            ),
            "info",
        )
    return _back_to_group(petition_id)


@bp.post("/petitions/<id:petition_id>/withdraw")
@role_required(Role.CITIZEN)
def withdraw(petition_id: int):
    with refusals_flashed(InitiativeRefused):
        initiative_group.withdraw_petition(petition_id, current_user.id, now=datetime.now(UTC))
        flash(_("The petition is withdrawn."), "info")
    return _back_to_group(petition_id)


@bp.route("/petitions/<id:petition_id>/join/<token>", methods=["GET", "POST"])
@role_required(Role.CITIZEN)
def join(petition_id: int, token: str):
    if request.method == "POST":
        try:
            initiative_group.join_initiative(
                petition_id, token, current_user.id, now=datetime.now(UTC)
            )
        except InitiativeRefused as refused:
            flash_refusal(refused.message, voter=refused.voter, deputy=refused.deputy)
        else:
            flash(_("You have joined the initiative group."), "info")
        return redirect(url_for("citizen.join", petition_id=petition_id, token=token))
    invitation = initiative_group.get_invitation(petition_id, token, current_user.id)
    return render_template(
        "citizen/join.html",
        invitation=invitation,
        token=token,
        shown_status=shown_status(invitation.petition, datetime.now(UTC)),
    )
