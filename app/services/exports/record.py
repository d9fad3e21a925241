"""The official record of a petition's signatures, exported as CSV or PDF for commission staff.

The record holds every signature with the signer's IIN (decrypted here, and only here), the
checks it failed and the officer's decision, the totals per polling station, the statement's
SHA-256 and the officers' decisions from the audit log. It is gathered in one joined query per
part (no per-row loading). It holds facts, not words: statuses and channels as enums, reasons
and actions as codes, moments in the petition's time zone; ``csv_file`` and ``pdf_file`` put
them into words (``app.labels``, ``cells``), and ``commands.export_petition`` audits each export.
"""

import base64
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from app.crypto import vault
from app.extensions import db
from app.models import (
    AuditEntry,
    Certification,
    Channel,
    EdsSignature,
    PaperBatch,
    PaperLine,
    PaperSheet,
    Petition,
    PollingStation,
    RecallVote,
    SampleDraw,
    SampleItem,
    Signature,
    SignatureProof,
    SignatureStatus,
    User,
    Voter,
)
from app.rules.lifecycle import PetitionStatus
from app.services.law import get_rule_set

EXPORT_ACTION = "petition.exported"

#: Audit object types whose id is a row of a table with a ``petition_id``: their entries are
#: decisions about that petition. (Petition-level actions are recorded on ``petition`` itself.)
_PETITION_OBJECTS = {
    "signature": Signature,
    "paper_batch": PaperBatch,
    "paper_sheet": PaperSheet,
    "sample_draw": SampleDraw,
    "certification": Certification,
    "recall_vote": RecallVote,
}


@dataclass(frozen=True)
class SignatureRow:
    number: int
    channel: Channel
    iin: str
    last_name: str
    first_name: str
    #: The polling station's number; None when the signer is not matched to the register.
    station: str | None
    signed_on: date
    status: SignatureStatus
    #: The automatic checks it failed, as a bit set of ``app.rules.checks.Check``.
    failed_checks: int
    #: Why it is invalid, a ``ReviewReason`` code (or None).
    reason: str | None
    #: The status an officer gave it; None when no officer decided.
    decision: SignatureStatus | None
    decided_by: str | None
    decided_at: datetime | None
    comment: str | None
    #: What the identity rests on (EDS, register match, paper sheet).
    proof: SignatureProof
    #: The EDS evidence, if signed with one: certificate serial, issuer, SHA-256, CMS (base64).
    eds: "EdsEvidence | None" = None


@dataclass(frozen=True)
class EdsEvidence:
    serial: str
    issuer: str
    sha256: str
    cms_base64: str


@dataclass(frozen=True)
class StationTotal:
    station: str | None
    valid: int
    invalid: int
    pending: int
    withdrawn: int


@dataclass(frozen=True)
class Decision:
    at: datetime
    actor: str
    action: str
    object_type: str
    object_id: str | None
    details: dict


@dataclass
class PetitionRecord:
    """Everything an export shows, as facts; moments are in the petition's time zone."""

    petition_id: int
    deputy: str
    constituency: str
    status: PetitionStatus
    rule_set_code: str
    rule_set_version: int
    #: None until the petition is filed.
    statement_sha256: str | None
    generated_at: datetime
    generated_by: str
    signatures: list[SignatureRow] = field(default_factory=list)
    stations: list[StationTotal] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)


def collect_record(petition_id: int, actor: User, *, now: datetime) -> PetitionRecord:
    petition = db.session.get(Petition, petition_id)
    if petition is None:
        raise LookupError(petition_id)
    zone = get_rule_set(petition.rule_set_code).zone
    record = PetitionRecord(
        petition_id=petition.id,
        deputy=petition.deputy.full_name,
        constituency=petition.constituency.name,
        status=petition.status,
        rule_set_code=petition.rule_set_code,
        rule_set_version=petition.rule_set_version,
        statement_sha256=petition.statement_sha256,
        generated_at=now.astimezone(zone),
        generated_by=actor.display_name,
    )
    record.signatures, record.stations = _signatures(petition_id, zone)
    record.decisions = _decisions(petition_id, zone)
    return record


def _signatures(petition_id: int, zone) -> tuple[list[SignatureRow], list[StationTotal]]:
    reviewer = aliased(User)
    query = (
        sa.select(
            Signature.id,
            Signature.channel,
            Signature.proof,
            Signature.status,
            Signature.signed_at,
            Signature.failed_checks,
            Signature.invalid_reason,
            Signature.reviewed_at,
            Signature.review_comment,
            Signature.iin_encrypted,
            Voter.iin_encrypted.label("voter_iin"),
            Voter.last_name,
            Voter.first_name,
            PaperLine.last_name.label("line_last_name"),
            PaperLine.first_name.label("line_first_name"),
            PaperLine.signed_on.label("line_signed_on"),
            PollingStation.number.label("station"),
            reviewer.display_name.label("reviewer"),
        )
        .outerjoin(Voter, Voter.id == Signature.voter_id)
        .outerjoin(PollingStation, PollingStation.id == Voter.polling_station_id)
        .outerjoin(PaperLine, PaperLine.id == Signature.paper_line_id)
        .outerjoin(reviewer, reviewer.id == Signature.reviewed_by_id)
        .where(Signature.petition_id == petition_id)
        .order_by(Signature.signed_at, Signature.id)
    )
    rows, totals = [], {}
    keys = vault()
    evidence = _eds_evidence(petition_id)
    for number, row in enumerate(db.session.execute(query), start=1):
        blob = row.iin_encrypted or row.voter_iin
        station = row.station or None
        totals.setdefault(station, Counter())[row.status] += 1
        reviewed = row.reviewer is not None
        rows.append(
            SignatureRow(
                number=number,
                channel=row.channel,
                iin=keys.decrypt(blob) if blob else "",
                last_name=row.last_name or row.line_last_name or "",
                first_name=row.first_name or row.line_first_name or "",
                station=station,
                signed_on=row.line_signed_on or row.signed_at.astimezone(zone).date(),
                status=row.status,
                failed_checks=row.failed_checks or 0,
                reason=row.invalid_reason,
                decision=row.status if reviewed else None,
                decided_by=row.reviewer,
                decided_at=row.reviewed_at.astimezone(zone) if row.reviewed_at else None,
                comment=row.review_comment,
                proof=row.proof,
                eds=evidence.get(row.id),
            )
        )
    stations = [
        StationTotal(
            station,
            counts[SignatureStatus.VALID],
            counts[SignatureStatus.INVALID],
            counts[SignatureStatus.PENDING],
            counts[SignatureStatus.WITHDRAWN],
        )
        for station, counts in sorted(totals.items(), key=lambda item: _station_key(item[0]))
    ]
    return rows, stations


def _eds_evidence(petition_id: int) -> dict[int, EdsEvidence]:
    """The latest EDS evidence of each of the petition's signatures (one query)."""
    found = db.session.scalars(
        sa.select(EdsSignature)
        .join(Signature, Signature.id == EdsSignature.signature_id)
        .where(Signature.petition_id == petition_id)
        .order_by(EdsSignature.id)
    )
    return {
        row.signature_id: EdsEvidence(
            row.certificate_serial,
            row.certificate_issuer,
            row.certificate_sha256,
            base64.b64encode(row.cms).decode(),
        )
        for row in found
    }


def _station_key(number: str | None) -> tuple:
    """Stations by number; signers matched to no station last."""
    if number is None:
        return (2, 0, "")
    return (0, int(number), "") if number.isdigit() else (1, 0, number)


def _decisions(petition_id: int, zone) -> list[Decision]:
    """The audit entries about the petition and about the rows that belong to it."""
    about = [
        sa.and_(AuditEntry.object_type == "petition", AuditEntry.object_id == str(petition_id))
    ]
    for object_type, model in _PETITION_OBJECTS.items():
        ids = sa.select(sa.cast(model.id, sa.String)).where(model.petition_id == petition_id)
        about.append(sa.and_(AuditEntry.object_type == object_type, AuditEntry.object_id.in_(ids)))
    items = (
        sa.select(sa.cast(SampleItem.id, sa.String))
        .join(SampleDraw, SampleDraw.id == SampleItem.draw_id)
        .where(SampleDraw.petition_id == petition_id)
    )
    about.append(sa.and_(AuditEntry.object_type == "sample_item", AuditEntry.object_id.in_(items)))
    # The deputy's recall or retention, from this petition's creation on.
    deputy = sa.select(sa.cast(Petition.deputy_id, sa.String)).where(Petition.id == petition_id)
    created = sa.select(Petition.created_at).where(Petition.id == petition_id).scalar_subquery()
    about.append(
        sa.and_(
            AuditEntry.object_type == "deputy",
            AuditEntry.object_id.in_(deputy),
            AuditEntry.at >= created,
        )
    )
    query = (
        sa.select(AuditEntry, User.display_name)
        .outerjoin(User, User.id == AuditEntry.actor_id)
        .where(sa.or_(*about), AuditEntry.action != EXPORT_ACTION)
        .order_by(AuditEntry.seq)
    )
    return [
        Decision(
            at=entry.at.astimezone(zone),
            actor=name or entry.actor_label,
            action=entry.action,
            object_type=entry.object_type,
            object_id=entry.object_id,
            details=entry.details or {},
        )
        for entry, name in db.session.execute(query).all()
    ]
