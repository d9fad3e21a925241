"""Why an EDS signature is refused, as stable codes (the API's error codes follow them)."""

import enum


class EdsProblem(enum.StrEnum):
    MALFORMED = "malformed"  #: not a CMS SignedData with attached content and one signer
    BAD_SIGNATURE = "bad_signature"  #: the signature or the message digest does not verify
    CONTENT_MISMATCH = "content_mismatch"  #: signed content other than what was asked for
    UNTRUSTED = "untrusted_certificate"  #: no path to a trust anchor
    NOT_FOR_SIGNING = "not_for_signing"  #: the key usage does not allow signatures
    EXPIRED = "certificate_expired"  #: a certificate on the path is not valid at signing time
    REVOKED = "certificate_revoked"
    REVOCATION_UNKNOWN = "revocation_unavailable"  #: no current CRL from the issuer
    NO_IIN = "no_iin_in_certificate"


class EdsError(Exception):
    """A signature that does not verify; ``detail`` says why in English, for logs and tests."""

    def __init__(self, problem: EdsProblem, detail: str) -> None:
        super().__init__(f"{problem.value}: {detail}")
        self.problem = problem
        self.detail = detail
