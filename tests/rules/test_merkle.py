"""The log's Merkle tree against published vectors and an independent RFC 9162 verifier.

The vectors are the RFC 6962 reference data of the Certificate Transparency implementation, as
kept by transparency-dev/merkle (``proof/verify_test.go``, Apache License 2.0): eight leaves, the
root of each prefix, and known inclusion and consistency proofs. RFC 9162 keeps RFC 6962's tree,
so they hold unchanged.
"""

import hashlib

from hypothesis import given
from hypothesis import strategies as st

from app.rules import merkle
from tests.support import rfc9162
from tests.support.rfc9162 import unhex

LEAVES = [
    bytes.fromhex(h)
    for h in (
        "",
        "00",
        "10",
        "2021",
        "3031",
        "40414243",
        "5051525354555657",
        "606162636465666768696a6b6c6d6e6f",
    )
]
ROOTS = unhex(
    [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ]
)
#: (leaf index, tree size, audit path); the reference numbers leaves from 1, these from 0.
INCLUSION = [
    (0, 1, []),
    (
        0,
        8,
        [
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ],
    ),
    (
        5,
        8,
        [
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ],
    ),
    (2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]),
    (
        1,
        5,
        [
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ],
    ),
]
CONSISTENCY = [
    (1, 1, []),
    (
        1,
        8,
        [
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ],
    ),
    (
        6,
        8,
        [
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ],
    ),
    (
        2,
        5,
        [
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ],
    ),
    (
        6,
        7,
        [
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ],
    ),
]


def grown(entries: list[bytes]) -> tuple[list[bytes], dict]:
    """The frontier and every stored subtree after appending ``entries`` one at a time."""
    frontier, stored = [], {}
    for size, entry in enumerate(entries):
        frontier, nodes = merkle.append(size, frontier, [merkle.leaf_hash(entry)])
        stored |= {(level, position): digest for level, position, digest in nodes}
    return frontier, stored


def proof(spans, stored) -> list[bytes]:
    return merkle.span_hashes(spans, stored)


def test_the_empty_tree_has_the_hash_of_no_bytes():
    assert merkle.root([]) == hashlib.sha256(b"").digest() == rfc9162.mth([])


def test_every_prefix_of_the_reference_leaves_has_the_published_root():
    for size in range(1, 9):
        frontier, _ = grown(LEAVES[:size])
        assert merkle.root(frontier) == ROOTS[size - 1]


def test_inclusion_proofs_are_the_published_ones():
    _, stored = grown(LEAVES)
    for index, size, path in INCLUSION:
        assert proof(merkle.inclusion_spans(index, size), stored) == unhex(path)


def test_consistency_proofs_are_the_published_ones():
    _, stored = grown(LEAVES)
    for first, second, path in CONSISTENCY:
        assert proof(merkle.consistency_spans(first, second), stored) == unhex(path)


def test_appending_in_one_batch_stores_what_appending_one_by_one_stores():
    one_by_one = grown(LEAVES)
    frontier, nodes = merkle.append(0, [], [merkle.leaf_hash(entry) for entry in LEAVES])
    assert (frontier, {(lv, pos): h for lv, pos, h in nodes}) == one_by_one


def test_the_frontier_is_one_subtree_per_set_bit_of_the_size():
    assert merkle.frontier_nodes(6) == [(2, 0), (1, 2)]
    assert merkle.frontier_nodes(8) == [(3, 0)]
    assert merkle.frontier_nodes(0) == []


entries = st.lists(st.binary(max_size=8), min_size=1, max_size=70)


@given(entries, st.data())
def test_the_root_is_the_recursive_definitions_and_proofs_verify_independently(items, data):
    frontier, stored = grown(items)
    size = len(items)
    assert merkle.root(frontier) == rfc9162.mth(items)
    index = data.draw(st.integers(0, size - 1))
    at_size = data.draw(st.integers(index + 1, size))
    path = proof(merkle.inclusion_spans(index, at_size), stored)
    leaf = rfc9162.hash_leaf(items[index])
    assert rfc9162.verify_inclusion(index, at_size, leaf, path, rfc9162.mth(items[:at_size]))
    first = data.draw(st.integers(1, size))
    second = data.draw(st.integers(first, size))
    path = proof(merkle.consistency_spans(first, second), stored)
    old, new = rfc9162.mth(items[:first]), rfc9162.mth(items[:second])
    assert rfc9162.verify_consistency(first, second, old, new, path)


@given(entries, st.data())
def test_a_tampered_proof_does_not_verify(items, data):
    _, stored = grown(items)
    size = len(items)
    index = data.draw(st.integers(0, size - 1))
    path = proof(merkle.inclusion_spans(index, size), stored)
    if path:
        spot = data.draw(st.integers(0, len(path) - 1))
        path[spot] = bytes([path[spot][0] ^ 1]) + path[spot][1:]
        leaf = rfc9162.hash_leaf(items[index])
        assert not rfc9162.verify_inclusion(index, size, leaf, path, rfc9162.mth(items))


def test_the_independent_verifier_accepts_the_published_proofs_and_roots():
    assert [rfc9162.mth(LEAVES[:size]) for size in range(1, 9)] == ROOTS
    for index, size, path in INCLUSION:
        leaf = rfc9162.hash_leaf(LEAVES[index])
        assert rfc9162.verify_inclusion(index, size, leaf, unhex(path), ROOTS[size - 1])
    for first, second, path in CONSISTENCY:
        old, new = ROOTS[first - 1], ROOTS[second - 1]
        assert rfc9162.verify_consistency(first, second, old, new, unhex(path))
