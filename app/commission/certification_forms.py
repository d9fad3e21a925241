"""Forms of the certification page: verification, the two-officer result and the recall vote."""

from flask_babel import lazy_gettext as _l
from wtforms import DateField, IntegerField, SelectField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange

from app.forms import BaseForm
from app.labels import CERTIFIED_RESULT
from app.routing import MAX_ID


class StartVerificationForm(BaseForm):
    submit = SubmitField(_l("Start verification"))


class ProposeForm(BaseForm):
    result = SelectField(
        _l("Result"),
        choices=[SelectChoice(code.value, label) for code, label in CERTIFIED_RESULT.items()],
        validators=[DataRequired()],
    )
    comment = TextAreaField(_l("Comment"), validators=[Length(max=2000)])
    submit = SubmitField(_l("Propose this result"))


class ConfirmForm(BaseForm):
    submit = SubmitField(_l("Confirm the result"))


class RejectForm(BaseForm):
    reason = TextAreaField(
        _l("Why the proposal is rejected"), validators=[DataRequired(), Length(max=2000)]
    )
    submit = SubmitField(_l("Reject the proposal"))


class ScheduleVoteForm(BaseForm):
    voting_day = DateField(_l("Voting day"), validators=[DataRequired()])
    submit = SubmitField(_l("Schedule the recall vote"))


def _count(label):
    # The upper bound is the integer column's: a bigger figure would overflow it (a 500).
    return IntegerField(label, validators=[InputRequired(), NumberRange(min=0, max=MAX_ID)])


class VoteResultForm(BaseForm):
    electorate = _count(_l("Voters on the register"))
    turnout = _count(_l("Voters who took part"))
    yes = _count(_l("Votes for recall"))
    no = _count(_l("Votes against recall"))
    submit = SubmitField(_l("Record the result"))
