"""Citizen forms. They check the shape of the input only; the services decide the rest."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, RadioField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, ValidationError

from app.forms import BaseForm
from app.i18n import localized, person_name
from app.services.signing.verification import parse_birth_date

#: Far above any rule set's limit; longer input is refused before the service reads it.
STATEMENT_HARD_LIMIT = 100_000
#: An IIN as typed (spaces removed first) and a date as typed: room for typos, no more.
MAX_IIN_INPUT = 20
MAX_DATE_INPUT = 20
#: A deputy id as sent: longer is no id at all.
MAX_ID_INPUT = 20


def _without_spaces(value):
    """``850314 300 123`` as typed from a card becomes ``850314300123``."""
    return "".join(value.split()) if isinstance(value, str) else value


def _stripped(value):
    return value.strip() if isinstance(value, str) else value


def _birth_date_text(form, field) -> None:
    if parse_birth_date(field.data) is None:
        raise ValidationError(_l("Enter the date as YYYY-MM-DD or DD.MM.YYYY."))


class VoterVerificationForm(BaseForm):
    iin = StringField(
        _l("IIN (12 digits)"),
        validators=[DataRequired(), Length(max=MAX_IIN_INPUT)],
        filters=[_without_spaces],
        render_kw={"autocomplete": "off", "inputmode": "numeric", "spellcheck": "false"},
    )
    last_name = StringField(
        _l("Surname, as on the voter register"),
        validators=[DataRequired(), Length(max=100)],
        filters=[_stripped],
        render_kw={"autocomplete": "family-name"},
    )
    birth_date = StringField(
        _l("Date of birth (YYYY-MM-DD or DD.MM.YYYY)"),
        validators=[DataRequired(), Length(max=MAX_DATE_INPUT), _birth_date_text],
        filters=[_stripped],
        render_kw={"autocomplete": "bday", "placeholder": "1985-03-14"},
    )
    submit = SubmitField(_l("Verify"))


class VerifyAndSignForm(VoterVerificationForm):
    """Verification and signature on one page: the voter's details and the signing boxes."""

    confirm = BooleanField(
        _l("I sign in person and of my own free will"),
        validators=[
            DataRequired(
                _l("Tick the box to confirm that you sign in person and of your own free will.")
            )
        ],
    )
    follow = BooleanField(_l("Send me updates about this petition"))
    submit = SubmitField(_l("Verify and sign"))


class StatementForm(BaseForm):
    statement = TextAreaField(
        _l("Statement of reasons"),
        validators=[DataRequired(), Length(max=STATEMENT_HARD_LIMIT)],
    )
    submit = SubmitField(_l("Save"))


def _as_text(value) -> str:
    return "" if value is None else str(value)


class StartForm(StatementForm):
    """The statement and, for a voter of several constituencies, whose deputy to recall.

    Any value is taken (``validate_choice=False``): the service compares it with the voter's own
    deputies and refuses another one in words, rather than a bare "not a valid choice"."""

    deputy = RadioField(
        _l("The deputy to recall"),
        coerce=_as_text,
        validate_choice=False,
        validators=[Length(max=MAX_ID_INPUT)],
    )

    def offer(self, checks) -> None:
        """The choices: the deputies of ``checks`` (start checks that allow a start), each
        named with their body and constituency; the only one is chosen already."""
        self.deputy.choices = [
            (str(check.deputy.id), _deputy_label(check.deputy, check.constituency))
            for check in checks
        ]
        if len(checks) == 1 and not self.deputy.data:
            self.deputy.data = str(checks[0].deputy.id)

    def deputy_id(self) -> int | None:
        """The chosen deputy's id; 0 (no deputy's) for what cannot be one, so that the service
        refuses it as another deputy; None when nothing is chosen."""
        text = (self.deputy.data or "").strip()
        if not text:
            return None
        return int(text) if text.isascii() and text.isdigit() else 0


def _deputy_label(deputy, constituency) -> str:
    return _(
        "%(name)s — %(body)s, constituency No. %(number)s · %(constituency)s",
        name=person_name(deputy.full_name),
        body=localized(constituency.body),
        number=constituency.number,
        constituency=localized(constituency),
    )


class SignForm(BaseForm):
    confirm = BooleanField(
        _l("I sign in person and of my own free will"),
        validators=[
            DataRequired(
                _l("Tick the box to confirm that you sign in person and of your own free will.")
            )
        ],
    )
    follow = BooleanField(_l("Send me updates about this petition"))


class FollowForm(BaseForm):
    """Follow (``follow`` ticked) or stop following a petition the user signed."""

    follow = BooleanField(_l("Send me updates about this petition"))


class InitiatorObjectionForm(BaseForm):
    """An initiator objects to the invalidation of one signature (named by the URL)."""

    statement = TextAreaField(
        _l("Why the signature should count"), validators=[DataRequired(), Length(max=2000)]
    )
    submit = SubmitField(_l("Send the objection"))
