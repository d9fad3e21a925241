"""Forms of the sampling page."""

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Optional

from app.forms import BaseForm
from app.labels import REVIEW_REASON, VERDICT


class PublishSeedForm(BaseForm):
    submit = SubmitField(_l("Publish the seed"))


class DrawForm(BaseForm):
    submit = SubmitField(_l("Draw the sample"))


class VerdictForm(BaseForm):
    verdict = SelectField(
        _l("Verdict"),
        choices=[SelectChoice(v.value, label) for v, label in VERDICT.items()],
        validators=[DataRequired()],
    )
    reason = SelectField(
        _l("Reason, if invalid"),
        choices=[SelectChoice("", "—")]
        + [SelectChoice(code.value, label) for code, label in REVIEW_REASON.items()],
        validators=[Optional()],
    )
    submit = SubmitField(_l("Record"))
