"""Keeping the secrets of links out of every log line.

A link that acts for someone (password reset, email confirmation, unsubscribe, joining an
initiative group) carries its secret in the path; a reset token copied from gunicorn's access
log once took over an account. The rule is declared where the routes are: a URL variable named
in ``SECRET_ARGUMENTS`` is a secret. The patterns are derived from the app's URL map, so a new
route with a ``<token>`` is covered without an edit here, and one filter (``RedactTokens``)
rewrites every record before any handler writes it: gunicorn's access and error logs
(``gunicorn.conf.py``), the app's logger and its children, and the development server's.

A path is recognised anywhere in a line, also percent-encoded (``next=%2Fauth%2Freset%2F...``
after a sign-in redirect) and inside a Referer; only the secret is replaced, by ``[token]``.
"""

import logging
import re
from collections.abc import Iterable

from werkzeug.routing import Map, Rule

#: URL variables that carry a secret: every route with one of them is redacted in logs.
SECRET_ARGUMENTS = frozenset({"token"})
REDACTED = "[token]"
#: The loggers whose records the filter rewrites (besides the handlers it is given).
LOGGERS = ("app", "werkzeug", "gunicorn.access", "gunicorn.error", "flask.app")

_SLASH = r"(?:/|%2[Ff])"
#: A variable that is not secret: one segment, as short as possible.
_SEGMENT = r"[^/\s?#\"'&]+?"
#: The secret: as much as could belong to it (slashes included, so ``a%2Fb/c`` goes whole).
_LAST_SECRET = r"[^\s?#\"'&]+"
_INNER_SECRET = r"[^/\s?#\"'&%]+"
_VARIABLE = re.compile(r"<(?:[^:<>]+:)?([^<>]+)>")


def rule_pattern(rule: str) -> str | None:
    """A regular expression for the secret-bearing ``rule`` (e.g. ``/auth/reset/<token>``), with
    each secret as a named group ``s0``, ``s1``...; None if the rule holds no secret."""
    parts = _VARIABLE.split(rule)
    # split() alternates: static text, variable name, static text, ...
    names = parts[1::2]
    if not SECRET_ARGUMENTS & set(names):
        return None
    pattern, secrets = [], 0
    for index, part in enumerate(parts):
        if index % 2 == 0:
            pattern.append(_SLASH.join(re.escape(piece) for piece in part.split("/")))
        elif part in SECRET_ARGUMENTS:
            last = index == len(parts) - 2 and not parts[-1]
            pattern.append(f"(?P<s{secrets}>{_LAST_SECRET if last else _INNER_SECRET})")
            secrets += 1
        else:
            pattern.append(_SEGMENT)
    return "".join(pattern)


class Redactor:
    """Replaces the secrets of the given routes in any text."""

    def __init__(self, rules: Iterable[str]) -> None:
        patterns = sorted({p for rule in rules if (p := rule_pattern(rule)) is not None})
        self.rules = patterns
        self._patterns = [re.compile(pattern) for pattern in patterns]

    @classmethod
    def for_url_map(cls, url_map: Map) -> "Redactor":
        return cls(rule.rule for rule in url_map.iter_rules() if isinstance(rule, Rule))

    def __call__(self, text: str) -> str:
        for pattern in self._patterns:
            text = pattern.sub(_hide_secrets, text)
        return text


def _hide_secrets(match: re.Match) -> str:
    text, offset, kept, last = match.group(0), match.start(), [], 0
    for name, value in match.groupdict().items():
        if value is None:
            continue
        start, end = match.span(name)
        kept += [text[last : start - offset], REDACTED]
        last = end - offset
    return "".join(kept) + text[last:]


#: The redactor of the app this process serves (every app has the same routes).
_redactor = Redactor(())


def redact(text: str) -> str:
    """``text`` without the secrets of the routes of the app this process created."""
    return _redactor(text)


class RedactTokens(logging.Filter):
    """Formats the record's message (and traceback) and redacts it, before a handler writes it."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


def guard(target: logging.Logger | logging.Handler) -> None:
    """Give ``target`` the redacting filter (once)."""
    if not any(isinstance(existing, RedactTokens) for existing in target.filters):
        target.addFilter(RedactTokens())


def install(app) -> None:
    """Redact the secrets of ``app``'s routes from the loggers of this process."""
    global _redactor
    _redactor = Redactor.for_url_map(app.url_map)
    for name in LOGGERS:
        logger = logging.getLogger(name)
        guard(logger)
        for handler in logger.handlers:
            guard(handler)
