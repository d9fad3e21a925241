"""Builders for the deputy portal's tests: a deputy account, and a petition with signers whose
identities are distinctive strings that must never reach a deputy's page."""

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from app.extensions import db
from app.models import Petition, PollingStation, Role, User, Voter
from tests.factories import (
    make_collecting_petition,
    make_signature,
    make_user,
    make_verified_citizen,
    make_voter,
)

#: Collection opened three days ago, so that the petition is collecting now (30 days under the
#: Kazakh maslikhat rules) and its signatures (a few hours after the opening) were made before
#: the start of today in any time zone: the station table counts only those, so a later opening
#: would leave it empty at some times of day (after local midnight in Almaty, 19:00 UTC).
OPENED = datetime.now(UTC) - timedelta(days=3)


def make_deputy_account(petition: Petition | None = None, **kw) -> User:
    """A deputy account speaking for ``petition``'s deputy (or for nobody)."""
    deputy_id = petition.deputy_id if petition is not None else None
    return make_user(role=Role.DEPUTY, deputy_id=deputy_id, **kw)


@dataclass
class Signers:
    """What must stay secret: every signer's names, IIN, receipt code, email and signature id."""

    secrets: list[str] = field(default_factory=list)
    signature_ids: list[int] = field(default_factory=list)


def station(petition: Petition, number: str) -> PollingStation:
    found = PollingStation(constituency_id=petition.constituency_id, number=number)
    db.session.add(found)
    db.session.flush()
    return found


def add_signers(petition: Petition, where: PollingStation, count: int, signers: Signers) -> None:
    """``count`` online signers registered at ``where``, each with an account and a receipt."""
    for n in range(count):
        tag = f"{where.number}x{n}"
        voter: Voter = make_voter(
            constituency=petition.constituency,
            last_name=f"Zhumabekova{tag}Q",
            first_name=f"Saule{tag}W",
            polling_station_id=where.id,
        )
        # Accounts are slow to make (password hashing): the first two signers of a station have one.
        user = (
            make_verified_citizen(voter, email=f"signer-{tag}@secret.example.org")
            if n < 2
            else None
        )
        signature = make_signature(
            petition,
            voter_id=voter.id,
            user_id=user.id if user else None,
            signer_hash=voter.iin_hash,
            receipt_code=f"RCPT{tag}Z",
            signed_at=OPENED + timedelta(hours=2, minutes=n),
        )
        signers.secrets += [voter.last_name, voter.first_name, voter.iin, signature.receipt_code]
        signers.secrets += [user.email] if user else []
        signers.signature_ids.append(signature.id)


def petition_with_signers(big: int = 12, small: int = 3) -> tuple[Petition, Signers]:
    """A collecting petition with ``big`` signers at station 101 and ``small`` at 102 (and none
    at 103); committed."""
    petition = make_collecting_petition(opened_at=OPENED)
    signers = Signers()
    add_signers(petition, station(petition, "101"), big, signers)
    add_signers(petition, station(petition, "102"), small, signers)
    station(petition, "103")
    db.session.commit()
    return petition, signers
