"""The Ed25519 keys that sign the log's tree heads, and their published history.

A key is generated on first use and kept in the database, its private half AES-GCM encrypted
under a key derived from ``DATA_KEY`` (the instance secret every process of the site shares):
every web process and machine then signs with the same key, and a rotation is one transaction
that they all see at once. Rotating closes the current key's validity and opens a new key's at
the same instant; the history (``key_history``) lists every key with its validity, so a head
signed before a rotation can still be checked with the key that was current at its timestamp.
"""

import base64
import hashlib
import os
from datetime import datetime

import sqlalchemy as sa
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app

from app.database import transaction
from app.extensions import db
from app.models import LogKey
from app.services.audit import chain as audit
from app.services.transparency.appender import locked_head

ALGORITHM = "Ed25519"
NONCE_BYTES = 12
_RAW = {"encoding": serialization.Encoding.Raw, "format": serialization.PublicFormat.Raw}


def _aead() -> AESGCM:
    extensions = current_app.extensions
    if "log_key_aead" not in extensions:
        secret = current_app.config["DATA_KEY"].encode()
        key = HKDF(
            algorithm=hashes.SHA256(), length=32, salt=None, info=b"recall/log-signing-key/v1"
        ).derive(secret)
        extensions["log_key_aead"] = AESGCM(key)
    return extensions["log_key_aead"]


def key_id_of(public_key: bytes) -> str:
    """The key's id: lowercase hex SHA-256 of its 32 raw bytes."""
    return hashlib.sha256(public_key).hexdigest()


def _new_key(now: datetime) -> LogKey:
    private = Ed25519PrivateKey.generate()
    raw = private.private_bytes(
        serialization.Encoding.Raw,
        serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    )
    public = private.public_key().public_bytes(**_RAW)
    nonce = os.urandom(NONCE_BYTES)
    key = LogKey(
        key_id=key_id_of(public),
        public_key=public,
        private_key_encrypted=nonce + _aead().encrypt(nonce, raw, b"log-signing-key"),
        valid_from=now,
        is_current=True,
    )
    db.session.add(key)
    db.session.flush()
    return key


def _current() -> LogKey | None:
    return db.session.scalar(sa.select(LogKey).where(LogKey.is_current.is_(True)))


def current_key(now: datetime) -> LogKey:
    """The key that signs now; made (in its own transaction) when the site has none yet."""
    key = _current()
    if key is not None:
        return key
    with transaction():
        locked_head()  # two first uses cannot make two keys
        key = _current() or _new_key(now)
    return key


def rotate_key(now: datetime, *, actor_label: str = "cli") -> tuple[LogKey | None, LogKey]:
    """Retire the current key at ``now`` and make a new one; (the retired key, the new key)."""
    with transaction():
        locked_head()  # two first uses cannot make two keys
        old = _current()
        if old is not None:
            old.is_current = None
            old.valid_until = now
            db.session.flush()  # the unique "current" slot is free before the new key takes it
        new = _new_key(now)
        audit.record(
            "log.key_rotated",
            "log_key",
            new.key_id,
            actor_label=actor_label,
            details={
                "before": None if old is None else old.key_id,
                "after": new.key_id,
                "reason": "rotation",
            },
            at=now,
        )
    return old, new


def public_key_b64(key: LogKey) -> str:
    """The 32 raw bytes of the public key, in base64 (as the API serves it)."""
    return base64.b64encode(key.public_key).decode()


def key_history() -> list[LogKey]:
    """Every key that has signed or signs heads, oldest first."""
    return list(db.session.scalars(sa.select(LogKey).order_by(LogKey.valid_from, LogKey.id)))


def signing_key(key: LogKey) -> Ed25519PrivateKey:
    """The private key of ``key``, decrypted once per process."""
    cache = current_app.extensions.setdefault("log_private_keys", {})
    if key.key_id not in cache:
        blob = key.private_key_encrypted
        raw = _aead().decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], b"log-signing-key")
        cache[key.key_id] = Ed25519PrivateKey.from_private_bytes(raw)
    return cache[key.key_id]
