"""An RFC 9162 verifier for the tests, written from the RFC's text and sharing no code with the
app (``app.rules.merkle``) or with the observers' tool (``app.tools.logcheck``).

``mth`` is the recursive definition of §2.1.1 computed over the leaves; ``verify_inclusion`` and
``verify_consistency`` are the verification algorithms of §2.1.3.2 and §2.1.4.2, step by step;
``verify_tree_head`` checks the Ed25519 signature the issue defines over the served values.
"""

import base64
import hashlib
import json

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey


def _sha256(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def hash_leaf(entry: bytes) -> bytes:
    return _sha256(b"\x00" + entry)


def hash_children(left: bytes, right: bytes) -> bytes:
    return _sha256(b"\x01" + left + right)


def mth(entries: list[bytes]) -> bytes:
    """MTH(D[n]) by the recursive definition: split at the largest power of two < n."""
    n = len(entries)
    if n == 0:
        return _sha256(b"")
    if n == 1:
        return hash_leaf(entries[0])
    k = 1
    while k * 2 < n:
        k *= 2
    return hash_children(mth(entries[:k]), mth(entries[k:]))


def verify_inclusion(
    leaf_index: int, tree_size: int, leaf: bytes, path: list[bytes], root: bytes
) -> bool:
    """RFC 9162 §2.1.3.2, given the leaf hash."""
    if leaf_index >= tree_size:
        return False
    fn, sn = leaf_index, tree_size - 1
    r = leaf
    for p in path:
        if sn == 0:
            return False
        if fn % 2 == 1 or fn == sn:
            r = hash_children(p, r)
            if fn % 2 == 0:
                while fn % 2 == 0 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            r = hash_children(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


def verify_consistency(
    first: int, second: int, first_root: bytes, second_root: bytes, path: list[bytes]
) -> bool:
    """RFC 9162 §2.1.4.2 (for ``0 < first <= second``)."""
    if first == second:
        return not path and first_root == second_root
    if not path:
        return False
    if first & (first - 1) == 0:  # a power of two: the old root is the first node
        path = [first_root, *path]
    fn, sn = first - 1, second - 1
    while fn % 2 == 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn % 2 == 1 or fn == sn:
            fr = hash_children(c, fr)
            sr = hash_children(c, sr)
            fn, sn = _shift_until_odd_or_zero(fn, sn)
        else:
            sr = hash_children(sr, c)
        fn >>= 1
        sn >>= 1
    return fr == first_root and sr == second_root and sn == 0


def _shift_until_odd_or_zero(fn: int, sn: int) -> tuple[int, int]:
    """Step 6.b.3 of §2.1.4.2 (and 4.b.2 of §2.1.3.2): if LSB(fn) is not set, right-shift both
    until either LSB(fn) is set or fn is 0."""
    while fn % 2 == 0 and fn != 0:
        fn >>= 1
        sn >>= 1
    return fn, sn


def signed_bytes(head: dict) -> bytes:
    """What the issue says a tree head's signature covers, built from the served values."""
    content = {key: head[key] for key in ("root_hash", "timestamp", "tree_size")}
    return json.dumps(content, sort_keys=True, separators=(",", ":")).encode()


def verify_tree_head(head: dict, public_key_b64: str) -> bool:
    key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_key_b64))
    try:
        key.verify(base64.b64decode(head["signature"]), signed_bytes(head))
    except InvalidSignature:
        return False
    return True


def unhex(values: list[str]) -> list[bytes]:
    return [bytes.fromhex(value) for value in values]
