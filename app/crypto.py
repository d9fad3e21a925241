"""Protection of personal identifiers at rest.

The IIN is stored twice and never readable: as an HMAC-SHA256 under a secret key, so that the
same person is found again (and duplicates caught by a unique index) without the IIN itself; and
as AES-GCM ciphertext, so that an authorised export can still print it. A plain hash would not
do: there are only about 10^9 possible IINs, so it could be reversed by trying them all.
"""

import hmac
import os

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app

NONCE_BYTES = 12


def _derive(secret: str, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose).derive(
        secret.encode()
    )


class IdentifierVault:
    """Keyed hashing and encryption of IINs under one data key (two derived sub-keys)."""

    def __init__(self, data_key: str) -> None:
        self._lookup_key = _derive(data_key, b"recall/iin-lookup/v1")
        self._aead = AESGCM(_derive(data_key, b"recall/iin-encryption/v1"))

    def lookup_hash(self, iin: str) -> bytes:
        return hmac.digest(self._lookup_key, iin.encode(), "sha256")

    def encrypt(self, iin: str, nonce: bytes | None = None) -> bytes:
        """AES-GCM under a fresh random nonce; bulk callers may pass one they drew from the OS
        in a batch (``os.urandom`` per row costs as much as the encryption)."""
        nonce = nonce or os.urandom(NONCE_BYTES)
        return nonce + self._aead.encrypt(nonce, iin.encode(), b"iin")

    def decrypt(self, blob: bytes) -> str:
        return self._aead.decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], b"iin").decode()


def vault() -> IdentifierVault:
    """The vault for the current app, built once per app."""
    extensions = current_app.extensions
    if "identifier_vault" not in extensions:
        extensions["identifier_vault"] = IdentifierVault(current_app.config["DATA_KEY"])
    return extensions["identifier_vault"]
