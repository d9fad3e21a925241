"""Secrets generated once into the instance folder for development use."""

import os
import secrets
import tempfile
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
