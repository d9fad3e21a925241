"""The public search of petitions: by deputy, constituency (name or number), region or body.

Portable SQL: SQLite folds the case of ASCII letters only, so Cyrillic text is matched as typed,
in lower case, capitalised and in capitals (how names are written), on both databases alike.
"""

import sqlalchemy as sa

from app.models import Body, Constituency, Deputy, Petition, Region

#: Longer search text is cut to this; no name in the directory is longer.
MAX_QUERY_LENGTH = 100


def _spellings(text: str) -> set[str]:
    return {text, text.lower(), text.capitalize(), text.upper()}


def search_clause(query: str) -> sa.ColumnElement[bool] | None:
    """Petitions whose deputy, constituency (name or number), region or body matches
    ``query``; None for an empty query."""
    text = " ".join("".join(c for c in query if c.isprintable()).split())[:MAX_QUERY_LENGTH]
    if not text:
        return None
    number = text.removeprefix("№").removeprefix("No.").strip()
    found = []
    for spelling in _spellings(text):
        found.append(Petition.deputy.has(Deputy.full_name.contains(spelling, autoescape=True)))
        for model in (Constituency, Region, Body):
            names = [model.name, model.name_ru, model.name_kk]
            matches = sa.or_(*(name.contains(spelling, autoescape=True) for name in names))
            found.append(matches if model is Constituency else _place(model).has(matches))
    if number.isdigit() and len(number) < 6:
        found.append(Constituency.number == int(number))
    return sa.or_(*found)


def _place(model):
    return Constituency.region if model is Region else Constituency.body
