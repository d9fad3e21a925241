"""The public filters (GET forms, so they carry no CSRF token), and the button that starts
signing with eGov Mobile (a POST: its CSRF token only)."""

from flask_babel import lazy_gettext as _l
from wtforms import SearchField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length

from app.forms import BaseForm
from app.i18n import localized

#: Codes of bodies, regions and statuses are at most 32 characters (their columns).
CODE = Length(max=32)


class ConstituencyFilterForm(BaseForm):
    class Meta:
        csrf = False

    body = SelectField(_l("Representative body"), validate_choice=False, validators=[CODE])
    region = SelectField(_l("Region"), validate_choice=False, validators=[CODE])
    submit = SubmitField(_l("Show"))

    def set_choices(self, bodies, regions) -> None:
        self.body.choices = [("", _l("All bodies"))] + [(b.code, localized(b)) for b in bodies]
        self.region.choices = [("", _l("All regions"))] + [(r.code, localized(r)) for r in regions]


class PetitionFilterForm(BaseForm):
    """Filters of the petition list; a GET form like the constituency filter."""

    class Meta:
        csrf = False

    q = SearchField(_l("Deputy, constituency or place"), validators=[Length(max=200)])
    body = SelectField(_l("Representative body"), validate_choice=False, validators=[CODE])
    region = SelectField(_l("Region"), validate_choice=False, validators=[CODE])
    status = SelectField(_l("Status"), validate_choice=False, validators=[CODE])
    submit = SubmitField(_l("Show"))

    def set_choices(self, bodies, regions, statuses, status_label) -> None:
        self.body.choices = [("", _l("All bodies"))] + [(b.code, localized(b)) for b in bodies]
        self.region.choices = [("", _l("All regions"))] + [(r.code, localized(r)) for r in regions]
        self.status.choices = [("", _l("All statuses"))] + [
            (status.value, status_label(status)) for status in statuses
        ]


class EdsMobileForm(BaseForm):
    """Starting to sign with eGov Mobile: no fields, the CSRF token only (the challenge it makes
    is a bearer secret, so another site must not make one for a visitor)."""


class ObjectionForm(BaseForm):
    """A signer objects to the invalidation of their signature, by its receipt code."""

    receipt_code = StringField(_l("Receipt code"), validators=[DataRequired(), Length(max=32)])
    statement = TextAreaField(
        _l("Why the signature should count"), validators=[DataRequired(), Length(max=2000)]
    )
    submit = SubmitField(_l("Send the objection"))
