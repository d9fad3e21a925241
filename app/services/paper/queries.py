"""What the paper sheet pages show, read from the stored batches, sheets and keyings: the
batches with their sheets, a sheet's keyings and lines, the lines where two keyings differ, an
accepted sheet's lines with their signatures; the petition's sheets page (``sheets_page``) and
the page of one sheet (``sheet_page``).

Registering batches is in ``app.services.paper.batches``; keying, resolution and acceptance are in
``app.services.paper.keying`` and ``app.services.paper.acceptance``, which compare and read
lines with the helpers here.
"""

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask import abort
from sqlalchemy.orm import joinedload

from app import iin as iin_rules
from app.crypto import vault
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
)
from app.rules.paper import LineMismatch, Reading, compare_keyings
from app.services.petitions.queries import get_petition

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


def next_round(sheet: PaperSheet) -> KeyingRound | None:
    """The keying round the sheet waits for, or None (it waits for a resolution, or is done)."""
    return {
        SheetStatus.REGISTERED: KeyingRound.FIRST,
        SheetStatus.KEYED_ONCE: KeyingRound.SECOND,
    }.get(sheet.status)


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


@dataclass(frozen=True)
class SheetPage:
    """What the pages of one sheet show (the sheet, its keying and its resolution).

    Nothing of a keying's lines is shown before both keyings are in (blind double keying): the
    lines where they differ once the sheet is MISMATCHED, its final lines once ACCEPTED.
    """

    petition: Petition
    sheet: PaperSheet
    keyings: dict[int, PaperKeying]
    next_round: KeyingRound | None
    #: The officer asking keyed the first round, so may not key the second (blind keying).
    keyed_first: bool
    mismatches: list[MismatchRow]
    accepted: list[AcceptedLine]


def sheet_page(petition_id: int, sheet_id: int, officer_id: int) -> SheetPage:
    """Sheet ``sheet_id`` of petition ``petition_id`` as officer ``officer_id`` sees it; 404 if
    the petition has no such sheet."""
    sheet = get_sheet(petition_id, sheet_id)
    if sheet is None:
        abort(404)
    petition = get_petition(petition_id)
    keyings = fetch_keyings(sheet.id)
    first = keyings.get(KeyingRound.FIRST)
    return SheetPage(
        petition=petition,
        sheet=sheet,
        keyings=keyings,
        next_round=next_round(sheet),
        keyed_first=first is not None and first.officer_id == officer_id,
        mismatches=mismatch_rows(sheet.id) if sheet.status is SheetStatus.MISMATCHED else [],
        accepted=accepted_lines(sheet.id) if sheet.status is SheetStatus.ACCEPTED else [],
    )


@dataclass(frozen=True)
class SheetsPage:
    """What the petition's paper page shows: its batches with their sheets, and how many sheets
    are in each status."""

    petition: Petition
    batches: list[BatchRow]
    counts: dict[SheetStatus, int]


def sheets_page(petition_id: int) -> SheetsPage:
    """The paper sheets of petition ``petition_id``; 404 if there is no such petition."""
    petition = get_petition(petition_id)
    return SheetsPage(petition, fetch_batches(petition.id), sheet_status_counts(petition.id))
