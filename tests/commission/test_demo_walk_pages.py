"""What an officer walking the commission procedure sees: the resolve page shows both readings,
the first keyer is not offered the second keying, a bulk preview names its filter, the history
and the audit log speak in words, and the petition pages show the deadline with the time left."""

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from app.extensions import db
from app.models import PaperSheet, Role
from app.rules.checks import Check
from app.services.paper.keying import key_sheet
from tests.factories import make_collecting_petition, make_voter
from tests.support import pages
from tests.support.paper import batch_of, line_of, paper_petition, paper_url, signer
from tests.support.review import flagged

#: The views use the real clock: the petition opened three days ago, the lines were signed today.
NOW = datetime.now(UTC)
TODAY = NOW.date()


def mismatched_sheet():
    petition, first, second = paper_petition(opened=NOW - timedelta(days=3))
    batch_of(petition, first, first_sheet=1, last_sheet=1)
    sheet = db.session.scalar(sa.select(PaperSheet).where(PaperSheet.petition_id == petition.id))
    voter = signer(petition, last_name="Nurlanova", first_name="Aliya")
    key_sheet(petition.id, sheet.id, first.id, [line_of(1, voter, signed_on=TODAY)], now=NOW)
    key_sheet(
        petition.id,
        sheet.id,
        second.id,
        [line_of(1, voter, signed_on=TODAY, first_name="Alia")],
        now=NOW,
    )
    db.session.commit()
    return petition, sheet, first, second


def test_the_resolve_page_shows_both_readings_and_marks_the_difference(client, app, auth):
    petition, sheet, first, _ = mismatched_sheet()
    auth.sign_in(first)

    page = pages.get(client, paper_url(petition, f"/sheets/{sheet.id}/resolve"))

    assert 'id="mismatch-1"' in page
    assert "Aliya" in page and "Alia" in page and "reading__diff" in page


def test_the_first_keyer_is_not_offered_the_second_keying(client, app, auth):
    petition, first, second = paper_petition(opened=NOW - timedelta(days=3))
    batch_of(petition, first, first_sheet=1, last_sheet=1)
    sheet = db.session.scalar(sa.select(PaperSheet).where(PaperSheet.petition_id == petition.id))
    voter = signer(petition)
    key_sheet(petition.id, sheet.id, first.id, [line_of(1, voter, signed_on=TODAY)], now=NOW)
    db.session.commit()

    auth.sign_in(first)
    page = pages.get(client, paper_url(petition, f"/sheets/{sheet.id}"))
    assert 'id="key-sheet"' not in page and 'id="keyed-first"' in page

    auth.sign_in(second)
    page = pages.get(client, paper_url(petition, f"/sheets/{sheet.id}"))
    assert 'id="key-sheet"' in page


def test_the_bulk_preview_names_the_filter_it_applies_to(client, app, auth):
    petition = make_collecting_petition()
    for _ in range(2):
        flagged(petition, make_voter(constituency=petition.constituency), Check.IN_CONSTITUENCY)
    db.session.commit()
    auth.sign_in_new(Role.COMMISSION, petition=petition)

    response = client.post(
        f"/commission/petitions/{petition.id}/review/bulk",
        data={
            "bulk-decision": "invalid",
            "bulk-reason": "other_constituency",
            "bulk-check": str(int(Check.IN_CONSTITUENCY)),
        },
    )

    page = pages.read(response)
    assert "2 signatures will be marked invalid: Voter of another constituency." in page
    assert 'id="bulk-filter"' in page and "only those waiting for review" in page
    assert "Voter of the petition's constituency" in page


def test_the_petition_page_speaks_in_words_and_counts_down(client, app, auth):
    petition = make_collecting_petition()
    for _ in range(2):
        flagged(petition, make_voter(constituency=petition.constituency), Check.IN_CONSTITUENCY)
    db.session.commit()
    auth.sign_in_new(Role.COMMISSION, petition=petition)
    client.post(
        f"/commission/petitions/{petition.id}/review/bulk/confirm",
        data={
            "decision": "invalid",
            "reason": "other_constituency",
            "check": str(int(Check.IN_CONSTITUENCY)),
            "expected": "2",
        },
    )

    page = pages.get(client, f"/commission/petitions/{petition.id}")

    assert "Signatures reviewed in bulk" in page and "signatures.bulk_reviewed" not in page
    assert ": Voter of another constituency" in page
    assert 'id="current-deadline"' in page and "left" in page

    audit = pages.get(client, "/commission/audit")
    assert "Signatures reviewed in bulk" in audit


def test_the_open_petitions_list_shows_the_time_left(client, app, auth):
    petition = make_collecting_petition()
    db.session.commit()
    auth.sign_in_new(Role.COMMISSION, petition=petition)

    page = pages.get(client, "/commission/petitions")

    assert "Signature collection closes" in page and "left" in page
