"""The demo's certification authority: plainly fictional, generated into the instance folder
(never into the repository) by ``seed demo``, and trusted by the development configuration.

``flask eds demo-certificate`` issues a demo voter a signing certificate (subject serialNumber
``IIN`` + the IIN, as NCA RK certificates carry it) as a PKCS #12 file with its password.
"""

import os
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from app.eds import issuing

CA_NAME = "DEMO certification authority (fictional, not NCA RK)"
#: The demo CRL is renewed by ``seed demo`` and each ``demo-certificate`` when it has less left.
CRL_RENEW_BEFORE = timedelta(days=30)
CRL_LIFETIME = timedelta(days=90)


@dataclass(frozen=True)
class DemoCa:
    folder: Path
    anchors: Path
    crl_dir: Path
    ca: issuing.Issued


def _paths(demo_dir: str) -> tuple[Path, Path, Path, Path]:
    folder = Path(demo_dir)
    return folder, folder / "demo-ca.pem", folder / "demo-ca-key.pem", folder / "crl"


def ensure_demo_ca(demo_dir: str) -> tuple[DemoCa, bool]:
    """The demo CA, made on first use; returns it and whether it was made now."""
    folder, anchors, key_path, crl_dir = _paths(demo_dir)
    made = not (anchors.exists() and key_path.exists())
    if made:
        folder.mkdir(parents=True, exist_ok=True)
        ca = issuing.make_ca(CA_NAME, days=3650)
        key_bytes = ca.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        descriptor = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(key_bytes)
        anchors.write_bytes(issuing.pem(ca.certificate))
    else:
        key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
        ca = issuing.Issued(key, x509.load_pem_x509_certificate(anchors.read_bytes()))
    demo = DemoCa(folder, anchors, crl_dir, ca)
    _renew_crl(demo)
    return demo, made


def _renew_crl(demo: DemoCa) -> None:
    demo.crl_dir.mkdir(parents=True, exist_ok=True)
    path = demo.crl_dir / "demo-ca.crl"
    now = datetime.now(UTC)
    if path.exists():
        current = x509.load_der_x509_crl(path.read_bytes())
        if current.next_update_utc and current.next_update_utc - now > CRL_RENEW_BEFORE:
            return
    crl = issuing.make_crl(demo.ca, next_update=now + CRL_LIFETIME)
    path.write_bytes(crl.public_bytes(serialization.Encoding.DER))


def issue_demo_certificate(
    demo_dir: str, *, iin: str, name: str, out_dir: Path
) -> tuple[Path, str]:
    """Write ``<out_dir>/demo-eds-<masked>.p12`` for ``iin`` and return it with its password."""
    demo, _ = ensure_demo_ca(demo_dir)
    person = issuing.issue_signing_certificate(demo.ca, common_name=name, iin=iin, days=365)
    password = secrets.token_urlsafe(12)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"demo-eds-{iin[:6]}-{person.certificate.serial_number % 10**6:06d}.p12"
    path.write_bytes(issuing.pkcs12_bytes(person, password.encode()))
    return path, password
