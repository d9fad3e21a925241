"""What the views of every blueprint share.

A view validates its form, calls one service and tells the user how it went, then redirects.
``refusals_flashed`` is the "how it went" when the service refuses; ``form_problem`` puts a
form's errors in one message. ``site_pause_banner`` is the context processor that the factory
registers for every page.
"""

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime

from flask import abort, flash, render_template, request
from flask_babel import gettext as _
from flask_wtf import FlaskForm

from app.services.pauses import queries as pauses


@contextmanager
def refusals_flashed(
    *refusals: type[Exception], aborts: Mapping[type[Exception], int] | None = None
) -> Iterator[None]:
    """Run the block (one service call, then its success message); if the service refuses with
    one of ``refusals``, flash the refusal's message as an error and go on after the block.

    The service has rolled its transaction back, so nothing changed; the view then redirects as
    it would after a success. ``aborts`` maps errors that are no refusal to the HTTP status they
    answer (a signature that is not on the petition: 404). They are tried first, as one may be a
    kind of refusal (``UnknownItem`` is a ``PetitionError``).

        with refusals_flashed(PetitionError, aborts={UnknownItem: 404}):
            sampling.record_verdict(...)
            flash(_("Verdict recorded."), "success")
        return redirect(...)
    """
    answers = dict(aborts or {})
    try:
        yield
    except tuple(answers) as error:
        abort(next(status for kind, status in answers.items() if isinstance(error, kind)))
    except refusals as refused:
        flash(str(refused), "error")


def form_problem(form: FlaskForm) -> str:
    """The form's errors as one message: each field's label and what is wrong with it."""
    return " ".join(
        f"{form[name].label.text}: {' '.join(errors)}" for name, errors in form.errors.items()
    ) or _("The form could not be read; try again.")


#: The field a confirmation page adds to the form it sends again.
CONFIRMED = "confirmed"


def is_confirmed() -> bool:
    """Whether the form came from a confirmation page (``confirmation``)."""
    return request.form.get(CONFIRMED) == "yes"


def confirmation(
    *,
    title: str,
    message: str,
    button: str,
    cancel: str,
    fields: Iterable[tuple[str, str]] = (),
    danger: bool = False,
):
    """A page asking to confirm an act the person cannot undo: the same POST again, with
    ``fields`` and ``confirmed=yes``; a plain form, so it works without JavaScript."""
    return render_template(
        "confirm.html",
        title=title,
        message=message,
        button=button,
        cancel=cancel,
        fields=list(fields),
        danger=danger,
        action=request.full_path.removesuffix("?"),
    )


def site_pause_banner() -> dict:
    """Every page says so while signing is paused site-wide (one indexed query per page)."""
    return {"site_pause": pauses.open_site_pause(datetime.now(UTC))}
