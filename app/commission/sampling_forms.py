"""Forms of the sampling page."""

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Optional

from app.forms import BaseForm
from app.labels import REVIEW_REASON
from app.models import Channel, SignatureStatus, Verdict

VERDICT_LABELS = {
    Verdict.VALID: _l("Valid"),
    Verdict.INVALID: _l("Invalid"),
    Verdict.DUPLICATE: _l("Duplicate (signed again in the sample)"),
}

#: How the sampled signature stands after the automatic checks and any review.
SIGNATURE_LABELS = {
    SignatureStatus.VALID: _l("Valid"),
    SignatureStatus.PENDING: _l("Waiting for review"),
    SignatureStatus.INVALID: _l("Invalid"),
    SignatureStatus.WITHDRAWN: _l("Withdrawn"),
    Channel.ONLINE: _l("online"),
    Channel.PAPER: _l("paper"),
}


class PublishSeedForm(BaseForm):
    submit = SubmitField(_l("Publish the seed"))


class DrawForm(BaseForm):
    submit = SubmitField(_l("Draw the sample"))


class VerdictForm(BaseForm):
    verdict = SelectField(
        _l("Verdict"),
        choices=[SelectChoice(v.value, label) for v, label in VERDICT_LABELS.items()],
        validators=[DataRequired()],
    )
    reason = SelectField(
        _l("Reason, if invalid"),
        choices=[SelectChoice("", "—")]
        + [SelectChoice(code.value, label) for code, label in REVIEW_REASON.items()],
        validators=[Optional()],
    )
    submit = SubmitField(_l("Record"))
