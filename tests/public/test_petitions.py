from datetime import UTC, datetime, timedelta

import pytest

from app.extensions import db
from app.models import SignatureStatus as Sig
from app.rules.lifecycle import PetitionStatus as S
from tests.factories import (
    make_body,
    make_constituency,
    make_deputy,
    make_petition,
    make_region,
    make_signature,
)
from tests.support import pages


def petition_against(name, *, constituency=None, **kw):
    constituency = constituency or make_constituency()
    petition = make_petition(deputy=make_deputy(constituency=constituency, full_name=name), **kw)
    db.session.commit()
    return petition


def test_the_list_shows_each_filed_petition_with_deputy_place_status_count_and_deadline(client):
    closes = datetime(2027, 1, 8, 13, 0, tzinfo=UTC)
    place = make_constituency(name="Almaly 4", body=make_body(name="Almaly maslikhat"))
    petition = petition_against(
        "Aruzhan Kassymova",
        constituency=place,
        status=S.COLLECTING,
        opened_at=closes - timedelta(days=30),
        closes_at=closes,
        signatures_required=400,
    )
    for status in (Sig.VALID, Sig.PENDING, Sig.INVALID, Sig.WITHDRAWN):
        make_signature(petition, status=status)
    petition_against("Hidden Draft", status=S.DRAFT)
    db.session.commit()

    page = pages.get(client, "/petitions")

    assert "1 petition" in page
    assert f'href="/petitions/{petition.id}">Petition № {petition.id}</a>' in page
    assert "Aruzhan Kassymova" in page and "Almaly 4" in page and "Almaly maslikhat" in page
    assert "Collecting signatures" in page
    # The valid signature only: pending, invalid and withdrawn ones do not count.
    shown = page.one("[data-valid-count]")
    assert shown["data-valid-count"] == "1" and shown.get_text(strip=True) == "1 of 400 — 0%"
    assert 'datetime="2027-01-08T18:00:00+05:00">8 January 2027, 18:00</time>' in page
    assert "Hidden Draft" not in page


def test_the_list_says_counted_at_close_under_rules_without_a_running_count(client):
    petition = petition_against("British Member", status=S.COLLECTING, rule_set_code="uk-2015")
    make_signature(petition)
    db.session.commit()

    page = pages.get(client, "/petitions")

    assert "Counted at close" in page
    assert "Not set yet" in page  # no deadline recorded on this petition


def test_the_list_filters_by_body_region_and_status(client):
    region = make_region(code="NORTH")
    body = make_body(code="KEEP", region=region)
    petition_against("Kept Deputy", constituency=make_constituency(body=body), status=S.FILED)
    petition_against("Wrong Status", constituency=make_constituency(body=body), status=S.REFUSED)
    petition_against(
        "Wrong Region",
        constituency=make_constituency(body=body, region=make_region()),
        status=S.FILED,
    )
    petition_against("Wrong Body", status=S.FILED)

    page = pages.get(client, "/petitions?body=KEEP&region=NORTH&status=filed")

    assert "Kept Deputy" in page
    assert "Wrong" not in page
    assert '<option selected value="KEEP">' in page
    assert '<option selected value="filed">Filed with the commission</option>' in page


def test_the_filters_are_labelled_selects_offering_only_public_statuses(client):
    page = pages.get(client, "/petitions")

    for field, label in (
        ("body", "Representative body"),
        ("region", "Region"),
        ("status", "Status"),
    ):
        assert f'<label class="field__label" for="{field}">{label}</label>' in page
        assert f'<select class="field__input" id="{field}" name="{field}">' in page
    assert 'value="collecting"' in page and 'value="draft"' not in page
    assert 'method="get"' in page


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("body=NOPE", "There is no representative body with the code “NOPE”."),
        ("region=NOPE", "There is no region with the code “NOPE”."),
        ("status=draft", "There is no petition status “draft”."),
        ("status=%00", "There is no petition status “\x00”."),
    ],
)
def test_unknown_filter_values_give_an_empty_list_and_say_why(client, query, message):
    petition_against("Any Deputy", status=S.FILED)

    page = pages.get(client, f"/petitions?{query}")

    assert message in page
    assert "Any Deputy" not in page
    assert 'href="/petitions">Show all petitions</a>' in page


def test_a_filter_that_matches_nothing_says_so(client):
    petition_against("Any Deputy", status=S.FILED)

    assert "No petitions match these filters." in pages.get(client, "/petitions?status=recalled")


@pytest.mark.parametrize(
    "query", ["body=%FF", "region=" + "x" * 3000, "status=" + "%00" * 10, "body=&region=&status="]
)
def test_odd_filter_values_never_give_a_server_error(client, query):
    assert client.get(f"/petitions?{query}").status_code == 200


def test_the_navigation_and_the_home_page_link_the_petition_list(client):
    home = pages.get(client, "/")
    listing = pages.get(client, "/petitions")

    assert '<a href="/petitions">Petitions</a>' in home
    assert 'href="/petitions">All recall petitions</a>' in home
    assert '<a href="/petitions" aria-current="page">Petitions</a>' in listing
