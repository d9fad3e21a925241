"""The demo petition: one recall petition in collection, reached through the real lifecycle.

It targets the serving deputy of Karaganda regional maslikhat constituency No. 1 (the deputy
behind the demo deputy account), was filed eight days before ``now`` and opened for signatures
three days before, so its legal calendar has past and future steps. Forty voters of that
constituency have signed it; the demo citizen is verified as another voter there and has not.
Idempotent: nothing is done while that deputy has any petition.
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa

from app.demo import newcomers
from app.demo.people import DEMO_ACCOUNT_CONSTITUENCY, DEMO_ACCOUNTS
from app.extensions import db
from app.models import (
    Channel,
    Constituency,
    Deputy,
    DeputyStatus,
    Petition,
    RegisterSnapshot,
    Role,
    Signature,
    SignatureStatus,
    User,
    Voter,
)
from app.rules.lifecycle import PetitionStatus
from app.services.law import get_rule_set
from app.services.petitions.commands import change_status

STATEMENT = (
    "Demo statement (fictional). The voters of this constituency have lost confidence in the "
    "deputy, who has not held the promised meetings with voters and has not reported on the "
    "pre-election programme."
)
STEPS = (
    (PetitionStatus.GROUP_FORMING, timedelta(days=10), "initiative group convened"),
    (PetitionStatus.FILED, timedelta(days=8), "filed with the territorial election commission"),
    (PetitionStatus.COLLECTING, timedelta(days=3), "registered by the commission"),
)
SIGNERS = 40


@dataclass
class PetitionOutcome:
    petition_id: int | None = None
    created: bool = False
    signatures: int = 0


def _demo_user(role: Role) -> User | None:
    email = next(a.email for a in DEMO_ACCOUNTS if a.role is role)
    return db.session.scalar(sa.select(User).where(User.email == email))


def _constituency_voters(constituency_id: int, limit: int) -> list[Voter]:
    """The first voters of the constituency in the active register (a stable choice)."""
    return db.session.scalars(
        sa.select(Voter)
        .join(RegisterSnapshot, RegisterSnapshot.id == Voter.snapshot_id)
        .where(
            RegisterSnapshot.is_active,
            Voter.constituency_id == constituency_id,
            newcomers.excluded(),
        )
        .order_by(Voter.id)
        .limit(limit)
    ).all()


def serving_deputy(constituency_code: str) -> Deputy | None:
    """The serving deputy of the demo constituency ``constituency_code``, if any."""
    return db.session.scalar(
        sa.select(Deputy)
        .join(Constituency)
        .where(Constituency.code == constituency_code, Deputy.status == DeputyStatus.SERVING)
    )


def add_petition(deputy: Deputy, statement: str, *, created_at: datetime) -> Petition:
    """A new petition against ``deputy`` under its body's rules, committed (no initiator)."""
    rule_set = get_rule_set(deputy.constituency.body.rule_set_code)
    petition = Petition(
        deputy=deputy,
        constituency=deputy.constituency,
        rule_set_code=rule_set.code,
        rule_set_version=rule_set.version,
        statement=statement,
        created_by=None,
        created_at=created_at,
    )
    db.session.add(petition)
    db.session.commit()
    return petition


def seed_demo_petition(now: datetime, *, actor_label: str = "cli") -> PetitionOutcome:
    """Create the demo petition unless its deputy already has one (needs the demo register)."""
    deputy = serving_deputy(DEMO_ACCOUNT_CONSTITUENCY)
    if deputy is None:
        return PetitionOutcome()
    existing = db.session.scalar(sa.select(Petition.id).where(Petition.deputy_id == deputy.id))
    if existing is not None:
        return PetitionOutcome(petition_id=existing)
    citizen = _demo_user(Role.CITIZEN)
    petition = add_petition(deputy, STATEMENT, created_at=now - timedelta(days=12))
    for status, before, reason in STEPS:
        change_status(petition.id, status, now=now - before, reason=reason, actor_label=actor_label)
    voters = _constituency_voters(deputy.constituency_id, SIGNERS + 1)
    _verify_demo_citizen(citizen, voters[0], now)
    _add_signatures(petition, voters[1:], opened=now - timedelta(days=3), now=now)
    db.session.commit()
    return PetitionOutcome(petition_id=petition.id, created=True, signatures=len(voters) - 1)


def _verify_demo_citizen(citizen: User | None, voter: Voter, now: datetime) -> None:
    """Bind the demo citizen to a voter of the petition's constituency (who has not signed)."""
    if citizen is not None and citizen.voter_hash is None:
        citizen.voter_hash = voter.iin_hash
        citizen.verified_at = now


def _add_signatures(petition: Petition, voters: list[Voter], *, opened: datetime, now: datetime):
    """Online signatures spread over the days since collection opened (no accounts behind them)."""
    span = (now - opened) / max(len(voters), 1)
    for index, voter in enumerate(voters):
        db.session.add(
            Signature(
                petition=petition,
                signer_hash=voter.iin_hash,
                voter=voter,
                channel=Channel.ONLINE,
                status=SignatureStatus.VALID,
                signed_at=opened + span * index + timedelta(minutes=7),
                receipt_code="DEMO" + hashlib.sha256(voter.iin_hash).hexdigest()[:7].upper(),
            )
        )
