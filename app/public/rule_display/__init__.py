"""How rule-set parameters read on the public Rules page: plain text, every word translatable.

Presentation only: nothing here decides anything about a petition (that is ``app/rules``). The
functions take plain values and return text in the current language, so they need an app
context for Flask-Babel. A parameter or value type this module does not know keeps its raw name
and a generic rendering, so a new rule-set field never breaks the page.
"""

from app.public.rule_display.pages import (
    Row,
    Summary,
    in_force,
    jurisdiction_name,
    row,
    rows,
    summaries,
    summary,
)
from app.public.rule_display.values import describe, describe_parts, label
from app.public.rule_display.words import HOME_JURISDICTION, Description, percent, share

__all__ = [
    "HOME_JURISDICTION",
    "Description",
    "Row",
    "Summary",
    "describe",
    "describe_parts",
    "in_force",
    "jurisdiction_name",
    "label",
    "percent",
    "row",
    "rows",
    "share",
    "summaries",
    "summary",
]
