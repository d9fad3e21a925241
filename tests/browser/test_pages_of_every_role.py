"""One walk per role over its main pages, in Kazakh and Russian, at 1280 and 390 px wide.

On each page: ``<html lang>`` is the chosen language; axe-core (from the PyPI package
``axe-playwright-python``, no download) finds no violation at either width; nothing scrolls
sideways at 390 px; and at most 2 % of the visible words in the page's own language are in
Latin script (fragments marked with another ``lang`` are left out; a short allow-list and the
names of parties and people, which are written as their owners write them, are not counted).

The site is the demo (``seed demo``) served by the app with the real default language, Kazakh.
"""

import re
import shutil
import threading
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from werkzeug.serving import make_server

from app import create_app
from app.demo.seed import seed_demo
from app.extensions import db
from app.models import Deputy, Party, Petition, User, Voter

#: What axe_playwright_python's ``Axe().run(page)`` runs once it has injected axe-core.
AXE_RUN = 'axe.run({"resultTypes": ["violations"]}).then(results => results)'
LANGUAGES = ("kk", "ru")
WIDTHS = (1280, 390)
MAX_LATIN_SHARE = 0.02
#: Latin-script words the pages may show in any language: formats and brand names.
ALLOWED_LATIN = {"SHA", "PDF", "CSV", "JSON", "API", "eGov", "QR", "SVG", "Telegram", "WhatsApp"}
LETTERS = re.compile(r"[^\W\d_]+")
LATIN = re.compile(r"[A-Za-z]+")
#: Addresses are not words: an email address or a web address is written as it is.
ADDRESS = re.compile(r"\S+@\S+|https?://\S+")

#: The visible text of the page in its own language (elements with another ``lang`` left out).
OWN_TEXT = """() => {
  const lang = document.documentElement.lang;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const parts = [];
  while (walker.nextNode()) {
    const element = walker.currentNode.parentElement;
    // Codes, hashes and receipt numbers (<code>) are not words of any language.
    if (!element || element.closest("script, style, template, code")) continue;
    if (!element.checkVisibility()) continue;
    const marked = element.closest("[lang]");
    if (marked && marked.lang !== lang) continue;
    parts.push(walker.currentNode.textContent);
  }
  return parts.join(" ");
}"""


@dataclass(frozen=True)
class Role:
    name: str
    email: str | None
    password: str | None
    pages: tuple[str, ...]


@dataclass
class DemoSite:
    url: str
    roles: dict[str, Role]
    names: set[str]


def demo_pages() -> dict[str, Role]:
    """The main pages of each role, with the demo's petitions and people."""
    by_code = {p.rule_set_code: p.id for p in db.session.scalars(sa.select(Petition))}
    ca = by_code["ca-local"]
    first = db.session.get(Petition, 1)
    deputy = db.session.get(Deputy, first.deputy_id)
    return {
        "public": Role(
            "public",
            None,
            None,
            (
                "/",
                "/constituencies",
                f"/constituencies/{first.constituency.code}",
                f"/deputies/{deputy.id}",
                "/petitions",
                "/petitions/1",
                "/petitions/4",
                f"/petitions/{ca}",
                "/rules",
                "/rules/kz-maslikhat-2023",
                "/pauses",
                "/auth/login",
                "/auth/register",
                "/auth/reset",
            ),
        ),
        "citizen": Role(
            "citizen",
            "citizen@demo.recall.kz",
            "demo-citizen-pass",
            ("/account/voter", "/account/signatures", "/petitions/1/sign", "/auth/account"),
        ),
        "officer": Role(
            "officer",
            "commission@demo.recall.kz",
            "demo-commission-pass",
            (
                "/commission/queue",
                "/commission/petitions",
                "/commission/petitions/2",
                "/commission/petitions/3",
                "/commission/petitions/3/review",
                "/commission/petitions/3/paper",
                "/commission/petitions/3/certification",
                "/commission/petitions/4/certification",
                "/commission/audit",
            ),
        ),
        "deputy": Role(
            "deputy",
            "deputy@demo.recall.kz",
            "demo-deputy-pass",
            ("/deputy/", "/deputy/petitions/1", "/auth/account"),
        ),
        "admin": Role(
            "admin",
            "admin@demo.recall.kz",
            "demo-admin-pass",
            (
                "/commission/admin/officers",
                "/commission/admin/officers/new",
                "/commission/admin/bodies",
                "/commission/admin/deputies",
                "/commission/admin/pauses",
                f"/commission/petitions/{ca}/sampling",
            ),
        ),
    }


def names_written_by_their_owners() -> set[str]:
    """The words of party and people names: written as their owners write them."""
    texts = [
        *db.session.scalars(sa.select(Deputy.full_name)),
        *db.session.scalars(sa.select(User.display_name)),
        *db.session.scalars(sa.select(Voter.last_name).distinct()),
        *db.session.scalars(sa.select(Voter.first_name).distinct()),
    ]
    for party in db.session.scalars(sa.select(Party)):
        texts += [party.localized_name(language) for language in ("en", "ru", "kk")]
    return {word for text in texts if text for word in LETTERS.findall(text)}


@pytest.fixture(scope="module")
def demo_site(sqlite_template, tmp_path_factory):
    """The demo on a SQLite copy of the migrated template, served on a free port."""
    path = tmp_path_factory.mktemp("walk") / "demo.sqlite3"
    shutil.copyfile(sqlite_template, path)
    app = create_app("testing", DATABASE_URL=f"sqlite:///{path}", BABEL_DEFAULT_LOCALE="kk")
    app.config["WTF_CSRF_ENABLED"] = True  # as served: the forms carry their tokens
    with app.app_context():
        seed_demo(voters=2_000, now=datetime.now(UTC))
        roles, names = demo_pages(), names_written_by_their_owners()
        db.session.remove()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="walk-server", daemon=True)
    thread.start()
    try:
        yield DemoSite(f"http://127.0.0.1:{server.server_port}", roles, names)
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
        with app.app_context():
            db.engine.dispose()


def latin_problem(text: str, allowed: set[str]) -> str | None:
    words = LETTERS.findall(ADDRESS.sub(" ", text))
    latin = [w for w in words if LATIN.fullmatch(w) and w not in allowed]
    if words and len(latin) / len(words) > MAX_LATIN_SHARE:
        shown = " ".join(sorted(set(latin))[:25])
        return f"{len(latin)} of {len(words)} words in Latin script: {shown}"
    return None


def axe_problems(page) -> list[str]:
    """axe-core's violations on ``page`` (which loaded axe with itself: ``AXE_ON_EVERY_PAGE``)."""
    violations = page.evaluate(AXE_RUN)["violations"]
    return [
        f"axe {v['id']}: {', '.join(str(n['target']) for n in v['nodes'][:3])}" for v in violations
    ]


def walk(site: DemoSite, role: Role, page) -> list[str]:
    """Every check on every page of ``role``; the problems found, one line each."""
    problems = []
    if role.email:
        page.goto(site.url + "/auth/login")
        page.fill("input[name=email]", role.email)
        page.fill("input[name=password]", role.password)
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_url(lambda url: "/auth/login" not in url)
    allowed = ALLOWED_LATIN | site.names
    for language in LANGUAGES:
        page.goto(f"{site.url}/?lang={language}")
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            for path in role.pages:
                where = f"{language} {width}px {path}"
                response = page.goto(site.url + path)
                if response is None or response.status != 200:
                    problems.append(f"{where}: status {response and response.status}")
                    continue
                if page.evaluate("document.documentElement.lang") != language:
                    problems.append(f"{where}: <html lang> is not {language}")
                scroll = page.evaluate("document.documentElement.scrollWidth")
                if scroll > width:
                    problems.append(f"{where}: {scroll} px wide, scrolls sideways")
                problems += [f"{where}: {p}" for p in axe_problems(page)]
                if width == WIDTHS[0] and (
                    latin := latin_problem(page.evaluate(OWN_TEXT), allowed)
                ):
                    problems.append(f"{where}: {latin}")
    return problems


@pytest.mark.parametrize("role", ["public", "citizen", "officer", "deputy", "admin"])
def test_the_main_pages_of_each_role_are_in_the_language_fit_a_phone_and_pass_axe(
    demo_site, open_page, role
):
    page = open_page()
    # axe-core comes with every page load, as an init script: sent to Chromium once, not 572 kB
    # evaluated again before each of the walk's 4 x N checks.
    from axe_playwright_python.base import AXE_SCRIPT

    page.context.add_init_script(AXE_SCRIPT)

    problems = walk(demo_site, demo_site.roles[role], page)

    assert not problems, "\n".join(problems)
