"""Forms of the paper sheet pages. They check the shape of the input; the services decide."""

from flask_babel import lazy_gettext as _l
from wtforms import DateField, FieldList, FormField, IntegerField, StringField, SubmitField
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from app.forms import BaseForm, BaseSubForm
from app.routing import MAX_ID
from app.services.paper.batches import MAX_SHEETS_PER_BATCH
from app.services.paper.keying import MAX_LINE_NUMBER, KeyedLine
from app.services.signing.verification import parse_birth_date

#: Rows of an empty keying form; an officer may ask for more (up to ``MAX_ROWS``).
DEFAULT_ROWS = 10
MAX_ROWS = 50
DATE_HINT = _l("Enter the date as YYYY-MM-DD or DD.MM.YYYY.")


def _stripped(value):
    return value.strip() if isinstance(value, str) else value


def _without_spaces(value):
    return "".join(value.split()) if isinstance(value, str) else value


class BatchForm(BaseForm):
    collector = StringField(
        _l("Collector"), validators=[DataRequired(), Length(max=200)], filters=[_stripped]
    )
    received_on = DateField(_l("Date received"), validators=[DataRequired()])
    # The upper bound is the integer column's: a bigger number would overflow it (a 500).
    first_sheet = IntegerField(
        _l("First sheet number"), validators=[InputRequired(), NumberRange(min=1, max=MAX_ID)]
    )
    last_sheet = IntegerField(
        _l("Last sheet number"), validators=[InputRequired(), NumberRange(min=1, max=MAX_ID)]
    )
    submit = SubmitField(_l("Register the batch"))

    def validate_last_sheet(self, field) -> None:
        first = self.first_sheet.data
        if first is not None and field.data is not None:
            if field.data < first:
                raise ValidationError(_l("The last sheet number cannot be below the first."))
            if field.data - first + 1 > MAX_SHEETS_PER_BATCH:
                raise ValidationError(
                    _l("A batch has at most %(count)d sheets.", count=MAX_SHEETS_PER_BATCH)
                )


class LineForm(BaseSubForm):
    """One line of a sheet; a row with nothing but its line number is blank and ignored."""

    line_number = IntegerField(
        _l("Line"), validators=[Optional(), NumberRange(min=1, max=MAX_LINE_NUMBER)]
    )
    iin = StringField(
        _l("IIN"),
        filters=[_without_spaces],
        validators=[Length(max=20)],
        render_kw={"autocomplete": "off", "inputmode": "numeric", "spellcheck": "false"},
    )
    last_name = StringField(_l("Surname"), filters=[_stripped], validators=[Length(max=100)])
    first_name = StringField(_l("First name"), filters=[_stripped], validators=[Length(max=100)])
    birth_date = StringField(_l("Birth date"), filters=[_stripped], validators=[Length(max=20)])
    signed_on = StringField(_l("Date signed"), filters=[_stripped], validators=[Length(max=20)])

    @property
    def blank(self) -> bool:
        return not any(
            field.data
            for field in (
                self.iin,
                self.last_name,
                self.first_name,
                self.birth_date,
                self.signed_on,
            )
        )

    def validate_birth_date(self, field) -> None:
        if field.data and parse_birth_date(field.data) is None:
            raise ValidationError(DATE_HINT)

    def validate_signed_on(self, field) -> None:
        if field.data and parse_birth_date(field.data) is None:
            raise ValidationError(DATE_HINT)

    def validate_line_number(self, field) -> None:
        if field.data is None and not self.blank:
            raise ValidationError(_l("Enter the line number."))

    def keyed(self) -> KeyedLine:
        return KeyedLine(
            line_number=self.line_number.data,
            iin=self.iin.data or None,
            last_name=self.last_name.data or None,
            first_name=self.first_name.data or None,
            birth_date=parse_birth_date(self.birth_date.data),
            signed_on=parse_birth_date(self.signed_on.data),
        )


class KeyingForm(BaseForm):
    lines = FieldList(FormField(LineForm), min_entries=1, max_entries=MAX_ROWS)
    submit = SubmitField(_l("Save this keying"))

    def keyed_lines(self) -> list[KeyedLine]:
        """The rows with something in them (blank rows are ignored)."""
        return [row.form.keyed() for row in self.lines if not row.form.blank]


class ResolutionForm(BaseForm):
    """One row per mismatched line; a row left blank means: no signature on this line."""

    lines = FieldList(FormField(LineForm), min_entries=1, max_entries=MAX_LINE_NUMBER)
    submit = SubmitField(_l("Save the resolution and accept the sheet"))

    def keyed_lines(self) -> list[KeyedLine]:
        return [row.form.keyed() for row in self.lines if row.form.line_number.data is not None]


def empty_rows(count: int) -> dict:
    """Form data for ``count`` empty rows numbered 1..count."""
    count = max(1, min(count, MAX_ROWS))
    return {"lines": [{"line_number": number} for number in range(1, count + 1)]}
