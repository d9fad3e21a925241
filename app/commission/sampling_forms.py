"""Forms of the sampling page."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Optional

from app.labels import REVIEW_REASON, VERDICT


class PublishSeedForm(FlaskForm):
    submit = SubmitField(_l("Publish the seed"))


class DrawForm(FlaskForm):
    submit = SubmitField(_l("Draw the sample"))


class VerdictForm(FlaskForm):
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
