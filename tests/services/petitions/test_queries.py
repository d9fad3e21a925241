from datetime import UTC, date, datetime, timedelta

import pytest
from werkzeug.exceptions import NotFound

from app.extensions import db
from app.models import SignatureStatus as Sig
from app.rules.lifecycle import PetitionStatus as S
from app.services.directory.queries import UnknownFilter
from app.services.petitions import queries
from app.services.petitions.counts import percent_reached
from tests.factories import (
    make_body,
    make_constituency,
    make_deputy,
    make_petition,
    make_region,
    make_signature,
)
from tests.support.sql import recorded_sql

NOW = datetime(2026, 12, 20, 6, 0, tzinfo=UTC)


def petition_in(constituency, **kw):
    return make_petition(deputy=make_deputy(constituency=constituency), **kw)


def test_only_filed_petitions_are_listed_newest_first(app):
    older = make_petition(status=S.COLLECTING)
    make_petition(status=S.DRAFT)
    make_petition(status=S.GROUP_FORMING)
    newer = make_petition(status=S.FILED)

    assert queries.fetch_petitions() == [newer, older]


def test_petitions_filter_by_body_region_constituency_and_status(app):
    region = make_region(code="NORTH")
    body = make_body(code="KEEP", region=region)
    place = make_constituency(code="HERE", body=body, region=region)
    kept = petition_in(place, status=S.COLLECTING)
    filed = petition_in(make_constituency(body=body, region=region), status=S.FILED)
    elsewhere = petition_in(make_constituency(body=body, region=make_region()), status=S.COLLECTING)
    make_petition(status=S.COLLECTING)

    assert queries.fetch_petitions(body_code="KEEP") == [elsewhere, filed, kept]
    assert queries.fetch_petitions(body_code="KEEP", status="collecting") == [elsewhere, kept]
    assert queries.fetch_petitions(region_code="NORTH") == [filed, kept]
    assert queries.fetch_petitions(constituency_code="HERE") == [kept]
    assert queries.fetch_petitions(region_code="NORTH", status="filed") == [filed]


@pytest.mark.parametrize(
    ("filters", "field"),
    [
        ({"body_code": "NOPE"}, "body"),
        ({"region_code": "NOPE"}, "region"),
        ({"constituency_code": "NOPE"}, "constituency"),
        ({"constituency_code": "\x00"}, "constituency"),
        ({"body_code": "x" * 500}, "body"),
        ({"status": "shredded"}, "status"),
        ({"status": "draft"}, "status"),  # never public, so never a filter
    ],
)
def test_an_unknown_filter_value_is_refused_by_name(app, filters, field):
    make_petition(status=S.COLLECTING)

    with pytest.raises(UnknownFilter) as refused:
        queries.fetch_petitions(**filters)

    assert refused.value.field == field


def test_empty_filter_values_mean_no_filter(app):
    petition = make_petition(status=S.COLLECTING)

    assert queries.fetch_petitions(body_code="", region_code="", status="") == [petition]


@pytest.mark.parametrize("status", [S.DRAFT, S.GROUP_FORMING])
def test_a_petition_not_yet_filed_is_not_found(app, status):
    petition = make_petition(status=status)

    with pytest.raises(NotFound):
        queries.get_public_petition(petition.id)


@pytest.mark.parametrize("petition_id", [0, -1, 2**31, 10**20])
def test_impossible_petition_ids_are_not_found_without_asking_the_database(app, petition_id):
    with pytest.raises(NotFound):
        queries.get_public_petition(petition_id)


def test_listing_many_petitions_counts_them_all_in_one_query(app, client):
    app.config["SIGNATURE_COUNT_INTERVAL"] = 0  # count on every request, not from the cache
    petitions = [make_petition(status=S.COLLECTING) for _ in range(4)]
    petitions.append(make_petition(status=S.COLLECTING, rule_set_code="uk-2015"))
    for petition in petitions:
        make_signature(petition, status=Sig.VALID)
    db.session.commit()

    with recorded_sql() as api:
        items = client.get("/api/v1/petitions").get_json()
    with recorded_sql() as page:
        assert client.get("/petitions").status_code == 200

    counting = [s for s in api if "FROM signatures" in s]
    assert len(counting) == 1 and "GROUP BY" in counting[0]
    # The petitions with deputies and places, the confirmed rule-set versions (read once per
    # request), then their counts.
    assert len(api) == 3
    assert sum("FROM rule_set_versions" in statement for statement in api) == 1
    # The petitions and their counts, the bodies and regions of the filter form, and the
    # site-wide pause banner's (the test's app context already holds the versions read above).
    assert len(page) == 5
    assert [item["signatures"]["valid"] for item in items] == [None, 1, 1, 1, 1]


def test_listings_give_the_deadline_in_the_rule_sets_zone(app):
    closes = datetime(2027, 1, 8, 13, 0, tzinfo=UTC)
    make_petition(status=S.COLLECTING, opened_at=closes - timedelta(days=30), closes_at=closes)

    [item] = queries.fetch_listings(NOW)

    assert item.closes_at.isoformat() == "2027-01-08T18:00:00+05:00"


@pytest.mark.parametrize(
    ("valid", "required", "percent"),
    [
        (0, 400, 0),
        (123, 400, 30),
        (399, 400, 99),
        (400, 400, 100),
        (75, 60, 125),
        (900, 400, 225),
        (5, None, None),
    ],
)
def test_progress_is_a_whole_percent_shown_past_100_when_exceeded(valid, required, percent):
    assert percent_reached(valid, required) == percent


def collecting(closes_at, **kw):
    petition = make_petition(
        status=S.COLLECTING,
        opened_at=closes_at - timedelta(days=30),
        closes_at=closes_at,
        electorate=4_000,
        signatures_required=400,
        **kw,
    )
    db.session.commit()
    return petition


def test_the_petition_page_has_time_left_while_collecting(app):
    petition = collecting(NOW + timedelta(days=3, hours=4))
    make_signature(petition, status=Sig.VALID, signed_at=NOW - timedelta(hours=1))
    db.session.commit()

    page = queries.petition_page(petition.id, NOW)

    assert page.time_left == timedelta(days=3, hours=4)
    assert page.closes_at.utcoffset() == timedelta(hours=5)
    assert page.counts.valid == 1 and page.progress == 0
    assert page.per_day == [(date(2026, 12, 20), 1)]  # 10:00 in Almaty


def test_the_petition_page_has_no_time_left_once_the_deadline_has_passed(app):
    petition = collecting(NOW - timedelta(minutes=1))

    assert queries.petition_page(petition.id, NOW).time_left is None


def test_the_petition_page_hides_figures_under_rules_without_a_running_count(app):
    petition = collecting(NOW + timedelta(days=3), rule_set_code="uk-2015")
    make_signature(petition, status=Sig.VALID)
    db.session.commit()

    page = queries.petition_page(petition.id, NOW)

    assert (page.counts, page.per_day, page.progress) == (None, None, None)
    assert page.time_left == timedelta(days=3)
