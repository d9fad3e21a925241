"""Builders for the certification and recall vote tests: a petition whose collection closed on
15 January 2027, its signatures, two officers of its body, and a petition certified sufficient."""

import hashlib
import itertools
from datetime import UTC, date, datetime, timedelta

from app.extensions import db
from app.models import Channel, Petition, Signature, SignatureStatus
from app.rules.lifecycle import PetitionStatus as S
from app.services.certification.commands import confirm, propose
from tests.factories import make_officer, make_petition

#: When the certification tests act: two weeks after the collection closed.
NOW = datetime(2027, 2, 1, 6, 0, tzinfo=UTC)
#: When the objection tests' signature was found invalid: the day before ``NOW``.
INVALIDATED = NOW - timedelta(days=1)
_numbers = itertools.count(1)


def make_closed_petition(
    *, rule_set_code="kz-maslikhat-2023", status=S.VERIFICATION, required=3, electorate=30
):
    """A petition whose collection closed on 15 January 2027, in ``status``."""
    return make_petition(
        rule_set_code=rule_set_code,
        status=status,
        electorate=electorate,
        signatures_required=required,
        filed_at=datetime(2026, 12, 1, 5, tzinfo=UTC),
        opened_at=datetime(2026, 12, 10, 5, tzinfo=UTC),
        closes_at=datetime(2027, 1, 15, 13, tzinfo=UTC),
        closed_at=datetime(2027, 1, 15, 13, tzinfo=UTC),
    )


def add_signatures(petition, count, status=SignatureStatus.VALID):
    """``count`` signatures on ``petition`` in one flush; returns their ids in id order."""
    rows = []
    for _ in range(count):
        n = next(_numbers)
        rows.append(
            Signature(
                petition_id=petition.id,
                signer_hash=hashlib.sha256(f"certification signer {n}".encode()).digest(),
                channel=Channel.ONLINE,
                status=status,
                signed_at=datetime(2027, 1, 5, tzinfo=UTC),
                withdrawn_at=(
                    datetime(2027, 1, 6, tzinfo=UTC)
                    if status is SignatureStatus.WITHDRAWN
                    else None
                ),
                receipt_code=f"CERT-{n:08d}",
            )
        )
    db.session.add_all(rows)
    db.session.flush()
    return [row.id for row in rows]


def two_officers(petition):
    body = petition.constituency.body
    return make_officer(bodies=[body]), make_officer(bodies=[body])


#: A voting day within the period of a petition ``certified`` on 1 February 2027.
VOTING_DAY = date(2027, 3, 14)


def certified(code="kz-maslikhat-2023"):
    """A sufficient petition certified on 1 February 2027 by two officers."""
    petition = make_closed_petition(rule_set_code=code, required=2)
    add_signatures(petition, 2)
    proposer, confirmer = two_officers(petition)
    db.session.commit()
    proposal = propose(petition.id, proposer.id, result="sufficient", comment="", now=NOW)
    confirm(petition.id, proposal.id, confirmer.id, now=NOW)
    return db.session.get(Petition, petition.id), confirmer


def certified_with_invalidated(result="insufficient"):
    """A petition certified at ``NOW`` (3 required) with one signature invalidated the day
    before, still within its objection period; ``result``: ``insufficient`` (2 valid) or
    ``sufficient`` (3 valid). Returns the petition, that signature and the two officers who
    certified it (the first proposed)."""
    petition = make_closed_petition(required=3)
    add_signatures(petition, 2 if result == "insufficient" else 3)
    [signature_id] = add_signatures(petition, 1, status=SignatureStatus.INVALID)
    signature = db.session.get(Signature, signature_id)
    signature.invalid_reason, signature.checked_at = "not_on_register", INVALIDATED
    first, second = two_officers(petition)
    db.session.commit()
    proposal = propose(petition.id, first.id, result=result, comment="", now=NOW)
    confirm(petition.id, proposal.id, second.id, now=NOW)
    return db.session.get(Petition, petition.id), signature, first, second
