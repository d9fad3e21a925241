"""The demo petition: one recall petition in collection, reached through the real lifecycle.

It targets the serving deputy of Karaganda regional maslikhat constituency No. 1 (the deputy
behind the demo deputy account), was filed eight days before ``now`` and opened for signatures
three days before, so its legal calendar has past and future steps. Idempotent: nothing is done
while that deputy has any petition.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa

from app.demo.people import DEMO_ACCOUNT_CONSTITUENCY, DEMO_ACCOUNTS
from app.extensions import db
from app.models import Constituency, Deputy, DeputyStatus, Petition, Role, User
from app.rules.lifecycle import PetitionStatus
from app.services.law import get_rule_set
from app.services.petitions import change_status

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


@dataclass
class PetitionOutcome:
    petition_id: int | None = None
    created: bool = False


def seed_demo_petition(now: datetime, *, actor_label: str = "cli") -> PetitionOutcome:
    """Create the demo petition unless its deputy already has one (needs the demo register)."""
    deputy = db.session.scalar(
        sa.select(Deputy)
        .join(Constituency)
        .where(
            Constituency.code == DEMO_ACCOUNT_CONSTITUENCY, Deputy.status == DeputyStatus.SERVING
        )
    )
    if deputy is None:
        return PetitionOutcome()
    existing = db.session.scalar(sa.select(Petition.id).where(Petition.deputy_id == deputy.id))
    if existing is not None:
        return PetitionOutcome(petition_id=existing)
    citizen_email = next(a.email for a in DEMO_ACCOUNTS if a.role is Role.CITIZEN)
    rule_set = get_rule_set(deputy.constituency.body.rule_set_code)
    petition = Petition(
        deputy=deputy,
        constituency=deputy.constituency,
        rule_set_code=rule_set.code,
        rule_set_version=rule_set.version,
        statement=STATEMENT,
        created_by=db.session.scalar(sa.select(User).where(User.email == citizen_email)),
        created_at=now - timedelta(days=12),
    )
    db.session.add(petition)
    db.session.commit()
    for status, before, reason in STEPS:
        change_status(petition.id, status, now=now - before, reason=reason, actor_label=actor_label)
    return PetitionOutcome(petition_id=petition.id, created=True)
