"""The transparency log's public endpoints (RFC 9162 in JSON; hashes in lowercase hex)."""

from datetime import UTC, datetime

from pydantic import Field

from app.api import log_schemas as shapes
from app.api.blueprint import bp
from app.api.conventions import cache_for, immutable
from app.api.openapi import documented
from app.api.params import N_, Index, Query, Size, bad_request, parse
from app.services.transparency import heads, keys, proofs

LOG = {"tag": "transparency-log", "errors": (400,)}
HASH = "9f2b6c1e0d4a8b7c3e5f6a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f"


class EntriesQuery(Query):
    start: Index = Field(description=N_("The first leaf index wanted."))
    end: Size = Field(description=N_("One past the last leaf wanted (at most 1,000 a page)."))


class ProofQuery(Query):
    leaf_index: Index = Field(description=N_("The leaf to prove."))
    tree_size: Size = Field(description=N_("The size of the tree the proof is for."))


class ConsistencyQuery(Query):
    first: Size = Field(description=N_("The size of the older tree."))
    second: Size = Field(description=N_("The size of the newer tree."))


@bp.errorhandler(proofs.LogRangeError)
def out_of_range(error: proofs.LogRangeError):
    return bad_request(error.field, error.message)


@bp.get("/log/key")
@documented(
    N_("The public key that signs the tree heads now"),
    response=shapes.LogKey,
    example={"algorithm": "Ed25519", "public_key": "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWY="},
    tag="transparency-log",
)
def log_key():
    key = keys.current_key(datetime.now(UTC))
    return {"algorithm": keys.ALGORITHM, "public_key": keys.public_key_b64(key)}


@bp.get("/log/keys")
@documented(
    N_("Every key that has signed tree heads, with its validity"),
    description=N_("A head is checked with the key whose validity covers its timestamp."),
    response=shapes.KeyHistory,
    tag="transparency-log",
)
def log_keys():
    keys.current_key(datetime.now(UTC))
    return {
        "keys": [
            {
                "key_id": key.key_id,
                "algorithm": keys.ALGORITHM,
                "public_key": keys.public_key_b64(key),
                "valid_from": key.valid_from.isoformat(),
                "valid_until": None if key.valid_until is None else key.valid_until.isoformat(),
            }
            for key in keys.key_history()
        ]
    }


@bp.get("/log/sth")
@documented(
    N_("The signed tree head"),
    description=N_(
        "It covers every committed leaf, or is at most SIGNATURE_COUNT_INTERVAL seconds behind."
    ),
    response=shapes.TreeHead,
    example={"tree_size": 42, "root_hash": HASH, "timestamp": 1796000000000, "signature": "…"},
    tag="transparency-log",
)
def log_sth():
    now = datetime.now(UTC)
    head = heads.signed_head(now)
    window = heads.staleness_window().total_seconds()
    # Cached copies stay within the same window: a head that lags has less of it left.
    cache_for(window if head.exact else window - (now - head.signed_at).total_seconds())
    return head.as_served()


@bp.get("/log/entries")
@documented(
    N_("Leaves of the log, start to end (exclusive)"),
    query=EntriesQuery,
    response=shapes.Entries,
    example={"entries": [{"index": 0, "leaf_input": '{"event":"petition.status","petition":1}'}]},
    **LOG,
)
def log_entries():
    query = parse(EntriesQuery)
    found = proofs.entries(query.start, query.end)
    if found and found[-1][0] == query.end - 1:
        immutable()  # every leaf asked for is in the log, and leaves never change
    return {"entries": [{"index": index, "leaf_input": text} for index, text in found]}


@bp.get("/log/proof")
@documented(
    N_("The inclusion proof of a leaf in a tree of a given size"),
    query=ProofQuery,
    response=shapes.InclusionProof,
    example={"leaf_index": 3, "tree_size": 8, "audit_path": [HASH, HASH, HASH]},
    **LOG,
)
def log_proof():
    query = parse(ProofQuery)
    path = proofs.inclusion_proof(query.leaf_index, query.tree_size)
    immutable()
    return {"leaf_index": query.leaf_index, "tree_size": query.tree_size, "audit_path": path}


@bp.get("/log/consistency")
@documented(
    N_("The consistency proof between two tree sizes"),
    query=ConsistencyQuery,
    response=shapes.ConsistencyProof,
    example={"first": 6, "second": 8, "consistency_path": [HASH, HASH, HASH]},
    **LOG,
)
def log_consistency():
    query = parse(ConsistencyQuery)
    path = proofs.consistency_proof(query.first, query.second)
    immutable()
    return {"first": query.first, "second": query.second, "consistency_path": path}
