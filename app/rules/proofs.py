"""What an online signature's identity may rest on; each rule set names the proofs it accepts
(``online_identity``), and a signature resting on another one does not count.

An electronic digital signature is equivalent to a handwritten one (Law No. 370-II "On
Electronic Document and Electronic Digital Signature", Art. 10(1)); the state's petition site
takes online signatures only with an EDS of NCA RK. Chapter 13-2 has not been read on online
signing, so the Kazakh rule sets mark their choice provisional; an account matched to the
register (IIN, surname, birth date) is kept where a rule set names it, e.g. for the demo.
"""

import enum
from typing import Annotated

from pydantic import AfterValidator, Field


class IdentityProof(enum.StrEnum):
    """What an online signature's identity may rest on (paper signatures rest on the sheet)."""

    EDS = "eds"  #: an electronic digital signature whose certificate names the signer's IIN
    REGISTER_MATCH = "register_match"  #: an account matched to the register (IIN, name, birth)


def _distinct_proofs(value: tuple) -> tuple:
    if len(set(value)) != len(value):
        raise ValueError("name each proof once")
    return value


OnlineIdentity = Annotated[
    tuple[IdentityProof, ...], Field(min_length=1), AfterValidator(_distinct_proofs)
]
#: Paper signatures always count (checked by officers against the sheet and the register).
PAPER_PROOF = "paper"
