"""Which language a request is answered in: Kazakh first, then what the visitor chose."""

import re

import flask_babel
import pytest

from app.config import CONFIGS
from tests.support import pages

KAZAKH_FIRST = pytest.mark.app_config(BABEL_DEFAULT_LOCALE="kk")


@pytest.mark.parametrize("name", ["development", "production"])
def test_the_site_speaks_kazakh_to_whoever_has_not_chosen(name):
    assert CONFIGS[name].BABEL_DEFAULT_LOCALE == "kk"
    assert CONFIGS[name].LANGUAGES == ("kk", "ru", "en")


@KAZAKH_FIRST
def test_a_new_visitor_gets_kazakh_whatever_the_browser_asks_for(client):
    page = pages.get(client, "/", headers={"Accept-Language": "ru-RU,ru;q=0.9,en;q=0.8"})

    assert '<html lang="kk">' in page
    assert re.search("[ӘәҒғҚқҢңӨөҰұҮүІі]", page.text)


@KAZAKH_FIRST
def test_the_switcher_lists_kazakh_russian_english_in_that_order(client):
    page = pages.get(client, "/")

    links = page.select(".language-nav a")
    assert [(a["lang"], a.get_text(strip=True)) for a in links] == [
        ("kk", "Қазақша"),
        ("ru", "Русский"),
        ("en", "English"),
    ]
    assert links[0].get("aria-current") == "true"


@KAZAKH_FIRST
def test_a_chosen_language_sticks_in_the_session(client):
    assert '<html lang="ru">' in pages.get(client, "/?lang=ru")
    flask_babel.refresh()
    assert '<html lang="ru">' in pages.get(client, "/constituencies")
    flask_babel.refresh()
    assert '<html lang="en">' in pages.get(client, "/rules?lang=en")
    flask_babel.refresh()
    assert '<html lang="en">' in pages.get(client, "/")


@KAZAKH_FIRST
@pytest.mark.parametrize(
    ("query", "header", "expected"),
    [
        ("", None, "параметрінің белгісіз мәні"),
        ("", "ru-RU,ru;q=0.9", "Неизвестное значение параметра"),
        ("", "en-US,en;q=0.9", "Leave the parameter out"),
        ("&lang=ru", "en-US", "Неизвестное значение параметра"),
        ("&lang=en", "ru", "Leave the parameter out"),
    ],
)
def test_api_errors_follow_the_lang_parameter_then_accept_language(client, query, header, expected):
    headers = {"Accept-Language": header} if header else {}

    response = client.get(f"/api/v1/petitions?status=bogus{query}", headers=headers)

    assert response.status_code == 400
    assert expected in response.get_json()["error"]["message"]


@KAZAKH_FIRST
def test_the_api_ignores_a_language_chosen_on_the_pages(client):
    client.get("/?lang=ru")

    response = client.get("/api/v1/petitions?status=bogus")

    assert "параметрінің белгісіз мәні" in response.get_json()["error"]["message"]


@pytest.mark.parametrize(
    ("language", "not_an_integer", "out_of_range"),
    [
        ("kk", "Жарамды бүтін сан мәні емес.", "Сан 1 және"),
        ("ru", "Неверное целое число.", "Значение должно быть между 1 и"),
    ],
)
def test_wtforms_own_messages_speak_the_reader_language_in_forms_and_subforms(
    app, language, not_an_integer, out_of_range
):
    from app.commission.paper_forms import BatchForm, KeyingForm

    data = {"collector": "A", "received_on": "2026-12-01", "first_sheet": "x", "last_sheet": "0"}
    keyed = {"lines-0-line_number": "0", "lines-0-iin": "1"}
    with app.test_request_context(f"/?lang={language}", method="POST", data=data | keyed):
        batch, keying = BatchForm(), KeyingForm()
        assert not batch.validate() and not keying.validate()

    assert batch.first_sheet.errors[0] == not_an_integer
    assert out_of_range in batch.last_sheet.errors[0]
    assert out_of_range in keying.lines[0].line_number.errors[0]


@KAZAKH_FIRST
def test_the_rules_pages_show_the_rule_set_texts_in_the_reader_language(client):
    kazakh = pages.get(client, "/rules/kz-maslikhat-2023")
    flask_babel.refresh()
    russian = pages.get(client, "/rules/kz-maslikhat-2023?lang=ru")

    assert "Қазақстан: мәслихат депутаттары" in kazakh.one("h1").get_text()
    assert "Бастамашыл топтың саны расталмаған." in kazakh
    assert "Численность инициативной группы не подтверждена." in russian
    assert "Астана уақыты" in kazakh and "время Астаны" in russian
    assert "Asia/Almaty" not in kazakh.text and "Asia/Almaty" not in russian.text
