"""Every form class of the app: bounded fields, and text that refuses control characters.

The classes are found by importing every module of ``app``, so a new form is walked without an
edit here. A text field (any ``StringField``: text areas, e-mail, password, hidden) and a select
that accepts values outside its choices must declare ``Length(max=...)``; a ``FieldList`` must
cap its rows; numbers, dates and check boxes are bounded by their parsing.
"""

import importlib
import inspect
import pkgutil

import pytest
from werkzeug.datastructures import MultiDict
from wtforms import FieldList, FormField, SelectField, StringField
from wtforms.fields.core import UnboundField
from wtforms.form import BaseForm as WTFormsBase
from wtforms.validators import Length

import app as app_package
from app.forms import BaseForm, BaseSubForm, TextRules
from app.routing import MAX_ID


def form_classes() -> list[type]:
    for module in pkgutil.walk_packages(app_package.__path__, "app."):
        importlib.import_module(module.name)
    found = set()
    pending = [WTFormsBase]
    while pending:
        for sub in pending.pop().__subclasses__():
            pending.append(sub)
            if sub.__module__.startswith("app.") and sub not in (BaseForm, BaseSubForm):
                found.add(sub)
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__qualname__}")


FORMS = form_classes()


def validators_of(unbound: UnboundField) -> list:
    given = unbound.kwargs.get("validators")
    if given is None and len(unbound.args) > 1:
        given = unbound.args[1]
    return list(given or [])


def unbounded(form_class, prefix="") -> list[str]:
    """Names of the fields of ``form_class`` without an upper bound."""
    problems = []
    for name, unbound in inspect.getmembers(form_class, lambda v: isinstance(v, UnboundField)):
        field, label = unbound.field_class, f"{prefix}{name}"
        if issubclass(field, FieldList):
            if unbound.kwargs.get("max_entries") is None:
                problems.append(f"{label} (FieldList without max_entries)")
            inner = unbound.args[0]
            if issubclass(inner.field_class, FormField):
                problems += unbounded(inner.args[0], prefix=f"{label}-n-")
            continue
        free_select = issubclass(field, SelectField) and not unbound.kwargs.get(
            "validate_choice", True
        )
        if issubclass(field, StringField) or free_select:
            lengths = [v for v in validators_of(unbound) if isinstance(v, Length)]
            if not any(v.max is not None and 0 < v.max <= 100_000 for v in lengths):
                problems.append(label)
    return problems


def test_the_walk_finds_the_forms_of_every_blueprint():
    modules = {cls.__module__.split(".")[1] for cls in FORMS}
    names = {cls.__name__ for cls in FORMS}

    assert {"auth", "citizen", "commission", "deputy", "public"} <= modules
    assert {"LoginForm", "LineForm", "AuditFilterForm", "ReplyForm", "BulkForm"} <= names
    assert len(FORMS) > 35


def test_every_form_refuses_control_characters_in_its_text():
    assert [cls.__qualname__ for cls in FORMS if not issubclass(cls, TextRules)] == []


def test_every_text_field_has_a_maximum_length():
    problems = {cls.__qualname__: unbounded(cls) for cls in FORMS}

    assert {name: fields for name, fields in problems.items() if fields} == {}


def test_the_walk_would_catch_an_unbounded_field():
    class Loose(BaseForm):
        note = StringField("note")
        tag = SelectField("tag", validate_choice=False)

    assert unbounded(Loose) == ["note", "tag"]


@pytest.mark.parametrize(
    ("value", "refused"),
    [
        ("Ахметова", False),
        ("O'Brien-Smith Jr.", False),
        ("Ахме\x00това", True),
        ("bell\x07", True),
        ("escape\x1b[31m", True),
        ("del\x7f", True),
        ("c1\x85", True),
        ("two\nlines", True),
        ("tab\there", True),
    ],
)
def test_a_single_line_field_refuses_control_characters_and_line_breaks(app, value, refused):
    from app.auth.forms import ResetRequestForm

    with app.test_request_context():
        form = ResetRequestForm(MultiDict({"email": f"a{value}@example.kz"}), meta={"csrf": False})
        form.validate()

    messages = " ".join(str(m) for m in form.email.errors)
    assert ("control characters" in messages or "one line" in messages) is refused


@pytest.mark.parametrize(
    ("value", "refused"),
    [("first line\nsecond\tindented\r\n", False), ("nul\x00", True), ("vt\x0b", True)],
)
def test_a_text_area_allows_line_breaks_and_tabs_only(app, value, refused):
    from app.commission.forms import RefuseForm

    with app.test_request_context():
        form = RefuseForm(MultiDict({"reason": "other", "comment": value}), meta={"csrf": False})
        form.validate()

    assert bool(form.comment.errors) is refused


def test_the_rows_of_a_field_list_refuse_control_characters_too(app):
    from app.commission.paper_forms import KeyingForm

    data = MultiDict({"lines-0-line_number": "1", "lines-0-last_name": "Ахме\x00това"})
    with app.test_request_context():
        form = KeyingForm(data, meta={"csrf": False})

        assert not form.validate()
        assert form.lines[0].form.last_name.errors


def test_the_russian_message_names_the_problem(app):
    from app.auth.forms import ResetRequestForm

    with app.test_request_context("/?lang=ru"):
        form = ResetRequestForm(MultiDict({"email": "a\x00@example.kz"}), meta={"csrf": False})
        form.validate()
        message = str(form.email.errors[-1])

    assert "управляющие символы" in message


def test_max_id_stays_the_integer_columns_bound():
    assert MAX_ID == 2**31 - 1
