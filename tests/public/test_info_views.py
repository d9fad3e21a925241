"""The pages that explain the service, linked from every page's footer."""

import pytest

from tests.support import pages

PAGES = ["/how-it-works", "/help", "/accessibility", "/contact"]


@pytest.mark.parametrize("path", PAGES)
def test_each_explaining_page_is_linked_from_the_footer(client, path):
    footer = pages.get(client, "/rules").one("footer")

    assert footer.select_one(f'a[href="{path}"]') is not None
    assert pages.get(client, path).one("h1").get_text(strip=True)


def test_help_answers_the_six_questions(client):
    page = pages.get(client, "/help")

    for anchor in ("who-may-sign", "checks", "data", "withdraw", "paper", "object"):
        assert page.one(f"h2#{anchor}")


@pytest.mark.parametrize(
    ("lang", "title"), [("kk", "Сұрақтар мен жауаптар"), ("ru", "Вопросы и ответы")]
)
def test_help_is_in_kazakh_and_russian(client, lang, title):
    page = pages.get(client, f"/help?lang={lang}")

    assert page.one("h1").get_text(strip=True) == title
