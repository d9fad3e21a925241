"""Paper signature sheets: registering batches, and what the sheet pages show.

Keying, resolution and acceptance are in ``app.services.paper_keying``.

When paper work is allowed: collectors hand sheets in while the petition collects and after
collection has closed (sheets signed in time but handed in at the deadline); once verification
starts the set of signatures is what the commission verifies (a sample is drawn from it), so no
batch is registered, keyed or accepted from then on. Paper work is therefore open exactly while
the petition is ``collecting`` or ``collection_closed``; a line signed outside the collection
period still becomes a signature, which fails the period check.
"""

from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from app import iin as iin_rules
from app.crypto import vault
from app.database import get_locked, transaction
from app.extensions import db
from app.models import (
    KeyingRound,
    PaperBatch,
    PaperKeying,
    PaperLine,
    PaperSheet,
    Petition,
    SheetStatus,
    Signature,
    User,
)
from app.rules.lifecycle import PetitionStatus
from app.rules.paper import LineMismatch, Reading, compare_keyings
from app.services import audit
from app.services.law import get_rule_set
from app.services.officers import staff_in_scope

#: The petition statuses in which sheets are registered, keyed and accepted (see above).
PAPER_OPEN = frozenset({PetitionStatus.COLLECTING, PetitionStatus.COLLECTION_CLOSED})
#: More sheets than this in one batch is taken for a typing error.
MAX_SHEETS_PER_BATCH = 2_000


class PaperError(Exception):
    """Bad input for a paper use case; ``line_errors`` maps line numbers to their problem."""

    def __init__(self, message: str, line_errors: dict[int, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line_errors = line_errors or {}


def paper_open(petition: Petition) -> bool:
    return petition.status in PAPER_OPEN


def locked_petition(petition_id: int) -> Petition:
    """The petition, locked, if paper work is open on it; else ``PaperError``."""
    petition = get_locked(Petition, petition_id)
    if petition is None:
        raise PaperError(_("No such petition."))
    if not paper_open(petition):
        raise PaperError(
            _(
                "Paper sheets are handled only while the petition collects signatures or "
                "after collection has closed, before verification starts."
            )
        )
    return petition


def officer_in_scope(officer_id: int, petition_id: int) -> User:
    """The officer, if they may work on the petition; else ``PaperError``."""
    officer = staff_in_scope(officer_id, petition_id)
    if officer is None:
        raise PaperError(_("This petition is outside your assignments."))
    return officer


def register_batch(
    petition_id: int,
    officer_id: int,
    *,
    collector: str,
    received_on: date,
    first_sheet: int,
    last_sheet: int,
    now: datetime,
) -> PaperBatch:
    """Register the sheets ``first_sheet``..``last_sheet`` a collector handed in on
    ``received_on``; a sheet number already registered for the petition refuses the batch."""
    collector = " ".join((collector or "").split())
    if not collector:
        raise PaperError(_("Enter the collector's name."))
    if not 0 < first_sheet <= last_sheet:
        raise PaperError(_("The first sheet number must be positive and not above the last."))
    if last_sheet - first_sheet + 1 > MAX_SHEETS_PER_BATCH:
        raise PaperError(_("A batch has at most %(count)d sheets.", count=MAX_SHEETS_PER_BATCH))
    try:
        with transaction():
            petition = locked_petition(petition_id)
            zone = get_rule_set(petition.rule_set_code).zone
            opened_on = petition.opened_at.astimezone(zone).date()
            if not opened_on <= received_on <= now.astimezone(zone).date():
                raise PaperError(
                    _("The date received must lie between the opening of collection and today.")
                )
            _refuse_overlap(petition.id, first_sheet, last_sheet)
            officer = officer_in_scope(officer_id, petition.id)
            batch = PaperBatch(
                petition_id=petition.id,
                collector=collector,
                received_on=received_on,
                first_sheet=first_sheet,
                last_sheet=last_sheet,
                registered_by_id=officer.id,
                registered_at=now,
            )
            db.session.add(batch)
            db.session.flush()
            db.session.add_all(
                PaperSheet(petition_id=petition.id, batch_id=batch.id, number=number)
                for number in range(first_sheet, last_sheet + 1)
            )
            db.session.flush()
            audit.record(
                "paper.batch_registered",
                "petition",
                petition.id,
                actor=officer,
                details={
                    "before": None,
                    "after": {
                        "batch": batch.id,
                        "collector": collector,
                        "received_on": received_on.isoformat(),
                        "sheets": [first_sheet, last_sheet],
                    },
                    "reason": "sheets handed in",
                },
            )
    except IntegrityError:
        # A concurrent batch took some of the numbers between the check and the insert.
        raise PaperError(_overlap_message(first_sheet, last_sheet)) from None
    return batch


def _refuse_overlap(petition_id: int, first: int, last: int) -> None:
    taken = db.session.scalars(
        sa.select(PaperSheet.number)
        .where(
            PaperSheet.petition_id == petition_id,
            PaperSheet.number.between(first, last),
        )
        .order_by(PaperSheet.number)
    ).all()
    if taken:
        raise PaperError(_overlap_message(taken[0], taken[-1]))


def _overlap_message(first: int, last: int) -> str:
    return _(
        "Sheet numbers %(first)d to %(last)d overlap sheets already registered for this "
        "petition; each sheet number is registered once.",
        first=first,
        last=last,
    )


# --- What the pages show -------------------------------------------------------------------


@dataclass(frozen=True)
class BatchRow:
    batch: PaperBatch
    sheets: list[PaperSheet]


def fetch_batches(petition_id: int) -> list[BatchRow]:
    """The petition's batches, oldest first, each with its sheets by number."""
    batches = db.session.scalars(
        sa.select(PaperBatch)
        .where(PaperBatch.petition_id == petition_id)
        .options(joinedload(PaperBatch.registered_by))
        .order_by(PaperBatch.id)
    ).all()
    sheets = db.session.scalars(
        sa.select(PaperSheet)
        .where(PaperSheet.petition_id == petition_id)
        .order_by(PaperSheet.number)
    ).all()
    by_batch: dict[int, list[PaperSheet]] = {}
    for sheet in sheets:
        by_batch.setdefault(sheet.batch_id, []).append(sheet)
    return [BatchRow(batch, by_batch.get(batch.id, [])) for batch in batches]


def sheet_status_counts(petition_id: int) -> dict[SheetStatus, int]:
    rows = db.session.execute(
        sa.select(PaperSheet.status, sa.func.count())
        .where(PaperSheet.petition_id == petition_id)
        .group_by(PaperSheet.status)
    ).all()
    counts = dict.fromkeys(SheetStatus, 0)
    counts.update(dict(rows))
    return counts


def get_sheet(petition_id: int, sheet_id: int) -> PaperSheet | None:
    """The sheet, only if it belongs to ``petition_id``."""
    return db.session.scalar(
        sa.select(PaperSheet)
        .where(PaperSheet.id == sheet_id, PaperSheet.petition_id == petition_id)
        .options(joinedload(PaperSheet.batch))
    )


def fetch_keyings(sheet_id: int) -> dict[int, PaperKeying]:
    """The sheet's keyings by round (who keyed and when; no line is loaded here)."""
    keyings = db.session.scalars(
        sa.select(PaperKeying)
        .where(PaperKeying.sheet_id == sheet_id)
        .options(joinedload(PaperKeying.officer))
    ).all()
    return {keying.round: keying for keying in keyings}


def keying_lines(keying_id: int) -> dict[int, PaperLine]:
    lines = db.session.scalars(sa.select(PaperLine).where(PaperLine.keying_id == keying_id)).all()
    return {line.line_number: line for line in lines}


def final_lines(sheet_id: int) -> dict[int, PaperLine]:
    """The lines that stand for the sheet: the first keying's, where the keyings agree, and the
    resolution's where they differ (a blank resolution line has no signature)."""
    keyings = fetch_keyings(sheet_id)
    lines: dict[int, PaperLine] = {}
    for round_ in (KeyingRound.FIRST, KeyingRound.RESOLUTION):
        if round_ in keyings:
            lines |= keying_lines(keyings[round_].id)
    return dict(sorted(lines.items()))


def reading_of(line: PaperLine) -> Reading:
    return Reading(
        iin=line.iin_hash,
        last_name=line.last_name,
        first_name=line.first_name,
        birth_date=line.birth_date,
        signed_on=line.signed_on,
    )


def compare_lines(first: dict[int, PaperLine], second: dict[int, PaperLine]) -> list[LineMismatch]:
    """``compare_keyings`` over two stored keyings (IINs compared by their keyed hash)."""
    return compare_keyings(
        {n: reading_of(line) for n, line in first.items()},
        {n: reading_of(line) for n, line in second.items()},
    )


@dataclass(frozen=True)
class ShownLine:
    """One line as a page shows it; ``iin`` is full or masked as the page decides."""

    line_number: int
    iin: str | None
    last_name: str | None
    first_name: str | None
    birth_date: date | None
    signed_on: date | None

    @classmethod
    def of(cls, line: PaperLine | None, number: int, *, masked: bool) -> "ShownLine":
        if line is None:
            return cls(number, None, None, None, None, None)
        iin = vault().decrypt(line.iin_encrypted) if line.iin_encrypted else None
        if iin is not None and masked:
            iin = iin_rules.mask(iin)
        return cls(number, iin, line.last_name, line.first_name, line.birth_date, line.signed_on)


@dataclass(frozen=True)
class MismatchRow:
    line_number: int
    fields: tuple[str, ...]
    first: ShownLine
    second: ShownLine


def mismatch_rows(sheet_id: int) -> list[MismatchRow]:
    """Both readings of every line where the two keyings differ, full IINs included.

    Shown to commission staff on the sheet's resolution page only: they keyed these IINs from
    the paper and must compare them digit by digit to settle the line.
    """
    keyings = fetch_keyings(sheet_id)
    if KeyingRound.FIRST not in keyings or KeyingRound.SECOND not in keyings:
        return []
    first = keying_lines(keyings[KeyingRound.FIRST].id)
    second = keying_lines(keyings[KeyingRound.SECOND].id)
    mismatches = compare_lines(first, second)
    return [
        MismatchRow(
            m.line_number,
            m.fields,
            ShownLine.of(first.get(m.line_number), m.line_number, masked=False),
            ShownLine.of(second.get(m.line_number), m.line_number, masked=False),
        )
        for m in mismatches
    ]


@dataclass(frozen=True)
class AcceptedLine:
    line: ShownLine
    #: The signature made from the line; None for an incomplete line (not counted).
    signature: Signature | None


def accepted_lines(sheet_id: int) -> list[AcceptedLine]:
    """The final lines of an accepted sheet with their signatures; IINs masked."""
    lines = final_lines(sheet_id)
    signatures = {
        signature.paper_line_id: signature
        for signature in db.session.scalars(
            sa.select(Signature).where(
                Signature.paper_line_id.in_([line.id for line in lines.values()])
            )
        )
    }
    return [
        AcceptedLine(ShownLine.of(line, number, masked=True), signatures.get(line.id))
        for number, line in lines.items()
    ]
