"""Forms of the admin pages: officers, their assignments, deputy accounts and the bodies' rule
sets.

The choices of the select fields come from the database and are set by the view; the services
decide whether an action may be done.
"""

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, PasswordField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Length, Optional

from app.auth.forms import email_validators
from app.forms import BaseForm
from app.services.accounts.commands import MAX_DISPLAY_NAME_LENGTH, MAX_PASSWORD_LENGTH

MAX_REASON_LENGTH = 500


def _reason_field(required: bool = False) -> StringField:
    first = DataRequired() if required else Optional()
    return StringField(_l("Reason"), validators=[first, Length(max=MAX_REASON_LENGTH)])


class OfficerForm(BaseForm):
    email = EmailField(_l("Email"), validators=email_validators())
    display_name = StringField(
        _l("Name"), validators=[DataRequired(), Length(max=MAX_DISPLAY_NAME_LENGTH)]
    )
    password = PasswordField(
        _l("Initial password"),
        validators=[DataRequired(), Length(max=MAX_PASSWORD_LENGTH)],
        render_kw={"autocomplete": "new-password"},
    )
    submit = SubmitField(_l("Create the officer account"))


class AssignForm(BaseForm):
    officer = SelectField(_l("Officer"), coerce=int, validators=[DataRequired()])
    #: "body-<id>" or "region-<id>".
    target = SelectField(_l("Body or region"), validators=[DataRequired()])
    reason = _reason_field()
    submit = SubmitField(_l("Assign"))

    def target_ids(self) -> tuple[int | None, int | None]:
        """(body_id, region_id) of the chosen target."""
        kind, _, number = (self.target.data or "").partition("-")
        value = int(number) if number.isdigit() else None
        return (value, None) if kind == "body" else (None, value)


class UnassignForm(BaseForm):
    submit = SubmitField(_l("Remove"))


class RuleSetForm(BaseForm):
    body = SelectField(_l("Body"), coerce=int, validators=[DataRequired()])
    rule_set = SelectField(_l("Rule set"), validators=[DataRequired()])
    reason = _reason_field(required=True)
    submit = SubmitField(_l("Change the rule set"))


class DeputyAccountForm(BaseForm):
    deputy = SelectField(_l("Deputy"), coerce=int, validators=[DataRequired()])
    email = EmailField(_l("Email"), validators=email_validators())
    display_name = StringField(
        _l("Name shown on the site (the deputy's name if left empty)"),
        validators=[Optional(), Length(max=MAX_DISPLAY_NAME_LENGTH)],
    )
    password = PasswordField(
        _l("Initial password"),
        validators=[DataRequired(), Length(max=MAX_PASSWORD_LENGTH)],
        render_kw={"autocomplete": "new-password"},
    )
    submit = SubmitField(_l("Create the deputy account"))
