"""The deputy's side of the demo: a formal reply with an edit, and stations small and large.

The demo deputy account (deputy@demo.recall.kz) speaks for the deputy of the demo petition. Its
reply was published two days before ``now`` and edited a day later, so the public page shows
the current text, "edited" and the first version. Five voters registered in two other Karaganda
constituencies signed too (the automatic checks flag them for an officer, so they wait as
pending and do not count toward the threshold until an officer accepts them): the petition
page shows them apart as pending. The deputy's table of polling stations would put them in its
one cell for signers registered in another constituency or not matched to the register, never
naming their stations; that cell is under 10, so it is merged with the constituency's station
into one row (``rules.disclosure``).

Idempotent: the signatures are added while the petition has none from those voters, the reply
while it has none.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa

from app.demo.people import DEMO_ACCOUNTS
from app.demo.signatures import ADULT_BORN_BEFORE, active_voters, add_checked
from app.extensions import db
from app.models import Petition, Role, Signature, User
from app.services.deputies.replies import current_reply, publish_reply

#: Signers registered elsewhere: (constituency, how many); 5 in all, below 10, so merged.
ELSEWHERE = (("KARAGANDA-RM-04", 3), ("KARAGANDA-RM-06", 2))
RECEIPT_PREFIX = "DEMOST"
FIRST_REPLY = (
    "Demo reply (fictional). I have read the statement of the initiative group. The meetings "
    "with voters were postponed because of the budget session; they will be held this month."
)
EDITED_REPLY = (
    "Demo reply (fictional). I have read the statement of the initiative group. The meetings "
    "with voters were postponed because of the budget session. The first one is set for "
    "Saturday at 11:00 in the district library; the report on the programme will be published "
    "the same day."
)


@dataclass
class DeputyDemoOutcome:
    signatures: int = 0
    reply_versions: int = 0


def seed_deputy_demo(petition_id: int | None, now: datetime) -> DeputyDemoOutcome:
    """Add the signers from elsewhere and the deputy's reply to the demo petition (committed)."""
    outcome = DeputyDemoOutcome()
    petition = db.session.get(Petition, petition_id) if petition_id is not None else None
    if petition is None or petition.opened_at is None:
        return outcome
    outcome.signatures = _add_signers_from_elsewhere(petition, now)
    outcome.reply_versions = _publish_reply(petition, now)
    return outcome


def _add_signers_from_elsewhere(petition: Petition, now: datetime) -> int:
    exists = db.session.scalar(
        sa.select(Signature.id).where(
            Signature.petition_id == petition.id,
            Signature.receipt_code.startswith(RECEIPT_PREFIX),
        )
    )
    if exists is not None:
        return 0
    signed = now - timedelta(days=1, hours=5)
    added = 0
    for code, count in ELSEWHERE:
        for voter in active_voters(code, count, born_before=ADULT_BORN_BEFORE):
            add_checked(
                petition,
                voter,
                signed_at=signed + timedelta(minutes=13 * added),
                checked_at=now,
                prefix=RECEIPT_PREFIX,
            )
            added += 1
    db.session.commit()
    return added


def _publish_reply(petition: Petition, now: datetime) -> int:
    email = next(account.email for account in DEMO_ACCOUNTS if account.role is Role.DEPUTY)
    account = db.session.scalar(sa.select(User).where(User.email == email))
    if account is None or account.deputy_id != petition.deputy_id:
        return 0
    if current_reply(petition.id) is not None:
        return 0
    publish_reply(petition.id, account.id, FIRST_REPLY, now=now - timedelta(days=2))
    publish_reply(petition.id, account.id, EDITED_REPLY, now=now - timedelta(days=1))
    return 2
