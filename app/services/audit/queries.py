"""Reading the audit log: the log page with its filters, a petition's history with the names of
those who acted, and audit details in words."""

import json
from dataclasses import dataclass

import sqlalchemy as sa

from app.extensions import db
from app.models import AuditEntry, Petition, User


@dataclass(frozen=True)
class LogPage:
    """One page of the audit log, newest first.

    ``rows`` are (entry, the actor's display name or None, a one-line summary of the details).
    """

    rows: list
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def log_page(
    *,
    action: str | None = None,
    object_type: str | None = None,
    object_id: str | None = None,
    within: sa.Select | None = None,
    page: int = 1,
    per_page: int = 50,
) -> LogPage:
    """Entries matching the filters (each exact; empty means any), newest first.

    A petition (object type ``petition`` and its number) brings the entries about its
    signatures, sheets, samples and certification too. ``within`` (a SELECT of petition ids)
    keeps only the entries about those petitions: an officer sees only their assignments' work,
    whose comments may name people.
    """
    conditions = []
    if action:
        conditions.append(AuditEntry.action == action)
    if object_type == "petition" and _is_id(object_id):
        conditions.append(
            _about_petitions(sa.select(Petition.id).where(Petition.id == int(object_id)))
        )
    else:
        if object_type:
            conditions.append(AuditEntry.object_type == object_type)
        if object_id:
            conditions.append(AuditEntry.object_id == object_id)
    if within is not None:
        conditions.append(_about_petitions(within))
    total = db.session.scalar(sa.select(sa.func.count(AuditEntry.id)).where(*conditions)) or 0
    # A page past the end shows the last one (a huge number would overflow OFFSET: a 500).
    page = min(max(1, page), max(1, -(-total // per_page)))
    rows = db.session.execute(
        sa.select(AuditEntry, User.display_name)
        .outerjoin(User, User.id == AuditEntry.actor_id)
        .where(*conditions)
        .order_by(AuditEntry.seq.desc())
        .offset((page - 1) * per_page)
        .limit(per_page)
    ).all()
    return LogPage(
        [(entry, name, describe(entry.details)) for entry, name in rows], page, per_page, total
    )


def _is_id(text: str | None) -> bool:
    """ASCII digits of an id that fits the integer column (``²`` is a digit to Python too)."""
    return bool(text) and text.isascii() and text.isdigit() and len(text) < 10


def _about_petitions(ids: sa.Select) -> sa.ColumnElement[bool]:
    """Entries about the petitions whose ids ``ids`` selects: the petition itself, or an object
    whose entry names the petition in its details."""
    id_column = ids.subquery().c[0]
    petition_row = sa.and_(
        AuditEntry.object_type == "petition",
        AuditEntry.object_id.in_(sa.select(sa.cast(id_column, sa.String))),
    )
    return sa.or_(petition_row, AuditEntry.details["petition_id"].as_integer().in_(ids))


def known_values(column: sa.ColumnElement) -> list[str]:
    """The distinct values of an audit column (``AuditEntry.action``...), for filter lists."""
    return list(db.session.scalars(sa.select(column).distinct().order_by(column)))


def filter_choices() -> tuple[list[str], list[str]]:
    """The actions and the object types the log holds, for the log page's filters."""
    return known_values(AuditEntry.action), known_values(AuditEntry.object_type)


def describe(details: dict) -> str:
    """A readable one-line summary of an audit entry's details."""
    if not details:
        return ""
    parts = []
    before = details.get("before", details.get("from"))
    after = details.get("after", details.get("to"))
    if before is not None or after is not None:
        parts.append(f"{_compact(before)} → {_compact(after)}")
    for key in ("reason", "comment"):
        if details.get(key):
            parts.append(_compact(details[key]))
    rest = {
        key: value
        for key, value in details.items()
        if key not in ("before", "after", "from", "to", "reason", "comment", "at")
    }
    if rest:
        parts.append(_compact(rest))
    return "; ".join(parts)


def _compact(value) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(", ", ": "))


@dataclass(frozen=True)
class HistoryEntry:
    """One step of a petition's history: the audit entry, and the display name of the user who
    acted (None for the system, or for an account that no longer exists)."""

    entry: AuditEntry
    actor_name: str | None


def petition_history(petition_id: int) -> list[HistoryEntry]:
    """The petition's audit trail, oldest first, with each actor's name (one query)."""
    rows = db.session.execute(
        sa.select(AuditEntry, User.display_name)
        .outerjoin(User, User.id == AuditEntry.actor_id)
        .where(AuditEntry.object_type == "petition", AuditEntry.object_id == str(petition_id))
        .order_by(AuditEntry.id)
    ).all()
    return [HistoryEntry(entry, name) for entry, name in rows]
