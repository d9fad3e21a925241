"""Signature algorithms as pluggable verifiers, keyed by algorithm name or OID.

RSA (PKCS #1 v1.5 and PSS) and ECDSA are verified by ``cryptography``. Kazakhstan's national
algorithm, GOST 34.310-2004 with the GOST 34.311-95 hash (OIDs under 1.2.398.3.10), has no
maintained Python implementation that could be installed here, so none is registered: a
deployment plugs one in with ``register_verifier`` (e.g. backed by the NCA's KalkanCrypt SDK)
and signatures under it then verify like any other. Until then they are refused as
``bad_signature`` with the OID named in the detail.
"""

from collections.abc import Callable

from asn1crypto import algos
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

#: ``verify(certificate, signature, signed_bytes, hash_name, algorithm)``; raises
#: ``InvalidSignature`` (or ``TypeError``/``ValueError``) when the signature is wrong.
Verifier = Callable[[x509.Certificate, bytes, bytes, str, algos.SignedDigestAlgorithm], None]

#: The digests a signature may use (SHA-1 is no longer accepted for new signatures).
HASHES = {"sha256": hashes.SHA256, "sha384": hashes.SHA384, "sha512": hashes.SHA512}


class UnsupportedAlgorithm(Exception):
    pass


def hash_for(name: str) -> hashes.HashAlgorithm:
    try:
        return HASHES[name]()
    except KeyError:
        raise UnsupportedAlgorithm(f"digest {name}") from None


def _rsa_key(certificate: x509.Certificate) -> rsa.RSAPublicKey:
    key = certificate.public_key()
    if not isinstance(key, rsa.RSAPublicKey):
        raise InvalidSignature("an RSA signature needs an RSA key")
    return key


def _pkcs1v15(certificate, signature, data, hash_name, algorithm) -> None:
    _rsa_key(certificate).verify(signature, data, padding.PKCS1v15(), hash_for(hash_name))


def _pss(certificate, signature, data, hash_name, algorithm) -> None:
    params = algorithm["parameters"]
    digest = hash_for(params["hash_algorithm"]["algorithm"].native)
    mgf_hash = hash_for(params["mask_gen_algorithm"]["parameters"]["algorithm"].native)
    salt = params["salt_length"].native
    _rsa_key(certificate).verify(
        signature, data, padding.PSS(mgf=padding.MGF1(mgf_hash), salt_length=salt), digest
    )


def _ecdsa(certificate, signature, data, hash_name, algorithm) -> None:
    key = certificate.public_key()
    if not isinstance(key, ec.EllipticCurvePublicKey):
        raise InvalidSignature("an ECDSA signature needs an EC key")
    key.verify(signature, data, ec.ECDSA(hash_for(hash_name)))


VERIFIERS: dict[str, Verifier] = {
    "rsassa_pkcs1v15": _pkcs1v15,
    "rsassa_pss": _pss,
    "ecdsa": _ecdsa,
}


def register_verifier(key: str, verifier: Verifier) -> None:
    """Verify signatures whose algorithm is ``key`` (a name as above, or a dotted OID)."""
    VERIFIERS[key] = verifier


def verifier_for(algorithm: algos.SignedDigestAlgorithm) -> Verifier:
    oid = algorithm["algorithm"].dotted
    if oid in VERIFIERS:
        return VERIFIERS[oid]
    try:
        name = algorithm.signature_algo
    except ValueError:
        raise UnsupportedAlgorithm(f"signature algorithm {oid}") from None
    if name not in VERIFIERS:
        raise UnsupportedAlgorithm(f"signature algorithm {name} ({oid})")
    return VERIFIERS[name]


def signature_hash(algorithm: algos.SignedDigestAlgorithm, digest_algorithm: str) -> str:
    """The hash a signature was made with: the algorithm's own (``sha256_rsa``) or, for a bare
    ``rsaEncryption``/``ecdsa`` OID, the signer's digest algorithm."""
    try:
        return algorithm.hash_algo
    except ValueError:
        return digest_algorithm
