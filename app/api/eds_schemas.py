"""The JSON shapes of signing with an electronic digital signature (EDS): the challenge, its
state, the signature posted back, the receipt, and the refusals (whose ``code`` is a word)."""

from typing import Literal

from pydantic import Field

from app.api.params import N_
from app.api.schemas import Shape

MOMENT = {"format": "date-time"}


class EdsChallenge(Shape):
    challenge_id: str = Field(description=N_("A secret: whoever holds it may use the challenge."))
    petition_id: int
    data_to_sign: str = Field(
        description=N_("Base64 of the canonical UTF-8 JSON to sign (CMS with the data attached)."),
        json_schema_extra={"contentEncoding": "base64"},
    )
    issued_at: str = Field(json_schema_extra=MOMENT)
    expires_at: str = Field(json_schema_extra=MOMENT)
    signatures_url: str = Field(description=N_("Where to post the CMS signature."))


class EdsChallengeState(EdsChallenge):
    state: Literal["open", "signed", "expired"]
    receipt_code: str | None = Field(description=N_("The receipt code, once signed."))


class EdsSignatureBody(Shape):
    challenge_id: str
    cms: str = Field(
        description=N_("Base64 of the DER CMS SignedData, with the signed data attached."),
        json_schema_extra={"contentEncoding": "base64"},
    )


class EdsReceipt(Shape):
    receipt_code: str
    petition_id: int
    signed_at: str = Field(json_schema_extra=MOMENT)
    proof: Literal["eds"]
    linked_to_account: bool = Field(
        description=N_("Whether the signature was linked to the signed-in account that asked.")
    )
    log_index: int = Field(description=N_("The signature's entry in the transparency log."))
    log_pseudonym: str
    log_proof_url: str


class EdsErrorDetail(Shape):
    code: str | int = Field(
        description=N_(
            "Why signing was refused (bad_request, unknown_challenge, challenge_used, "
            "challenge_expired, bad_signature, content_mismatch, untrusted_certificate, "
            "certificate_expired, certificate_revoked, revocation_unavailable, "
            "no_iin_in_certificate, not_a_voter, wrong_constituency, under_age, already_signed, "
            "not_collecting, proof_not_accepted); the HTTP status for a URL the API does not know."
        )
    )
    message: str = Field(description=N_("What went wrong, in the language asked for."))


class EdsError(Shape):
    error: EdsErrorDetail
