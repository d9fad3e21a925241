"""What both renderers write for the facts of a petition's record: the words of its codes (from
``app.labels``) and the form of its moments, so that the CSV and the PDF read alike."""

from datetime import datetime

from flask_babel import gettext as _

from app.i18n import shown_date, shown_moment
from app.labels import label
from app.models import SignatureStatus
from app.services.exports.record import PetitionRecord, SignatureRow

#: A cell with no value (a signer matched to no polling station).
NONE = "—"

#: The columns of the totals per polling station, after the station.
TOTAL_STATUSES = (
    SignatureStatus.VALID,
    SignatureStatus.INVALID,
    SignatureStatus.PENDING,
    SignatureStatus.WITHDRAWN,
)


def stamp(moment: datetime | None) -> str:
    """A moment of the record (already in the petition's zone), to the minute, written as the
    pages write it in the reader's language, with the zone in words."""
    return shown_moment(moment, moment.tzinfo) if moment else ""


def rule_set(record: PetitionRecord) -> str:
    return f"{record.rule_set_code} v{record.rule_set_version}"


def statement_sha256(record: PetitionRecord) -> str:
    return record.statement_sha256 or _("(not filed)")


def station(number: str | None) -> str:
    return number or NONE


def signer_cells(row: SignatureRow) -> tuple:
    """The columns that open a signature's row in every format: who signed, where, when, and
    the signature's status."""
    return (
        row.number,
        row.channel.value,
        label(row.proof),
        row.iin,
        row.last_name,
        row.first_name,
        station(row.station),
        shown_date(row.signed_on),
        label(row.status),
    )


def total_headers() -> list[str]:
    return [_("Polling station"), *(label(status) for status in TOTAL_STATUSES)]
