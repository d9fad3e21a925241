"""A new version of a rule set with official values: the shipped rule set, some parameters
replaced, each with its citation.

Most Kazakh signature-stage values are provisional (the official text of Arts. 113-13..113-15
of the Elections Law could not be read); a commission that knows them enters them with the law,
article and address they come from. A value is "confirmed" only with a citation. The result is
validated by the same schema as the shipped files, so a wrong value is refused with the
parameter named.
"""

import tomllib
from dataclasses import dataclass
from datetime import date

from pydantic import ValidationError

from app.rules.loader import problems_of
from app.rules.ruleset import RuleSet

#: Every parameter a version may set (those a shipped file leaves out too).
PARAMETERS = tuple(
    name for name, field in RuleSet.model_fields.items() if "Param[" in str(field.annotation)
)


class AmendmentError(ValueError):
    """The changes do not make a valid rule set; the message names the parameter."""


@dataclass(frozen=True)
class Change:
    """One parameter's new value (as the rule-set file writes it) and where it comes from."""

    name: str
    value: object
    confirmed: bool
    law: str = ""
    article: str = ""
    url: str | None = None

    @property
    def cited(self) -> bool:
        return bool(self.law.strip() and self.article.strip())


def parse_value(text: str) -> object:
    """A value written as in a rule-set file: ``10``, ``"12%"``, ``18:00:00``,
    ``{ unit = "calendar_days", days = 45 }``; ValueError when it is not one."""
    try:
        return tomllib.loads(f"value = {text.strip()}")["value"]
    except tomllib.TOMLDecodeError as error:
        raise ValueError(str(error)) from None


def change_from(stored: dict) -> Change:
    """A change as stored: its value as the text a rule-set file would hold (``"12%"``)."""
    return Change(
        name=str(stored["name"]),
        value=parse_value(str(stored["value"])),
        confirmed=bool(stored["confirmed"]),
        law=str(stored.get("law") or ""),
        article=str(stored.get("article") or ""),
        url=stored.get("url") or None,
    )


def amended(base: RuleSet, *, version: int, valid_from: date, changes: list[Change]) -> RuleSet:
    """``base`` with ``changes``, as version ``version`` in force from ``valid_from``."""
    if not changes:
        raise AmendmentError("no change given")
    if base.valid_until is not None and valid_from >= base.valid_until:
        raise AmendmentError("valid_from: the rule set has ended by then")
    data = base.model_dump(mode="json")
    data.update(version=version, valid_from=valid_from.isoformat())
    for change in changes:
        if change.name not in PARAMETERS:
            raise AmendmentError(f"{change.name}: no such parameter")
        if change.confirmed and not change.cited:
            raise AmendmentError(f"{change.name}: a confirmed value needs its law and article")
        key = f"official-{change.name}-v{version}"
        data["citations"][key] = _citation(change)
        data[change.name] = {"value": change.value, "confirmed": change.confirmed, "cite": key}
    try:
        return RuleSet.model_validate(data)
    except ValidationError as error:
        raise AmendmentError(problems_of(error)) from None


def _citation(change: Change) -> dict:
    if change.cited:
        return {"law": change.law, "article": change.article, "url": change.url or None}
    return {
        "law": "Set by the commission",
        "article": "Not confirmed by the official text",
        "project_default": True,
    }
