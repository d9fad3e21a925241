"""Flash messages that carry more than a sentence."""

from flask import flash, render_template
from markupsafe import Markup

from app.models import Deputy, Voter


def flash_refusal(message: str, *, voter: Voter | None = None, deputy: Deputy | None = None):
    """Flash why something was refused; for a voter of another constituency, also link to
    their own constituency and deputy (rendered by a template, so every value is escaped)."""
    flash(message, "error")
    if voter is not None:
        flash(
            Markup(render_template("citizen/_your_seat.html", voter=voter, deputy=deputy)), "info"
        )
