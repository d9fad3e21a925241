"""Demo work under other jurisdictions' rules, on the two FICTIONAL Almaty councils.

* California (``ca-local``), ward DEMO-CA-01: a petition whose collection has closed and whose
  verification has started, with about 800 signatures, a few of them from voters of another
  constituency (flagged by the automatic checks) and a few paper duplicates of online signers.
  The rule set verifies by a random sample of max(500, 5%): an Almaty officer publishes the
  seed, draws the sample and records a verdict per sampled signature; two officers certify.
* United Kingdom (``uk-2015``), ward DEMO-UK-01: the petition officer opened the petition
  (official trigger, no initiative group); after the six-week signing period the Almaty officer
  rejected three signatures of voters from another constituency and proposed the result
  "sufficient". A different officer (the second Almaty officer or the administrator) confirms:
  the rule set's outcome vacates the seat and the deputy is recalled, with no recall vote.

Everything goes through the real use cases with past ``now`` values. Idempotent: a deputy who
already has a petition is left alone.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlalchemy as sa

from app.demo.commission_cases import demo_officers, new_petition, walk
from app.demo.signatures import ADULT_BORN_BEFORE, active_voters, add_checked
from app.extensions import db
from app.models import Channel, Petition, Signature, SignatureStatus, User
from app.rules.checks import ReviewReason
from app.rules.lifecycle import PetitionStatus as S
from app.services.certification import commands as certification
from app.services.petitions.commands import change_status
from app.services.review import commands as review

CA_CONSTITUENCY = "DEMO-CA-01"
UK_CONSTITUENCY = "DEMO-UK-01"
#: Voters of another constituency who signed (Almaty's Mazhilis district No. 3): flagged.
OUTSIDERS_FROM = "MZH-03"

#: California: valid online signers, outsiders, and paper duplicates of online signers. 810 raw
#: signatures against 600 required (25% of 2,400); the sample is max(500, 5% of 810) = 500.
CA_SIGNERS = 800
CA_OUTSIDERS = 6
CA_DUPLICATES = 4
#: UK: valid signers and outsiders (rejected by the officer); 60 required (10% of 600).
UK_SIGNERS = 75
UK_OUTSIDERS = 3

CA_STATEMENT = (
    "Demo statement (fictional), a demonstration of California's recall procedure. The council "
    "member voted to close the ward's only public library without consulting residents."
)
UK_STATEMENT = (
    "Demo petition (fictional), a demonstration of the UK Recall of MPs Act 2015: the member was "
    "convicted of an offence relating to allowances claims, which triggers a recall petition."
)


@dataclass
class RuleCasesOutcome:
    created: list[int] = field(default_factory=list)


def seed_rule_cases(now: datetime, *, actor_label: str = "cli") -> RuleCasesOutcome:
    outcome = RuleCasesOutcome()
    first, second = demo_officers("almaty")
    if first is None:
        return outcome
    sampled = new_petition(CA_CONSTITUENCY, now - timedelta(days=80), CA_STATEMENT)
    if sampled is not None:
        _sampled_in_verification(sampled, first.id, now, actor_label)
        outcome.created.append(sampled.id)
    vacate = new_petition(UK_CONSTITUENCY, now - timedelta(days=62), UK_STATEMENT)
    if vacate is not None:
        _vacate_proposed(vacate, first.id, now)
        outcome.created.append(vacate.id)
    db.session.commit()
    return outcome


def _sampled_in_verification(petition: Petition, officer_id: int, now, actor_label) -> None:
    steps = [
        (S.GROUP_FORMING, 78, "initiative group convened"),
        (S.FILED, 75, "notice of intention filed with the elections official"),
        (S.COLLECTING, 72, "petition format approved, circulation opens"),
    ]
    walk(petition, steps, now, actor_label)
    petition = db.session.get(Petition, petition.id)
    signers = active_voters(CA_CONSTITUENCY, CA_SIGNERS, born_before=ADULT_BORN_BEFORE)
    outsiders = active_voters(OUTSIDERS_FROM, CA_OUTSIDERS, born_before=ADULT_BORN_BEFORE)
    _sign(petition, signers + outsiders, now, prefix="DEMS")
    # Paper lines of people who had already signed online, in the last days of circulation.
    online = {s.voter_id: s for s in petition_signatures(petition.id)}
    last = petition.closes_at - timedelta(days=2)
    for index, voter in enumerate(signers[: CA_DUPLICATES * 97 : 97]):
        add_checked(
            petition,
            voter,
            signed_at=last + timedelta(hours=index),
            checked_at=last + timedelta(hours=index),
            prefix="DEMS",
            channel=Channel.PAPER,
            duplicate_of=online[voter.id],
        )
    db.session.commit()
    closed_days_ago = (now - petition.closes_at).days
    walk(
        petition,
        [(S.COLLECTION_CLOSED, closed_days_ago, "circulation period ended")],
        now,
        actor_label,
    )
    certification.start_verification(
        petition.id, officer_id, now=now - timedelta(days=closed_days_ago - 1)
    )


def _vacate_proposed(petition: Petition, officer_id: int, now) -> None:
    # Official trigger (UK s.1, s.6): the petition officer opens the petition straight into
    # signing; there is no initiative group and no filing.
    change_status(
        petition.id,
        S.COLLECTING,
        now=now - timedelta(days=60),
        reason="recall condition met; the petition officer opened the petition",
        actor=db.session.get(User, officer_id),
    )
    petition = db.session.get(Petition, petition.id)
    signers = active_voters(UK_CONSTITUENCY, UK_SIGNERS, born_before=ADULT_BORN_BEFORE)
    # Other outsiders than the Californian petition's.
    outsiders = active_voters(
        OUTSIDERS_FROM, CA_OUTSIDERS + UK_OUTSIDERS, born_before=ADULT_BORN_BEFORE
    )[CA_OUTSIDERS:]
    _sign(petition, signers + outsiders, now, prefix="DEMU")
    db.session.commit()
    closed_days_ago = (now - petition.closes_at).days
    change_status(
        petition.id,
        S.COLLECTION_CLOSED,
        now=now - timedelta(days=closed_days_ago),
        reason="signing period ended",
        actor=db.session.get(User, officer_id),
    )
    certification.start_verification(
        petition.id, officer_id, now=now - timedelta(days=closed_days_ago - 1)
    )
    for signature in petition_signatures(petition.id):
        if signature.status is SignatureStatus.PENDING:
            review.decide(
                petition.id,
                signature.id,
                officer_id,
                review.Decision(valid=False, reason=ReviewReason.OTHER_CONSTITUENCY.value),
                now=now - timedelta(days=5),
            )
    certification.propose(
        petition.id,
        officer_id,
        result="sufficient",
        comment="Demo: 75 valid signatures, 60 required.",
        now=now - timedelta(days=2),
    )


def _sign(petition: Petition, voters: list, now: datetime, *, prefix: str) -> None:
    """Online signatures of ``voters`` spread over the collection period, each checked (as a
    live signature is) at the moment it was given."""
    span = (petition.closes_at - petition.opened_at) / (len(voters) + 1)
    for index, voter in enumerate(voters):
        signed_at = petition.opened_at + span * (index + 1)
        add_checked(petition, voter, signed_at=signed_at, checked_at=signed_at, prefix=prefix)


def petition_signatures(petition_id: int) -> list[Signature]:
    return list(
        db.session.scalars(
            sa.select(Signature).where(Signature.petition_id == petition_id).order_by(Signature.id)
        )
    )
