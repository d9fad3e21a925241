"""Use cases: key a paper sheet twice, blind, resolve the differences, and accept it.

Round 1 and round 2 are keyed by two different officers; the second sees nothing of the first
(its form starts empty, and no page shows a keying's lines before both are in). When both agree
the sheet is accepted at once; otherwise it waits, MISMATCHED, until an officer (one of the two
or a third) settles each differing line. Only an accepted sheet has signatures; making them is
``app.services.paper.acceptance``.

A line needs all five fields (IIN, surname, first name, birth date, date signed) to become a
signature; a line with any field blank is kept as keyed and listed on the sheet as "not counted:
incomplete". An IIN that fails its check digit is refused with the form, so that the officer
reads the sheet again; an IIN that is wrong on the paper itself is left blank (incomplete).
"""

from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from app import iin as iin_rules
from app.crypto import vault
from app.database import get_locked, transaction
from app.extensions import db
from app.models import (
    KeyingRound,
    PaperKeying,
    PaperLine,
    PaperSheet,
    Petition,
    SheetStatus,
    User,
)
from app.rules.paper import LineMismatch
from app.services.audit import chain as audit
from app.services.paper.acceptance import accept_sheet
from app.services.paper.batches import PaperError, locked_petition, officer_in_scope
from app.services.paper.queries import compare_lines, fetch_keyings, keying_lines, next_round

MAX_LINE_NUMBER = 200


@dataclass(frozen=True)
class KeyedLine:
    """One line as typed by an officer; the IIN in clear, only in memory."""

    line_number: int
    iin: str | None = None
    last_name: str | None = None
    first_name: str | None = None
    birth_date: date | None = None
    signed_on: date | None = None

    @property
    def blank(self) -> bool:
        return not any((self.iin, self.last_name, self.first_name, self.birth_date, self.signed_on))


@dataclass(frozen=True)
class KeyingResult:
    round: KeyingRound
    status: SheetStatus
    mismatches: list[LineMismatch]


def key_sheet(
    petition_id: int, sheet_id: int, officer_id: int, lines: list[KeyedLine], *, now: datetime
) -> KeyingResult:
    """Store one officer's keying of the whole sheet as the round it waits for.

    After round 2 the keyings are compared: equal, the sheet is accepted and its signatures
    recorded; different, it waits for a resolution. The same officer cannot key both rounds.
    """
    kept = _checked(lines, require_one=True)
    try:
        with transaction():
            petition, sheet = _locked(petition_id, sheet_id)
            officer = officer_in_scope(officer_id, petition.id)
            round_ = next_round(sheet)
            if round_ is None:
                raise PaperError(_("Both keyings of this sheet are in already."))
            keyings = fetch_keyings(sheet.id)
            if round_ is KeyingRound.SECOND and keyings[KeyingRound.FIRST].officer_id == officer_id:
                raise PaperError(
                    _("You keyed this sheet first; another officer must key it the second time.")
                )
            keying = _store(sheet, round_, officer, kept, now)
            mismatches = []
            if round_ is KeyingRound.FIRST:
                sheet.status = SheetStatus.KEYED_ONCE
            else:
                mismatches = compare_lines(
                    keying_lines(keyings[KeyingRound.FIRST].id), keying_lines(keying.id)
                )
                sheet.status = SheetStatus.MISMATCHED if mismatches else sheet.status
            _audit_keying(sheet, round_, officer, len(kept), mismatches)
            if round_ is KeyingRound.SECOND and not mismatches:
                accept_sheet(petition, sheet, officer, now)
    except IntegrityError:
        raise _raced() from None
    return KeyingResult(round_, sheet.status, mismatches)


def resolve_sheet(
    petition_id: int, sheet_id: int, officer_id: int, lines: list[KeyedLine], *, now: datetime
) -> PaperSheet:
    """Settle every mismatched line of a sheet (a blank line: no signature there) and accept it.

    ``lines`` has exactly one entry per mismatched line number, blank ones included.
    """
    numbers = [line.line_number for line in lines]
    kept = _checked(lines, require_one=False)
    try:
        with transaction():
            petition, sheet = _locked(petition_id, sheet_id)
            officer = officer_in_scope(officer_id, petition.id)
            if sheet.status is not SheetStatus.MISMATCHED:
                raise PaperError(_("This sheet has no differences waiting to be resolved."))
            keyings = fetch_keyings(sheet.id)
            mismatched = {
                m.line_number
                for m in compare_lines(
                    keying_lines(keyings[KeyingRound.FIRST].id),
                    keying_lines(keyings[KeyingRound.SECOND].id),
                )
            }
            if sorted(numbers) != sorted(mismatched):
                raise PaperError(_("Resolve exactly the lines where the two keyings differ."))
            blanks = [KeyedLine(n) for n in sorted(mismatched - {x.line_number for x in kept})]
            _store(sheet, KeyingRound.RESOLUTION, officer, kept + blanks, now)
            audit.record(
                "paper.sheet_resolved",
                "paper_sheet",
                sheet.id,
                actor=officer,
                details={
                    "petition_id": petition.id,
                    "before": SheetStatus.MISMATCHED.value,
                    "after": SheetStatus.ACCEPTED.value,
                    "reason": "keyings differed",
                    "lines": sorted(mismatched),
                },
            )
            accept_sheet(petition, sheet, officer, now)
    except IntegrityError:
        raise _raced() from None
    return sheet


def _raced() -> PaperError:
    return PaperError(
        _(
            "This sheet, or a signature of the same person, was saved at the same moment; "
            "open the sheet again."
        )
    )


def _locked(petition_id: int, sheet_id: int) -> tuple[Petition, PaperSheet]:
    """Petition first, then sheet: every paper use case locks in this order."""
    petition = locked_petition(petition_id)
    sheet = get_locked(PaperSheet, sheet_id)
    if sheet is None or sheet.petition_id != petition.id:
        raise PaperError(_("No such sheet on this petition."))
    return petition, sheet


def _checked(lines: list[KeyedLine], *, require_one: bool) -> list[KeyedLine]:
    """The non-blank lines, tidied; ``PaperError`` with a message per bad line."""
    errors: dict[int, str] = {}
    kept: list[KeyedLine] = []
    seen: set[int] = set()
    for line in lines:
        number = line.line_number
        if number is None:  # a line typed without its number: 0 sorts it first among errors
            errors[0] = _("Every line needs its line number, as on the sheet.")
            continue
        if not 0 < number <= MAX_LINE_NUMBER:
            errors[number] = _("Line numbers run from 1 to %(max)d.", max=MAX_LINE_NUMBER)
        elif number in seen:
            errors[number] = _("Line %(n)d is entered twice.", n=number)
        seen.add(number)
        iin = "".join((line.iin or "").split()) or None
        if iin is not None and iin_rules.problem(iin) is not None:
            errors[number] = _(
                "Line %(n)d: this is not a valid IIN (12 digits with a correct check digit). "
                "Read the sheet again; if the IIN on the sheet itself is wrong, leave it blank "
                "and the line will not be counted.",
                n=number,
            )
        tidy = KeyedLine(
            number,
            iin,
            _name(line.last_name),
            _name(line.first_name),
            line.birth_date,
            line.signed_on,
        )
        if not tidy.blank:
            kept.append(tidy)
    if errors:
        raise PaperError(_("Some lines need another look at the sheet."), errors)
    if require_one and not kept:
        raise PaperError(_("Enter at least one line of the sheet."))
    return kept


def _name(value: str | None) -> str | None:
    return " ".join((value or "").split())[:100] or None


def _store(
    sheet: PaperSheet,
    round_: KeyingRound,
    officer: User,
    lines: list[KeyedLine],
    now: datetime,
) -> PaperKeying:
    keying = PaperKeying(sheet_id=sheet.id, round=int(round_), officer_id=officer.id, keyed_at=now)
    db.session.add(keying)
    db.session.flush()
    for line in lines:
        db.session.add(
            PaperLine(
                keying_id=keying.id,
                line_number=line.line_number,
                iin_hash=vault().lookup_hash(line.iin) if line.iin else None,
                iin_encrypted=vault().encrypt(line.iin) if line.iin else None,
                last_name=line.last_name,
                first_name=line.first_name,
                birth_date=line.birth_date,
                signed_on=line.signed_on,
            )
        )
    db.session.flush()
    return keying


def _audit_keying(
    sheet: PaperSheet,
    round_: KeyingRound,
    officer: User,
    line_count: int,
    mismatches: list[LineMismatch],
) -> None:
    details = {
        "petition_id": sheet.petition_id,
        "before": None,
        "after": sheet.status.value,
        "reason": f"keying round {int(round_)}",
        "lines": line_count,
    }
    if mismatches:
        details["mismatched_lines"] = [m.line_number for m in mismatches]
    audit.record("paper.sheet_keyed", "paper_sheet", sheet.id, actor=officer, details=details)
