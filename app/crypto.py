"""Protection of personal identifiers at rest.

The IIN is stored twice and never readable: as an HMAC-SHA256 under a secret key, so that the
same person is found again (and duplicates caught by a unique index) without the IIN itself; and
as AES-GCM ciphertext, so that an authorised export can still print it. A plain hash would not
do: there are only about 10^9 possible IINs, so it could be reversed by trying them all.

Two keys, derived apart (HKDF with their own labels): the lookup key from ``DATA_KEY``, which
never changes (every hash in the database depends on it, and changing it would mean recomputing
them all from the ciphertexts); the encryption key from ``DATA_ENCRYPTION_KEY``, or from
``DATA_KEY`` until a first rotation. Earlier encryption secrets (``DATA_ENCRYPTION_OLD_KEYS``)
still decrypt, so ``flask secrets rotate-data-key`` can re-encrypt every stored IIN under the
new key while the site runs. A ciphertext does not name its key: AES-GCM's tag tells which key
opens it (the current one is tried first), and each key has an id, a short fingerprint, for the
operator's messages.
"""

import hashlib
import hmac
import os
from collections.abc import Sequence

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app

NONCE_BYTES = 12


def _derive(secret: str, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose).derive(
        secret.encode()
    )


def key_id(secret: str) -> str:
    """A short public name of an encryption secret (not enough to guess it)."""
    return hashlib.sha256(_derive(secret, b"recall/iin-encryption/key-id")).hexdigest()[:8]


class IdentifierVault:
    """Keyed hashing of IINs under the data key, and their encryption under a key ring."""

    def __init__(self, data_key: str, encryption_secrets: Sequence[str] = ()) -> None:
        """``encryption_secrets``: the current one first, then earlier ones still to be read;
        empty means the data key encrypts too (as before any rotation)."""
        self._lookup_key = _derive(data_key, b"recall/iin-lookup/v1")
        ring = list(dict.fromkeys(encryption_secrets or [data_key]))
        self._ring = [AESGCM(_derive(secret, b"recall/iin-encryption/v1")) for secret in ring]
        self.key_ids = [key_id(secret) for secret in ring]

    def lookup_hash(self, iin: str) -> bytes:
        return hmac.digest(self._lookup_key, iin.encode(), "sha256")

    def encrypt(self, iin: str, nonce: bytes | None = None) -> bytes:
        """AES-GCM under the current key and a fresh random nonce; bulk callers may pass one they
        drew from the OS in a batch (``os.urandom`` per row costs as much as the encryption)."""
        nonce = nonce or os.urandom(NONCE_BYTES)
        return nonce + self._ring[0].encrypt(nonce, iin.encode(), b"iin")

    def opened(self, blob: bytes) -> tuple[str, int]:
        """The IIN and the position in the ring of the key that opened it; ``InvalidTag`` if
        no key does."""
        for position, aead in enumerate(self._ring):
            try:
                plain = aead.decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], b"iin")
            except InvalidTag:
                continue
            return plain.decode(), position
        raise InvalidTag()

    def decrypt(self, blob: bytes) -> str:
        return self.opened(blob)[0]


def encryption_secrets(config) -> list[str]:
    """The key ring of ``config``: the current encryption secret, then the earlier ones."""
    old = config.get("DATA_ENCRYPTION_OLD_KEYS") or ()
    if isinstance(old, str):
        old = [part.strip() for part in old.split(",")]
    current = config.get("DATA_ENCRYPTION_KEY") or config["DATA_KEY"]
    return [current, *(secret for secret in old if secret)]


def vault() -> IdentifierVault:
    """The vault for the current app, built once per app."""
    extensions = current_app.extensions
    if "identifier_vault" not in extensions:
        config = current_app.config
        extensions["identifier_vault"] = IdentifierVault(
            config["DATA_KEY"], encryption_secrets(config)
        )
    return extensions["identifier_vault"]
