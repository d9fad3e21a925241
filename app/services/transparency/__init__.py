"""The transparency log: every signature event and every public status change of a petition is
a leaf of one append-only Merkle tree (RFC 9162), with signed tree heads and proofs anyone can
check against the public API.

* ``record``: what the use cases call, inside their transaction; the leaves are appended when
  that transaction commits (or at once, for a signing receipt that must name its leaf).
* ``appender``: the append itself, O(log n) under the head row's lock.
* ``proofs``: entries, inclusion and consistency proofs from the stored subtree hashes.
* ``keys`` and ``heads``: the Ed25519 signing keys (rotatable, with their history) and the
  signed tree heads.
* ``verify``: the whole log rebuilt from its leaves and checked (``flask log verify``).
* ``queries``: what a signer's receipt shows.
"""
