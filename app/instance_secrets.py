"""Secrets: generated once into the instance folder for development use, and judged before
production uses them (``weak_secret``)."""

import math
import os
import secrets
import tempfile
from collections import Counter
from pathlib import Path


def instance_secret(instance_path: str, filename: str) -> str:
    """Return the secret stored in ``instance/<filename>``, creating it on first use.

    The value is written to a private temporary file and then hard-linked into place, so two
    processes starting at once agree on one complete value instead of racing on a half-written file.
    """
    path = Path(instance_path) / filename
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{filename}.")
        try:
            with os.fdopen(fd, "w", encoding="ascii") as handle:
                handle.write(secrets.token_urlsafe(48))
            os.link(tmp, path)
        except FileExistsError:
            pass
        finally:
            os.unlink(tmp)
    return path.read_text(encoding="ascii").strip()


#: Values seen in examples, tutorials and this project's own tests: never a production secret.
KNOWN_DEFAULTS = (
    "testing-secret-key-not-for-production-use",
    "testing-data-key-not-for-production-use-000",
    "change-me",
    "changeme",
    "change_me",
    "replace-me",
    "secret",
    "password",
    "dev",
    "development",
    "default",
    "example",
    "not-for-production",
    "your-secret-key",
    "xxxxxxxx",
    "12345678",
    "qwerty",
)
MIN_SECRET_LENGTH = 32
#: Distinct characters a random secret of 32 or more characters has with near certainty (a
#: random hex string of 32 averages 14, and had at least 8 in 200,000 draws).
MIN_DISTINCT_CHARACTERS = 8
#: The estimate below for a random 32-character hex string is about 115 bits (at least 90 in
#: 200,000 draws); for ``secrets.token_urlsafe(48)``, what development generates, about 300.
MIN_ENTROPY_BITS = 80


def entropy_bits(value: str) -> float:
    """An estimate of the secret's entropy: its length times the Shannon entropy of its
    characters' frequencies. Generous to random strings, harsh on repetition."""
    if not value:
        return 0.0
    counts = Counter(value)
    per_character = -sum(n / len(value) * math.log2(n / len(value)) for n in counts.values())
    return len(value) * per_character


def _periodic(value: str) -> bool:
    """The value repeats a shorter block (``abcabcabc...``)."""
    return any(
        len(value) % size == 0 and value == value[:size] * (len(value) // size)
        for size in range(1, len(value) // 2 + 1)
    )


def _stepping(value: str) -> bool:
    """Most neighbours are equal or consecutive (``aaaa``, ``abcd``, ``4321``)."""
    steps = sum(abs(ord(b) - ord(a)) <= 1 for a, b in zip(value, value[1:], strict=False))
    return steps * 4 >= (len(value) - 1) * 3


def weak_secret(value: str | None) -> str | None:
    """Why ``value`` is not fit to be a production secret, or None if it is."""
    value = value or ""
    folded = value.lower()
    if len(value) < MIN_SECRET_LENGTH:
        return f"shorter than {MIN_SECRET_LENGTH} characters"
    # Short words are refused as the whole value only: a random string may contain "dev".
    if folded in KNOWN_DEFAULTS or any(w in folded for w in KNOWN_DEFAULTS if len(w) >= 8):
        return "a known default or example value"
    if len(set(value)) < MIN_DISTINCT_CHARACTERS:
        return f"fewer than {MIN_DISTINCT_CHARACTERS} distinct characters"
    if _periodic(value) or _stepping(value):
        return "a repeated or sequential pattern"
    if entropy_bits(value) < MIN_ENTROPY_BITS:
        return f"low in entropy (about {entropy_bits(value):.0f} bits, at least {MIN_ENTROPY_BITS})"
    return None
