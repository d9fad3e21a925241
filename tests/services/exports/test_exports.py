"""The official record of a petition exported as CSV and PDF."""

import csv
import hashlib
import io
import re

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import (
    AuditEntry,
    PaperSheet,
    Role,
    SampleDraw,
    SampleItem,
    Signature,
)
from app.services.audit import chain as audit
from app.services.exports import commands as exports
from app.services.exports.csv_file import safe_cell
from tests.factories import (
    make_body,
    make_collecting_petition,
    make_officer,
    make_petition,
    make_signature,
    make_user,
    make_voter,
)
from tests.support.exports import (
    NOW,
    PAPER_IIN,
    build_petition_with_signatures,
)
from tests.support.pdf import pdf_text
from tests.support.sql import recorded_sql


@pytest.fixture
def petition_with_signatures(app):
    return build_petition_with_signatures()


def read_csv(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def section(rows: list[list[str]], title: str) -> list[list[str]]:
    """The rows of a CSV section, its heading row first, up to the next empty row."""
    start = rows.index([title]) + 1
    end = next((i for i in range(start, len(rows)) if not rows[i]), len(rows))
    return rows[start:end]


def test_the_csv_lists_every_signature_with_its_iin_station_and_decision(petition_with_signatures):
    petition, officer, voters = petition_with_signatures

    made = exports.export_petition(petition.id, officer.id, "csv", now=NOW)

    rows = read_csv(made.content)
    signatures = section(rows, "Signatures")
    assert signatures[0][:5] == ["No.", "Channel", "Proof of identity", "IIN", "Surname"]
    assert len(signatures) == 1 + 4 and made.rows == 4
    by_iin = {row[3]: row for row in signatures[1:]}
    assert set(by_iin) == {voter.iin for voter in voters} | {PAPER_IIN}
    rejected = by_iin[voters[2].iin]
    assert rejected[2] == "Register match"
    assert rejected[6:] == [
        "2",
        "11 December 2026",
        "Invalid",
        "Of voting age on the day of signing",
        "Under the voting age",
        "Invalid",
        "Officer Әсел",
        "20 December 2026, 11:00 (Astana time)",
        "'+born too late",
    ]
    paper = by_iin[PAPER_IIN]
    assert paper[1:8] == [
        "paper",
        "Paper sheet",
        PAPER_IIN,
        "Сейтқали",
        "Ержан",
        "—",
        "14 December 2026",
    ]
    assert paper[8:10] == ["Waiting for review", "On the active voter register"]


def test_the_csv_carries_the_statement_hash_station_totals_and_decisions(
    petition_with_signatures,
):
    petition, officer, _ = petition_with_signatures

    rows = read_csv(exports.export_petition(petition.id, officer.id, "csv", now=NOW).content)

    expected = hashlib.sha256(petition.statement.encode()).hexdigest()
    assert ["Statement SHA-256", expected] in rows and petition.statement_sha256 == expected
    assert section(rows, "Totals per polling station") == [
        ["Polling station", "Valid", "Invalid", "Waiting for review", "Withdrawn"],
        ["1", "2", "0", "0", "0"],
        ["2", "0", "1", "0", "0"],
        ["—", "0", "0", "1", "0"],
    ]
    decisions = section(rows, "Officers' decisions")[1:]
    assert [row[2] for row in decisions] == ["Petition status changed", "Signature reviewed"]
    assert decisions[1][1] == "Officer Әсел"
    assert decisions[1][4] == ("from Waiting for review to Invalid; Reason: Under the voting age")


def test_the_decisions_cover_sheets_samples_and_the_deputy_but_not_other_petitions(
    petition_with_signatures,
):
    petition, officer, _ = petition_with_signatures
    signature_id = db.session.scalar(
        sa.select(Signature.id).where(Signature.petition_id == petition.id).limit(1)
    )
    sheet_id = db.session.scalar(
        sa.select(PaperSheet.id).where(PaperSheet.petition_id == petition.id)
    )
    draw = SampleDraw(petition_id=petition.id, seed="ab" * 32, published_by_id=officer.id)
    db.session.add(draw)
    db.session.flush()
    item = SampleItem(draw_id=draw.id, signature_id=signature_id, position=1)
    other = make_petition()
    other_signature = make_signature(other)
    db.session.add(item)
    db.session.flush()
    for action, object_type, object_id in [
        ("paper.sheet_accepted", "paper_sheet", sheet_id),
        ("sampling.verdict", "sample_item", item.id),
        ("deputy.recalled", "deputy", petition.deputy_id),
        ("signature.reviewed", "signature", other_signature.id),
        ("petition.status_changed", "petition", other.id),
        ("deputy.recalled", "deputy", other.deputy_id),
    ]:
        audit.record(action, object_type, object_id, actor=officer)
    db.session.commit()

    rows = read_csv(exports.export_petition(petition.id, officer.id, "csv", now=NOW).content)

    decisions = section(rows, "Officers' decisions")[1:]
    assert [row[2:4] for row in decisions] == [
        ["Petition status changed", f"Petition {petition.id}"],
        ["Signature reviewed", decisions[1][3]],
        ["Paper sheet accepted", f"Paper sheet {sheet_id}"],
        ["Sample verdict recorded", f"Sampled signature {item.id}"],
        ["Deputy recalled", f"Deputy {petition.deputy_id}"],
    ]


def test_no_csv_cell_starts_a_spreadsheet_formula(petition_with_signatures):
    petition, officer, _ = petition_with_signatures

    rows = read_csv(exports.export_petition(petition.id, officer.id, "csv", now=NOW).content)

    assert "'=HYPER" in [cell for row in rows for cell in row]
    assert not [cell for row in rows for cell in row if re.match(r"[=+\-@\t\r]", cell)]


@pytest.mark.parametrize("text", ["=1+1", "+7", "-2", "@SUM(A1)", "\tx", "\r=x"])
def test_formula_cells_are_prefixed_with_a_quote(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["Ivanova", "", "1-2", 42, -3])
def test_ordinary_cells_and_numbers_are_left_alone(value):
    assert safe_cell(value) == value


def test_every_export_is_written_to_the_audit_log_with_its_format_and_rows(
    petition_with_signatures,
):
    petition, officer, _ = petition_with_signatures

    exports.export_petition(petition.id, officer.id, "pdf", now=NOW)

    entry = db.session.scalars(
        sa.select(AuditEntry).where(AuditEntry.action == "petition.exported")
    ).one()
    assert (entry.actor_id, entry.object_type, entry.object_id) == (
        officer.id,
        "petition",
        str(petition.id),
    )
    assert entry.details == {"format": "pdf", "rows": 4}
    assert audit.verify_chain().intact


def test_the_pdf_carries_the_statement_hash_and_the_signers(app, petition_with_signatures):
    petition, officer, voters = petition_with_signatures
    app.config["PDF_COMPRESS"] = False

    made = exports.export_petition(petition.id, officer.id, "pdf", now=NOW)

    assert made.content.startswith(b"%PDF") and made.mimetype == "application/pdf"
    text = pdf_text(made.content)
    assert petition.statement_sha256 in text
    assert voters[0].iin in text and PAPER_IIN in text and "Сейтқали" in text
    assert "Totals per polling station" in text and "Signature reviewed" in text
    assert "signature.reviewed" not in text and "{" not in text
    pages = re.findall(r"page (\d+) of\s*(\d+)", text)
    assert pages and pages[0][0] == "1" and {total for _page, total in pages} == {str(len(pages))}


def test_officers_decisions_are_in_words_never_codes_or_json(petition_with_signatures):
    petition, officer, _ = petition_with_signatures

    rows = read_csv(exports.export_petition(petition.id, officer.id, "csv", now=NOW).content)

    decisions = section(rows, "Officers' decisions")[1:]
    assert decisions
    cells = [cell for row in decisions for cell in row]
    assert not [cell for cell in cells if "{" in cell or '":' in cell]
    assert not [cell for cell in cells if re.fullmatch(r"[a-z_]+\.[a-z_]+", cell)]
    reviewed = [row for row in decisions if row[2] == "Signature reviewed"]
    assert reviewed and reviewed[0][1] == "Officer Әсел"


def test_without_the_unicode_font_the_pdf_still_comes_out_and_says_so(
    app, petition_with_signatures, tmp_path
):
    petition, officer, voters = petition_with_signatures
    app.config.update(PDF_COMPRESS=False, PDF_FONT_PATH=str(tmp_path / "missing.ttf"))

    content = exports.export_petition(petition.id, officer.id, "pdf", now=NOW).content

    assert content.startswith(b"%PDF")
    assert b"the Unicode font is missing" in content
    assert petition.statement_sha256.encode() in content and voters[0].iin.encode() in content


def test_a_large_petition_is_exported_with_a_fixed_number_of_queries(app):
    petition = make_collecting_petition()
    officer = make_officer(bodies=[petition.constituency.body])
    for _ in range(30):
        voter = make_voter(constituency=petition.constituency)
        make_signature(petition, voter_id=voter.id, signer_hash=voter.iin_hash)
    db.session.commit()
    db.session.expire_all()

    with recorded_sql() as few:
        exports.export_petition(petition.id, officer.id, "csv", now=NOW)
    for _ in range(30):
        voter = make_voter(constituency=petition.constituency)
        make_signature(petition, voter_id=voter.id, signer_hash=voter.iin_hash)
    db.session.commit()
    db.session.expire_all()
    with recorded_sql() as many:
        exports.export_petition(petition.id, officer.id, "csv", now=NOW)

    assert len(many) == len(few)


def test_an_officer_of_another_region_cannot_export(app, petition_with_signatures):
    petition, _, _ = petition_with_signatures
    stranger = make_officer(bodies=[make_body()])
    citizen = make_user(role=Role.CITIZEN)
    db.session.commit()

    for user in (stranger, citizen):
        with pytest.raises(exports.ExportError):
            exports.export_petition(petition.id, user.id, "csv", now=NOW)
    assert not db.session.scalar(
        sa.select(sa.func.count()).where(AuditEntry.action == "petition.exported")
    )


def test_an_unknown_petition_or_format_is_refused(petition_with_signatures):
    petition, officer, _ = petition_with_signatures
    with pytest.raises(exports.UnknownPetition):
        exports.export_petition(99_999, officer.id, "csv", now=NOW)
    with pytest.raises(exports.ExportError):
        exports.export_petition(petition.id, officer.id, "xlsx", now=NOW)
