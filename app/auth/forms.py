"""Account forms: they check the shape of the input only; app.services.accounts.commands decides."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    EmailField,
    Field,
    PasswordField,
    SelectField,
    StringField,
    SubmitField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional, ValidationError

from app.forms import BaseForm
from app.i18n import LANGUAGE_NAMES
from app.labels import MAIL_CATEGORY
from app.services.accounts.commands import (
    MAX_DISPLAY_NAME_LENGTH,
    MAX_EMAIL_LENGTH,
    MAX_PASSWORD_LENGTH,
    password_problem,
)
from app.services.notifications.audiences import Category


def _lower_stripped(value: str | None) -> str | None:
    return value.strip().lower() if isinstance(value, str) else value


def email_validators() -> list:
    """A required email address of the accounts' length (its shape only: nothing is sent)."""
    return [
        DataRequired(),
        Length(max=MAX_EMAIL_LENGTH),
        Email(
            message=_l("Enter an email address like name@example.kz."),
            check_deliverability=False,
        ),
    ]


def _email_field() -> EmailField:
    return EmailField(
        _l("Email"),
        filters=[_lower_stripped],
        validators=email_validators(),
        render_kw={"autocomplete": "email"},
    )


def _new_password_fields(label: str) -> tuple[PasswordField, PasswordField]:
    new = {"autocomplete": "new-password"}
    password = PasswordField(
        label, validators=[DataRequired(), Length(max=MAX_PASSWORD_LENGTH)], render_kw=new
    )
    confirm = PasswordField(
        _l("Repeat the password"),
        validators=[
            DataRequired(),
            Length(max=MAX_PASSWORD_LENGTH),
            EqualTo("password", message=_l("The passwords differ.")),
        ],
        render_kw=new,
    )
    return password, confirm


class LoginForm(BaseForm):
    email = EmailField(
        _l("Email"),
        validators=[DataRequired(), Length(max=MAX_EMAIL_LENGTH)],
        render_kw={"autocomplete": "username"},
    )
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(), Length(max=MAX_PASSWORD_LENGTH)],
        render_kw={"autocomplete": "current-password"},
    )
    submit = SubmitField(_l("Sign in"))


class SignUpForm(BaseForm):
    email = _email_field()
    display_name = StringField(
        _l("Name shown on the site (optional)"),
        filters=[lambda value: value.strip() if isinstance(value, str) else value],
        validators=[Optional(), Length(max=MAX_DISPLAY_NAME_LENGTH)],
        render_kw={"autocomplete": "nickname"},
    )
    password, password_confirm = _new_password_fields(_l("Password"))
    submit = SubmitField(_l("Create account"))

    def validate_password(self, field: Field) -> None:
        problem = password_problem(field.data or "", self.email.data or "")
        if problem:
            raise ValidationError(problem)


class ResetRequestForm(BaseForm):
    email = _email_field()
    submit = SubmitField(_l("Send me a link"))


class ResetPasswordForm(BaseForm):
    """The account's address is known only to the service, which checks the rest."""

    password, password_confirm = _new_password_fields(_l("New password"))
    submit = SubmitField(_l("Set the new password"))

    def validate_password(self, field: Field) -> None:
        problem = password_problem(field.data or "", "")
        if problem:
            raise ValidationError(problem)


class ConfirmEmailForm(BaseForm):
    submit = SubmitField(_l("Confirm my email address"))


class ResendConfirmationForm(BaseForm):
    submit = SubmitField(_l("Send a new confirmation link"))


class UnsubscribeForm(BaseForm):
    submit = SubmitField(_l("Stop these messages"))


class MailPreferencesForm(BaseForm):
    """The account page's mail settings: the language and the optional messages wanted."""

    language = SelectField(
        _l("Language of the messages we send you"),
        choices=[SelectChoice(code, name) for code, name in LANGUAGE_NAMES.items()],
        validators=[DataRequired()],
    )
    progress = BooleanField(MAIL_CATEGORY[Category.PROGRESS])
    results = BooleanField(MAIL_CATEGORY[Category.RESULTS])
    updates = BooleanField(MAIL_CATEGORY[Category.UPDATES])
    submit = SubmitField(_l("Save mail settings"))

    def wanted(self) -> set[str]:
        return {category.value for category in Category if self[category.value].data}
