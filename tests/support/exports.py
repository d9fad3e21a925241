"""Builders for the export tests: a petition with online, rejected and paper signatures."""

import hashlib
from datetime import UTC, date, datetime

from app.crypto import vault
from app.extensions import db
from app.models import (
    Channel,
    PaperBatch,
    PaperKeying,
    PaperLine,
    PaperSheet,
    PollingStation,
    SheetStatus,
    SignatureStatus,
)
from app.rules.checks import Check
from app.services.audit import chain as audit
from tests.factories import make_collecting_petition, make_officer, make_signature, make_voter

NOW = datetime(2026, 12, 20, 6, 0, tzinfo=UTC)
PAPER_IIN = "850314400124"


def make_paper_signature(petition, officer, *, iin=PAPER_IIN, last_name="Сейтқали", **kw):
    """A paper signature keyed from an accepted sheet, not matched to a register row."""
    batch = PaperBatch(
        petition_id=petition.id,
        collector="Collector",
        received_on=date(2026, 12, 15),
        first_sheet=1,
        last_sheet=1,
        registered_by_id=officer.id,
    )
    db.session.add(batch)
    db.session.flush()
    sheet = PaperSheet(
        petition_id=petition.id, batch_id=batch.id, number=1, status=SheetStatus.ACCEPTED
    )
    db.session.add(sheet)
    db.session.flush()
    keying = PaperKeying(sheet_id=sheet.id, round=1, officer_id=officer.id)
    db.session.add(keying)
    db.session.flush()
    line = PaperLine(
        keying_id=keying.id,
        line_number=1,
        iin_hash=vault().lookup_hash(iin),
        iin_encrypted=vault().encrypt(iin),
        last_name=last_name,
        first_name="Ержан",
        birth_date=date(1985, 3, 14),
        signed_on=date(2026, 12, 14),
    )
    db.session.add(line)
    db.session.flush()
    return make_signature(
        petition,
        channel=Channel.PAPER,
        signer_hash=vault().lookup_hash(iin),
        iin_encrypted=vault().encrypt(iin),
        paper_line_id=line.id,
        signed_at=datetime(2026, 12, 14, 7, tzinfo=UTC),
        **kw,
    )


def build_petition_with_signatures():
    """A collecting petition: two valid online signatures at station 1, one at station 2
    reviewed invalid by an officer, one pending paper signature not on the register."""
    statement = "Депутат утратил доверие избирателей."
    petition = make_collecting_petition(
        statement=statement, statement_sha256=hashlib.sha256(statement.encode()).hexdigest()
    )
    officer = make_officer(bodies=[petition.constituency.body], display_name="Officer Әсел")
    voters = [make_voter(constituency=petition.constituency) for _ in range(2)]
    second = PollingStation(constituency_id=petition.constituency_id, number="2")
    db.session.add(second)
    db.session.flush()
    voters.append(
        make_voter(
            constituency=petition.constituency, polling_station_id=second.id, last_name="=HYPER"
        )
    )
    signed = datetime(2026, 12, 11, 8, tzinfo=UTC)
    for voter in voters[:2]:
        make_signature(petition, voter_id=voter.id, signer_hash=voter.iin_hash, signed_at=signed)
    rejected = make_signature(
        petition,
        voter_id=voters[2].id,
        signer_hash=voters[2].iin_hash,
        signed_at=signed,
        status=SignatureStatus.INVALID,
        failed_checks=int(Check.OF_AGE),
        invalid_reason="under_age",
        reviewed_by_id=officer.id,
        reviewed_at=NOW,
        review_comment="+born too late",
    )
    audit.record(
        "signature.reviewed",
        "signature",
        rejected.id,
        actor=officer,
        details={"before": "pending", "after": "invalid", "reason": "under_age"},
    )
    make_paper_signature(
        petition, officer, status=SignatureStatus.PENDING, failed_checks=int(Check.ON_REGISTER)
    )
    db.session.commit()
    return petition, officer, voters
