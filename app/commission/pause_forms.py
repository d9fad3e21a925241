"""Forms of the admin's pause page: start a pause (site-wide or one petition), end one."""

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length

from app.forms import BaseForm
from app.services.pauses.commands import REASON_MAX, REASON_MIN

#: The scope choice for the whole site; a petition is ``petition-<id>``.
SITE = "site"


class StartPauseForm(BaseForm):
    #: ``site`` or ``petition-<id>``; the choices are set by the view.
    scope = SelectField(_l("Pause signing on"), validators=[DataRequired()])
    reason = TextAreaField(
        _l("Reason (published)"),
        validators=[DataRequired(), Length(min=REASON_MIN, max=REASON_MAX)],
    )
    submit = SubmitField(_l("Pause signing"))

    def petition_id(self) -> int | None:
        """The chosen petition's id; None for the whole site (the choice was validated)."""
        _kind, _, number = (self.scope.data or "").partition("-")
        return int(number) if number.isdigit() else None


class EndPauseForm(BaseForm):
    submit = SubmitField(_l("End the pause"))
