"""The "Try the demo" panel on each role's start page: there with the demo, gone without it;
and the demo's Cyrillic names in Latin letters on English pages only."""

from datetime import UTC, datetime

import pytest

from app.demo import people
from app.demo.tour import mark_demo_loaded
from app.models import Role
from app.services.audit.queries import demo_tour
from tests.support.pages import get

NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
#: Each role's start page (where signing in lands it) and the panel's first link there.
START = {
    "visitor": ("/", "/auth/login"),
    Role.CITIZEN: ("/", "/petitions/1"),
    Role.COMMISSION: ("/commission/queue", "/commission/petitions/2"),
    Role.DEPUTY: ("/deputy/", "/deputy/petitions/1"),
    Role.ADMIN: ("/", "/commission/petitions/7/certification"),
}
TITLES = {
    "en": "Try the demo",
    "ru": "Попробуйте демонстрацию",
    "kk": "Демонстрацияны байқап көріңіз",
}


def demo_password(role: Role) -> tuple[str, str]:
    account = next(a for a in people.DEMO_ACCOUNTS if a.role is role)
    return account.email, account.password


@pytest.mark.seeded(voters=300, now=NOW)
def test_each_role_start_page_has_a_demo_panel_of_links_in_each_language(app, client, auth):
    for role, (path, first_link) in START.items():
        if role != "visitor":
            auth.sign_in(*demo_password(role))
        for language, title in TITLES.items():
            panel = get(client, f"{path}?lang={language}").one("#demo-panel")
            assert panel.h2.get_text(strip=True) == title
            links = [a["href"] for a in panel.select("li a")]
            assert 3 <= len(links) <= 4, (role, links)
            assert links[0] == first_link, (role, links)
            for href in links:
                # The demo's commission account is a Karaganda officer: the panel's item for
                # the Almaty officers (California sampling) answers it 403.
                other_region = role is Role.COMMISSION and href.endswith("/sampling")
                get(client, href.split("#")[0], status=403 if other_region else 200)
        if role != "visitor":
            auth.sign_out()


# The geography and accounts alone (no register, no petitions) are not the demo.
@pytest.mark.seeded(voters=0, now=NOW)
def test_no_demo_panel_without_the_demo_marker(app, client, auth):
    assert demo_tour() is None
    assert not get(client, "/").select("#demo-panel")
    auth.sign_in(*demo_password(Role.COMMISSION))
    assert not get(client, "/commission/queue").select("#demo-panel")


@pytest.mark.seeded(voters=300, now=NOW)
def test_reseeding_writes_no_second_marker(app):
    assert not mark_demo_loaded(NOW)
    assert demo_tour()["collecting"] == 1


@pytest.mark.seeded(voters=0, now=NOW)
@pytest.mark.parametrize(
    "language, shown, lang_attribute",
    [("en", "Nurlan Demov", "kk-Latn"), ("ru", "Нұрлан Демов", None), ("kk", "Нұрлан Демов", None)],
)
def test_deputy_names_are_in_latin_letters_with_their_own_lang_on_english_pages_only(
    app, client, language, shown, lang_attribute
):
    page = get(client, f"/deputies/1?lang={language}")
    heading = page.one("h1")
    assert heading.get_text(strip=True) == shown
    span = heading.find("span")
    assert (span["lang"] if span else None) == lang_attribute
