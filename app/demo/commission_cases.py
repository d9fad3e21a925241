"""Demo work for the commission: a petition waiting for registration, and one whose collection
has closed with enough signatures, a few of them flagged by the automatic checks.

Both target serving deputies of the Karaganda regional maslikhat, so the two Karaganda demo
officers see them and the Almaty officer does not. Idempotent: a deputy who already has a
petition is left alone.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlalchemy as sa

from app.extensions import db
from app.models import (
    Channel,
    Constituency,
    Deputy,
    DeputyStatus,
    Petition,
    RegisterSnapshot,
    Signature,
    SignatureStatus,
    Voter,
)
from app.rules.checks import Check
from app.rules.lifecycle import PetitionStatus as S
from app.services.law import get_rule_set
from app.services.petitions import change_status

FILED_CONSTITUENCY = "KARAGANDA-RM-02"
CLOSED_CONSTITUENCY = "KARAGANDA-RM-03"
#: Signatures on the closed petition: enough for the provisional 10% of 435 voters (44).
CLOSED_SIGNERS = 60
#: Of those, how many the re-check flagged: the voters moved to another constituency.
FLAGGED = 3

STATEMENT = (
    "Demo statement (fictional). The deputy has not answered voters' written questions about "
    "the district's heating and water supply for a year."
)


@dataclass
class CasesOutcome:
    created: list[int] = field(default_factory=list)


def seed_commission_cases(now: datetime, *, actor_label: str = "cli") -> CasesOutcome:
    outcome = CasesOutcome()
    filed = _new_petition(FILED_CONSTITUENCY, now - timedelta(days=9))
    if filed is not None:
        _walk(filed, [(S.GROUP_FORMING, 8, "initiative group convened")], now, actor_label)
        _walk(
            filed,
            [(S.FILED, 4, "filed with the territorial election commission")],
            now,
            actor_label,
        )
        outcome.created.append(filed.id)
    closed = _new_petition(CLOSED_CONSTITUENCY, now - timedelta(days=50))
    if closed is not None:
        steps = [
            (S.GROUP_FORMING, 48, "initiative group convened"),
            (S.FILED, 45, "filed with the territorial election commission"),
            (S.COLLECTING, 40, "registered by the commission"),
        ]
        _walk(closed, steps, now, actor_label)
        _add_signatures(closed, now)
        _walk(closed, [(S.COLLECTION_CLOSED, 9, "collection period ended")], now, actor_label)
        outcome.created.append(closed.id)
    db.session.commit()
    return outcome


def _new_petition(constituency_code: str, created_at: datetime) -> Petition | None:
    deputy = db.session.scalar(
        sa.select(Deputy)
        .join(Constituency)
        .where(Constituency.code == constituency_code, Deputy.status == DeputyStatus.SERVING)
    )
    if deputy is None or db.session.scalar(
        sa.select(Petition.id).where(Petition.deputy_id == deputy.id)
    ):
        return None
    rule_set = get_rule_set(deputy.constituency.body.rule_set_code)
    petition = Petition(
        deputy=deputy,
        constituency=deputy.constituency,
        rule_set_code=rule_set.code,
        rule_set_version=rule_set.version,
        statement=STATEMENT,
        created_at=created_at,
    )
    db.session.add(petition)
    db.session.commit()
    return petition


def _walk(petition: Petition, steps, now: datetime, actor_label: str) -> None:
    for status, days_ago, reason in steps:
        change_status(
            petition.id,
            status,
            now=now - timedelta(days=days_ago),
            reason=reason,
            actor_label=actor_label,
        )


def _add_signatures(petition: Petition, now: datetime) -> None:
    """Signatures spread over the collection period; the last few flagged by the checks."""
    petition = db.session.get(Petition, petition.id)
    voters = db.session.scalars(
        sa.select(Voter)
        .join(RegisterSnapshot, RegisterSnapshot.id == Voter.snapshot_id)
        .where(RegisterSnapshot.is_active, Voter.constituency_id == petition.constituency_id)
        .order_by(Voter.id)
        .limit(CLOSED_SIGNERS)
    ).all()
    span = (petition.closes_at - petition.opened_at) / (len(voters) + 1)
    for index, voter in enumerate(voters):
        flagged = index >= len(voters) - FLAGGED
        db.session.add(
            Signature(
                petition=petition,
                signer_hash=voter.iin_hash,
                voter=voter,
                channel=Channel.ONLINE,
                status=SignatureStatus.PENDING if flagged else SignatureStatus.VALID,
                failed_checks=int(Check.IN_CONSTITUENCY) if flagged else 0,
                checked_at=now - timedelta(days=1),
                checked_snapshot_id=voter.snapshot_id,
                signed_at=petition.opened_at + span * (index + 1),
                receipt_code="DEMC" + hashlib.sha256(voter.iin_hash).hexdigest()[:7].upper(),
            )
        )
    db.session.commit()
