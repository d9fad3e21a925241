"""An officer's decision in words, for the CSV and the PDF: the action by its label, the object
by its kind, and the details field by field with coded values by their labels and moments in
the petition's local time; never a code or JSON where the app knows the words."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask_babel import gettext as _

from app.labels import (
    CERTIFICATION_METHOD,
    CERTIFIED_RESULT,
    CHANNEL,
    PETITION_STATUS,
    REFUSAL_REASON,
    REVIEW_REASON,
    ROLE,
    SAMPLING_DECISION,
    SHEET_STATUS,
    SIGNATURE_STATUS,
    VERDICT,
    VOTE_RESULT,
    action_label,
    detail_field_label,
    object_label,
)
from app.services.exports.record import Decision

#: Where a coded value's words are looked up, first match wins.
_CODE_TABLES = (
    PETITION_STATUS,
    SIGNATURE_STATUS,
    REVIEW_REASON,
    REFUSAL_REASON,
    CERTIFIED_RESULT,
    VOTE_RESULT,
    VERDICT,
    SHEET_STATUS,
    CHANNEL,
    ROLE,
    CERTIFICATION_METHOD,
    SAMPLING_DECISION,
)
_TRANSITION_KEYS = ("before", "after", "from", "to")


def _code_words(code: str) -> str | None:
    for table in _CODE_TABLES:
        for key, words in table.items():
            if code == str(getattr(key, "value", key)):
                return str(words)
    return None


def _moment(text: str, zone: ZoneInfo) -> str | None:
    """An ISO date or moment written by the app, in the record's form (local time)."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if len(text) == 10:
        return date.fromisoformat(text).isoformat()
    if moment.tzinfo is None:
        return None
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")


def value_words(value, zone: ZoneInfo) -> str:
    """One value of the details in words."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        return _code_words(value) or _moment(value, zone) or value
    if isinstance(value, list | tuple):
        return ", ".join(value_words(item, zone) for item in value)
    if isinstance(value, dict):
        return "; ".join(
            f"{detail_field_label(str(key))}: {value_words(item, zone)}"
            for key, item in value.items()
        )
    return str(value)


def details_words(details: dict, zone: ZoneInfo) -> str:
    """An audit entry's details in words: the change first ("from … to …"), then each field."""
    if not isinstance(details, dict) or not details:
        return ""
    parts = []
    before = details.get("before", details.get("from"))
    after = details.get("after", details.get("to"))
    if before is not None or after is not None:
        parts.append(
            _(
                "from %(before)s to %(after)s",
                before=value_words(before, zone),
                after=value_words(after, zone),
            )
        )
    for key, value in details.items():
        if key not in _TRANSITION_KEYS:
            parts.append(f"{detail_field_label(key)}: {value_words(value, zone)}")
    return "; ".join(parts)


def decision_cells(decision: Decision, zone: ZoneInfo) -> tuple[str, str, str]:
    """What was done, to what, and the details, in words."""
    what = object_label(decision.object_type)
    if decision.object_id:
        what = f"{what} {decision.object_id}"
    return action_label(decision.action), what, details_words(decision.details, zone)
