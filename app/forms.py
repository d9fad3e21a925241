"""The base of every form: text refuses control characters, and every field is bounded.

Every form of the app derives from ``BaseForm`` (or ``BaseSubForm`` for the rows of a
``FieldList``), so no text with a NUL byte or another control character reaches a service
(PostgreSQL cannot even store NUL, and invisible characters make a name or a comment lie). Line
breaks and tabs are allowed in multi-line text areas only. Lengths are the fields' own business:
each text field declares ``Length(max=...)`` (``tests/test_forms.py`` walks every form class).
"""

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.i18n import translations as wtforms_translations
from wtforms import Form, SelectField, StringField, TextAreaField
from wtforms.csrf.core import CSRFTokenField
from wtforms.validators import ValidationError

#: C0 and C1 control characters, DEL and lone surrogates; tab, line feed and carriage return
#: are judged apart (allowed in text areas).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_LINE_BREAKS = re.compile("[\t\n\r]")

CONTROL_MESSAGE = _l(
    "This field contains control characters (such as NUL); remove them and try again."
)
SINGLE_LINE_MESSAGE = _l("This field must be one line, without line breaks or tabs.")


def refuse_control_characters(form, field) -> None:
    """Refuse control characters in any text field, and line breaks outside text areas."""
    for value in field.raw_data or ():
        if not isinstance(value, str):
            continue
        # Plain strings, translated now: views join error messages, which lazy ones break.
        if _CONTROL.search(value):
            raise ValidationError(str(CONTROL_MESSAGE))
        if not isinstance(field, TextAreaField) and _LINE_BREAKS.search(value):
            raise ValidationError(str(SINGLE_LINE_MESSAGE))


def is_text(field) -> bool:
    """A field whose value is free text as typed (the CSRF token is checked on its own)."""
    return isinstance(field, StringField | SelectField) and not isinstance(field, CSRFTokenField)


class TextRules:
    """Adds ``refuse_control_characters`` to every text field of the form when it validates."""

    def validate(self, extra_validators=None) -> bool:
        extra = {name: list(chain) for name, chain in (extra_validators or {}).items()}
        for name, field in self._fields.items():
            if is_text(field):
                extra.setdefault(name, []).append(refuse_control_characters)
        return super().validate(extra_validators=extra)


class BaseForm(TextRules, FlaskForm):
    """The base of every form of the app (CSRF-protected unless its Meta says otherwise)."""


class BaseSubForm(TextRules, Form):
    """The base of a form nested in another one (the rows of a ``FieldList``)."""

    class Meta:
        def get_translations(self, form):
            # FormField builds a subform with WTForms' plain meta, which speaks English;
            # Flask-WTF's translations give WTForms' own messages in the reader's language.
            return wtforms_translations
