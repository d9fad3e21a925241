"""Loading the trust anchors (a PEM bundle) and the CRLs (a folder of DER or PEM files).

Files are read when a signature is verified, so a CRL dropped into the folder counts at once;
each file is parsed again only when its modification time or size changed.
"""

import threading
from pathlib import Path

from cryptography import x509

from app.eds.chain import TrustStore

_cache: dict[Path, tuple[tuple[int, int], object]] = {}
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
    try:
        anchors = _parsed(Path(anchors_path), x509.load_pem_x509_certificates)
        crls = []
        if crl_dir:
            for path in sorted(Path(crl_dir).iterdir()):
                if path.is_file() and not path.name.startswith("."):
                    crls.append(_parsed(path, _load_crl))
    except (OSError, ValueError) as error:
        raise TrustConfigError(f"cannot read the EDS trust configuration: {error}") from None
    return TrustStore(tuple(anchors), tuple(crls))
