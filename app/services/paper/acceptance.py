"""Use case step: an accepted paper sheet becomes signatures.

Called by ``app.services.paper.keying`` inside its transaction, once both keyings agree or an
officer has resolved every difference: each complete final line of the sheet becomes a checked
signature, counting each person once (a paper line of someone who already has a counted
signature is kept as a duplicate record; one of someone whose signature was withdrawn revives
it). The keyed surname, first name and birth date are checked against the register here, and
only here (``Check.IDENTITY``). The caller holds the petition's and the sheet's locks.
"""

from datetime import UTC, datetime, time

import sqlalchemy as sa

from app.extensions import db
from app.models import (
    Channel,
    PaperLine,
    PaperSheet,
    Petition,
    RegisterSnapshot,
    SheetStatus,
    Signature,
    SignatureProof,
    SignatureStatus,
    User,
)
from app.rules.log_leaves import LogEvent
from app.rules.paper import Reading
from app.services.audit import chain as audit
from app.services.law import get_rule_set
from app.services.paper.queries import final_lines, reading_of
from app.services.review.checks import apply_checks
from app.services.signing.receipts import new_receipt_code
from app.services.transparency.record import log_signature
from app.services.voters import active_voter

#: Paper carries a date, not a time: a paper signature is placed at noon of its day.
PAPER_SIGNING_TIME = time(12, 0)


def accept_sheet(petition: Petition, sheet: PaperSheet, officer: User, now: datetime) -> None:
    """Record one signature per complete final line, run its checks, and accept the sheet.

    A person who already has a counted record on the petition gets a duplicate record (never
    valid). A person whose earlier signature was withdrawn has signed again, on paper: their
    record is revived as a paper signature (as ``sign_petition`` revives it online) rather than
    made a duplicate of a signature that no longer counts. It keeps its account link and receipt
    code, so that the signer's "My signatures" still shows it.
    """
    zone = get_rule_set(petition.rule_set_code).zone
    snapshot_id = db.session.scalar(
        sa.select(RegisterSnapshot.id).where(RegisterSnapshot.is_active)
    )
    made, duplicates, incomplete, revived = 0, 0, 0, []
    for line in final_lines(sheet.id).values():
        reading: Reading = reading_of(line)
        if not reading.complete:
            incomplete += int(not reading.blank)
            continue
        first = db.session.scalar(
            sa.select(Signature)
            .where(
                Signature.petition_id == petition.id,
                Signature.signer_hash == line.iin_hash,
                Signature.duplicate_of_id.is_(None),
            )
            .with_for_update()
        )
        signed_at = datetime.combine(line.signed_on, PAPER_SIGNING_TIME, zone).astimezone(UTC)
        if first is not None and first.status is SignatureStatus.WITHDRAWN:
            signature = _revive(first, line, signed_at)
            revived.append(signature.id)
        else:
            signature = Signature(
                petition_id=petition.id,
                signer_hash=line.iin_hash,
                channel=Channel.PAPER,
                proof=SignatureProof.PAPER,
                status=SignatureStatus.PENDING,
                signed_at=signed_at,
                receipt_code=new_receipt_code(),
                iin_encrypted=line.iin_encrypted,
                paper_line_id=line.id,
                duplicate_of_id=first.id if first is not None else None,
            )
            duplicates += int(first is not None)
        voter = active_voter(line.iin_hash, with_place=False)
        apply_checks(
            signature,
            petition,
            voter=voter,
            snapshot_id=voter.snapshot_id if voter is not None else snapshot_id,
            now=now,
            paper_line=line,
        )
        db.session.add(signature)
        db.session.flush()
        log_signature(signature, LogEvent.ACCEPTED, at=now)
        made += 1
    before = sheet.status.value
    sheet.status = SheetStatus.ACCEPTED
    sheet.accepted_at = now
    details = {
        "petition_id": sheet.petition_id,
        "before": before,
        "after": SheetStatus.ACCEPTED.value,
        "reason": f"sheet {sheet.number} keyed twice",
        "signatures": made,
        "duplicates": duplicates,
        "incomplete": incomplete,
    }
    if revived:
        details["revived_withdrawn_signatures"] = revived
    audit.record("paper.sheet_accepted", "paper_sheet", sheet.id, actor=officer, details=details)


def _revive(signature: Signature, line: PaperLine, signed_at: datetime) -> Signature:
    """Turn the person's withdrawn record into the paper signature of ``line`` (checks are run
    by the caller); everything an officer or a check said about the old signature is cleared."""
    signature.channel = Channel.PAPER
    signature.proof = SignatureProof.PAPER
    signature.paper_line_id = line.id
    signature.iin_encrypted = line.iin_encrypted
    signature.signed_at = signed_at
    signature.status = SignatureStatus.PENDING
    signature.withdrawn_at = None
    signature.failed_checks = 0
    signature.invalid_reason = None
    signature.reviewed_by_id = signature.reviewed_at = None
    signature.review_comment = None
    return signature
