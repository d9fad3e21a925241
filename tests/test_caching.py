"""The read path (app/caching.py): anonymous reads from the shared cache, headers, and what is
never stored. Two apps on one Redis stand for two nodes."""

import flask_babel
import pytest
import redis
from flask import g

from app import create_app
from app.extensions import cache, db
from app.models import Role
from app.models import SignatureStatus as Sig
from tests.factories import make_collecting_petition, make_signature
from tests.support.auth import AuthActions

NODES = ("a", "b")


def _node(database_url: str, redis_url: str | None):
    app = create_app(
        "testing", DATABASE_URL=database_url, REDIS_URL=redis_url, PUBLIC_READ_CACHE=True
    )

    def _fresh_request_state():  # as in conftest's app: a real request starts without these
        g.pop("_login_user", None)
        flask_babel.refresh()

    # First, before the cache's lookup reads the locale.
    app.before_request_funcs.setdefault(None, []).insert(0, _fresh_request_state)
    return app


@pytest.fixture
def nodes(database_url, redis_url):
    """Two apps on one database and one (emptied) Redis; the first one's context is pushed."""
    redis.Redis.from_url(redis_url).flushdb()
    apps = {name: _node(database_url, redis_url) for name in NODES}
    with apps["a"].app_context():
        yield apps
        db.session.remove()
    for app in apps.values():
        with app.app_context():
            db.engine.dispose()


@pytest.fixture
def petition(nodes):
    return make_collecting_petition(voters=1_000)


def _sign(petition, number: int = 1) -> None:
    for _ in range(number):
        make_signature(petition, status=Sig.VALID)
    db.session.commit()


def _counted(client, petition) -> int:
    response = client.get(f"/api/v1/petitions/{petition.id}")
    assert response.status_code == 200
    return response.json["signatures"]["toward_threshold"]


def test_two_nodes_sharing_redis_show_the_same_cached_count(nodes, petition):
    _sign(petition, 2)
    assert _counted(nodes["a"].test_client(), petition) == 2

    _sign(petition, 3)  # within the window: node B answers from what node A cached

    assert _counted(nodes["b"].test_client(), petition) == 2
    page = nodes["b"].test_client().get(f"/petitions/{petition.id}")
    assert page.headers["X-App-Cache"] == "miss"  # the page is new; its count is the shared one
    nodes["a"].config["SIGNATURE_COUNT_INTERVAL"] = 0  # node A now counts exactly
    assert _counted(nodes["a"].test_client(), petition) == 5


def test_a_node_without_redis_caches_in_its_own_memory(database_url):
    app = _node(database_url, None)
    with app.app_context():
        assert type(cache.cache).__name__ == "SimpleCache"


def test_an_anonymous_page_is_served_from_the_cache_with_public_headers(nodes, petition):
    client = nodes["a"].test_client()
    first = client.get(f"/petitions/{petition.id}")
    second = nodes["b"].test_client().get(f"/petitions/{petition.id}")

    assert (first.headers["X-App-Cache"], second.headers["X-App-Cache"]) == ("miss", "hit")
    assert second.get_data() == first.get_data()
    assert second.cache_control.public and 0 < second.cache_control.max_age <= 10
    assert {"cookie", "accept-language"} <= {v.lower() for v in second.vary}
    assert second.headers["ETag"] == first.headers["ETag"]
    assert second.last_modified == first.last_modified
    assert "Set-Cookie" not in second.headers


def test_a_matching_if_none_match_gets_304_without_a_body(nodes, petition):
    client = nodes["a"].test_client()
    etag = client.get(f"/petitions/{petition.id}").headers["ETag"]

    again = (
        nodes["b"].test_client().get(f"/petitions/{petition.id}", headers={"If-None-Match": etag})
    )
    api = client.get(f"/api/v1/petitions/{petition.id}")
    api_again = client.get(
        f"/api/v1/petitions/{petition.id}", headers={"If-None-Match": api.headers["ETag"]}
    )

    assert again.status_code == 304 and again.get_data() == b""
    assert api_again.status_code == 304 and api_again.headers["X-App-Cache"] == "hit"
    assert (
        client.get(f"/petitions/{petition.id}", headers={"If-None-Match": '"x"'}).status_code == 200
    )


def reader_of(app, language: str):
    """An anonymous visitor who chose ``language`` with the switcher (it sits in the session)."""
    client = app.test_client()
    client.get(f"/?lang={language}")
    return client


def test_each_language_has_its_own_copy(nodes, petition):
    url = f"/petitions/{petition.id}"
    english = reader_of(nodes["a"], "en").get(url)
    russian = reader_of(nodes["a"], "ru").get(url)
    russian_again = reader_of(nodes["b"], "ru").get(url)

    assert russian.headers["X-App-Cache"] == "miss"
    assert russian_again.headers["X-App-Cache"] == "hit"
    assert russian.get_data() != english.get_data()
    assert 'lang="ru"' in russian_again.get_data(as_text=True)


def test_a_signed_in_visitor_never_gets_the_anonymous_copy(nodes, petition):
    url = f"/petitions/{petition.id}"
    nodes["a"].test_client().get(url)  # the anonymous copy is stored
    client = nodes["b"].test_client()
    AuthActions(client).sign_in_new(Role.CITIZEN)

    page = client.get(url)

    assert "X-App-Cache" not in page.headers
    assert page.cache_control.private and page.cache_control.no_store
    assert not page.cache_control.public
    assert "Sign out" in page.get_data(as_text=True)
    assert nodes["a"].test_client().get(url).headers["X-App-Cache"] == "hit"  # still anonymous


def test_a_page_showing_a_flash_is_not_stored(nodes, petition):
    url = f"/petitions/{petition.id}"
    client = nodes["a"].test_client()
    with client.session_transaction() as session:
        session["_flashes"] = [("info", "A one-off message")]

    shown = client.get(url)

    assert "A one-off message" in shown.get_data(as_text=True)
    assert shown.cache_control.no_store and "X-App-Cache" not in shown.headers
    assert nodes["b"].test_client().get(url).headers["X-App-Cache"] == "miss"


def test_a_page_showing_a_filter_error_is_not_stored(nodes, petition):
    client = nodes["a"].test_client()

    first = client.get("/petitions?body=NO-SUCH-BODY")
    second = client.get("/petitions?body=NO-SUCH-BODY")

    assert second.headers.get("X-App-Cache") != "hit" and second.cache_control.no_store
    assert client.get("/petitions").headers["X-App-Cache"] == "miss"
    assert client.get("/petitions").headers["X-App-Cache"] == "hit"
    assert first.status_code == 200


def test_choosing_a_language_in_the_url_runs_the_view_and_keeps_it_for_the_session(nodes, petition):
    client = nodes["a"].test_client()
    client.get(f"/petitions/{petition.id}")

    chosen = client.get(f"/petitions/{petition.id}?lang=kk")

    assert "X-App-Cache" not in chosen.headers and "Set-Cookie" in chosen.headers
    assert 'lang="kk"' in client.get(f"/petitions/{petition.id}").get_data(as_text=True)


def test_nothing_is_cached_with_a_window_of_zero(nodes, petition):
    nodes["a"].config["SIGNATURE_COUNT_INTERVAL"] = 0
    client = nodes["a"].test_client()
    client.get(f"/petitions/{petition.id}")

    assert "X-App-Cache" not in client.get(f"/petitions/{petition.id}").headers
