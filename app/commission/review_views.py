"""Commission pages: the review queue of a petition's signatures (issue 5, item 4)."""

from datetime import UTC, datetime

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from app.commission.access import petition_scope_required
from app.commission.blueprint import bp
from app.commission.review_forms import (
    CHECK_CHOICES,
    BulkForm,
    ConfirmBulkForm,
    DecisionForm,
    FilterForm,
    filter_args,
    hidden_filter,
)
from app.i18n import shown_date
from app.labels import review_reason_label
from app.rules.checks import suggested_reason
from app.services.law import petition_rules
from app.services.petitions.queries import get_petition
from app.services.review import bulk as review_bulk
from app.services.review import commands as review
from app.views import refusals_flashed


def _queue_url(petition_id: int, flt: review.ReviewFilter | None = None, **extra) -> str:
    args = filter_args(flt) if flt is not None else {}
    return url_for("commission.review_queue", petition_id=petition_id, **args, **extra)


@bp.get("/petitions/<id:petition_id>/review")
@petition_scope_required
def review_queue(petition_id: int):
    petition = get_petition(petition_id)
    form = FilterForm(request.args, stations=review.station_choices(petition_id))
    form.validate()
    flt = form.review_filter()
    page = review.review_page(petition_id, flt, request.args.get("page", 1, type=int))
    bulk_form = BulkForm(formdata=None, data=filter_args(flt), prefix="bulk")
    return render_template(
        "commission/review.html",
        petition=petition,
        zone=petition_rules(petition).zone,
        filter_form=form,
        bulk_form=bulk_form,
        decision_form=lambda row: DecisionForm(
            formdata=None,
            prefix=f"s{row.signature.id}",
            data={"reason": _suggested(row.signature.failed_checks)},
        ),
        page=page,
        page_url=lambda number: _queue_url(petition_id, flt, page=number),
    )


#: Errors of the review forms' hidden fields that are no refusal: a tampered filter, a
#: signature that is not on the petition.
BAD_INPUT = {ValueError: 400, review.SignatureNotFound: 404}


@bp.post("/petitions/<id:petition_id>/review/<id:signature_id>")
@petition_scope_required
def review_decide(petition_id: int, signature_id: int):
    form = DecisionForm(prefix=f"s{signature_id}")
    if not form.validate_on_submit():
        flash(_("Choose a decision and, for an invalid signature, a reason."), "error")
    else:
        with refusals_flashed(review.ReviewError, aborts={review.SignatureNotFound: 404}):
            review.decide(
                petition_id,
                signature_id,
                current_user.id,
                form.to_decision(),
                now=datetime.now(UTC),
            )
            flash(_("Decision recorded for signature № %(id)s.", id=signature_id), "success")
    back = request.form.get("next_url", "")
    return redirect(back if back.startswith(_queue_url(petition_id)) else _queue_url(petition_id))


@bp.post("/petitions/<id:petition_id>/review/bulk")
@petition_scope_required
def review_bulk_preview(petition_id: int):
    """How many signatures a bulk decision would change, with a form to confirm it."""
    form = BulkForm(prefix="bulk")
    if not form.validate_on_submit():
        flash(_("Choose a decision and, for invalid, a reason."), "error")
        return redirect(_queue_url(petition_id))
    with refusals_flashed(review.ReviewError, aborts=BAD_INPUT):
        flt, decision = hidden_filter(form), form.to_decision()
        count = review_bulk.preview_bulk(petition_id, flt, decision)
        return _bulk_confirmation(petition_id, flt, decision, count)
    return redirect(_queue_url(petition_id))


def _bulk_confirmation(
    petition_id: int, flt: review.ReviewFilter, decision: review.Decision, count: int
) -> str:
    confirm = ConfirmBulkForm(formdata=None, data=filter_args(flt))
    confirm.decision.data = "valid" if decision.valid else "invalid"
    confirm.reason.data = decision.reason or ""
    confirm.comment.data = decision.comment
    confirm.expected.data = count
    return render_template(
        "commission/review_bulk.html",
        petition=get_petition(petition_id),
        form=confirm,
        count=count,
        summary=_bulk_summary(decision, count),
        back_url=_queue_url(petition_id, flt),
        filter_words=_filter_words(petition_id, flt),
    )


def _bulk_summary(decision: review.Decision, count: int) -> str:
    """What the bulk decision will do, in words."""
    if decision.valid:
        return ngettext(
            "%(num)s signature will be marked valid.",
            "%(num)s signatures will be marked valid.",
            count,
        )
    return ngettext(
        "%(num)s signature will be marked invalid: %(reason)s.",
        "%(num)s signatures will be marked invalid: %(reason)s.",
        count,
        reason=review_reason_label(decision.reason),
    )


def _filter_words(petition_id: int, flt: review.ReviewFilter) -> list[tuple[str, str]]:
    """The bulk decision's filter in words, so the officer sees what it covers."""
    checks = {choice.value: choice.label for choice in CHECK_CHOICES}
    stations = dict(review.station_choices(petition_id))
    return [
        (_("Failed check"), str(checks.get(str(flt.check or ""), flt.check))),
        (
            _("Polling station"),
            str(stations.get(flt.station_id, flt.station_id))
            if flt.station_id
            else _("Any polling station"),
        ),
        (_("Signed from"), shown_date(flt.signed_from) if flt.signed_from else "—"),
        (_("Signed until"), shown_date(flt.signed_to) if flt.signed_to else "—"),
        (
            _("Signatures"),
            _("all, whatever their status")
            if flt.everything
            else _("only those waiting for review"),
        ),
    ]


@bp.post("/petitions/<id:petition_id>/review/bulk/confirm")
@petition_scope_required
def review_bulk_confirm(petition_id: int):
    form = ConfirmBulkForm()
    if not form.validate_on_submit():
        flash(_("The bulk decision was incomplete; nothing was changed."), "error")
        return redirect(_queue_url(petition_id))
    flt = None
    with refusals_flashed(review.ReviewError, aborts=BAD_INPUT):
        flt = hidden_filter(form)
        changed = review_bulk.decide_bulk(
            petition_id,
            flt,
            current_user.id,
            form.to_decision(),
            expected=form.expected.data,
            now=datetime.now(UTC),
        )
        flash(
            ngettext("%(num)s signature changed.", "%(num)s signatures changed.", changed),
            "success",
        )
    return redirect(_queue_url(petition_id, flt))


def _suggested(bits: int) -> str:
    """Preselect the reason matching the failed check; the officer can change it."""
    reason = suggested_reason(bits)
    return reason.value if reason is not None else ""
