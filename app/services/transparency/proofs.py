"""Reading the log: its size, its entries, inclusion and consistency proofs.

Proofs are folded from the stored hashes of complete subtrees (``app.rules.merkle``): a proof in
a tree of ten million leaves reads a few dozen rows by primary key, in one query.
Bad ranges raise ``LogRangeError`` with a message for the caller (the API answers 400).
"""

import sqlalchemy as sa
from flask_babel import gettext as _

from app.extensions import db
from app.models import LogEntry, LogHead, LogNode
from app.rules import merkle

#: Entries per page of ``entries``.
MAX_ENTRIES = 1000


class LogRangeError(ValueError):
    """A parameter outside the log; ``field`` names it, ``message`` says why (translated)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def tree_size() -> int:
    """The number of committed leaves."""
    return db.session.scalar(sa.select(LogHead.tree_size).where(LogHead.id == 1)) or 0


def _within(field: str, value: int, size: int) -> None:
    if value > size:
        raise LogRangeError(
            field,
            _(
                "%(field)s must not exceed the size of the log, %(size)s.",
                field=field,
                size=size,
            ),
        )


def entries(start: int, end: int) -> list[tuple[int, str]]:
    """``(index, leaf_input)`` for the leaves ``start`` to ``end`` (exclusive), at most
    ``MAX_ENTRIES`` and none past the end of the log."""
    size = tree_size()
    if start >= size:
        raise LogRangeError(
            "start", _("start must be less than the size of the log, %(size)s.", size=size)
        )
    if end <= start:
        raise LogRangeError("end", _("end must be greater than start."))
    end = min(end, size, start + MAX_ENTRIES)
    rows = db.session.execute(
        sa.select(LogEntry.leaf_index, LogEntry.leaf_input)
        .where(LogEntry.leaf_index >= start, LogEntry.leaf_index < end)
        .order_by(LogEntry.leaf_index)
    )
    return [(index, text) for index, text in rows]


def inclusion_proof(leaf_index: int, size: int) -> list[str]:
    """The audit path of leaf ``leaf_index`` in the tree of the first ``size`` leaves."""
    _within("tree_size", size, tree_size())
    if leaf_index >= size:
        raise LogRangeError("leaf_index", _("leaf_index must be less than tree_size."))
    return _hashes(merkle.inclusion_spans(leaf_index, size))


def consistency_proof(first: int, second: int) -> list[str]:
    """The proof that the tree of ``first`` leaves is a prefix of the tree of ``second``."""
    _within("second", second, tree_size())
    if first > second:
        raise LogRangeError("first", _("first must not exceed second."))
    return _hashes(merkle.consistency_spans(first, second))


def _hashes(spans: list[merkle.Span]) -> list[str]:
    stored = subtree_hashes(merkle.span_nodes(spans))
    return [digest.hex() for digest in merkle.span_hashes(spans, stored)]


#: One statement for any set of subtrees (an expanding IN on the primary key): compiled once, and
#: each proof is one index lookup of a few dozen keys.
_SUBTREES = sa.select(LogNode.subtree, LogNode.hash).where(
    LogNode.subtree.in_(sa.bindparam("keys", expanding=True))
)


def subtree_hashes(nodes: set[merkle.Node]) -> dict[merkle.Node, bytes]:
    """The stored hashes of ``nodes``, in one query."""
    if not nodes:
        return {}
    keys = sorted(merkle.subtree_key(level, position) for level, position in nodes)
    rows = db.session.execute(_SUBTREES, {"keys": keys})
    return {merkle.key_subtree(key): digest for key, digest in rows}
