"""The Merkle tree of the transparency log, as RFC 9162 §2.1 defines it (Certificate
Transparency version 2.0; the same tree as RFC 6962): bytes in, hashes out, nothing stored.

A tree over the leaves ``D[0:n]`` has the hash ``MTH``: ``SHA-256()`` for no leaves,
``SHA-256(0x00 || d)`` for one leaf ``d``, and for ``n > 1``, with ``k`` the largest power of two
smaller than ``n``, ``SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n]))``.

The log never rebuilds the tree. It stores the hash of every *complete* subtree, addressed as
``(level, position)``: the subtree of the ``2**level`` leaves starting at leaf
``position * 2**level``. A subtree is complete once its last leaf is appended, and never changes
afterwards. Any hash the RFC's recursion needs is such a subtree or, at the right edge of the
tree, the right fold of a few of them (``range_nodes``, ``fold``), so an inclusion or consistency
proof costs a few dozen stored hashes whatever the size of the log, and an append computes only
the subtrees the new leaf completes (``append``): O(log n).

The frontier of a tree of ``n`` leaves is the list of complete subtrees covering it, largest
first: one per set bit of ``n``. Its right fold is the root (``root``).
"""

import hashlib
from collections.abc import Iterable, Sequence

#: The root of the empty tree: SHA-256 of no bytes (RFC 9162 §2.1.1).
EMPTY_ROOT = hashlib.sha256(b"").digest()
LEAF_PREFIX = b"\x00"
NODE_PREFIX = b"\x01"
HASH_SIZE = 32

#: ``(level, position)``: the complete subtree of ``2**level`` leaves from ``position * 2**level``.
Node = tuple[int, int]
#: ``(start, end)``: the leaves ``D[start:end]`` whose ``MTH`` one element of a proof is.
Span = tuple[int, int]


def leaf_hash(leaf_input: bytes) -> bytes:
    """``SHA-256(0x00 || leaf_input)``."""
    return hashlib.sha256(LEAF_PREFIX + leaf_input).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """``SHA-256(0x01 || left || right)``."""
    return hashlib.sha256(NODE_PREFIX + left + right).digest()


def split_point(width: int) -> int:
    """``k``: the largest power of two smaller than ``width`` (``width`` >= 2)."""
    return 1 << ((width - 1).bit_length() - 1)


def frontier_nodes(size: int) -> list[Node]:
    """The complete subtrees covering the first ``size`` leaves, largest first."""
    return range_nodes(0, size)


def range_nodes(start: int, end: int) -> list[Node]:
    """The complete subtrees covering ``D[start:end]``, largest first.

    ``start`` must be a multiple of the smallest power of two >= ``end - start``, which holds
    for every span the RFC's recursion visits; the span's ``MTH`` is then the ``fold`` of these
    subtrees' hashes.
    """
    nodes, position = [], start
    width = end - start
    for level in reversed(range(width.bit_length())):
        if width >> level & 1:
            nodes.append((level, position >> level))
            position += 1 << level
    return nodes


def fold(hashes: Sequence[bytes]) -> bytes:
    """The hash of adjacent complete subtrees given largest first: the right fold
    ``H(h0, H(h1, ... H(h[-2], h[-1])))``, exactly the RFC's split at the largest power of two."""
    if not hashes:
        return EMPTY_ROOT
    result = hashes[-1]
    for left in reversed(hashes[:-1]):
        result = node_hash(left, result)
    return result


def root(frontier: Sequence[bytes]) -> bytes:
    """The tree head of the tree whose frontier hashes (largest subtree first) are given."""
    return fold(frontier)


def append(
    size: int, frontier: Sequence[bytes], leaf_hashes: Iterable[bytes]
) -> tuple[list[bytes], list[tuple[int, int, bytes]]]:
    """Append leaves to a tree of ``size`` leaves with ``frontier``.

    Returns the new frontier and every subtree completed on the way, as ``(level, position,
    hash)``; the leaves themselves are the subtrees of level 0. Each leaf costs one hash per
    subtree it completes: at most log2(n), two on average.
    """
    stack = list(frontier)
    completed: list[tuple[int, int, bytes]] = []
    for current in leaf_hashes:
        level, position = 0, size
        completed.append((0, position, current))
        # An odd position is a right child: its left sibling is the last subtree of the frontier.
        while position & 1:
            current = node_hash(stack.pop(), current)
            level, position = level + 1, position >> 1
            completed.append((level, position, current))
        stack.append(current)
        size += 1
    return stack, completed


def inclusion_spans(index: int, size: int) -> list[Span]:
    """The spans whose hashes form ``PATH(index, D[0:size])`` (RFC 9162 §2.1.3.1), leaf first.

    ``0 <= index < size``.
    """
    spans: list[Span] = []
    low, high = 0, size
    while high - low > 1:
        k = split_point(high - low)
        if index < low + k:
            spans.append((low + k, high))
            high = low + k
        else:
            spans.append((low, low + k))
            low += k
    spans.reverse()
    return spans


def consistency_spans(first: int, second: int) -> list[Span]:
    """The spans whose hashes form ``PROOF(first, D[0:second])`` (RFC 9162 §2.1.4.1),
    deepest first. ``0 < first <= second``; equal sizes need no proof."""
    spans: list[Span] = []
    low, high, m = 0, second, first
    # ``whole``: the RFC's flag b, true while the subtree reached is the old tree's own root.
    whole = True
    while m != high - low:
        k = split_point(high - low)
        if m <= k:
            spans.append((low + k, high))
            high = low + k
        else:
            spans.append((low, low + k))
            low, m, whole = low + k, m - k, False
    if not whole:
        spans.append((low, high))
    spans.reverse()
    return spans


def subtree_key(level: int, position: int) -> int:
    """One integer for a subtree: ``level * 2**32 + position`` (positions stay below 2**32)."""
    return level << 32 | position


def key_subtree(key: int) -> Node:
    """``(level, position)`` of a ``subtree_key``."""
    return key >> 32, key & 0xFFFFFFFF


def span_nodes(spans: Iterable[Span]) -> set[Node]:
    """Every stored subtree the hashes of ``spans`` are folded from."""
    return {node for start, end in spans for node in range_nodes(start, end)}


def span_hashes(spans: Sequence[Span], stored: dict[Node, bytes]) -> list[bytes]:
    """The hash of each span, from the stored subtree hashes (``stored`` holds ``span_nodes``)."""
    return [fold([stored[node] for node in range_nodes(start, end)]) for start, end in spans]
