"""Verify as a voter and sign a petition from one page (the petition's sign box).

Two use cases run one after the other, each in its own transaction: the verification is a fact
about the person that stands even if the signature is then refused (the petition closed or is
in another constituency), exactly as if they had used the two pages one after the other.
"""

from dataclasses import dataclass
from datetime import datetime

from app.models import Signature
from app.services.signing import commands as signing
from app.services.signing import verification


@dataclass(frozen=True)
class OneStepResult:
    verification: verification.VerificationResult
    #: The new (or earlier) signature; None when verification failed.
    signature: Signature | None = None
    #: True when the person had signed before (``signature`` is that earlier one).
    already: bool = False


def verify_and_sign(
    petition_id: int,
    user_id: int,
    *,
    iin: str,
    last_name: str,
    birth_date_text: str,
    now: datetime,
    follow: bool = False,
) -> OneStepResult:
    """Verify the account (``verification.verify_voter``), then sign (``signing.sign_petition``).

    Raises ``signing.SigningRefused`` when verified but the person may not sign this petition.
    """
    result = verification.verify_voter(user_id, iin, last_name, birth_date_text, now=now)
    if not (result.verified or result.outcome is verification.Outcome.ALREADY_VERIFIED):
        return OneStepResult(result)
    try:
        signature = signing.sign_petition(petition_id, user_id, now=now, follow=follow)
    except signing.AlreadySigned as already:
        return OneStepResult(result, already.signature, already=True)
    return OneStepResult(result, signature)
