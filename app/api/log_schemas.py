"""The JSON shapes of the transparency log's endpoints (RFC 9162 in JSON, hashes in hex)."""

from typing import Annotated

from pydantic import Field

from app.api.params import N_
from app.api.schemas import Shape

HexHash = Annotated[str, Field(pattern="^[0-9a-f]{64}$")]


class LogKey(Shape):
    algorithm: str = Field(json_schema_extra={"enum": ["Ed25519"]})
    public_key: str = Field(
        description=N_("The 32 raw bytes of the public key, in base64."),
        json_schema_extra={"contentEncoding": "base64"},
    )


class HistoricKey(LogKey):
    key_id: HexHash = Field(description=N_("Lowercase hex SHA-256 of the raw public key."))
    valid_from: str = Field(json_schema_extra={"format": "date-time"})
    valid_until: str | None = Field(
        description=N_("When the key was retired; null for the current key."),
        json_schema_extra={"format": "date-time"},
    )


class KeyHistory(Shape):
    keys: list[HistoricKey]


class TreeHead(Shape):
    tree_size: int = Field(ge=0, description=N_("Leaves in the tree."))
    root_hash: HexHash = Field(
        description=N_("The Merkle tree hash of those leaves (RFC 9162 §2.1.1).")
    )
    timestamp: int = Field(ge=0, description=N_("When it was signed, in ms since 1970 (UTC)."))
    signature: str = Field(
        description=N_(
            "Base64 Ed25519 signature over the UTF-8 JSON of root_hash, timestamp and tree_size "
            "as served, keys sorted, no spaces."
        ),
        json_schema_extra={"contentEncoding": "base64"},
    )


class Entry(Shape):
    index: int = Field(ge=0)
    leaf_input: str = Field(
        description=N_(
            "Canonical JSON of the event; its leaf hash is SHA-256 of 0x00 and its UTF-8 bytes."
        )
    )


class Entries(Shape):
    entries: list[Entry]


class InclusionProof(Shape):
    leaf_index: int = Field(ge=0)
    tree_size: int = Field(ge=1)
    audit_path: list[HexHash] = Field(
        description=N_("Hashes from the leaf's sibling up to the root's child (RFC 9162 §2.1.3).")
    )


class ConsistencyProof(Shape):
    first: int = Field(ge=1)
    second: int = Field(ge=1)
    consistency_path: list[HexHash] = Field(
        description=N_("RFC 9162 §2.1.4 proof that the first tree is a prefix of the second.")
    )
