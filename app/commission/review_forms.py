"""Forms of the review queue: the filter, one decision, and a bulk decision over a filter."""

from datetime import date

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    IntegerField,
    SelectField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import HiddenInput

from app.forms import BaseForm
from app.labels import CHECK, REVIEW_REASON, SIGNATURE_STATUS
from app.models import SignatureStatus
from app.services.review.commands import Decision, ReviewFilter

CHECK_CHOICES = [SelectChoice("", _l("Any failed check"))] + [
    SelectChoice(str(int(check)), label) for check, label in CHECK.items()
]
REASON_CHOICES = [SelectChoice("", _l("Choose a reason (only for invalid)"))] + [
    SelectChoice(reason.value, label) for reason, label in REVIEW_REASON.items()
]
#: The hidden fields carry ids, dates and codes: short values only.
HIDDEN_MAX = 64

DECISION_CHOICES = [
    SelectChoice("invalid", SIGNATURE_STATUS[SignatureStatus.INVALID]),
    SelectChoice("valid", SIGNATURE_STATUS[SignatureStatus.VALID]),
]


class FilterForm(BaseForm):
    """The queue's filter, read from the query string (no CSRF: it changes nothing)."""

    class Meta:
        csrf = False

    check = SelectField(_l("Failed check"), choices=CHECK_CHOICES, validators=[Optional()])
    station = SelectField(_l("Polling station"), choices=[], validators=[Optional()])
    signed_from = DateField(_l("Signed from"), validators=[Optional()])
    signed_to = DateField(_l("Signed until"), validators=[Optional()])
    everything = BooleanField(_l("Show all signatures, not only those waiting for review"))
    submit = SubmitField(_l("Filter"))

    def __init__(self, *args, stations: list[tuple[int, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.station.choices = [SelectChoice("", _l("Any polling station"))] + [
            SelectChoice(str(sid), str(number)) for sid, number in stations
        ]

    def review_filter(self) -> ReviewFilter:
        """The filter the (validated) form describes; an invalid field counts as not set.

        ``Optional`` clears the choice error of a blank value such as ``?check=+`` (a space),
        so a number is read only from digits.
        """
        return ReviewFilter(
            check=_number(self.check),
            station_id=_number(self.station),
            signed_from=None if self.signed_from.errors else self.signed_from.data,
            signed_to=None if self.signed_to.errors else self.signed_to.data,
            everything=bool(self.everything.data),
        )


def _number(field) -> int | None:
    value = (field.data or "").strip()
    return int(value) if value.isdigit() and len(value) < 10 and not field.errors else None


def filter_args(flt: ReviewFilter) -> dict:
    """The query-string arguments that select ``flt`` (for links and hidden fields)."""
    args = {
        "check": flt.check,
        "station": flt.station_id,
        "signed_from": flt.signed_from.isoformat() if flt.signed_from else None,
        "signed_to": flt.signed_to.isoformat() if flt.signed_to else None,
        "everything": "y" if flt.everything else None,
    }
    return {key: value for key, value in args.items() if value is not None}


def hidden_filter(form: "BulkForm") -> ReviewFilter:
    """The filter a bulk form carries; ``ValueError`` if it was tampered with."""
    return ReviewFilter(
        check=int(form.check.data) if form.check.data else None,
        station_id=int(form.station.data) if form.station.data else None,
        signed_from=date.fromisoformat(form.signed_from.data) if form.signed_from.data else None,
        signed_to=date.fromisoformat(form.signed_to.data) if form.signed_to.data else None,
        everything=bool(form.everything.data),
    )


class DecisionForm(BaseForm):
    """One officer's decision on one signature."""

    decision = SelectField(_l("Decision"), choices=DECISION_CHOICES, validators=[DataRequired()])
    reason = SelectField(_l("Reason"), choices=REASON_CHOICES, validators=[Optional()])
    comment = TextAreaField(_l("Comment"), validators=[Length(max=2000)])
    submit = SubmitField(_l("Record the decision"))

    def to_decision(self) -> Decision:
        return Decision(
            valid=self.decision.data == "valid",
            reason=self.reason.data or None,
            comment=self.comment.data or "",
        )


class BulkForm(DecisionForm):
    """A decision over every signature of the filter, carried in hidden fields."""

    check = HiddenField(validators=[Length(max=HIDDEN_MAX)])
    station = HiddenField(validators=[Length(max=HIDDEN_MAX)])
    signed_from = HiddenField(validators=[Length(max=HIDDEN_MAX)])
    signed_to = HiddenField(validators=[Length(max=HIDDEN_MAX)])
    everything = HiddenField(validators=[Length(max=HIDDEN_MAX)])
    submit = SubmitField(_l("Preview the bulk decision"))


class ConfirmBulkForm(BulkForm):
    """The preview's confirmation: the same filter and decision, and the count shown."""

    decision = HiddenField(validators=[DataRequired(), Length(max=HIDDEN_MAX)])
    reason = HiddenField(validators=[Length(max=HIDDEN_MAX)])
    comment = HiddenField(validators=[Length(max=2000)])
    expected = IntegerField(widget=HiddenInput(), validators=[InputRequired(), NumberRange(min=0)])
    submit = SubmitField(_l("Confirm the bulk decision"))
