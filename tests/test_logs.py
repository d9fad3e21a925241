"""app/logs.py: the secret of a link that acts for someone never reaches a log line."""

import io
import logging

import pytest

from app import create_app, logs
from app.logs import REDACTED, SECRET_ARGUMENTS, Redactor, RedactTokens, redact

TOKEN = "SeCrEt-T0ken_xyz.abc"


def secret_rules(app) -> set[str]:
    return {
        rule.rule for rule in app.url_map.iter_rules() if SECRET_ARGUMENTS & set(rule.arguments)
    }


def test_every_route_with_a_secret_in_its_path_is_redacted():
    app = create_app("testing", DATABASE_URL="sqlite://")

    rules = secret_rules(app)

    assert rules >= {
        "/auth/reset/<token>",
        "/auth/confirm/<token>",
        "/auth/unsubscribe/<token>",
        "/petitions/<id:petition_id>/join/<token>",
        "/petitions/<id:petition_id>/eds/mobile/<token>",
        "/api/v1/eds/challenges/<token>",
    }
    assert len(Redactor.for_url_map(app.url_map).rules) == len(rules)


def test_an_eds_challenge_id_in_a_link_is_redacted():
    """The challenge id in the QR code's link is a bearer secret: whoever holds it can use the
    challenge up and, once signed, read the signer's receipt code; so no log keeps it."""
    redactor = Redactor.for_url_map(create_app("testing", DATABASE_URL="sqlite://").url_map)

    assert redactor(f'"GET /api/v1/eds/challenges/{TOKEN} HTTP/1.1" 200') == (
        f'"GET /api/v1/eds/challenges/{REDACTED} HTTP/1.1" 200'
    )
    assert redactor(f'"GET /petitions/3/eds/mobile/{TOKEN} HTTP/1.1" 200') == (
        f'"GET /petitions/3/eds/mobile/{REDACTED} HTTP/1.1" 200'
    )


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        (
            f'1.2.3.4 - - "POST /auth/unsubscribe/{TOKEN} HTTP/1.1" 204 0',
            f'1.2.3.4 - - "POST /auth/unsubscribe/{REDACTED} HTTP/1.1" 204 0',
        ),
        (f"GET /auth/reset/{TOKEN}?x=1", f"GET /auth/reset/{REDACTED}?x=1"),
        (f'"GET /auth/confirm/a%2F{TOKEN}/c HTTP/1.1"', f'"GET /auth/confirm/{REDACTED} HTTP/1.1"'),
        (
            f"GET /petitions/12/join/{TOKEN} HTTP/1.1",
            f"GET /petitions/12/join/{REDACTED} HTTP/1.1",
        ),
        (
            f'"GET /auth/login?next=%2Fpetitions%2F12%2Fjoin%2F{TOKEN} HTTP/1.1"',
            f'"GET /auth/login?next=%2Fpetitions%2F12%2Fjoin%2F{REDACTED} HTTP/1.1"',
        ),
        (
            f'"GET /auth/login?next=%2fauth%2freset%2f{TOKEN}&lang=ru HTTP/1.1"',
            f'"GET /auth/login?next=%2fauth%2freset%2f{REDACTED}&lang=ru HTTP/1.1"',
        ),
        (
            f'"GET /static/site.css HTTP/1.1" 200 "https://recall.kz/auth/reset/{TOKEN}"',
            f'"GET /static/site.css HTTP/1.1" 200 "https://recall.kz/auth/reset/{REDACTED}"',
        ),
        ('"GET /petitions/7 HTTP/1.1" 200', '"GET /petitions/7 HTTP/1.1" 200'),
        ('"GET /auth/login HTTP/1.1"', '"GET /auth/login HTTP/1.1"'),
        ("/petitions/12/join", "/petitions/12/join"),
    ],
)
def test_only_the_secret_of_a_path_is_replaced_wherever_it_stands(line, shown):
    redactor = Redactor(
        ["/auth/unsubscribe/<token>", "/auth/reset/<token>", "/auth/confirm/<token>"]
        + ["/petitions/<id:petition_id>/join/<token>", "/petitions/<id:petition_id>"]
    )

    assert redactor(line) == shown


def test_a_secret_inside_a_path_keeps_what_follows():
    redactor = Redactor(["/links/<token>/confirm"])

    assert redactor(f"POST /links/{TOKEN}/confirm 302") == f"POST /links/{REDACTED}/confirm 302"


def test_a_route_without_a_secret_gives_no_pattern():
    assert Redactor(["/petitions/<id:petition_id>", "/rules/<code>"]).rules == []


def written(logger_name: str, *args, exc: bool = False) -> str:
    """What a handler given the redacting filter writes for one record of ``logger_name``."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(name)s %(message)s"))
    logs.guard(handler)
    root = logging.getLogger("app")
    root.addHandler(handler)
    try:
        logger = logging.getLogger(logger_name)
        if exc:
            try:
                raise ValueError(f"bad link /auth/reset/{TOKEN}")
            except ValueError:
                logger.exception(*args)
        else:
            logger.warning(*args)
    finally:
        root.removeHandler(handler)
    return stream.getvalue()


def test_the_app_s_logger_and_its_children_write_no_token(app):
    direct = written("app", "unhandled error on %s %s", "POST", f"/auth/reset/{TOKEN}")
    child = written("app.services.mail", "sent link /auth/confirm/%s", TOKEN)

    assert TOKEN not in direct + child
    assert f"/auth/reset/{REDACTED}" in direct and f"/auth/confirm/{REDACTED}" in child


def test_a_traceback_in_the_log_is_redacted_too(app):
    text = written("app", "failed on /auth/unsubscribe/%s", TOKEN, exc=True)

    assert "ValueError" in text and TOKEN not in text


def test_creating_the_app_guards_its_loggers(app):
    for name in ("app", "werkzeug", "gunicorn.access", "gunicorn.error"):
        assert any(isinstance(f, RedactTokens) for f in logging.getLogger(name).filters)
    assert redact(f"/petitions/3/join/{TOKEN}") == f"/petitions/3/join/{REDACTED}"


def test_the_development_server_s_access_log_is_redacted(app, caplog):
    with caplog.at_level(logging.INFO, logger="werkzeug"):
        logging.getLogger("werkzeug").info('"%s" %s', f"GET /auth/reset/{TOKEN} HTTP/1.1", 200)

    assert TOKEN not in caplog.text and f"/auth/reset/{REDACTED}" in caplog.text
