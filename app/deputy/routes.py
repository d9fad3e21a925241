"""The deputy's portal: the petitions against the signed-in deputy, and the formal reply.

Deputy accounts only. A deputy account not linked to a deputy record sees an empty list that
says so; a petition that is not the deputy's own (or not public) answers 404, like one that does
not exist, so the portal never tells whether a petition id exists.
"""

from datetime import UTC, datetime

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.deputy.blueprint import bp
from app.deputy.forms import ReplyForm
from app.models import Role
from app.permissions import role_required
from app.public import petition_display
from app.services.deputies import queries as deputy_portal
from app.services.deputies import replies
from app.views import refusals_flashed

deputy_required = role_required(Role.DEPUTY)


@bp.get("/")
@deputy_required
def index():
    return render_template(
        "deputy/index.html",
        linked=deputy_portal.linked_deputy_id(current_user) is not None,
        rows=deputy_portal.petitions_against(current_user, datetime.now(UTC)),
    )


def _petition_page(petition_id: int, form: ReplyForm | None = None, status: int = 200):
    now = datetime.now(UTC)
    page = deputy_portal.petition_for_deputy(current_user, petition_id, now)
    versions = page.reply_versions
    if form is None:
        form = ReplyForm()
        if versions:
            form.body.data = versions[0].body
        form.version.data = str(versions[0].version if versions else 0)
    return render_template(
        "deputy/petition.html",
        page=page,
        petition=page.petition,
        rule_set=page.rule_set,
        calendar=page.calendar,
        chart=page.per_day and petition_display.signatures_chart(page.per_day),
        time_left=page.time_left and petition_display.time_left_text(page.time_left),
        countdown_template=petition_display.countdown_template(),
        countdown_units=petition_display.countdown_units(),
        versions=versions,
        form=form,
    ), status


@bp.get("/petitions/<id:petition_id>")
@deputy_required
def petition(petition_id: int):
    return _petition_page(petition_id)


@bp.post("/petitions/<id:petition_id>/reply")
@deputy_required
def reply(petition_id: int):
    form = ReplyForm()
    if not form.validate_on_submit():
        return _petition_page(petition_id, form, 400)  # 404 for a petition not the deputy's
    with refusals_flashed(replies.ReplyError, aborts={replies.NotTheDeputy: 404}):
        published = replies.publish_reply(
            petition_id,
            current_user.id,
            form.body.data,
            now=datetime.now(UTC),
            expected_version=form.expected_version(),
        )
        flash(_("Reply published (version %(version)d).", version=published.version), "success")
        return redirect(url_for("deputy.petition", petition_id=petition_id, _anchor="reply"))
    return _petition_page(petition_id, form, 400)
