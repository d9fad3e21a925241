"""The officer's decision on an objection to an invalidation, and the second officer's answer
to an uphold proposed after certification."""

from flask_babel import lazy_gettext as _l
from wtforms import StringField, SubmitField
from wtforms.validators import DataRequired, Length

from app.forms import BaseForm


class ObjectionDecisionForm(BaseForm):
    reason = StringField(_l("Reason"), validators=[DataRequired(), Length(max=2000)])
    uphold = SubmitField(_l("Uphold: the signature counts"))
    dismiss = SubmitField(_l("Dismiss"))


class ConfirmUpholdForm(BaseForm):
    """A second officer confirms the proposed uphold: the certified result is corrected."""

    confirm = SubmitField(_l("Confirm the uphold"))


class RejectUpholdForm(BaseForm):
    """A second officer rejects the proposed uphold, with a reason: the objection is open again."""

    reason = StringField(_l("Reason"), validators=[DataRequired(), Length(max=2000)])
    reject = SubmitField(_l("Reject the proposal"))
