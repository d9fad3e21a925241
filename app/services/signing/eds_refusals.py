"""Why signing with an EDS is refused: the API's error codes and their messages in the
user's language (one message per code; a few codes have a more precise one)."""

import enum

from flask_babel import gettext as _

from app.eds.errors import EdsProblem
from app.services.signing.commands import Refusal


class EdsCode(enum.StrEnum):
    BAD_REQUEST = "bad_request"
    UNKNOWN_CHALLENGE = "unknown_challenge"
    CHALLENGE_USED = "challenge_used"
    CHALLENGE_EXPIRED = "challenge_expired"
    BAD_SIGNATURE = "bad_signature"
    CONTENT_MISMATCH = "content_mismatch"
    UNTRUSTED_CERTIFICATE = "untrusted_certificate"
    CERTIFICATE_EXPIRED = "certificate_expired"
    CERTIFICATE_REVOKED = "certificate_revoked"
    REVOCATION_UNAVAILABLE = "revocation_unavailable"
    NO_IIN_IN_CERTIFICATE = "no_iin_in_certificate"
    NOT_A_VOTER = "not_a_voter"
    WRONG_CONSTITUENCY = "wrong_constituency"
    UNDER_AGE = "under_age"
    ALREADY_SIGNED = "already_signed"
    NOT_COLLECTING = "not_collecting"
    PROOF_NOT_ACCEPTED = "proof_not_accepted"


class EdsRefused(Exception):
    """The EDS signature (or challenge) is refused: ``code`` for machines, ``message`` for
    people, in the current language."""

    def __init__(self, code: EdsCode, message: str | None = None) -> None:
        self.code = code
        self.message = message or default_message(code)
        super().__init__(f"{code.value}: {self.message}")


def default_message(code: EdsCode) -> str:
    messages = {
        EdsCode.BAD_REQUEST: _(
            "Send JSON with “challenge_id” and “cms”: the base64 of a DER CMS SignedData "
            "with the signed data attached."
        ),
        EdsCode.UNKNOWN_CHALLENGE: _("This signing request is unknown. Start signing again."),
        EdsCode.CHALLENGE_USED: _(
            "This signing request has already been used. Start signing again."
        ),
        EdsCode.CHALLENGE_EXPIRED: _(
            "This signing request has expired (it is valid for 10 minutes). Start signing again."
        ),
        EdsCode.BAD_SIGNATURE: _("The electronic digital signature does not verify."),
        EdsCode.CONTENT_MISMATCH: _("The signed data are not those of this signing request."),
        EdsCode.UNTRUSTED_CERTIFICATE: _(
            "The certificate was not issued by a certification authority this site trusts."
        ),
        EdsCode.CERTIFICATE_EXPIRED: _("The certificate is not valid at the time of signing."),
        EdsCode.CERTIFICATE_REVOKED: _("The certificate has been revoked."),
        EdsCode.REVOCATION_UNAVAILABLE: _(
            "Whether the certificate was revoked cannot be checked now: the list of revoked "
            "certificates is out of date. Please try again later."
        ),
        EdsCode.NO_IIN_IN_CERTIFICATE: _(
            "The certificate does not name an IIN: sign with a personal certificate."
        ),
        EdsCode.NOT_A_VOTER: _("The certificate's owner is not on the active voter register."),
        EdsCode.WRONG_CONSTITUENCY: _("Only voters of the petition's constituency may sign."),
        EdsCode.UNDER_AGE: _("The signer is under the voting age."),
        EdsCode.ALREADY_SIGNED: _("The certificate's owner has already signed this petition."),
        EdsCode.NOT_COLLECTING: _("This petition is not collecting signatures now."),
        EdsCode.PROOF_NOT_ACCEPTED: _(
            "This petition does not take signatures with an electronic digital signature."
        ),
    }
    return messages[code]


_CODE_OF_PROBLEM = {
    EdsProblem.MALFORMED: EdsCode.BAD_REQUEST,
    EdsProblem.BAD_SIGNATURE: EdsCode.BAD_SIGNATURE,
    EdsProblem.CONTENT_MISMATCH: EdsCode.CONTENT_MISMATCH,
    EdsProblem.UNTRUSTED: EdsCode.UNTRUSTED_CERTIFICATE,
    EdsProblem.NOT_FOR_SIGNING: EdsCode.UNTRUSTED_CERTIFICATE,
    EdsProblem.EXPIRED: EdsCode.CERTIFICATE_EXPIRED,
    EdsProblem.REVOKED: EdsCode.CERTIFICATE_REVOKED,
    EdsProblem.REVOCATION_UNKNOWN: EdsCode.REVOCATION_UNAVAILABLE,
    EdsProblem.NO_IIN: EdsCode.NO_IIN_IN_CERTIFICATE,
}


def refusal_for_problem(problem: EdsProblem) -> EdsRefused:
    code = _CODE_OF_PROBLEM[problem]
    if problem is EdsProblem.NOT_FOR_SIGNING:
        return EdsRefused(
            code,
            _(
                "This certificate may not sign documents: choose your signing key "
                "(not the authentication key)."
            ),
        )
    if problem is EdsProblem.MALFORMED:
        return EdsRefused(
            code, _("“cms” is not a CMS SignedData with the signed data attached and one signer.")
        )
    return EdsRefused(code)


_CODE_OF_REFUSAL = {
    Refusal.NOT_COLLECTING: EdsCode.NOT_COLLECTING,
    Refusal.PAUSED: EdsCode.NOT_COLLECTING,
    Refusal.NOT_ON_REGISTER: EdsCode.NOT_A_VOTER,
    Refusal.OTHER_CONSTITUENCY: EdsCode.WRONG_CONSTITUENCY,
    Refusal.UNDER_AGE: EdsCode.UNDER_AGE,
    Refusal.PROOF_NOT_ACCEPTED: EdsCode.PROOF_NOT_ACCEPTED,
}


def refusal_for_signing(reason: Refusal, message: str) -> EdsRefused:
    """The online-signing checks' refusal as an EDS refusal; "you" in their message is the
    certificate's owner, who is the one signing, so the message stands as it is, except that
    the register refusal names the certificate's owner."""
    code = _CODE_OF_REFUSAL[reason]
    if code is EdsCode.NOT_A_VOTER:
        return EdsRefused(code)
    return EdsRefused(code, message)
