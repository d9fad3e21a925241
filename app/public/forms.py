"""The constituency filter: a GET form, so it carries no CSRF token."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, SubmitField

from app.i18n import localized


class ConstituencyFilterForm(FlaskForm):
    class Meta:
        csrf = False

    body = SelectField(_l("Representative body"), validate_choice=False)
    region = SelectField(_l("Region"), validate_choice=False)
    submit = SubmitField(_l("Show"))

    def set_choices(self, bodies, regions) -> None:
        self.body.choices = [("", _l("All bodies"))] + [(b.code, localized(b)) for b in bodies]
        self.region.choices = [("", _l("All regions"))] + [(r.code, localized(r)) for r in regions]
