"""Checking the whole log against its leaves (``flask log verify``).

The tree is rebuilt from the stored leaf inputs alone; every stored head is compared with the
rebuilt root at its size and its signature checked with its key; the head row with the rebuilt
tree; and every stored subtree hash with its children, level by level (the leaves' own hashes
with their inputs), so that the proofs served, which are read from those hashes, are proofs of
the leaves. Reads in batches: memory stays small whatever the size of the log.
"""

from dataclasses import dataclass, field

import sqlalchemy as sa
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from app.extensions import db
from app.models import LogEntry, LogHead, LogNode
from app.rules import merkle
from app.services.transparency.appender import split_frontier
from app.services.transparency.heads import signed_content, stored_heads

BATCH = 10_000


@dataclass(frozen=True)
class Problem:
    #: ``missing_leaf``, ``leaf_hash``, ``node``, ``node_count``, ``head_root``,
    #: ``head_signature`` or ``head_row``.
    kind: str
    values: dict


@dataclass
class LogReport:
    leaves: int = 0
    root: str = merkle.EMPTY_ROOT.hex()
    heads: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.problems


def verify_log() -> LogReport:
    """Rebuild the tree from the leaves and report every kind of mismatch found (the first
    of each kind, so that one broken row does not bury the rest)."""
    report = LogReport()
    head = db.session.execute(sa.select(LogHead).where(LogHead.id == 1)).scalar_one_or_none()
    size = head.tree_size if head is not None else 0
    heads = stored_heads()
    for stored, key in heads:
        if _signature_fails(stored, key.public_key):
            _note(report, "head_signature", size=stored.tree_size, key=key.key_id)
    roots: dict[int, set[bytes]] = {}
    for stored, _ in heads:
        roots.setdefault(stored.tree_size, set()).add(stored.root_hash)
    frontier = _leaves(report, size, roots)
    report.heads = len(heads)
    report.root = merkle.root(frontier).hex()
    if head is not None and (
        split_frontier(head.frontier) != frontier or head.root_hash != merkle.root(frontier)
    ):
        _note(report, "head_row", size=size)
    _inner_nodes(report, size)
    return report


def _note(report: LogReport, kind: str, **values) -> None:
    if all(problem.kind != kind for problem in report.problems):
        report.problems.append(Problem(kind, values))


def _signature_fails(stored, public_key: bytes) -> bool:
    content = signed_content(stored.tree_size, stored.root_hash.hex(), stored.timestamp)
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(stored.signature, content)
    except InvalidSignature:
        return True
    return False


def _leaves(report: LogReport, size: int, roots: dict[int, set[bytes]]) -> list[bytes]:
    """Stream the leaves with their stored hashes, growing the frontier; check head roots."""
    frontier: list[bytes] = []
    expected = 0
    level0 = LogNode.subtree == LogEntry.leaf_index  # level 0: the key is the position
    while expected < size:
        rows = db.session.execute(
            sa.select(LogEntry.leaf_index, LogEntry.leaf_input, LogNode.hash)
            .outerjoin(LogNode, level0)
            .where(LogEntry.leaf_index >= expected, LogEntry.leaf_index < size)
            .order_by(LogEntry.leaf_index)
            .limit(BATCH)
        ).all()
        if not rows or rows[0].leaf_index != expected:
            _note(report, "missing_leaf", index=expected)
            break
        for index, text, stored in rows:
            if index != expected:
                _note(report, "missing_leaf", index=expected)
                return frontier
            digest = merkle.leaf_hash(text.encode())
            if stored != digest:
                _note(report, "leaf_hash", index=index)
            frontier, _ = merkle.append(expected, frontier, [digest])
            expected += 1
            report.leaves = expected
            if expected in roots and roots[expected] != {merkle.root(frontier)}:
                _note(report, "head_root", size=expected)
    if 0 in roots and roots[0] != {merkle.EMPTY_ROOT}:
        _note(report, "head_root", size=0)
    return frontier


def _inner_nodes(report: LogReport, size: int) -> None:
    """Each level holds exactly its complete subtrees, each the hash of its two children."""
    for level in range(0, max(size, 1).bit_length()):
        count = db.session.scalar(
            sa.select(sa.func.count())
            .select_from(LogNode)
            .where(
                LogNode.subtree >= merkle.subtree_key(level, 0),
                LogNode.subtree < merkle.subtree_key(level + 1, 0),
            )
        )
        if count != size >> level:
            _note(report, "node_count", level=level, found=count, expected=size >> level)
        if level == 0:
            continue
        for start in range(0, size >> level, BATCH):
            parents = _level(level, start, start + BATCH)
            children = _level(level - 1, 2 * start, 2 * (start + BATCH))
            for position, digest in parents.items():
                left, right = children.get(2 * position), children.get(2 * position + 1)
                if left is None or right is None or merkle.node_hash(left, right) != digest:
                    _note(report, "node", level=level, position=position)


def _level(level: int, start: int, end: int) -> dict[int, bytes]:
    rows = db.session.execute(
        sa.select(LogNode.subtree - merkle.subtree_key(level, 0), LogNode.hash).where(
            LogNode.subtree >= merkle.subtree_key(level, start),
            LogNode.subtree < merkle.subtree_key(level, end),
        )
    )
    return dict(rows.all())
