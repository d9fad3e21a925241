"""Reading the transparency log in tests: the stored leaves, and the whole log through the
public API only (for the independent verifier of ``tests/support/rfc9162.py``)."""

import json
import re

import sqlalchemy as sa

from app.extensions import db
from app.models import LogEntry

TWELVE_DIGITS = re.compile(r"[0-9]{12}")


def leaves() -> list[dict]:
    """Every stored leaf, parsed, in index order."""
    texts = db.session.scalars(sa.select(LogEntry.leaf_input).order_by(LogEntry.leaf_index))
    return [json.loads(text) for text in texts]


def events() -> list[str]:
    return [leaf["event"] for leaf in leaves()]


def public_log(client) -> dict:
    """The signed head, the keys and every entry, read from the public endpoints only."""
    head = client.get("/api/v1/log/sth").get_json()
    key = client.get("/api/v1/log/key").get_json()
    entries: list[str] = []
    while len(entries) < head["tree_size"]:
        start = len(entries)
        page = client.get(f"/api/v1/log/entries?start={start}&end={head['tree_size']}")
        entries += [entry["leaf_input"] for entry in page.get_json()["entries"]]
    return {"head": head, "key": key, "entries": entries}


def hexes(values: list[str]) -> list[bytes]:
    return [bytes.fromhex(value) for value in values]


def tamper(statement: str, **params) -> None:
    """Change the log behind its append-only guards, as someone with database access could."""
    connection = db.session.connection()
    if connection.dialect.name == "postgresql":
        connection.execute(sa.text("SET LOCAL session_replication_role = replica"))
    else:
        for table in ("log_entries", "log_nodes"):
            for action in ("update", "delete"):
                connection.execute(sa.text(f"DROP TRIGGER IF EXISTS {table}_no_{action}"))
    connection.execute(sa.text(statement), params)
    db.session.commit()
