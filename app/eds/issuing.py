"""Issuing certificates and CRLs, and making CMS signatures, for a demo or test PKI.

Never used to verify: the demo certification authority (``app.demo.eds``), the tests' own PKI
and the benchmark build their keys, certificates, CRLs and signatures here, with
``cryptography``'s builders (the CMS is ``PKCS7SignatureBuilder``'s, with attached content, as
NCALayer's ``sign`` with ``encapsulate`` makes it).
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.serialization import pkcs7, pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

#: Extended key usage NCA RK signing certificates carry (e-mail protection) and what NCALayer's
#: ``extKeyUsageOids`` asks for when a signing key is wanted.
SIGNING_EKU = ExtendedKeyUsageOID.EMAIL_PROTECTION


@dataclass(frozen=True)
class Issued:
    key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey
    certificate: x509.Certificate


def new_key(kind: str = "rsa"):
    """An RSA-2048 (``rsa``) or P-256 (``ec``) private key."""
    if kind == "ec":
        return ec.generate_private_key(ec.SECP256R1())
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _name(common_name: str, *, serial: str | None = None, org: str | None = None) -> x509.Name:
    parts = [x509.NameAttribute(NameOID.COMMON_NAME, common_name)]
    if serial is not None:
        parts.append(x509.NameAttribute(NameOID.SERIAL_NUMBER, serial))
    parts.append(x509.NameAttribute(NameOID.COUNTRY_NAME, "KZ"))
    if org is not None:
        parts.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, org))
    return x509.Name(parts)


def make_ca(
    common_name: str,
    *,
    issuer: Issued | None = None,
    key=None,
    not_before: datetime | None = None,
    days: int = 3650,
) -> Issued:
    """A CA certificate: self-signed (a root) or issued by ``issuer`` (an intermediate)."""
    key = key or new_key()
    start = not_before or datetime.now(UTC) - timedelta(days=1)
    name = _name(common_name, org="Fictional demo PKI")
    signer = issuer.key if issuer is not None else key
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(issuer.certificate.subject if issuer is not None else name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(signer, hashes.SHA256())
    )
    return Issued(key, certificate)


def issue_signing_certificate(
    ca: Issued,
    *,
    common_name: str,
    iin: str | None,
    key=None,
    not_before: datetime | None = None,
    days: int = 365,
    signing_usage: bool = True,
) -> Issued:
    """A person's signing certificate, its subject serialNumber ``IIN`` + ``iin`` (as NCA RK
    puts it); ``iin=None`` leaves it out, ``signing_usage=False`` gives a key-agreement-only
    key usage."""
    key = key or new_key()
    start = not_before or datetime.now(UTC) - timedelta(hours=1)
    serial = None if iin is None else f"IIN{iin}"
    certificate = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name, serial=serial))
        .issuer_name(ca.certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=signing_usage,
                content_commitment=signing_usage,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=not signing_usage,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([SIGNING_EKU]), critical=False)
        .sign(ca.key, hashes.SHA256())
    )
    return Issued(key, certificate)


def make_crl(
    ca: Issued,
    revoked: list[x509.Certificate] = (),
    *,
    last_update: datetime | None = None,
    next_update: datetime | None = None,
) -> x509.CertificateRevocationList:
    """A CRL of ``ca`` listing ``revoked`` (revoked an hour before ``last_update``)."""
    now = last_update or datetime.now(UTC) - timedelta(minutes=5)
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(ca.certificate.subject)
        .last_update(now)
        .next_update(next_update or now + timedelta(days=1))
    )
    for certificate in revoked:
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder()
            .serial_number(certificate.serial_number)
            .revocation_date(now - timedelta(hours=1))
            .build()
        )
    return builder.sign(ca.key, hashes.SHA256())


def sign_cms(
    content: bytes,
    signer: Issued,
    *,
    chain: list[x509.Certificate] = (),
    pss: bool = False,
    digest: hashes.HashAlgorithm | None = None,
) -> bytes:
    """DER CMS SignedData over ``content`` (attached), with signed attributes and the signer's
    certificate (and ``chain``) inside."""
    rsa_padding = None
    if pss:
        rsa_padding = padding.PSS(
            mgf=padding.MGF1(hashes.SHA256()), salt_length=padding.PSS.DIGEST_LENGTH
        )
    builder = (
        pkcs7.PKCS7SignatureBuilder()
        .set_data(content)
        .add_signer(
            signer.certificate, signer.key, digest or hashes.SHA256(), rsa_padding=rsa_padding
        )
    )
    for certificate in chain:
        builder = builder.add_certificate(certificate)
    return builder.sign(serialization.Encoding.DER, [pkcs7.PKCS7Options.Binary])


def pkcs12_bytes(issued: Issued, password: bytes, *, chain: list[x509.Certificate] = ()) -> bytes:
    """The key and certificate (and ``chain``) as a PKCS #12 file under ``password``."""
    return pkcs12.serialize_key_and_certificates(
        b"eds",
        issued.key,
        issued.certificate,
        list(chain) or None,
        serialization.BestAvailableEncryption(password),
    )


def pem(*certificates: x509.Certificate) -> bytes:
    return b"".join(c.public_bytes(serialization.Encoding.PEM) for c in certificates)
