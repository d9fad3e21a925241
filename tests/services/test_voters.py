"""A voter's constituencies, one per body: the register row's own, then the station map's."""

from app.extensions import db
from app.models import BodyKind, PollingStation
from app.services.voters import constituencies_of
from tests.factories import make_body, make_constituency, make_voter
from tests.support.citizen import city_and_region, map_station


def test_without_a_map_a_voter_has_the_register_rows_constituency_only(app):
    city, _regional = city_and_region(mapped=False)
    voter = make_voter(constituency=city.constituency)

    assert constituencies_of(voter) == [city.constituency]


def test_the_map_adds_the_constituency_of_each_other_body_after_the_register_rows(app):
    city, regional = city_and_region()
    district_body = make_body(
        code="AAA-DM", kind=BodyKind.DISTRICT_MASLIKHAT, region=city.constituency.region
    )
    district = make_constituency(body=district_body)
    map_station("1", district)
    voter = make_voter(constituency=city.constituency)
    db.session.commit()

    # The register row's first; the others by body code (AAA-DM before KARAGANDA-RM).
    assert constituencies_of(voter) == [city.constituency, district, regional.constituency]


def test_the_register_row_wins_over_a_map_row_for_its_own_body(app):
    city, regional = city_and_region()
    other_city_seat = make_constituency(body=city.constituency.body)
    map_station("1", other_city_seat)
    voter = make_voter(constituency=city.constituency)

    assert constituencies_of(voter) == [city.constituency, regional.constituency]


def test_a_station_of_the_same_number_in_another_region_is_not_the_voters(app):
    city, _regional = city_and_region(mapped=False)
    elsewhere = make_constituency(body=make_body(kind=BodyKind.REGIONAL_MASLIKHAT))
    map_station("1", elsewhere)
    voter = make_voter(constituency=city.constituency)

    assert elsewhere.region_id != city.constituency.region_id
    assert constituencies_of(voter) == [city.constituency]


def test_a_voter_at_an_unmapped_station_has_the_register_rows_constituency_only(app):
    city, regional = city_and_region()

    station = PollingStation(constituency_id=city.constituency.id, number="2")
    db.session.add(station)
    db.session.flush()
    voter = make_voter(constituency=city.constituency, polling_station_id=station.id)

    assert constituencies_of(voter) == [city.constituency]
