"""Signing with an EDS over JSON: a challenge, then the CMS signature of its data.

No session is needed (the certificate is the signer's identity), so these endpoints are
CSRF-exempt with the rest of the API; a signed-in citizen's session only links the signature to
their account (see ``app.services.signing.eds``). Errors answer ``{"error": {"code", "message"}}``.
"""

import base64
from datetime import UTC, datetime

from flask import request, url_for
from flask_login import current_user

from app.api import eds_schemas as shapes
from app.api.blueprint import bp
from app.api.conventions import uncached
from app.api.openapi import documented
from app.api.params import N_
from app.models import Role
from app.services.signing import eds, eds_challenges
from app.services.signing.eds_refusals import EdsCode, EdsRefused

HTTP_STATUS = {
    EdsCode.BAD_REQUEST: 400,
    EdsCode.UNKNOWN_CHALLENGE: 404,
    EdsCode.CHALLENGE_USED: 409,
    EdsCode.CHALLENGE_EXPIRED: 410,
    EdsCode.BAD_SIGNATURE: 422,
    EdsCode.CONTENT_MISMATCH: 422,
    EdsCode.UNTRUSTED_CERTIFICATE: 422,
    EdsCode.CERTIFICATE_EXPIRED: 422,
    EdsCode.CERTIFICATE_REVOKED: 422,
    EdsCode.REVOCATION_UNAVAILABLE: 503,
    EdsCode.NO_IIN_IN_CERTIFICATE: 422,
    EdsCode.NOT_A_VOTER: 403,
    EdsCode.WRONG_CONSTITUENCY: 403,
    EdsCode.UNDER_AGE: 403,
    EdsCode.ALREADY_SIGNED: 409,
    EdsCode.NOT_COLLECTING: 409,
    EdsCode.PROOF_NOT_ACCEPTED: 403,
}


#: What every EDS operation documents: its tag, the shape of its refusals and their statuses.
EDS = {"tag": "eds-signing", "error": shapes.EdsError}
CHALLENGE = {
    "challenge_id": "Gx2R8qf0m3Vt1sWk9yZbA4nL6pQe7uHc",
    "petition_id": 12,
    "data_to_sign": "eyJjb25zdGl0dWVuY3kiOiJBTC0wMSJ9",
    "issued_at": "2026-12-09T05:00:00+00:00",
    "expires_at": "2026-12-09T05:10:00+00:00",
    "signatures_url": "https://recall.example.kz/api/v1/petitions/12/eds/signatures",
}

RECEIPT = {
    "receipt_code": "7KQ2M-XR4TP",
    "petition_id": 12,
    "signed_at": "2026-12-09T05:02:11+00:00",
    "proof": "eds",
    "linked_to_account": False,
    "log_index": 41,
    "log_pseudonym": "rbkvdcgnhtlfeiujvrcbkdgnhtlfeiuj",
    "log_proof_url": "https://recall.example.kz/api/v1/log/proof?leaf_index=41&tree_size=42",
}


@bp.errorhandler(EdsRefused)
def eds_refused(error: EdsRefused):
    return {"error": {"code": error.code.value, "message": error.message}}, HTTP_STATUS[error.code]


def _moment(value: datetime) -> str:
    return value.astimezone(UTC).isoformat(timespec="seconds")


def _challenge(found: eds_challenges.Challenge) -> dict:
    return {
        "challenge_id": found.token,
        "petition_id": found.petition_id,
        "data_to_sign": base64.b64encode(found.data_to_sign).decode(),
        "issued_at": _moment(found.issued_at),
        "expires_at": _moment(found.expires_at),
        "signatures_url": url_for(
            "api.eds_signatures", petition_id=found.petition_id, _external=True
        ),
    }


def _signed_in_citizen_id() -> int | None:
    if current_user.is_authenticated and current_user.role is Role.CITIZEN:
        return current_user.id
    return None


@bp.post("/petitions/<id:petition_id>/eds/challenge")
@documented(
    N_("A challenge to sign with an EDS (valid 10 minutes, once)"),
    response=shapes.EdsChallenge,
    status=201,
    errors=(403, 404, 409),
    example=CHALLENGE,
    **EDS,
)
def eds_challenge(petition_id: int):
    found = eds_challenges.issue_challenge(
        petition_id, user_id=_signed_in_citizen_id(), now=datetime.now(UTC)
    )
    return _challenge(found), 201


@bp.get("/eds/challenges/<token>")
@documented(
    N_("The state of an EDS challenge: what a signing app opens from the QR code"),
    response=shapes.EdsChallengeState,
    errors=(404,),
    example={**CHALLENGE, "state": "open", "receipt_code": None},
    **EDS,
)
def eds_challenge_state(token: str):
    """What a signing app opens from the QR code, and what the waiting page polls."""
    found = eds_challenges.challenge_state(token, datetime.now(UTC))
    if found is None:
        raise EdsRefused(EdsCode.UNKNOWN_CHALLENGE)
    uncached()
    return {**_challenge(found), "state": found.state, "receipt_code": found.receipt_code}


@bp.post("/petitions/<id:petition_id>/eds/signatures")
@documented(
    N_("Sign with the CMS signature of a challenge's data"),
    body=shapes.EdsSignatureBody,
    response=shapes.EdsReceipt,
    status=201,
    errors=(403, 404, 409, 410, 422, 503),
    example=RECEIPT,
    **EDS,
)
def eds_signatures(petition_id: int):
    body = request.get_json(silent=True)
    if not isinstance(body, dict) or not isinstance(body.get("challenge_id"), str):
        raise EdsRefused(EdsCode.BAD_REQUEST)
    receipt = eds.sign_with_eds(
        petition_id, body["challenge_id"], decode_cms(body.get("cms")), now=datetime.now(UTC)
    )
    return _receipt(receipt), 201


def _receipt(receipt: eds.EdsReceipt) -> dict:
    return {
        "receipt_code": receipt.receipt_code,
        "petition_id": receipt.petition_id,
        "signed_at": _moment(receipt.signed_at),
        "proof": "eds",
        "linked_to_account": receipt.linked,
        "log_index": receipt.log_index,
        "log_pseudonym": receipt.pseudonym,
        "log_proof_url": url_for(
            "api.log_proof",
            leaf_index=receipt.log_index,
            tree_size=receipt.log_index + 1,
            _external=True,
        ),
    }


def decode_cms(text: object) -> bytes:
    """The DER bytes of the base64 ``cms`` field; PEM armour and whitespace, as some signing
    apps send it, are tolerated."""
    if not isinstance(text, str) or not text.strip():
        raise EdsRefused(EdsCode.BAD_REQUEST)
    lines = [line for line in text.strip().splitlines() if not line.startswith("-----")]
    try:
        return base64.b64decode("".join("".join(lines).split()), validate=True)
    except ValueError:
        raise EdsRefused(EdsCode.BAD_REQUEST) from None
