"""The words of the rule-set files, for the message catalogs.

A rule set's title, summary, notes and citations are written in English in its TOML file
(``app/rules/sets``). ``python -m app.rules.catalog`` (run by ``make messages``) writes them into
``app/rules/set_texts.py`` as ``_l("…")`` calls, which ``pybabel extract`` reads like any other
string; the Rules pages show them through ``gettext`` in the reader's language. A test fails
when ``set_texts.py`` no longer matches the files. Codes, numbers and addresses stay out.
"""

import json
import tomllib
from collections.abc import Iterator
from pathlib import Path

SETS = Path(__file__).parent / "sets"
TARGET = Path(__file__).parent / "set_texts.py"
#: The keys whose values people read.
TEXT_KEYS = frozenset({"title", "summary", "note", "law", "short", "article"})
HEADER = '''# ruff: noqa: E501
"""The texts of the rule-set files, for ``pybabel extract``: written by
``python -m app.rules.catalog`` (``make messages``); do not edit by hand."""

from flask_babel import lazy_gettext as _l

TEXTS = (
'''


def texts(data: dict) -> Iterator[str]:
    """Every value under one of ``TEXT_KEYS``, at any depth of a parsed file."""
    for key, value in data.items():
        if isinstance(value, dict):
            yield from texts(value)
        elif key in TEXT_KEYS and isinstance(value, str) and value.strip():
            yield value


def all_texts() -> list[str]:
    """The texts of every rule-set file, each once, sorted."""
    found = set()
    for path in sorted(SETS.glob("*.toml")):
        with path.open("rb") as source:
            found.update(texts(tomllib.load(source)))
    return sorted(found)


def _literal(text: str) -> str:
    """``text`` as ruff format writes it: double quotes unless single ones need fewer escapes."""
    if text.count('"') > text.count("'"):
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"
    return json.dumps(text, ensure_ascii=False)


def msgid(text: str) -> str:
    """The catalog's key of a text: "%" doubled, as in every message with a "%" in it (the
    catalogs check such messages as Python format strings)."""
    return text.replace("%", "%%")


def _call(text: str) -> str:
    text = msgid(text)
    line = f"    _l({_literal(text)}),\n"
    if len(line) <= 101:
        return line
    return f"    _l(\n        {_literal(text)}\n    ),\n"


def module_source() -> str:
    """What ``set_texts.py`` must hold."""
    return HEADER + "".join(_call(text) for text in all_texts()) + ")\n"


if __name__ == "__main__":
    TARGET.write_text(module_source(), encoding="utf-8")
