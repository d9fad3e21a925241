"""The public filters: GET forms, so they carry no CSRF token."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SearchField, SelectField, SubmitField

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


class PetitionFilterForm(FlaskForm):
    """Filters of the petition list; a GET form like the constituency filter."""

    class Meta:
        csrf = False

    q = SearchField(_l("Deputy, constituency or place"))
    body = SelectField(_l("Representative body"), validate_choice=False)
    region = SelectField(_l("Region"), validate_choice=False)
    status = SelectField(_l("Status"), validate_choice=False)
    submit = SubmitField(_l("Show"))

    def set_choices(self, bodies, regions, statuses, status_label) -> None:
        self.body.choices = [("", _l("All bodies"))] + [(b.code, localized(b)) for b in bodies]
        self.region.choices = [("", _l("All regions"))] + [(r.code, localized(r)) for r in regions]
        self.status.choices = [("", _l("All statuses"))] + [
            (status.value, status_label(status)) for status in statuses
        ]
