"""Starting a recall as a voter of several bodies: their register row's constituency and the
ones the station map gives through their polling station, each deputy checked under the rule set
of their own body."""

from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import AuditEntry, DeputyStatus, InitiativeMember, Petition
from app.rules.lifecycle import PetitionStatus as S
from app.services.initiative.common import InitiativeRefused, Refusal
from app.services.initiative.start import start_check, start_page, start_petition
from tests.factories import make_deputy, make_petition, make_user
from tests.support.citizen import citizen_of, city_and_region

NOW = datetime(2026, 11, 26, 6, 0, tzinfo=UTC)
STATEMENT = "The deputy has not held a single meeting with voters."


@pytest.fixture
def seats(app):
    city, regional = city_and_region()
    db.session.commit()
    return city, regional


@pytest.fixture
def temirtau_voter(seats):
    """A verified voter whose register row names the city constituency, at station 1."""
    city, _regional = seats
    return citizen_of(city.constituency)


def nothing_written():
    return (
        db.session.scalar(sa.select(sa.func.count(Petition.id))) == 0
        and db.session.scalar(sa.select(sa.func.count(InitiativeMember.id))) == 0
        and db.session.scalar(sa.select(sa.func.count(AuditEntry.id))) == 0
    )


def refusal_of(call, *args, **kwargs) -> InitiativeRefused:
    with pytest.raises(InitiativeRefused) as refused:
        call(*args, **kwargs)
    return refused.value


def test_the_page_offers_the_deputy_of_each_body_the_register_rows_first(seats, temirtau_voter):
    city, regional = seats

    page = start_page(temirtau_voter.id, now=NOW)

    assert page.choosing and page.refusal is None
    assert [check.deputy.id for check in page.open] == [city.id, regional.id]
    assert [check.constituency.body.code for check in page.checks] == [
        "TEMIRTAU-CM",
        "KARAGANDA-RM",
    ]


def test_a_voter_starts_a_recall_of_their_regional_deputy_through_the_station_map(
    seats, temirtau_voter
):
    _city, regional = seats

    petition, _token = start_petition(temirtau_voter.id, STATEMENT, now=NOW, deputy_id=regional.id)

    assert petition.deputy_id == regional.id
    assert petition.constituency_id == regional.constituency_id
    assert petition.status is S.GROUP_FORMING and petition.created_by_id == temirtau_voter.id


def test_the_city_deputy_can_be_chosen_as_well(seats, temirtau_voter):
    city, _regional = seats

    petition, _token = start_petition(temirtau_voter.id, STATEMENT, now=NOW, deputy_id=city.id)

    assert petition.deputy_id == city.id


def test_with_two_deputies_a_start_without_a_choice_is_refused(seats, temirtau_voter):
    refused = refusal_of(start_petition, temirtau_voter.id, STATEMENT, now=NOW)

    assert refused.reason is Refusal.CHOOSE_DEPUTY
    assert refused.message == "Choose the deputy whose recall you start."
    assert nothing_written()


@pytest.mark.parametrize("forged", ["another", "former", "nobody"])
def test_a_deputy_not_of_the_voters_constituencies_is_refused_and_nothing_changes(
    seats, temirtau_voter, forged
):
    city, _regional = seats
    other = make_deputy()
    former = make_deputy(constituency=city.constituency, status=DeputyStatus.ENDED)
    db.session.commit()
    deputy_id = {"another": other.id, "former": former.id, "nobody": 0}[forged]

    refused = refusal_of(start_petition, temirtau_voter.id, STATEMENT, now=NOW, deputy_id=deputy_id)

    assert refused.reason is Refusal.NOT_YOUR_DEPUTY
    assert "only of the deputy of one of your constituencies" in refused.message
    assert nothing_written()
    assert start_check(temirtau_voter.id, now=NOW, deputy_id=deputy_id).refusal.reason is (
        Refusal.NOT_YOUR_DEPUTY
    )


def test_an_open_petition_bars_only_its_own_deputy(seats, temirtau_voter):
    city, regional = seats
    existing = make_petition(deputy=regional, status=S.COLLECTING)
    db.session.commit()

    page = start_page(temirtau_voter.id, now=NOW)
    refused = refusal_of(
        start_petition, temirtau_voter.id, STATEMENT, now=NOW, deputy_id=regional.id
    )

    assert [check.deputy.id for check in page.open] == [city.id]
    assert page.checks[1].refusal.reason is Refusal.ACTIVE_PETITION
    assert page.checks[1].existing_is_public
    assert refused.reason is Refusal.ACTIVE_PETITION and refused.petition.id == existing.id


def test_each_deputy_is_checked_under_the_rule_set_of_their_own_body(seats, temirtau_voter):
    city, regional = seats
    # The Mazhilis rules end on 1 July 2026: no new petition under them.
    regional.constituency.body.rule_set_code = "kz-mazhilis-2023"
    db.session.commit()

    page = start_page(temirtau_voter.id, now=NOW)
    refused = refusal_of(
        start_petition, temirtau_voter.id, STATEMENT, now=NOW, deputy_id=regional.id
    )

    assert [check.deputy.id for check in page.open] == [city.id]
    assert refused.reason is Refusal.RULES_NOT_IN_FORCE
    assert nothing_written()


def test_the_time_bars_are_the_chosen_deputys(seats, temirtau_voter):
    city, regional = seats
    regional.election_date, regional.mandate_start = date(2026, 5, 20), date(2026, 6, 1)
    db.session.commit()

    refused = refusal_of(
        start_petition, temirtau_voter.id, STATEMENT, now=NOW, deputy_id=regional.id
    )
    petition, _token = start_petition(temirtau_voter.id, STATEMENT, now=NOW, deputy_id=city.id)

    assert refused.reason is Refusal.TIME_BAR and refused.available_from == date(2027, 6, 1)
    assert petition.deputy_id == city.id


def test_a_vacant_seat_is_listed_without_a_choice(seats, temirtau_voter):
    city, regional = seats
    regional.status = DeputyStatus.ENDED
    db.session.commit()

    page = start_page(temirtau_voter.id, now=NOW)

    assert page.checks[1].refusal.reason is Refusal.NO_DEPUTY
    assert [check.deputy.id for check in page.open] == [city.id]


def test_without_a_map_the_regional_deputy_is_not_the_voters(app):
    city, regional = city_and_region(mapped=False)
    user = citizen_of(city.constituency)

    page = start_page(user.id, now=NOW)
    refused = refusal_of(start_petition, user.id, STATEMENT, now=NOW, deputy_id=regional.id)
    petition, _token = start_petition(user.id, STATEMENT, now=NOW)

    assert not page.choosing and [check.deputy.id for check in page.open] == [city.id]
    assert refused.reason is Refusal.NOT_YOUR_DEPUTY
    assert petition.deputy_id == city.id


def test_a_refusal_about_the_user_comes_before_any_deputy(seats):

    user = make_user(email_confirmed_at=NOW)
    db.session.commit()

    page = start_page(user.id, now=NOW)

    assert page.refusal.reason is Refusal.NOT_VERIFIED and page.checks == [] and page.open == []
