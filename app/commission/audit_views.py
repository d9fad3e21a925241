"""Commission pages: the audit log, with the hash chain verified on every visit.

Officers and admins alike see the whole log: the chain can only be checked whole, and entries
hold no readable personal data (``audit.record`` takes masked IINs only).
"""

from flask import render_template, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import SelectField, StringField, SubmitField
from wtforms.validators import Length, Optional

from app.commission.access import staff_required
from app.commission.blueprint import bp
from app.forms import BaseForm
from app.labels import action_label, object_label
from app.services.accounts import officers
from app.services.audit import chain as audit
from app.services.audit.queries import filter_choices, log_page

PER_PAGE = 50


class AuditFilterForm(BaseForm):
    """Filters of the audit log; a GET form, so no CSRF token."""

    class Meta:
        csrf = False

    action = SelectField(_l("Action"), validate_choice=False, validators=[Length(max=64)])
    object_type = SelectField(_l("Object type"), validate_choice=False, validators=[Length(max=64)])
    object_id = StringField(_l("Object number"), validators=[Optional(), Length(max=64)])
    submit = SubmitField(_l("Show"))

    def set_choices(self, actions: list[str], object_types: list[str]) -> None:
        self.action.choices = [("", _l("All actions"))] + [(a, action_label(a)) for a in actions]
        self.object_type.choices = [("", _l("All objects"))] + [
            (t, object_label(t)) for t in object_types
        ]


@bp.get("/audit")
@staff_required
def audit_log():
    form = AuditFilterForm(request.args)
    form.set_choices(*filter_choices())
    form.validate()
    # A field the form refused (a NUL byte, an overlong value) filters nothing.
    filters = {
        name: (form[name].data or "").strip() or None if not form[name].errors else None
        for name in ("action", "object_type", "object_id")
    }
    # Officers see the entries of their own assignments' petitions; the chain is checked whole.
    page = log_page(
        **filters,
        within=officers.petition_ids(current_user),
        page=request.args.get("page", 1, type=int),
        per_page=PER_PAGE,
    )
    return render_template(
        "commission/audit.html",
        form=form,
        report=audit.verify_chain(),
        page=page,
        filters={key: value for key, value in filters.items() if value},
    )
