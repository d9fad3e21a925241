"""A petition's history in words, for the commission's petition page: what happened, who did
it, and why (a reason recorded as a code is shown by its label)."""

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _

from app.i18n import written
from app.labels import (
    CERTIFIED_RESULT,
    REFUSAL_REASON,
    REVIEW_REASON,
    action_label,
    petition_status_label,
)
from app.rules.lifecycle import PetitionStatus
from app.services.audit.queries import HistoryEntry


@dataclass(frozen=True)
class HistoryRow:
    at: datetime
    what: str
    who: str
    note: str


def _reason_words(reason: str) -> str:
    """A reason recorded as a code, in words; free text as written (marked as text of a
    language the page does not know)."""
    for labels in (REVIEW_REASON, REFUSAL_REASON, CERTIFIED_RESULT):
        for code, label in labels.items():
            if reason == str(getattr(code, "value", code)):
                return str(label)
    return written(reason)


def _who(step: HistoryEntry) -> str:
    entry = step.entry
    if entry.actor_id is not None:
        # An account that no longer exists is named as the log recorded it.
        return entry.actor_label if step.actor_name is None else step.actor_name
    return _("the system") if entry.actor_label == "cli" else entry.actor_label


def history_rows(steps: list[HistoryEntry]) -> list[HistoryRow]:
    """The petition's audit entries in words: action, officer's name, reason."""
    rows = []
    for step in steps:
        entry = step.entry
        details = entry.details if isinstance(entry.details, dict) else {}
        to = details.get("to")
        to_status = to if isinstance(to, str) else (to or {}).get("status")
        if entry.action == "petition.status_changed" and to_status:
            what = petition_status_label(PetitionStatus(to_status))
        else:
            what = action_label(entry.action)
        reason = details.get("reason")
        rows.append(HistoryRow(entry.at, what, _who(step), _reason_words(reason) if reason else ""))
    return rows
