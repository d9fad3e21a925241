"""The main pages in Chromium under the site's Content-Security-Policy: no violation reported."""

from datetime import UTC, datetime, timedelta

from app.extensions import db
from app.models import Role
from app.rules.lifecycle import PetitionStatus as S
from app.services.petitions.commands import change_status
from tests.factories import make_petition, make_snapshot, make_user

#: Collects the violations the page itself sees (injected by the browser driver, outside CSP).
LISTEN = (
    "window.__violations = [];"
    "document.addEventListener('securitypolicyviolation',"
    " e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"
)

INLINE = (
    "() => { const s = document.createElement('script');"
    " s.textContent = 'window.__ran = 1'; document.body.appendChild(s); }"
)


def watched(page) -> list[str]:
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(LISTEN)
    return console


def visit(page, url: str, console: list[str]) -> None:
    response = page.goto(url)
    assert response.status == 200, url
    assert "script-src 'self'" in response.headers["content-security-policy"], url
    page.wait_for_load_state("load")
    violations = page.evaluate("window.__violations")
    reported = [text for text in console if "Content Security Policy" in text]
    assert violations == [] and reported == [], (url, violations, reported)


def test_the_main_pages_raise_no_content_security_policy_violation(
    live_server, open_page, page_auth
):
    petition = make_petition(status=S.FILED)
    make_snapshot(counts={petition.constituency: 100})
    citizen, admin = make_user(), make_user(role=Role.ADMIN)
    db.session.commit()
    change_status(
        petition.id, S.COLLECTING, now=datetime.now(UTC) - timedelta(hours=2), reason="registered"
    )
    public = ["/", "/petitions", "/auth/login", "/auth/register", "/api/docs", "/pauses"]
    public.append(f"/petitions/{petition.id}")

    page = open_page()
    console = watched(page)
    for path in public:
        visit(page, live_server + path, console)
    assert page.locator("script[src*='countdown.js']").count() == 1  # a page with a script
    # The watch works: an inline script added to the page is refused and reported.
    page.evaluate(INLINE)
    page.wait_for_function("() => window.__violations.length > 0")
    assert page.evaluate("window.__violations")[0].startswith("script-src")

    for user, paths in (
        (citizen, ["/auth/account", "/account/signatures", "/account/voter"]),
        (admin, ["/commission/queue", "/commission/petitions", "/commission/audit"]),
    ):
        page = open_page()
        console = watched(page)
        page_auth.sign_in(page, user)
        for path in paths:
            visit(page, live_server + path, console)
