"""gunicorn.conf.py: the access log never carries the token of an unsubscribe link."""

import runpy
from pathlib import Path

import pytest
from gunicorn.config import Config
from gunicorn.glogging import SafeAtoms

CONF = runpy.run_path(str(Path(__file__).resolve().parent.parent / "gunicorn.conf.py"))


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        (
            '1.2.3.4 - - "POST /auth/unsubscribe/AbC-_12x HTTP/1.1" 204 0',
            '1.2.3.4 - - "POST /auth/unsubscribe/[token] HTTP/1.1" 204 0',
        ),
        ("GET /auth/unsubscribe/AbC?x=1", "GET /auth/unsubscribe/[token]?x=1"),
        ('"GET /auth/unsubscribe/a%2Fb/c HTTP/1.1"', '"GET /auth/unsubscribe/[token] HTTP/1.1"'),
        ('"GET /petitions/7 HTTP/1.1" 200', '"GET /petitions/7 HTTP/1.1" 200'),
        ('"GET /auth/login HTTP/1.1"', '"GET /auth/login HTTP/1.1"'),
    ],
)
def test_redact_replaces_only_the_token_of_unsubscribe_links(line, shown):
    assert CONF["redact"](line) == shown


def test_the_access_log_written_by_gunicorn_hides_the_token(capsys):
    config = Config()
    config.set("accesslog", CONF["accesslog"])
    config.set("logger_class", CONF["logger_class"])
    log = config.logger_class(config)

    log.access_log.info(
        config.access_log_format,
        SafeAtoms({"h": "1.2.3.4", "r": "POST /auth/unsubscribe/SeCrEtToKeN HTTP/1.1"}),
    )

    written = capsys.readouterr().out
    assert "SeCrEtToKeN" not in written
    assert "/auth/unsubscribe/[token]" in written
