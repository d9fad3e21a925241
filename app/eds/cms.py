"""Verifying a CMS SignedData (RFC 5652) with attached content, as NCALayer and eGov Mobile
make it: one signer, signed attributes, the signer's certificate inside.

``verify_cms`` checks, in this order: the structure; the signature over the DER of the signed
attributes; that their messageDigest is the digest of the attached content; that the content is
the one expected; then the certificate (``app.eds.chain``: path to a trust anchor, validity at
the signing moment, key usage, revocation) and the IIN in its subject.
"""

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime

from asn1crypto import cms, core
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes

from app.eds import algorithms
from app.eds.chain import TrustStore, check_certificate, iin_of
from app.eds.errors import EdsError, EdsProblem

#: id-data: the content type NCALayer and eGov Mobile sign.
DATA_CONTENT_TYPE = "data"


@dataclass(frozen=True)
class VerifiedSignature:
    """A signature that verified: its content, its signer and the signer's certificate."""

    content: bytes
    iin: str
    certificate: x509.Certificate
    #: The signingTime attribute, as the signer's device claimed it (None when absent).
    claimed_signing_time: datetime | None

    @property
    def serial_hex(self) -> str:
        return format(self.certificate.serial_number, "x")

    @property
    def issuer(self) -> str:
        return self.certificate.issuer.rfc4514_string()

    @property
    def sha256(self) -> str:
        return self.certificate.fingerprint(hashes.SHA256()).hex()


@dataclass(frozen=True)
class _Parsed:
    content: bytes
    signer: cms.SignerInfo
    certificates: list[x509.Certificate]


def _malformed(detail: str) -> EdsError:
    return EdsError(EdsProblem.MALFORMED, detail)


def parse_cms(der: bytes) -> _Parsed:
    """The attached content, the one signer and the certificates of a DER SignedData."""
    try:
        info = cms.ContentInfo.load(der, strict=True)
        if info["content_type"].native != "signed_data":
            raise _malformed("not a SignedData")
        signed = info["content"]
        encapsulated = signed["encap_content_info"]
        content = encapsulated["content"].native
        signers = list(signed["signer_infos"])
        embedded = [
            x509.load_der_x509_certificate(choice.chosen.dump())
            for choice in signed["certificates"] or []
            if choice.name == "certificate"
        ]
    except EdsError:
        raise
    except (ValueError, TypeError, KeyError) as error:
        raise _malformed(f"not DER CMS: {error}") from None
    if encapsulated["content_type"].native != DATA_CONTENT_TYPE or not isinstance(content, bytes):
        raise _malformed("no attached data content")
    if len(signers) != 1:
        raise _malformed(f"{len(signers)} signers, expected 1")
    return _Parsed(content, signers[0], embedded)


def _signer_certificate(signer: cms.SignerInfo, certificates: list[x509.Certificate]):
    sid = signer["sid"]
    for certificate in certificates:
        if sid.name == "issuer_and_serial_number":
            wanted = sid.chosen
            if (
                certificate.serial_number == wanted["serial_number"].native
                and certificate.issuer.public_bytes() == wanted["issuer"].dump()
            ):
                return certificate
        else:
            try:
                ski = certificate.extensions.get_extension_for_class(x509.SubjectKeyIdentifier)
            except x509.ExtensionNotFound:
                continue
            if ski.value.digest == sid.chosen.native:
                return certificate
    raise EdsError(EdsProblem.BAD_SIGNATURE, "the signer's certificate is not in the CMS")


def _attribute(attributes: cms.CMSAttributes, name: str):
    values = [a["values"] for a in attributes if a["type"].native == name]
    if len(values) != 1 or len(values[0]) != 1:
        return None
    return values[0][0]


def check_signature(parsed: _Parsed) -> tuple[x509.Certificate, datetime | None]:
    """The signer's certificate, once the signature over the signed attributes verifies and
    their messageDigest is the content's digest; the claimed signing time if given."""
    signer = parsed.signer
    attributes = signer["signed_attrs"]
    if not attributes:
        raise EdsError(EdsProblem.BAD_SIGNATURE, "no signed attributes")
    digest_name = signer["digest_algorithm"]["algorithm"].native
    content_type = _attribute(attributes, "content_type")
    message_digest = _attribute(attributes, "message_digest")
    if content_type is None or content_type.native != DATA_CONTENT_TYPE or message_digest is None:
        raise EdsError(EdsProblem.BAD_SIGNATURE, "content type or message digest missing")
    if digest_name not in algorithms.HASHES:
        raise EdsError(EdsProblem.BAD_SIGNATURE, f"digest {digest_name} is not accepted")
    actual = hashlib.new(digest_name, parsed.content).digest()
    if not hmac.compare_digest(actual, message_digest.native):
        raise EdsError(EdsProblem.BAD_SIGNATURE, "messageDigest is not the content's digest")
    certificate = _signer_certificate(signer, parsed.certificates)
    algorithm = signer["signature_algorithm"]
    # The signature covers the attributes' DER as a SET OF, not as the [0] they are sent in.
    signed_bytes = attributes.untag().dump()
    try:
        verify = algorithms.verifier_for(algorithm)
        hash_name = algorithms.signature_hash(algorithm, digest_name)
        verify(certificate, signer["signature"].native, signed_bytes, hash_name, algorithm)
    except algorithms.UnsupportedAlgorithm as error:
        raise EdsError(EdsProblem.BAD_SIGNATURE, f"unsupported: {error}") from None
    except (InvalidSignature, TypeError, ValueError):
        raise EdsError(EdsProblem.BAD_SIGNATURE, "the signature does not verify") from None
    signing_time = _attribute(attributes, "signing_time")
    claimed = signing_time.native if isinstance(signing_time, core.Asn1Value) else None
    return certificate, claimed


def verify_cms(
    der: bytes, *, expected_content: bytes, trust: TrustStore, at: datetime
) -> VerifiedSignature:
    """Verify ``der`` as a signature of ``expected_content`` made at ``at``; raise ``EdsError``."""
    parsed = parse_cms(der)
    certificate, claimed = check_signature(parsed)
    if not hmac.compare_digest(parsed.content, expected_content):
        raise EdsError(EdsProblem.CONTENT_MISMATCH, "the signed content is not the one asked for")
    check_certificate(certificate, parsed.certificates, trust, at)
    return VerifiedSignature(parsed.content, iin_of(certificate), certificate, claimed)
