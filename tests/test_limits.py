"""Abuse limits (app/limits.py): 429 with Retry-After in the reader's language, per address,
per typed email, per account and per IIN typed; counted in Redis shared by every app process."""

import uuid
from datetime import date

import pytest
from flask import g

from app import create_app
from app import iin as iin_module
from app.extensions import db
from app.models import Role
from tests.factories import make_user
from tests.support import pages
from tests.support.auth import AuthActions

LOGIN = "/auth/login"
VERIFY = "/account/voter"
RUSSIAN_429 = "Слишком много попыток за короткое время"


def unregistered_iin(serial: int) -> str:
    return iin_module.make(date(1970, 5, 5), iin_module.Sex.MALE, serial)


@pytest.fixture
def make_limited_app(database_url):
    """Apps with limits on: ``RATE_LIMITS`` as given, a key prefix of this test's own."""
    made, prefix = [], f"test-{uuid.uuid4().hex}"

    def make(rate_limits: dict, **config):
        app = create_app(
            "testing",
            DATABASE_URL=database_url,
            RATELIMIT_ENABLED=True,
            RATELIMIT_KEY_PREFIX=prefix,
            RATE_LIMITS=rate_limits,
            **config,
        )

        @app.before_request
        def _fresh_user():
            g.pop("_login_user", None)

        made.append(app)
        return app

    yield make
    for app in made:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture(params=["memory", "redis"])
def storage(request) -> dict:
    if request.param == "memory":
        return {}
    return {"REDIS_URL": request.getfixturevalue("redis_url")}


def sign_in_attempt(client, email: str, language: str | None = None):
    url = LOGIN if language is None else f"{LOGIN}?lang={language}"
    return client.post(url, data={"email": email, "password": "wrong password"})


def assert_too_many(response) -> None:
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) > 0


def test_sign_in_is_limited_per_typed_email_with_a_page_in_the_readers_language(
    app, make_limited_app, storage
):
    limited = make_limited_app({"auth.login": {"email": "3 per minute"}}, **storage)
    client = limited.test_client()
    answers = [sign_in_attempt(client, "amina@example.org").status_code for _ in range(3)]
    refused = sign_in_attempt(client, "Amina@Example.org ", language="ru")
    other = sign_in_attempt(client, "dana@example.org")

    assert answers == [200, 200, 200]
    assert_too_many(refused)
    assert RUSSIAN_429 in pages.read(refused, 429)
    assert other.status_code == 200


def test_sign_in_is_limited_per_address_but_showing_the_form_is_not(app, make_limited_app):
    limited = make_limited_app({"auth.login": {"ip": "2 per minute"}})
    client = limited.test_client()
    first = [sign_in_attempt(client, f"u{n}@example.org").status_code for n in range(2)]
    third = sign_in_attempt(client, "u3@example.org")
    form = client.get(LOGIN)

    assert first == [200, 200]
    assert_too_many(third)
    assert form.status_code == 200


def test_the_api_answers_429_in_json(app, make_limited_app):
    limited = make_limited_app({"blueprint:api": {"ip": "2 per minute"}})
    client = limited.test_client()
    answers = [client.get("/api/v1/petitions").status_code for _ in range(2)]
    refused = client.get("/api/v1/petitions", headers={"Accept-Language": "kk"})

    assert answers == [200, 200]
    assert_too_many(refused)
    assert refused.json["error"]["code"] == 429
    assert "Қысқа уақытта тым көп әрекет" in refused.json["error"]["message"]


@pytest.mark.parametrize(
    ("endpoint", "url", "data"),
    [
        ("auth.register", "/auth/register", {"email": "a@example.org"}),
        ("auth.reset_request", "/auth/reset", {"email": "a@example.org"}),
    ],
)
def test_sign_up_and_reset_are_limited_per_typed_email(app, make_limited_app, endpoint, url, data):
    limited = make_limited_app({endpoint: {"email": "1 per hour"}})
    client = limited.test_client()
    client.post(url, data=data)
    refused = client.post(url, data=data)

    assert_too_many(refused)


def test_start_petition_signing_and_resend_are_limited_per_account(app, make_limited_app):
    limited = make_limited_app(
        {
            "citizen.start": {"account": "1 per hour"},
            "citizen.sign": {"account": "1 per hour"},
            "auth.resend_confirmation": {"account": "1 per hour"},
        }
    )
    client = limited.test_client()
    with limited.app_context():
        AuthActions(client).sign_in(make_user())
        for url in ("/petitions/new", "/petitions/1/sign", "/auth/confirm/resend"):
            assert client.post(url, data={}).status_code != 429, url
            assert_too_many(client.post(url, data={}))


def verify_attempt(client, iin: str):
    data = {"iin": iin, "last_name": "Ахметова", "birth_date": "1985-03-14"}
    return client.post(VERIFY, data=data)


def test_failed_voter_verifications_are_counted_per_iin_across_accounts(app, make_limited_app):
    limited = make_limited_app({"citizen.verify": {"failed_iin": "2 per hour"}})
    first, second = limited.test_client(), limited.test_client()
    guessed = unregistered_iin(4321)
    with limited.app_context():
        AuthActions(first).sign_in(make_user(role=Role.CITIZEN))
        AuthActions(second).sign_in(make_user(role=Role.CITIZEN))
        failures = [verify_attempt(first, guessed).status_code for _ in range(2)]
        fresh_account = verify_attempt(second, guessed)
        other_iin = verify_attempt(second, unregistered_iin(4322))

    assert failures == [200, 200]  # the form again, with the refusal
    assert_too_many(fresh_account)
    assert other_iin.status_code == 200


def test_failed_voter_verifications_are_counted_per_address(app, make_limited_app):
    limited = make_limited_app({"citizen.verify": {"failed_ip": "2 per hour"}})
    client = limited.test_client()
    with limited.app_context():
        AuthActions(client).sign_in(make_user(role=Role.CITIZEN))
        failures = [verify_attempt(client, unregistered_iin(n)).status_code for n in (1, 2)]
        third = verify_attempt(client, unregistered_iin(3))

    assert failures == [200, 200]
    assert_too_many(third)


def test_the_iin_is_never_part_of_a_limit_key(app, make_limited_app, redis_url):
    import redis

    limited = make_limited_app(
        {"citizen.verify": {"failed_iin": "5 per hour"}}, REDIS_URL=redis_url
    )
    client = limited.test_client()
    guessed = unregistered_iin(4321)
    with limited.app_context():
        AuthActions(client).sign_in(make_user(role=Role.CITIZEN))
        verify_attempt(client, guessed)
    keys = [key.decode() for key in redis.Redis.from_url(redis_url).keys("*")]

    assert any(limited.config["RATELIMIT_KEY_PREFIX"] in key for key in keys)
    assert not any(guessed in key or guessed[:6] in key for key in keys)


def test_two_app_instances_on_one_redis_share_a_limit(app, make_limited_app, redis_url):
    limits = {"auth.login": {"email": "2 per minute"}}
    node_a = make_limited_app(limits, REDIS_URL=redis_url)
    node_b = make_limited_app(limits, REDIS_URL=redis_url)

    answers = [sign_in_attempt(node_a.test_client(), "amina@example.org") for _ in range(2)]
    refused = sign_in_attempt(node_b.test_client(), "amina@example.org")

    assert [answer.status_code for answer in answers] == [200, 200]
    assert_too_many(refused)


def test_two_app_instances_without_redis_count_apart(app, make_limited_app):
    limits = {"auth.login": {"email": "2 per minute"}}
    node_a, node_b = make_limited_app(limits), make_limited_app(limits)

    for _ in range(2):
        sign_in_attempt(node_a.test_client(), "amina@example.org")
    answer = sign_in_attempt(node_b.test_client(), "amina@example.org")

    assert answer.status_code == 200


def test_redis_url_is_where_the_limits_are_counted(database_url, redis_url):
    with_redis = create_app("testing", DATABASE_URL=database_url, REDIS_URL=redis_url)
    without = create_app("testing", DATABASE_URL=database_url)

    assert with_redis.config["RATELIMIT_STORAGE_URI"] == redis_url
    assert without.config["RATELIMIT_STORAGE_URI"] == "memory://"


def test_the_default_limits_name_real_endpoints_and_are_on_outside_tests(database_url):
    from app.config import BaseConfig

    limited = create_app("testing", DATABASE_URL=database_url, RATELIMIT_ENABLED=True)

    for target in BaseConfig.RATE_LIMITS:
        name = target.removeprefix("blueprint:")
        assert name in limited.view_functions or name in limited.blueprints, target
    assert BaseConfig.RATELIMIT_ENABLED is True


def test_behind_a_proxy_the_forwarded_address_is_the_one_limited(app, make_limited_app):
    limited = make_limited_app({"auth.login": {"ip": "1 per minute"}}, PROXY_COUNT=1)
    client = limited.test_client()

    def attempt(address: str):
        data = {"email": "a@example.org", "password": "wrong password"}
        return client.post(LOGIN, data=data, headers={"X-Forwarded-For": address})

    assert attempt("203.0.113.1").status_code == 200
    assert attempt("203.0.113.2").status_code == 200
    assert_too_many(attempt("203.0.113.1"))


def test_an_unreachable_redis_does_not_turn_sign_in_into_an_error(app, make_limited_app):
    from tests.support.redis import free_port

    closed = f"redis://127.0.0.1:{free_port()}/0"
    limited = make_limited_app({"auth.login": {"email": "1 per minute"}}, REDIS_URL=closed)
    client = limited.test_client()

    first = sign_in_attempt(client, "amina@example.org")
    second = sign_in_attempt(client, "amina@example.org")

    assert first.status_code == 200
    assert_too_many(second)  # counted in memory meanwhile
