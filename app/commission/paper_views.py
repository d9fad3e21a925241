"""Commission pages: paper signature sheets, registered in batches and keyed twice, blind."""

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TypeVar

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.commission.access import petition_scope_required
from app.commission.blueprint import bp
from app.commission.paper_forms import (
    DEFAULT_ROWS,
    BatchForm,
    KeyingForm,
    ResolutionForm,
    empty_rows,
)
from app.models import KeyingRound, SheetStatus
from app.services.paper import batches as paper
from app.services.paper import keying as paper_keying
from app.services.paper import queries as paper_pages
from app.services.paper.keying import KeyedLine
from app.views import refusals_flashed

T = TypeVar("T")

PREFIX = "/petitions/<id:petition_id>/paper"


def _to_sheet(petition_id: int, sheet_id: int):
    return redirect(url_for("commission.paper_sheet", petition_id=petition_id, sheet_id=sheet_id))


def _save_lines(
    form: KeyingForm | ResolutionForm,
    save: Callable[[list[KeyedLine]], T],
    message: Callable[[T], str],
) -> tuple[bool, dict[int, str]]:
    """On a POST, save the form's lines with ``save`` and flash how it went.

    Returns whether they were saved, and the problems of single lines to show beside them.
    """
    if request.method != "POST":
        return False, {}
    if not form.validate_on_submit():
        flash(_("Some lines need another look at the sheet."), "error")
        return False, {}
    try:
        result = save(form.keyed_lines())
    except paper.PaperError as error:
        flash(error.message, "error")
        return False, error.line_errors
    flash(message(result), "success")
    return True, {}


@bp.get(PREFIX)
@petition_scope_required
def paper_sheets(petition_id: int):
    page = paper_pages.sheets_page(petition_id)
    return render_template(
        "commission/paper.html",
        petition=page.petition,
        batches=page.batches,
        counts=page.counts,
        form=BatchForm(),
    )


@bp.post(PREFIX + "/batches")
@petition_scope_required
def paper_register_batch(petition_id: int):
    form = BatchForm()
    if not form.validate_on_submit():
        for error in (error for errors in form.errors.values() for error in errors):
            flash(str(error), "error")
        return redirect(url_for("commission.paper_sheets", petition_id=petition_id))
    with refusals_flashed(paper.PaperError):
        batch = paper.register_batch(
            petition_id,
            current_user.id,
            collector=form.collector.data,
            received_on=form.received_on.data,
            first_sheet=form.first_sheet.data,
            last_sheet=form.last_sheet.data,
            now=datetime.now(UTC),
        )
        first, last = batch.first_sheet, batch.last_sheet
        flash(_("Sheets %(first)d to %(last)d are registered.", first=first, last=last), "success")
    return redirect(url_for("commission.paper_sheets", petition_id=petition_id))


@bp.get(PREFIX + "/sheets/<id:sheet_id>")
@petition_scope_required
def paper_sheet(petition_id: int, sheet_id: int):
    page = paper_pages.sheet_page(petition_id, sheet_id, current_user.id)
    return render_template(
        "commission/paper_sheet.html",
        petition=page.petition,
        sheet=page.sheet,
        keyings=page.keyings,
        rounds=KeyingRound,
        next_round=page.next_round,
        keyed_first=page.keyed_first,
        mismatches=page.mismatches,
        accepted=page.accepted,
    )


def _form_status() -> int:
    """A form shown again after a POST was refused (422), or shown the first time (200)."""
    return 422 if request.method == "POST" else 200


@bp.route(PREFIX + "/sheets/<id:sheet_id>/key", methods=["GET", "POST"])
@petition_scope_required
def paper_key(petition_id: int, sheet_id: int):
    page = paper_pages.sheet_page(petition_id, sheet_id, current_user.id)
    if page.next_round is None:
        flash(_("Both keyings of this sheet are in already."), "info")
        return _to_sheet(petition_id, sheet_id)
    rows = request.args.get("rows", DEFAULT_ROWS, type=int)
    form = KeyingForm() if request.method == "POST" else KeyingForm(data=empty_rows(rows))
    saved, line_errors = _save_lines(
        form,
        lambda lines: paper_keying.key_sheet(
            petition_id, sheet_id, current_user.id, lines, now=datetime.now(UTC)
        ),
        _keying_message,
    )
    if saved:
        return _to_sheet(petition_id, sheet_id)
    return render_template(
        "commission/paper_key.html",
        petition=page.petition,
        sheet=page.sheet,
        round=page.next_round,
        keyed_first=page.keyed_first,
        form=form,
        line_errors=line_errors,
    ), _form_status()


def _keying_message(result: paper_keying.KeyingResult) -> str:
    if result.round is KeyingRound.FIRST:
        return _("First keying saved. Another officer now keys the sheet without seeing it.")
    if result.status is SheetStatus.ACCEPTED:
        return _("Both keyings agree: the sheet is accepted and its signatures are recorded.")
    return _(
        "The keyings differ on %(count)d line(s); resolve them before the sheet counts.",
        count=len(result.mismatches),
    )


@bp.route(PREFIX + "/sheets/<id:sheet_id>/resolve", methods=["GET", "POST"])
@petition_scope_required
def paper_resolve(petition_id: int, sheet_id: int):
    page = paper_pages.sheet_page(petition_id, sheet_id, current_user.id)
    if page.sheet.status is not SheetStatus.MISMATCHED:
        flash(_("This sheet has no differences waiting to be resolved."), "info")
        return _to_sheet(petition_id, sheet_id)
    agreed = {"lines": [_agreed_values(row) for row in page.mismatches]}
    form = ResolutionForm() if request.method == "POST" else ResolutionForm(data=agreed)
    saved, line_errors = _save_lines(
        form,
        lambda lines: paper_keying.resolve_sheet(
            petition_id, sheet_id, current_user.id, lines, now=datetime.now(UTC)
        ),
        lambda _result: _("The differences are resolved: the sheet is accepted."),
    )
    if saved:
        return _to_sheet(petition_id, sheet_id)
    return render_template(
        "commission/paper_resolve.html",
        petition=page.petition,
        sheet=page.sheet,
        mismatches=page.mismatches,
        form=form,
        line_errors=line_errors,
    ), _form_status()


def _agreed_values(row: paper_pages.MismatchRow) -> dict:
    """A resolution row prefilled with the fields both keyings read alike."""
    values = {"line_number": row.line_number}
    for name in ("iin", "last_name", "first_name", "birth_date", "signed_on"):
        if name not in row.fields:
            value = getattr(row.first, name)
            values[name] = value.isoformat() if hasattr(value, "isoformat") else value
    return values
