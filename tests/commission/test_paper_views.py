"""The paper sheet pages: batches, blind double keying, resolution, accepted lines."""

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import PaperLine, PaperSheet, Role, SheetStatus, Signature
from app.services.paper.keying import key_sheet
from tests.factories import make_officer
from tests.support import paper as paper_factories
from tests.support.paper import batch_of, paper_petition, paper_url, signer

#: The views use the real clock: the petition opened three days ago, the lines were signed today.
NOW = datetime.now(UTC)
TODAY = NOW.date()


def line_of(number, voter, **changes):
    return paper_factories.line_of(number, voter, **{"signed_on": TODAY} | changes)


def row_data(rows):
    """Form data for keying rows given as dicts of field values."""
    data = {}
    for index, row in enumerate(rows):
        for name, value in row.items():
            data[f"lines-{index}-{name}"] = value
    return data


def typed(line):
    return {
        "line_number": str(line.line_number),
        "iin": line.iin or "",
        "last_name": line.last_name or "",
        "first_name": line.first_name or "",
        "birth_date": line.birth_date.strftime("%d.%m.%Y") if line.birth_date else "",
        "signed_on": line.signed_on.isoformat() if line.signed_on else "",
    }


@pytest.fixture
def setup(app):
    petition, first, second = paper_petition(opened=NOW - timedelta(days=3))
    batch_of(petition, first, first_sheet=1, last_sheet=3)
    sheet = db.session.scalar(
        sa.select(PaperSheet).where(PaperSheet.petition_id == petition.id, PaperSheet.number == 1)
    )
    return petition, sheet, first, second


def test_anonymous_visitors_are_sent_to_sign_in(client, setup):
    petition, sheet, _, _ = setup
    for path in (paper_url(petition), paper_url(petition, f"/sheets/{sheet.id}/key")):
        response = client.get(path)
        assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_an_officer_of_another_body_is_refused(client, setup, auth):
    petition, sheet, _, _ = setup
    outsider = make_officer()
    db.session.commit()
    auth.sign_in(outsider)

    assert client.get(paper_url(petition)).status_code == 403
    assert client.get(paper_url(petition, f"/sheets/{sheet.id}")).status_code == 403
    assert client.post(paper_url(petition, "/batches"), data={}).status_code == 403


def test_a_sheet_of_another_petition_is_404(client, setup, auth):
    petition, sheet, _, _ = setup
    other, other_officer, _ = paper_petition(opened=NOW - timedelta(days=3))
    auth.sign_in(other_officer)

    assert client.get(paper_url(other, f"/sheets/{sheet.id}")).status_code == 404
    assert client.get(paper_url(other, f"/sheets/{sheet.id}/key")).status_code == 404


def test_the_petition_page_links_to_the_paper_sheets(client, setup, auth):
    petition, _, first, _ = setup
    auth.sign_in(first)

    page = client.get(f"/commission/petitions/{petition.id}").get_data(as_text=True)

    assert paper_url(petition) in page


def test_an_officer_registers_a_batch_and_sees_its_sheets(client, setup, auth):
    petition, _, first, _ = setup
    auth.sign_in(first)

    response = client.post(
        paper_url(petition, "/batches"),
        data={
            "collector": "Dana Collector",
            "received_on": TODAY.isoformat(),
            "first_sheet": "10",
            "last_sheet": "12",
        },
        follow_redirects=True,
    )

    page = response.get_data(as_text=True)
    assert "Sheets 10 to 12 are registered." in page
    assert "Dana Collector" in page and 'id="sheet-12"' in page


def test_an_overlapping_batch_is_refused_with_a_clear_message(client, setup, auth):
    petition, _, first, _ = setup
    auth.sign_in(first)

    response = client.post(
        paper_url(petition, "/batches"),
        data={
            "collector": "Dana",
            "received_on": TODAY.isoformat(),
            "first_sheet": "3",
            "last_sheet": "4",
        },
        follow_redirects=True,
    )

    assert "Sheet numbers 3 to 3 overlap" in response.get_data(as_text=True)


@pytest.mark.parametrize("number", [str(2**31), "99999999999999999999"])
def test_a_sheet_number_beyond_the_integer_column_is_refused_not_a_500(client, setup, number, auth):
    petition, _, first, _ = setup
    auth.sign_in(first)
    sheets = db.session.scalar(sa.select(sa.func.count()).select_from(PaperSheet))
    data = {"collector": "Dana", "received_on": TODAY.isoformat()}

    response = client.post(
        paper_url(petition, "/batches"),
        data=data | {"first_sheet": number, "last_sheet": number},
        follow_redirects=True,
    )

    assert response.status_code == 200
    assert "Number must be between 1 and 2147483647" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(PaperSheet)) == sheets


def test_the_keying_form_has_ten_numbered_empty_rows(client, setup, auth):
    petition, sheet, first, _ = setup
    auth.sign_in(first)

    page = client.get(paper_url(petition, f"/sheets/{sheet.id}/key")).get_data(as_text=True)

    assert "keying 1 of 2" in page
    assert 'name="lines-9-line_number"' in page and 'value="10"' in page
    assert 'name="lines-10-line_number"' not in page


def test_keying_twice_by_two_officers_accepts_the_sheet(client, setup, auth):
    petition, sheet, first, second = setup
    voter = signer(petition)
    rows = row_data([typed(line_of(1, voter)), {"line_number": "2"}])
    auth.sign_in(first)
    response = client.post(paper_url(petition, f"/sheets/{sheet.id}/key"), data=rows)
    assert response.status_code == 302 and voter.iin not in response.headers["Location"]

    auth.sign_in(second)
    response = client.post(
        paper_url(petition, f"/sheets/{sheet.id}/key"), data=rows, follow_redirects=True
    )

    page = response.get_data(as_text=True)
    assert "the sheet is accepted" in page
    assert "Accepted, signatures counted" in page and voter.last_name in page
    assert voter.iin not in page  # masked on the accepted lines
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Signature)) == 1


def test_the_second_keying_shows_nothing_of_the_first(client, setup, auth):
    petition, sheet, first, second = setup
    voter = signer(petition, last_name="Zhumabekova")
    key_sheet(petition.id, sheet.id, first.id, [line_of(1, voter)], now=NOW)
    auth.sign_in(second)

    for path in (f"/sheets/{sheet.id}/key", f"/sheets/{sheet.id}", ""):
        page = client.get(paper_url(petition, path)).get_data(as_text=True)
        assert "Zhumabekova" not in page and voter.iin not in page
        assert voter.iin[:6] not in page
    key_page = client.get(paper_url(petition, f"/sheets/{sheet.id}/key")).get_data(as_text=True)
    assert "keying 2 of 2" in key_page and 'name="lines-0-iin"' in key_page


def test_the_first_officer_is_told_another_officer_must_key_the_second_time(client, setup, auth):
    petition, sheet, first, _ = setup
    voter = signer(petition)
    key_sheet(petition.id, sheet.id, first.id, [line_of(1, voter)], now=NOW)
    auth.sign_in(first)

    page = client.get(paper_url(petition, f"/sheets/{sheet.id}/key")).get_data(as_text=True)
    assert 'id="keyed-first"' in page and 'name="lines-0-iin"' not in page

    response = client.post(
        paper_url(petition, f"/sheets/{sheet.id}/key"), data=row_data([typed(line_of(1, voter))])
    )
    assert response.status_code == 422
    assert db.session.get(PaperSheet, sheet.id).status is SheetStatus.KEYED_ONCE


def test_a_bad_iin_is_refused_per_line_and_nothing_is_stored(client, setup, auth):
    petition, sheet, first, _ = setup
    voter = signer(petition)
    bad = voter.iin[:11] + str((int(voter.iin[11]) + 1) % 10)
    auth.sign_in(first)

    response = client.post(
        paper_url(petition, f"/sheets/{sheet.id}/key"),
        data=row_data([typed(line_of(1, voter)), typed(line_of(2, voter, iin=bad))]),
    )

    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Line 2: this is not a valid IIN" in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(PaperLine)) == 0


def test_a_bad_date_is_shown_on_its_line(client, setup, auth):
    petition, sheet, first, _ = setup
    auth.sign_in(first)

    response = client.post(
        paper_url(petition, f"/sheets/{sheet.id}/key"),
        data=row_data([{"line_number": "4", "last_name": "Ivanov", "signed_on": "31.02.2026"}]),
    )

    assert response.status_code == 422
    assert "Enter the date as YYYY-MM-DD or DD.MM.YYYY." in response.get_data(as_text=True)


def test_mismatches_are_shown_side_by_side_and_resolved(client, setup, auth):
    petition, sheet, first, second = setup
    voter = signer(petition, first_name="Aliya")
    key_sheet(petition.id, sheet.id, first.id, [line_of(1, voter)], now=NOW)
    key_sheet(petition.id, sheet.id, second.id, [line_of(1, voter, first_name="Alia")], now=NOW)
    third = make_officer(bodies=[petition.constituency.body])
    db.session.commit()
    auth.sign_in(third)

    page = client.get(paper_url(petition, f"/sheets/{sheet.id}")).get_data(as_text=True)
    assert 'id="mismatch-1"' in page and ">Alia<" in page and ">Aliya<" in page
    assert voter.iin in page  # both readings in full, for the officers comparing them
    form = client.get(paper_url(petition, f"/sheets/{sheet.id}/resolve")).get_data(as_text=True)
    assert f'value="{voter.last_name}"' in form  # agreed fields are filled in

    row = typed(line_of(1, voter))
    response = client.post(
        paper_url(petition, f"/sheets/{sheet.id}/resolve"),
        data=row_data([row]),
        follow_redirects=True,
    )

    assert "the sheet is accepted" in response.get_data(as_text=True)
    assert db.session.get(PaperSheet, sheet.id).status is SheetStatus.ACCEPTED
    assert db.session.scalar(sa.select(Signature.status)).value == "valid"


def test_a_citizen_cannot_reach_the_paper_pages(client, setup, auth):

    petition, _, _, _ = setup
    auth.sign_in_new(Role.CITIZEN)
    assert client.get(paper_url(petition)).status_code == 403
