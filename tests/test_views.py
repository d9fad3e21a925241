"""The helpers every blueprint's views share: a service's refusal flashed, a form's problems."""

import pytest
from flask import flash, get_flashed_messages
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from werkzeug.exceptions import HTTPException
from wtforms import IntegerField
from wtforms.validators import DataRequired, NumberRange

from app import create_app
from app.views import form_problem, refusals_flashed


class Refused(Exception):
    pass


class Missing(Refused):
    """A kind of refusal that means the thing asked for does not exist."""


class Broken(Exception):
    pass


@pytest.fixture
def view_app():
    """The app, with no database: these helpers never touch one."""
    return create_app("testing")


def flashed() -> list[tuple[str, str]]:
    return get_flashed_messages(with_categories=True)


def test_a_refusal_is_flashed_as_an_error_and_the_rest_of_the_block_is_skipped(view_app):
    after_the_call = []
    with view_app.test_request_context(method="POST"):
        with refusals_flashed(Refused):
            raise Refused("The petition is not collecting signatures.")
            after_the_call.append("success flashed")

        assert flashed() == [("error", "The petition is not collecting signatures.")]
    assert after_the_call == []


def test_a_service_that_succeeds_runs_the_whole_block_and_flashes_no_error(view_app):
    with view_app.test_request_context(method="POST"):
        with refusals_flashed(Refused):
            flash("Verdict recorded.", "success")

        assert flashed() == [("success", "Verdict recorded.")]


def test_any_of_several_refusals_is_flashed(view_app):
    with view_app.test_request_context(method="POST"):
        with refusals_flashed(Broken, Refused):
            raise Refused("Refused.")
        with refusals_flashed(Broken, Refused):
            raise Broken("Broken.")

        assert flashed() == [("error", "Refused."), ("error", "Broken.")]


def test_a_lazy_message_is_flashed_in_the_language_of_the_request(view_app):
    with view_app.test_request_context("/?lang=ru", method="POST"):
        with refusals_flashed(Refused):
            raise Refused(_l("The form could not be read; try again."))

        assert flashed() == [("error", "Не удалось прочитать форму; попробуйте ещё раз.")]


def test_an_error_named_in_aborts_answers_its_status_even_when_it_is_a_refusal(view_app):
    with view_app.test_request_context(method="POST"):
        aborts = {Missing: 404, ValueError: 400}
        with pytest.raises(HTTPException) as answered, refusals_flashed(Refused, aborts=aborts):
            raise Missing("no such sample item")

        assert answered.value.code == 404
        assert flashed() == []


def test_an_error_that_is_no_refusal_goes_through_unflashed(view_app):
    with view_app.test_request_context(method="POST"):
        with pytest.raises(Broken), refusals_flashed(Refused, aborts={Missing: 404}):
            raise Broken("a bug, for the error page and the log")

        assert flashed() == []


class AgeForm(FlaskForm):
    age = IntegerField("Age", validators=[DataRequired(), NumberRange(min=18)])


def test_form_problem_names_each_field_with_what_is_wrong(view_app):
    with view_app.test_request_context(method="POST", data={"age": "12"}):
        form = AgeForm()
        assert not form.validate_on_submit()

        assert form_problem(form) == "Age: Number must be at least 18."


def test_form_problem_of_a_form_without_field_errors_still_says_something(view_app):
    with view_app.test_request_context("/?lang=ru", method="POST", data={"age": "30"}):
        form = AgeForm()
        assert form.validate_on_submit()

        assert form_problem(form) == "Не удалось прочитать форму; попробуйте ещё раз."
