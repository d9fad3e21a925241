"""Loading the trust anchors (a PEM bundle) and the CRLs (a folder of DER or PEM files).

Files are looked at when a signature is verified (at most once a second), so a CRL dropped
into the folder counts within a second; each file is parsed again only when its modification
time or size changed.
"""

import threading
import time
from pathlib import Path

from cryptography import x509

from app.eds.chain import TrustStore

_cache: dict[Path, tuple[tuple[int, int], object]] = {}
#: The last store built, with the files' (path, mtime, size) it was built from.
_last: list[tuple[tuple, TrustStore]] = []
#: The configuration last looked at, and when (monotonic seconds).
_looked: list[tuple[tuple, float, TrustStore]] = []
RECHECK_SECONDS = 1.0
_lock = threading.Lock()


class TrustConfigError(Exception):
    """The configured anchors or CRL folder cannot be read."""


def _parsed(path: Path, parse):
    stat = path.stat()
    key = (stat.st_mtime_ns, stat.st_size)
    with _lock:
        found = _cache.get(path)
        if found is not None and found[0] == key:
            return found[1]
    value = parse(path.read_bytes())
    with _lock:
        _cache[path] = (key, value)
    return value


def _load_crl(data: bytes) -> x509.CertificateRevocationList:
    if data.lstrip().startswith(b"-----BEGIN"):
        return x509.load_pem_x509_crl(data)
    return x509.load_der_x509_crl(data)


def load_trust(anchors_path: str | Path | None, crl_dir: str | Path | None) -> TrustStore:
    """The anchors of ``anchors_path`` and every CRL in ``crl_dir`` (files that are not CRLs
    are an error: a broken CRL must not pass unnoticed)."""
    if not anchors_path:
        raise TrustConfigError("EDS_TRUST_ANCHORS is not set")
    config = (str(anchors_path), str(crl_dir or ""))
    with _lock:
        if (
            _looked
            and _looked[0][0] == config
            and time.monotonic() - _looked[0][1] < RECHECK_SECONDS
        ):
            return _looked[0][2]
    store = _load(anchors_path, crl_dir)
    with _lock:
        _looked[:] = [(config, time.monotonic(), store)]
    return store


def _load(anchors_path, crl_dir) -> TrustStore:
    try:
        files = [Path(anchors_path)]
        if crl_dir:
            files += [
                path
                for path in sorted(Path(crl_dir).iterdir())
                if path.is_file() and not path.name.startswith(".")
            ]
        key = tuple((path, path.stat().st_mtime_ns, path.stat().st_size) for path in files)
        with _lock:
            if _last and _last[0][0] == key:
                return _last[0][1]
        anchors = _parsed(files[0], x509.load_pem_x509_certificates)
        crls = [_parsed(path, _load_crl) for path in files[1:]]
    except (OSError, ValueError) as error:
        raise TrustConfigError(f"cannot read the EDS trust configuration: {error}") from None
    store = TrustStore(tuple(anchors), tuple(crls))
    with _lock:
        _last[:] = [(key, store)]
    return store
