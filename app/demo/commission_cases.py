"""Demo work for the commission: a petition waiting for registration, one whose collection has
closed with enough signatures (a few flagged by the automatic checks), one certified
sufficient by two officers whose recall vote was held yesterday, so its result can be recorded,
and one whose recall vote was held a month ago and whose result is recorded and published.

Both target serving deputies of the Karaganda regional maslikhat, so the two Karaganda demo
officers see them and the Almaty officer does not. Idempotent: a deputy who already has a
petition is left alone.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlalchemy as sa

from app.demo import newcomers
from app.demo.people import DEMO_ACCOUNTS
from app.demo.petitions import add_petition, serving_deputy
from app.demo.signatures import active_voters
from app.extensions import db
from app.models import (
    Channel,
    InitiativeMember,
    MemberRole,
    Petition,
    RegisterSnapshot,
    Signature,
    SignatureStatus,
    User,
    Voter,
)
from app.rules.lifecycle import PetitionStatus as S
from app.services.certification import commands as certification
from app.services.certification import vote as recall_vote
from app.services.law import petition_rules
from app.services.petitions.commands import change_status
from app.services.review.checks import apply_checks

FILED_CONSTITUENCY = "KARAGANDA-RM-02"
CLOSED_CONSTITUENCY = "KARAGANDA-RM-03"
VOTE_CONSTITUENCY = "KARAGANDA-RM-04"
RESULT_CONSTITUENCY = "KARAGANDA-RM-05"
#: The recorded vote: a third of the voters took part (valid), too few said yes (retained).
RESULT_TURNOUT_SHARE, RESULT_YES_SHARE = 0.52, 0.41
#: Signatures on the closed petition: enough for the provisional 10% of 435 voters (44).
CLOSED_SIGNERS = 60
#: Of those, how many the checks flag: the register places these voters in another constituency.
FLAGGED = 3
#: Where the active register places the flagged signers.
FLAGGED_FROM = "KARAGANDA-RM-05"

STATEMENT = (
    "Demo statement (fictional). The deputy has not answered voters' written questions about "
    "the district's heating and water supply for a year."
)


@dataclass
class CasesOutcome:
    created: list[int] = field(default_factory=list)


def seed_commission_cases(now: datetime, *, actor_label: str = "cli") -> CasesOutcome:
    outcome = CasesOutcome()
    filed = new_petition(FILED_CONSTITUENCY, now - timedelta(days=9))
    if filed is not None:
        walk(filed, [(S.GROUP_FORMING, 8, "initiative group convened")], now, actor_label)
        _add_initiator(filed, now - timedelta(days=8))
        walk(
            filed,
            [(S.FILED, 4, "filed with the territorial election commission")],
            now,
            actor_label,
        )
        outcome.created.append(filed.id)
    closed = new_petition(CLOSED_CONSTITUENCY, now - timedelta(days=50))
    if closed is not None:
        steps = [
            (S.GROUP_FORMING, 48, "initiative group convened"),
            (S.FILED, 45, "filed with the territorial election commission"),
            (S.COLLECTING, 40, "registered by the commission"),
        ]
        walk(closed, steps, now, actor_label)
        _add_signatures(closed, now, count=CLOSED_SIGNERS, flagged=FLAGGED)
        walk(closed, [(S.COLLECTION_CLOSED, 9, "collection period ended")], now, actor_label)
        outcome.created.append(closed.id)
    voted = new_petition(VOTE_CONSTITUENCY, now - timedelta(days=70))
    if voted is not None:
        _certified_with_vote_held(voted, now, actor_label)
        outcome.created.append(voted.id)
    decided = new_petition(RESULT_CONSTITUENCY, now - timedelta(days=110))
    if decided is not None:
        _vote_result_recorded(decided, now, actor_label)
        outcome.created.append(decided.id)
    db.session.commit()
    return outcome


def _certified_with_vote_held(petition: Petition, now: datetime, actor_label: str) -> None:
    """Through the real use cases, dated in the past: the two Karaganda demo officers verify and
    certify; the vote is set for yesterday, so its result is the next thing to record."""
    steps = [
        (S.GROUP_FORMING, 68, "initiative group convened"),
        (S.FILED, 65, "filed with the territorial election commission"),
        (S.COLLECTING, 60, "registered by the commission"),
    ]
    walk(petition, steps, now, actor_label)
    _add_signatures(petition, now, count=CLOSED_SIGNERS, flagged=0)
    walk(petition, [(S.COLLECTION_CLOSED, 29, "collection period ended")], now, actor_label)
    first, second = demo_officers("karaganda")
    if first is None or second is None:
        return
    certification.start_verification(petition.id, first.id, now=now - timedelta(days=28))
    proposal = certification.propose(
        petition.id, first.id, result="sufficient", comment="", now=now - timedelta(days=25)
    )
    certification.confirm(petition.id, proposal.id, second.id, now=now - timedelta(days=24))
    zone = petition_rules(petition).zone
    recall_vote.schedule_vote(
        petition.id,
        first.id,
        voting_day=now.astimezone(zone).date() - timedelta(days=1),
        now=now - timedelta(days=20),
    )


def _add_initiator(petition: Petition, joined_at: datetime) -> None:
    """The demo initiator account heads the petition's initiative group, as a verified voter of
    its constituency who reads mail in Russian."""
    email = next(a.email for a in DEMO_ACCOUNTS if a.email.startswith("initiator@"))
    user = db.session.scalar(sa.select(User).where(User.email == email))
    if user is None:
        return
    if user.voter_hash is None:
        voter = db.session.scalar(
            sa.select(Voter)
            .join(RegisterSnapshot, RegisterSnapshot.id == Voter.snapshot_id)
            .where(
                RegisterSnapshot.is_active,
                Voter.constituency_id == petition.constituency_id,
                newcomers.excluded(),
            )
            .order_by(Voter.id)
        )
        if voter is None:
            return
        user.voter_hash, user.verified_at, user.language = voter.iin_hash, joined_at, "ru"
    db.session.add(
        InitiativeMember(
            petition=petition,
            user=user,
            member_hash=user.voter_hash,
            role=MemberRole.INITIATOR,
            joined_at=joined_at,
        )
    )
    db.session.flush()


def demo_officers(region_code: str) -> tuple[User | None, User | None]:
    """The first and second demo officer of ``region_code`` (None where missing)."""
    emails = [a.email for a in DEMO_ACCOUNTS if a.region_code == region_code]
    users = {u.email: u for u in db.session.scalars(sa.select(User).where(User.email.in_(emails)))}
    return users.get(emails[0]), users.get(emails[1])


def new_petition(
    constituency_code: str, created_at: datetime, statement: str = STATEMENT
) -> Petition | None:
    """A new petition against the seat's serving deputy, or None if they already have one."""
    deputy = serving_deputy(constituency_code)
    if deputy is None or db.session.scalar(
        sa.select(Petition.id).where(Petition.deputy_id == deputy.id)
    ):
        return None
    return add_petition(deputy, statement, created_at=created_at)


def walk(petition: Petition, steps, now: datetime, actor_label: str) -> None:
    for status, days_ago, reason in steps:
        change_status(
            petition.id,
            status,
            now=now - timedelta(days=days_ago),
            reason=reason,
            actor_label=actor_label,
        )


def _vote_result_recorded(petition: Petition, now: datetime, actor_label: str) -> None:
    """As ``_certified_with_vote_held``, a month earlier, then the result recorded the day
    after the vote: the public page and the API publish it."""
    steps = [
        (S.GROUP_FORMING, 108, "initiative group convened"),
        (S.FILED, 105, "filed with the territorial election commission"),
        (S.COLLECTING, 100, "registered by the commission"),
    ]
    walk(petition, steps, now, actor_label)
    _add_signatures(petition, now, count=CLOSED_SIGNERS, flagged=0)
    walk(petition, [(S.COLLECTION_CLOSED, 69, "collection period ended")], now, actor_label)
    first, second = demo_officers("karaganda")
    if first is None or second is None:
        return
    certification.start_verification(petition.id, first.id, now=now - timedelta(days=68))
    proposal = certification.propose(
        petition.id, first.id, result="sufficient", comment="", now=now - timedelta(days=65)
    )
    certification.confirm(petition.id, proposal.id, second.id, now=now - timedelta(days=64))
    zone = petition_rules(petition).zone
    recall_vote.schedule_vote(
        petition.id,
        first.id,
        voting_day=now.astimezone(zone).date() - timedelta(days=40),
        now=now - timedelta(days=60),
    )
    electorate = db.session.get(Petition, petition.id).electorate
    turnout = round(electorate * RESULT_TURNOUT_SHARE)
    yes = round(turnout * RESULT_YES_SHARE)
    recall_vote.record_result(
        petition.id,
        second.id,
        electorate=electorate,
        turnout=turnout,
        yes=yes,
        no=max(turnout - yes - 3, 0),  # a few spoilt ballots
        now=now - timedelta(days=39),
    )


def _add_signatures(petition: Petition, now: datetime, *, count: int, flagged: int) -> None:
    """Signatures spread over the collection period, all through the real automatic checks.

    The first ``count - flagged`` signers are voters of the petition's constituency; the last
    ``flagged`` are voters the active register places in ``FLAGGED_FROM`` (they moved), so the
    checks flag them with IN_CONSTITUENCY, as a re-check against the register would again.
    """
    petition = db.session.get(Petition, petition.id)
    voters = db.session.scalars(
        sa.select(Voter)
        .join(RegisterSnapshot, RegisterSnapshot.id == Voter.snapshot_id)
        .where(
            RegisterSnapshot.is_active,
            Voter.constituency_id == petition.constituency_id,
            newcomers.excluded(),
        )
        .order_by(Voter.id)
        .limit(count - flagged)
    ).all()
    if flagged:
        voters += active_voters(FLAGGED_FROM, flagged)
    span = (petition.closes_at - petition.opened_at) / (len(voters) + 1)
    for index, voter in enumerate(voters):
        signature = Signature(
            petition=petition,
            signer_hash=voter.iin_hash,
            voter=voter,
            channel=Channel.ONLINE,
            status=SignatureStatus.VALID,
            signed_at=petition.opened_at + span * (index + 1),
            # Per petition: a voter of constituency No. 5 signs No. 3 (flagged) and No. 5.
            receipt_code="DEMC"
            + hashlib.sha256(voter.iin_hash + b"%d" % petition.id).hexdigest()[:7].upper(),
        )
        db.session.add(signature)
        apply_checks(
            signature,
            petition,
            voter=voter,
            snapshot_id=voter.snapshot_id,
            now=now - timedelta(days=1),
        )
    db.session.commit()
