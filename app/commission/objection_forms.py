"""The officer's decision on an objection to an invalidation."""

from flask_babel import lazy_gettext as _l
from wtforms import StringField, SubmitField
from wtforms.validators import DataRequired, Length

from app.forms import BaseForm


class ObjectionDecisionForm(BaseForm):
    reason = StringField(_l("Reason"), validators=[DataRequired(), Length(max=2000)])
    uphold = SubmitField(_l("Uphold: the signature counts"))
    dismiss = SubmitField(_l("Dismiss"))
