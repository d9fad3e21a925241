"""The official record of a petition's signatures, exported as CSV or PDF for commission staff.

The record holds every signature with the signer's IIN (decrypted here, and only here), the
checks it failed and the officer's decision, the totals per polling station, the statement's
SHA-256 and the officers' decisions from the audit log. It is gathered in one joined query per
part (no per-row loading); ``csv_file`` and ``pdf_file`` render it, and ``commands.export_petition``
audits each export.
"""

import base64
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import aliased

from app.crypto import vault
from app.extensions import db
from app.labels import (
    failed_check_labels,
    petition_status_label,
    proof_label,
    review_reason_label,
)
from app.models import (
    AuditEntry,
    Certification,
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
    SignatureStatus,
    User,
    Voter,
)
from app.services.audit.queries import describe
from app.services.law import get_rule_set

EXPORT_ACTION = "petition.exported"

SIGNATURE_STATUS = {
    SignatureStatus.VALID: _l("Valid"),
    SignatureStatus.PENDING: _l("Pending"),
    SignatureStatus.INVALID: _l("Invalid"),
    SignatureStatus.WITHDRAWN: _l("Withdrawn"),
}

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
    channel: str
    iin: str
    last_name: str
    first_name: str
    station: str
    signed_on: str
    status: str
    failed_checks: str
    failed_bits: int
    reason: str
    decision: str
    decided_by: str
    decided_at: str
    comment: str
    #: What the identity rests on (EDS, register match, paper sheet), translated.
    proof: str = ""
    #: The EDS evidence, if signed with one: certificate serial, issuer, SHA-256, CMS (base64).
    eds: "EdsEvidence | None" = None

    def signer_cells(self) -> tuple:
        """The columns that open a signature's row in every format: who signed, where, when,
        and the signature's status."""
        return (
            self.number,
            self.channel,
            self.proof,
            self.iin,
            self.last_name,
            self.first_name,
            self.station,
            self.signed_on,
            self.status,
        )


@dataclass(frozen=True)
class EdsEvidence:
    serial: str
    issuer: str
    sha256: str
    cms_base64: str


@dataclass(frozen=True)
class StationTotal:
    station: str
    valid: int
    invalid: int
    pending: int
    withdrawn: int


@dataclass(frozen=True)
class Decision:
    at: str
    actor: str
    action: str
    object: str
    details: str


@dataclass
class PetitionRecord:
    """Everything an export shows, as display strings (translated in the current locale)."""

    petition_id: int
    deputy: str
    constituency: str
    status: str
    rule_set: str
    statement_sha256: str
    generated_at: str
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
        status=petition_status_label(petition.status),
        rule_set=f"{petition.rule_set_code} v{petition.rule_set_version}",
        statement_sha256=petition.statement_sha256 or _("(not filed)"),
        generated_at=_stamp(now, zone),
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
        station = row.station or "—"
        totals.setdefault(station, Counter())[row.status] += 1
        signed_on = row.line_signed_on or row.signed_at.astimezone(zone).date()
        reviewed = row.reviewer is not None
        rows.append(
            SignatureRow(
                number=number,
                channel=row.channel.value,
                iin=keys.decrypt(blob) if blob else "",
                last_name=row.last_name or row.line_last_name or "",
                first_name=row.first_name or row.line_first_name or "",
                station=station,
                signed_on=signed_on.isoformat(),
                status=str(SIGNATURE_STATUS[row.status]),
                failed_checks="; ".join(failed_check_labels(row.failed_checks or 0)),
                failed_bits=row.failed_checks or 0,
                reason=review_reason_label(row.invalid_reason),
                decision=str(SIGNATURE_STATUS[row.status]) if reviewed else "",
                decided_by=row.reviewer or "",
                decided_at=_stamp(row.reviewed_at, zone) if row.reviewed_at else "",
                comment=row.review_comment or "",
                proof=proof_label(row.proof),
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


def _station_key(number: str) -> tuple:
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
            at=_stamp(entry.at, zone),
            actor=name or entry.actor_label,
            action=entry.action,
            object=f"{entry.object_type} {entry.object_id or ''}".strip(),
            details=describe(entry.details),
        )
        for entry, name in db.session.execute(query).all()
    ]


def _stamp(moment: datetime, zone) -> str:
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")
