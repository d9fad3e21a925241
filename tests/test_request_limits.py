"""Request bodies over MAX_CONTENT_LENGTH (2 MB) are refused with 413 in the reader's language."""

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import User

BIG = "x" * (2 * 1024 * 1024 + 1)


def users() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(User))


@pytest.mark.parametrize(
    ("language", "words"),
    [("en", "too large: at most 2 MB"), ("ru", "слишком велико"), ("kk", "тым үлкен")],
)
def test_a_body_over_two_megabytes_is_refused_with_413_in_the_reader_s_language(
    client, app, language, words
):
    before = users()

    response = client.post(
        f"/auth/register?lang={language}",
        data={"email": "big@example.kz", "password": BIG, "password_confirm": BIG},
    )

    assert response.status_code == 413
    assert words in response.get_data(as_text=True)
    assert users() == before


def test_a_form_just_under_the_limit_reaches_the_form_and_its_own_limits(client, app):
    almost = "x" * (1024 * 1024)

    response = client.post(  # the route itself is under test
        "/auth/login", data={"email": "a@example.kz", "password": almost}
    )

    assert response.status_code == 200  # the form is shown again with its length error
    assert "Field cannot be longer than" in response.get_data(as_text=True)


def test_the_limit_is_two_megabytes_for_forms(app):
    assert app.config["MAX_CONTENT_LENGTH"] == 2 * 1024 * 1024
    assert app.config["MAX_FORM_MEMORY_SIZE"] == app.config["MAX_CONTENT_LENGTH"]


def test_the_api_answers_413_as_json(client, app):
    response = client.post("/api/v1/petitions", data=BIG, content_type="text/plain")

    assert response.status_code in (405, 413)
    assert response.is_json
