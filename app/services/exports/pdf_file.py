"""The petition record as a PDF (fpdf2): the same content as the CSV, in printable tables.

Cyrillic and Kazakh letters need a Unicode TrueType font: DejaVu Sans from the Debian package
``fonts-dejavu-core`` (or the file named by ``PDF_FONT_PATH``). Without it the PDF still comes
out, in a built-in font, with letters outside Latin-1 replaced by "?" and a warning printed at
the top and logged. Rows are written with low-level text calls (one per cell), which keeps tens
of thousands of signatures to seconds; a cell too long for its column is shortened with "…"
(the CSV export has every value in full).
"""

import logging
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from fpdf import FPDF

from app.labels import label, review_reason_label
from app.rules.checks import ALL_CHECKS
from app.services.audit.queries import describe
from app.services.exports import cells
from app.services.exports.record import PetitionRecord

log = logging.getLogger(__name__)

DEFAULT_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
MARGIN = 10
ROW = 4.2
SIZE = 6.5
#: Millimetres per point; no glyph is wider than about one em, so short text surely fits.
PT_MM = 0.3528


class _Document(FPDF):
    footer_text = ""

    def footer(self) -> None:
        self.set_font(size=SIZE)
        self.text(MARGIN, self.h - 5, f"{self.footer_text}   {self.page_no()}/{{nb}}")


class _Writer:
    def __init__(self, record: PetitionRecord) -> None:
        self.pdf = _Document(orientation="L", format="A4")
        self.pdf.set_compression(current_app.config.get("PDF_COMPRESS", True))
        self.pdf.set_auto_page_break(False)
        self.pdf.set_margins(MARGIN, MARGIN)
        self.unicode = self._load_font()
        self.pdf.set_title(self.clean(_("Recall petition № %(id)s", id=record.petition_id)))
        statement = cells.statement_sha256(record)
        self.pdf.set_subject(f"Statement SHA-256 {statement}")
        self.pdf.footer_text = self.clean(
            _(
                "Petition № %(id)s, statement SHA-256 %(hash)s",
                id=record.petition_id,
                hash=statement,
            )
        )
        self.bottom = self.pdf.h - MARGIN - 4
        self.pdf.add_page()

    def _load_font(self) -> bool:
        path = Path(current_app.config.get("PDF_FONT_PATH", DEFAULT_FONT))
        if path.is_file():
            self.pdf.add_font("DejaVu", "", str(path))
            self.pdf.set_font("DejaVu", size=SIZE)
            return True
        log.warning("PDF export: font %s is missing (install fonts-dejavu-core)", path)
        self.pdf.set_font("Helvetica", size=SIZE)
        return False

    def clean(self, text: str) -> str:
        if self.unicode:
            return text
        text = text.replace("…", "...").replace("—", "-").replace("→", "->").replace("№", "No.")
        return text.encode("latin-1", "replace").decode("latin-1")

    def fit(self, text: str, width: float) -> str:
        """``text`` shortened with an ellipsis to fit ``width`` millimetres."""
        text = self.clean(text)
        room = width - 1.2
        if len(text) * SIZE * PT_MM < room or self.pdf.get_string_width(text) <= room:
            return text
        ellipsis = self.clean("…")
        low, high = 0, len(text)
        while low < high:
            middle = (low + high + 1) // 2
            if self.pdf.get_string_width(text[:middle] + ellipsis) <= room:
                low = middle
            else:
                high = middle - 1
        return text[:low] + ellipsis

    @property
    def y(self) -> float:
        return self.pdf.get_y()

    def line(self, text: str, size: float = SIZE, gap: float = ROW) -> None:
        self.need(gap)
        self.pdf.set_font(size=size)
        self.pdf.text(MARGIN, self.y + gap - 1.2, self.clean(text))
        self.pdf.set_font(size=SIZE)
        self.pdf.set_y(self.y + gap)

    def need(self, height: float) -> None:
        if self.y + height > self.bottom:
            self.pdf.add_page()

    def table(self, columns: list[tuple[str, float]], rows) -> None:
        """A grid of one-line cells; the heading row is repeated on every page."""
        total = sum(width for _title, width in columns)

        def heading() -> None:
            self.pdf.set_fill_color(225, 225, 225)
            self.pdf.rect(MARGIN, self.y, total, ROW, style="F")
            self.cells([title for title, _width in columns], columns)

        self.need(ROW * 2)
        heading()
        for row in rows:
            if self.y + ROW > self.bottom:
                self.pdf.add_page()
                heading()
            self.cells(row, columns)
        self.pdf.set_y(self.y + ROW)

    def cells(self, values, columns) -> None:
        x, y = MARGIN, self.y
        for value, (_title, width) in zip(values, columns, strict=True):
            self.pdf.text(x + 0.6, y + ROW - 1.2, self.fit(str(value), width))
            x += width
        self.pdf.line(MARGIN, y + ROW, x, y + ROW)
        self.pdf.set_y(y + ROW)


def check_codes(bits: int) -> str:
    """The failed checks as their numbers in the legend (1 = on the register, ...)."""
    return ", ".join(str(index) for index, check in enumerate(ALL_CHECKS, 1) if bits & check)


def render(record: PetitionRecord) -> bytes:
    w = _Writer(record)
    w.line(_("Recall petition № %(id)s: signature list", id=record.petition_id), 13, 8)
    if not w.unicode:
        w.line(_("Warning: the Unicode font is missing; non-Latin letters are shown as ?."), 9, 6)
    for heading, value in (
        (_("Deputy"), record.deputy),
        (_("Constituency"), record.constituency),
        (_("Status"), label(record.status)),
        (_("Rule set"), cells.rule_set(record)),
        (_("Statement SHA-256"), cells.statement_sha256(record)),
        (_("Generated"), f"{cells.stamp(record.generated_at)} ({record.generated_by})"),
        (_("Signatures"), str(len(record.signatures))),
    ):
        w.line(f"{heading}: {value}", 8, 4.5)
    w.line(_("Automatic checks failed (numbers in the table):"), SIZE, 6)
    for index, check in enumerate(ALL_CHECKS, 1):
        w.line(f"{index} = {label(check)}")

    w.line(_("Totals per polling station"), 10, 8)
    w.table(
        list(zip(cells.total_headers(), (30, 20, 20, 20, 20), strict=True)),
        (
            (cells.station(t.station), t.valid, t.invalid, t.pending, t.withdrawn)
            for t in record.stations
        ),
    )

    w.line(_("Signatures"), 10, 8)
    w.table(
        [
            (_("No."), 10),
            (_("Channel"), 12),
            (_("Proof"), 16),
            (_("IIN"), 21),
            (_("Surname"), 30),
            (_("First name"), 24),
            (_("Station"), 13),
            (_("Signed"), 16),
            (_("Status"), 16),
            (_("Checks"), 15),
            (_("Reason"), 30),
            (_("Decided by"), 30),
            (_("Decided at"), 22),
            (_("Comment"), 22),
        ],
        (
            (
                *cells.signer_cells(s),
                check_codes(s.failed_checks),
                review_reason_label(s.reason),
                s.decided_by or "",
                cells.stamp(s.decided_at),
                s.comment or "",
            )
            for s in record.signatures
        ),
    )

    w.line(_("Officers' decisions"), 10, 8)
    w.table(
        [
            (_("When"), 24),
            (_("Who"), 40),
            (_("Action"), 45),
            (_("Object"), 28),
            (_("Details"), 140),
        ],
        (
            (cells.stamp(d.at), d.actor, d.action, cells.audit_object(d), describe(d.details))
            for d in record.decisions
        ),
    )
    return bytes(w.pdf.output())
