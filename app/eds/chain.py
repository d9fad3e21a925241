"""The signer's certificate: a path to a trust anchor, validity, key usage, revocation, IIN.

The path is built from the signer's certificate up through the certificates the CMS carries and
the trust anchors (roots and intermediates the operator trusts), each link's signature checked
with ``cryptography``; it ends at the first trusted certificate. Every certificate on it must be
valid at the signing moment; the CAs must be CAs allowed to sign certificates. Revocation is
checked for each certificate below the anchor against the CRLs of its issuer: a CRL past its
nextUpdate, or none at all, is a refusal (``revocation_unavailable``), never a pass.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.x509.oid import NameOID

from app import iin as iin_rules
from app.eds.errors import EdsError, EdsProblem

#: Longest path from the signer to an anchor (NCA RK: signer, intermediate, root).
MAX_PATH = 6
#: NCA RK certificates carry the person's IIN as the subject's serialNumber, ``IIN`` + 12 digits.
IIN_SERIAL = re.compile(r"IIN([0-9]{12})")


def fingerprint(certificate: x509.Certificate) -> bytes:
    return certificate.fingerprint(hashes.SHA256())


@dataclass(frozen=True)
class TrustStore:
    """Trust anchors and CRLs as loaded from the configured files."""

    anchors: tuple[x509.Certificate, ...]
    crls: tuple[x509.CertificateRevocationList, ...] = ()
    _anchor_prints: frozenset[bytes] = field(init=False, repr=False, compare=False)
    #: Which CRLs each issuer key signed, worked out once per store (an RSA check each).
    _crl_checks: dict = field(init=False, repr=False, compare=False)
    _links: dict = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_anchor_prints", frozenset(map(fingerprint, self.anchors)))
        object.__setattr__(self, "_crl_checks", {})
        object.__setattr__(self, "_links", {})

    def issued_by(self, child: x509.Certificate, parent: x509.Certificate) -> bool:
        """Whether ``parent`` signed ``child``; links between CAs are remembered."""
        if not _is_ca(child):
            return _issued_by(child, parent)
        key = (fingerprint(child), fingerprint(parent))
        if key not in self._links:
            self._links[key] = _issued_by(child, parent)
        return self._links[key]

    def crls_signed_by(self, issuer: x509.Certificate) -> list[x509.CertificateRevocationList]:
        key = fingerprint(issuer)
        if key not in self._crl_checks:
            self._crl_checks[key] = [
                crl
                for crl in self.crls
                if crl.issuer == issuer.subject and crl.is_signature_valid(issuer.public_key())
            ]
        return self._crl_checks[key]

    def is_anchor(self, certificate: x509.Certificate) -> bool:
        return fingerprint(certificate) in self._anchor_prints


def _is_ca(certificate: x509.Certificate) -> bool:
    try:
        constraints = certificate.extensions.get_extension_for_class(x509.BasicConstraints)
    except x509.ExtensionNotFound:
        return False
    if not constraints.value.ca:
        return False
    try:
        usage = certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return True
    return usage.key_cert_sign


def _issued_by(child: x509.Certificate, parent: x509.Certificate) -> bool:
    try:
        child.verify_directly_issued_by(parent)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


def build_path(
    leaf: x509.Certificate, carried: list[x509.Certificate], trust: TrustStore
) -> list[x509.Certificate]:
    """The certificates from ``leaf`` up to and including the first trust anchor."""
    path = [leaf]
    candidates = [*trust.anchors, *carried]
    while not trust.is_anchor(path[-1]):
        if len(path) > MAX_PATH:
            raise EdsError(EdsProblem.UNTRUSTED, "the path is too long")
        current = path[-1]
        parent = next(
            (
                c
                for c in candidates
                if c.subject == current.issuer
                and c not in path
                and _is_ca(c)
                and trust.issued_by(current, c)
            ),
            None,
        )
        if parent is None:
            raise EdsError(EdsProblem.UNTRUSTED, f"no trusted issuer for {current.subject}")
        path.append(parent)
    return path


def _check_validity(path: list[x509.Certificate], at: datetime) -> None:
    for certificate in path:
        if not certificate.not_valid_before_utc <= at <= certificate.not_valid_after_utc:
            raise EdsError(
                EdsProblem.EXPIRED, f"{certificate.subject.rfc4514_string()} is not valid at {at}"
            )


def _check_key_usage(leaf: x509.Certificate) -> None:
    try:
        usage = leaf.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        raise EdsError(EdsProblem.NOT_FOR_SIGNING, "no key usage extension") from None
    if not (usage.digital_signature or usage.content_commitment):
        raise EdsError(EdsProblem.NOT_FOR_SIGNING, "the key usage does not allow signatures")


def _current_crl(
    issuer: x509.Certificate, trust: TrustStore, at: datetime
) -> x509.CertificateRevocationList:
    signed_by_issuer = trust.crls_signed_by(issuer)
    if not signed_by_issuer:
        raise EdsError(
            EdsProblem.REVOCATION_UNKNOWN, f"no CRL from {issuer.subject.rfc4514_string()}"
        )
    latest = max(signed_by_issuer, key=lambda crl: crl.last_update_utc)
    if latest.next_update_utc is None or latest.next_update_utc < at:
        raise EdsError(
            EdsProblem.REVOCATION_UNKNOWN,
            f"the CRL of {issuer.subject.rfc4514_string()} is past its nextUpdate",
        )
    return latest


def _check_revocation(path: list[x509.Certificate], trust: TrustStore, at: datetime) -> None:
    for child, issuer in zip(path, path[1:], strict=False):
        crl = _current_crl(issuer, trust, at)
        revoked = crl.get_revoked_certificate_by_serial_number(child.serial_number)
        if revoked is not None and revoked.revocation_date_utc <= at:
            raise EdsError(EdsProblem.REVOKED, f"{child.subject.rfc4514_string()} is revoked")


def check_certificate(
    leaf: x509.Certificate, carried: list[x509.Certificate], trust: TrustStore, at: datetime
) -> None:
    """Raise ``EdsError`` unless ``leaf`` may sign at ``at`` under ``trust``."""
    path = build_path(leaf, carried, trust)
    _check_validity(path, at)
    _check_key_usage(leaf)
    _check_revocation(path, trust, at)


def iin_of(certificate: x509.Certificate) -> str:
    """The IIN in the subject's serialNumber (``IIN`` + 12 digits, a valid IIN)."""
    for attribute in certificate.subject.get_attributes_for_oid(NameOID.SERIAL_NUMBER):
        found = IIN_SERIAL.fullmatch(str(attribute.value))
        if found and iin_rules.is_valid(found.group(1)):
            return found.group(1)
    raise EdsError(EdsProblem.NO_IIN, "no IIN in the subject's serialNumber")
