import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from app.extensions import db
from app.models import SignatureStatus as Sig
from app.rules.lifecycle import PetitionStatus as S
from tests.factories import make_collecting_petition, make_petition, make_signature
from tests.support import pages

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def collecting(app):
    return make_collecting_petition(voters=4_000, statement="Promises were not kept.")


def test_the_public_petition_page_shows_statement_threshold_and_calendar(client, collecting):
    page = client.get(f"/petitions/{collecting.id}").get_data(as_text=True)

    assert collecting.deputy.full_name in page and "Promises were not kept." in page
    assert "400" in page and "4,000" in page  # provisional 10% of 4,000 voters
    assert 'datetime="2027-01-08T18:00:00+05:00"' in page
    assert "/rules/kz-maslikhat-2023" in page


def test_a_threshold_without_a_known_electorate_names_no_voter_count(client, collecting):
    collecting.electorate = None  # a rule set with a fixed number, or an old record
    db.session.commit()

    page = client.get(f"/petitions/{collecting.id}").get_data(as_text=True)

    assert "Valid signatures required" in page and "None" not in page
    assert "registered voters" not in page


@pytest.mark.parametrize("status", [S.DRAFT, S.GROUP_FORMING])
def test_a_petition_not_yet_filed_is_not_public(client, app, status):
    petition = make_petition(status=status)
    db.session.commit()

    assert client.get(f"/petitions/{petition.id}").status_code == 404


def test_an_unknown_petition_is_404(client):
    assert client.get("/petitions/12345").status_code == 404


def test_the_deputy_page_links_filed_petitions_but_not_drafts(client, collecting):
    withdrawn = make_petition(status=S.WITHDRAWN, deputy=collecting.deputy)
    db.session.commit()

    page = client.get(f"/deputies/{collecting.deputy_id}").get_data(as_text=True)

    assert f"/petitions/{collecting.id}" in page and "Collecting signatures" in page
    assert f"/petitions/{withdrawn.id}" in page  # withdrawn after filing stays on record


def test_a_deputy_without_petitions_says_so(client, app):
    petition = make_petition(status=S.DRAFT)
    db.session.commit()

    page = client.get(f"/deputies/{petition.deputy_id}").get_data(as_text=True)

    assert "No recall petition has been filed" in page and "/petitions/" not in page


def collecting_until(closes_at, **kw):
    """A collecting petition under the Kazakh maslikhat rules (a running count is public)."""
    petition = make_petition(
        status=S.COLLECTING,
        opened_at=closes_at - timedelta(days=30),
        closes_at=closes_at,
        electorate=80,
        signatures_required=8,
        **kw,
    )
    db.session.commit()
    return petition


def in_an_hour_and_three_days():
    return datetime.now(UTC).replace(microsecond=0) + timedelta(days=3, hours=4, minutes=30)


def test_the_page_shows_progress_toward_the_threshold(client):
    petition = collecting_until(in_an_hour_and_three_days())
    for status in (Sig.VALID, Sig.VALID, Sig.VALID, Sig.PENDING, Sig.INVALID):
        make_signature(petition, status=status)
    db.session.commit()

    page = pages.get(client, f"/petitions/{petition.id}")

    assert "3 of 8 valid signatures" in page
    assert (
        '<progress class="progress" max="100" value="37" aria-labelledby="progress-text">' in page
    )
    assert "37% of the required number" in page
    assert re.search(r"Waiting for review</dt><dd>1</dd>", page)
    figures = r'Figures as of <time datetime="[^"]+">\d\d:\d\d:\d\d</time> <span class="zone">'
    assert re.search(figures + r"\(Astana time\)</span>\.", page)


def test_the_page_shows_the_deadline_in_local_time_with_a_countdown(client):
    closes_at = in_an_hour_and_three_days()
    petition = collecting_until(closes_at)

    page = pages.get(client, f"/petitions/{petition.id}")

    local = closes_at.astimezone(ZoneInfo("Asia/Almaty"))
    assert f'<time id="collection-deadline" datetime="{local.isoformat()}">' in page
    assert local.isoformat().endswith("+05:00")
    assert "Astana time" in page
    assert re.search(r'data-template="\{time\} left"[^>]*>3 days 4 hours left</p>', page)
    assert '<script src="/static/js/countdown.js" defer></script>' in page


def test_the_countdown_script_is_served_by_the_app(client):
    response = client.get("/static/js/countdown.js")

    assert response.status_code == 200
    assert "data-countdown-for" in response.get_data(as_text=True)
    response.close()


def test_the_page_draws_signatures_per_day_as_svg_with_a_table(client):
    petition = collecting_until(in_an_hour_and_three_days())
    for day, signers in ((1, 2), (3, 1)):
        for _ in range(signers):
            make_signature(petition, signed_at=datetime(2026, 11, day, 6, tzinfo=UTC))
    db.session.commit()

    raw = client.get(f"/petitions/{petition.id}").get_data(as_text=True)

    svg = ET.fromstring(raw[raw.index("<svg") : raw.index("</svg>") + len("</svg>")])
    assert svg.find(f"{SVG}title").text == "Signatures per day"
    assert "3 counted signatures from 1 November 2026 to 3 November 2026" in (
        svg.find(f"{SVG}desc").text
    )
    bars = svg.findall(f"{SVG}rect[@class='bar']")
    assert [bar.find(f"{SVG}title").text for bar in bars] == [
        "1 November 2026: 2 signatures",
        "2 November 2026: 0 signatures",
        "3 November 2026: 1 signature",
    ]
    assert '<td>2 November 2026</td><td class="numeric">0</td>' in raw


def test_the_page_says_when_there_are_no_signatures_yet(client):
    petition = collecting_until(in_an_hour_and_three_days())

    page = pages.get(client, f"/petitions/{petition.id}")

    assert "No signatures yet." in page and "<svg" not in page
    assert "0 of 8 valid signatures" in page


def test_under_rules_without_a_running_count_the_page_says_counted_at_close(client):
    petition = collecting_until(in_an_hour_and_three_days(), rule_set_code="uk-2015")
    make_signature(petition)
    db.session.commit()

    page = pages.get(client, f"/petitions/{petition.id}")

    assert "Counted at close" in page
    assert "not published while they are being collected" in page
    assert "<progress" not in page and "<svg" not in page and "valid signatures" not in page
    assert "Signatures per day" not in page
    assert "3 days 4 hours left" in page  # the deadline is public all the same


def test_a_closed_petition_has_no_countdown(client):
    petition = collecting_until(in_an_hour_and_three_days())
    petition.status = S.COLLECTION_CLOSED
    db.session.commit()

    page = pages.get(client, f"/petitions/{petition.id}")

    assert "left</p>" not in page and "countdown.js" not in page
    assert 'id="collection-deadline"' in page


def test_a_collecting_petition_past_its_deadline_says_collection_has_closed(client):
    petition = collecting_until(datetime.now(UTC) - timedelta(minutes=5))

    page = pages.get(client, f"/petitions/{petition.id}")

    assert "Collection has closed." in page and "countdown.js" not in page


def test_a_filed_petition_explains_that_the_deadline_and_threshold_come_later(client):
    petition = make_petition(status=S.FILED)
    db.session.commit()

    page = pages.get(client, f"/petitions/{petition.id}")

    assert "Set when the commission registers the petition and collection opens." in page
    assert "The number of signatures required is fixed when collection opens." in page


@pytest.mark.parametrize("path", ["/petitions/0", "/petitions/99999999999999999999"])
def test_impossible_petition_ids_are_404(client, path):
    assert client.get(path).status_code == 404
