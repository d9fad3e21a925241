"""Security headers on every route, no-store on personal pages (app/security.py)."""

import pytest

from app import create_app
from app.extensions import db
from app.models import Role
from tests.factories import make_user
from tests.support.routes import sample_url

EXPECTED = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def every_route_url(app) -> list[tuple[str, str]]:
    """(method, url) for every rule of the app; GET where it takes GET, else POST."""
    found = []
    for rule in app.url_map.iter_rules():
        method = "GET" if "GET" in rule.methods else "POST"
        found.append((method, sample_url(rule, {"filename": "css/site.css"})))
    return found


def assert_protected(response, url: str) -> None:
    for name, value in EXPECTED.items():
        assert response.headers.get(name) == value, (url, name)
    policy = response.headers.get("Content-Security-Policy", "")
    assert "frame-ancestors 'none'" in policy, url
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy, url
    assert "camera=()" in response.headers.get("Permissions-Policy", ""), url


def test_the_policy_allows_ncalayer_on_the_signers_machine_and_no_inline_script(client):
    policy = client.get("/").headers["Content-Security-Policy"]

    assert "connect-src 'self' wss://127.0.0.1:13579" in policy
    assert "unsafe" not in policy


@pytest.mark.parametrize("role", [None, Role.CITIZEN, Role.COMMISSION, Role.ADMIN])
def test_every_route_answers_with_the_security_headers(app, client, auth, role):
    if role is not None:
        auth.sign_in(make_user(role=role))
    routes = every_route_url(app)

    for method, url in routes:
        response = client.open(url, method=method, data={})
        response.close()
        assert_protected(response, f"{method} {url} ({response.status_code})")
    assert len(routes) > 50


def test_error_pages_carry_the_headers_too(client):
    assert_protected(client.get("/no/such/page"), "404")
    assert_protected(client.post("/auth/register", data="x" * (3 * 2**20)), "413")


def test_hsts_only_when_the_public_address_is_https(database_url):
    for base, expected in (("https://recall.example.kz", True), ("http://127.0.0.1:5000", False)):
        app = create_app("testing", DATABASE_URL=database_url, PUBLIC_BASE_URL=base)
        with app.app_context():
            response = app.test_client().get("/")
            db.session.remove()
            db.engine.dispose()
        hsts = response.headers.get("Strict-Transport-Security")
        assert (hsts == "max-age=31536000; includeSubDomains") is expected, base


@pytest.mark.parametrize("url", ["/auth/login", "/auth/account", "/account/signatures"])
def test_personal_pages_are_never_stored_by_caches(client, auth, url):
    auth.sign_in(make_user())

    assert client.get(url).headers.get("Cache-Control") == "private, no-store"


def test_a_signed_in_persons_public_page_is_not_stored_but_an_anonymous_one_may_be(client, auth):
    assert "no-store" not in client.get("/").headers.get("Cache-Control", "")

    auth.sign_in(make_user())

    assert client.get("/").headers.get("Cache-Control") == "private, no-store"


def test_commission_pages_are_never_stored(client, auth):
    auth.sign_in(make_user(role=Role.ADMIN))
    response = client.get("/commission/queue")

    assert response.status_code == 200
    assert response.headers.get("Cache-Control") == "private, no-store"
