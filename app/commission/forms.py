"""Forms of the commission pages."""

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length

from app.forms import BaseForm
from app.labels import REFUSAL_REASON


class RegisterForm(BaseForm):
    submit = SubmitField(_l("Register the petition"))


class RefuseForm(BaseForm):
    reason = SelectField(
        _l("Reason"),
        # No reason is chosen in advance: the officer picks one.
        choices=[SelectChoice("", _l("Choose a reason"))]
        + [SelectChoice(code, label) for code, label in REFUSAL_REASON.items()],
        validators=[DataRequired()],
    )
    comment = TextAreaField(_l("Comment"), validators=[Length(max=2000)])
    submit = SubmitField(_l("Refuse registration"))
