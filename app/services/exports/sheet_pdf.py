"""The paper signature sheet of a collecting petition, as a PDF to print (fpdf2, DejaVu Sans).

One page per sheet, each with its own number: the collector prints sheets ``first`` to
``first + count - 1`` and hands them in with those numbers, and the commission registers them as
a paper batch of that range (``paper.batches.register_batch`` refuses a range that overlaps one
already registered), so every sheet keyed is one printed here. The sheet is written in Kazakh or
Russian, the languages of official forms; the table has the columns the rule set names.
"""

import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import segno
from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from fpdf import FPDF

from app.i18n import localized, shown_date
from app.models import Petition
from app.routing import external_url
from app.rules.lifecycle import PetitionStatus
from app.services.petitions.queries import get_public_petition
from app.services.petitions.status import shown_status

log = logging.getLogger(__name__)

LANGUAGES = ("kk", "ru")
MAX_SHEETS = 50
MAX_NUMBER = 99_999
ROWS = 10
MARGIN = 10
QR_SIZE = 30
DEFAULT_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


class SheetRefused(Exception):
    """No sheet for this petition: it is not collecting signatures now."""


@dataclass(frozen=True)
class SheetRequest:
    language: str
    first: int
    count: int


def sheet_request(language: str | None, first: str | None, count: str | None) -> SheetRequest:
    """The sheets asked for in a URL, with out-of-range values brought back into range."""
    return SheetRequest(
        language if language in LANGUAGES else LANGUAGES[0],
        _clamp(first, 1, MAX_NUMBER, 1),
        _clamp(count, 1, MAX_SHEETS, 1),
    )


def _clamp(text: str | None, low: int, high: int, default: int) -> int:
    if not text or not text.isdigit() or len(text) > 6:
        return default
    return min(max(int(text), low), high)


def signature_sheets(petition_id: int, wanted: SheetRequest, *, now: datetime) -> bytes:
    """The numbered sheets of the public petition ``petition_id`` while it collects signatures.

    Raises ``SheetRefused`` when it is not collecting (a 404 for a petition that is not public).
    """
    petition = get_public_petition(petition_id)
    if shown_status(petition, now) is not PetitionStatus.COLLECTING:
        raise SheetRefused(petition_id)
    with force_locale(wanted.language):
        writer = _Sheets(petition, now)
        for number in range(wanted.first, min(wanted.first + wanted.count, MAX_NUMBER + 1)):
            writer.sheet(number)
        return bytes(writer.pdf.output())


class _Sheets:
    def __init__(self, petition: Petition, now: datetime) -> None:
        self.petition = petition
        self.url = external_url("public.petition", petition_id=petition.id)
        self.printed = shown_date(now.date())
        self.pdf = FPDF(orientation="L", format="A4")
        self.pdf.set_compression(current_app.config.get("PDF_COMPRESS", True))
        self.pdf.set_auto_page_break(False)
        self.pdf.set_margins(MARGIN, MARGIN)
        self.pdf.set_title(_("Signature sheet of the recall petition № %(id)s", id=petition.id))
        self.pdf.set_creator("deputy-recall")
        self._font()

    def _font(self) -> None:
        path = Path(current_app.config.get("PDF_FONT_PATH", DEFAULT_FONT))
        if not path.is_file():
            # Kazakh and Russian letters cannot be printed without it; a sheet of "?" is useless.
            raise RuntimeError(f"PDF font {path} is missing (install fonts-dejavu-core)")
        self.pdf.add_font("DejaVu", "", str(path))
        self.pdf.set_font("DejaVu", size=9)

    def sheet(self, number: int) -> None:
        self.pdf.add_page()
        self._header(number)
        self._table()
        self._certification(number)

    def _text(self, y: float, text: str, size: float = 9, width: float = 0) -> float:
        self.pdf.set_font(size=size)
        self.pdf.set_xy(MARGIN, y)
        self.pdf.multi_cell(width or self.pdf.w - 2 * MARGIN - QR_SIZE - 5, size * 0.45, text)
        return self.pdf.get_y()

    def _header(self, number: int) -> None:
        petition = self.petition
        place = petition.constituency
        y = self._text(MARGIN, _("Signature sheet № %(number)s", number=number), size=14)
        y = self._text(
            y + 1,
            _("in support of the recall petition № %(id)s", id=petition.id),
            size=11,
        )
        y = self._text(
            y + 2, _("Deputy to be recalled: %(name)s", name=petition.deputy.full_name), size=10
        )
        y = self._text(
            y,
            _(
                "%(body)s, constituency № %(number)s %(name)s",
                body=localized(place.body),
                number=place.number,
                name=localized(place),
            ),
        )
        y = self._text(
            y, _("Statement of reasons, SHA-256: %(hash)s", hash=petition.statement_sha256 or "")
        )
        self._text(y, _("The petition online: %(url)s", url=self.url), size=8)
        self._qr(self.pdf.w - MARGIN - QR_SIZE, MARGIN)

    def _qr(self, x: float, y: float) -> None:
        code = segno.make(self.url, error="m")
        modules = code.matrix
        size = QR_SIZE / len(modules)
        self.pdf.set_fill_color(0, 0, 0)
        for row, line in enumerate(modules):
            for column, dark in enumerate(line):
                if dark:
                    self.pdf.rect(x + column * size, y + row * size, size, size, style="F")

    def _columns(self) -> list[tuple[str, float]]:
        return [
            (_("№"), 10),
            (_("Surname, name, patronymic"), 62),
            (_("Date of birth"), 25),
            (_("IIN"), 35),
            (_("Address of residence"), 75),
            (_("Date of signing"), 25),
            (_("Signature"), 45),
        ]

    def _table(self) -> None:
        top, heading, row = 48.0, 9.0, 10.0
        self.pdf.set_font(size=8)
        self.pdf.set_fill_color(230, 230, 230)
        x = MARGIN
        for title, width in self._columns():
            self.pdf.set_xy(x, top)
            self.pdf.multi_cell(width, heading / 2, title, border=1, align="C", fill=True)
            x += width
        for line in range(ROWS):
            x = MARGIN
            y = top + heading + line * row
            for column, (_title, width) in enumerate(self._columns()):
                self.pdf.rect(x, y, width, row)
                if column == 0:
                    self.pdf.set_xy(x, y)
                    self.pdf.cell(width, row, str(line + 1), align="C")
                x += width

    def _certification(self, number: int) -> None:
        y = 48.0 + 9.0 + ROWS * 10.0 + 4
        text = _(
            "I certify that the signatures on this sheet were collected in my presence. "
            "Collector: ______________________________ (surname, name, patronymic), "
            "IIN ____________________, address of residence "
            "______________________________________________."
        )
        y = self._text(y, text, width=self.pdf.w - 2 * MARGIN)
        self._text(
            y + 4,
            _("Collector's signature ____________________   Date ____________________"),
            width=self.pdf.w - 2 * MARGIN,
        )
        self._text(
            self.pdf.h - MARGIN - 4,
            _(
                "Sheet № %(number)s of the recall petition № %(id)s (printed %(date)s). "
                "The election commission registers it in a paper batch under this number.",
                number=number,
                id=self.petition.id,
                date=self.printed,
            ),
            size=7,
            width=self.pdf.w - 2 * MARGIN,
        )
