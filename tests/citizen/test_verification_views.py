from datetime import UTC, date, datetime, timedelta

import pytest

from app import iin as iin_module
from app.extensions import db
from app.models import Role, User
from app.rules.lifecycle import PetitionStatus as S
from tests.factories import (
    make_deputy,
    make_petition,
    make_user,
    make_verified_citizen,
    make_voter,
)
from tests.support import pages
from tests.support.citizen import city_and_region, seat

NO_MATCH = (
    "These details do not match any voter on the register that this account can be linked to."
)
NOBODY = iin_module.make(date(1970, 5, 5), iin_module.Sex.MALE, 4321)  # valid, not registered
BORN = date(1985, 3, 14)


@pytest.fixture
def deputy(app):
    return seat(full_name="Serik Deputatov")


@pytest.fixture
def voter(deputy):
    voter = make_voter(constituency=deputy.constituency, last_name="Ахметова", birth_date=BORN)
    db.session.commit()
    return voter


@pytest.fixture
def citizen(client, app, auth):
    user = make_user(email_confirmed_at=datetime(2026, 1, 1, tzinfo=UTC))
    db.session.commit()
    auth.sign_in(user)
    return user


def submit(client, voter, follow_redirects=False, **changes):
    data = {"iin": voter.iin, "last_name": "Ахметова", "birth_date": "1985-03-14"} | changes
    return client.post("/account/voter", data=data, follow_redirects=follow_redirects)


def test_anonymous_visitors_are_sent_to_sign_in(client, app):
    response = client.get("/account/voter")

    assert response.status_code == 302 and "/auth/login" in response.location


def test_staff_accounts_cannot_verify_as_voters(client, app, auth):
    user = make_user(role=Role.COMMISSION)
    db.session.commit()
    auth.sign_in(user)

    assert client.get("/account/voter").status_code == 403


def test_the_form_has_the_stable_field_names(client, citizen):
    html = pages.get(client, "/account/voter")

    for name in ("iin", "last_name", "birth_date"):
        assert f'name="{name}"' in html
    assert 'method="post" action="/account/voter"' in html


def test_verifying_shows_the_voters_constituency_deputy_and_petitions(
    client, citizen, deputy, voter
):
    collecting = make_petition(deputy=deputy, status=S.COLLECTING)
    forming = make_petition(deputy=make_deputy(), status=S.GROUP_FORMING)
    db.session.commit()

    response = submit(client, voter, last_name="  ахметова ", birth_date="14.03.1985")

    assert response.status_code == 302 and response.location == "/account/voter"
    html = pages.get(client, "/account/voter")
    assert "You are verified as a voter of" in html
    assert deputy.constituency.name in html and "Serik Deputatov" in html
    assert f'href="/petitions/{collecting.id}"' in html
    assert f'href="/petitions/{forming.id}"' not in html
    assert db.session.get(User, citizen.id).voter_hash == voter.iin_hash


@pytest.mark.parametrize(
    "changes",
    [{"last_name": "Иванова"}, {"birth_date": "1985-03-15"}, {"iin": NOBODY}],
    ids=["surname", "birth-date", "unknown-iin"],
)
def test_a_mismatch_keeps_the_surname_and_date_says_one_message_and_never_shows_the_iin(
    client, citizen, voter, changes
):
    response = submit(client, voter, **changes)

    assert response.status_code == 200
    html = pages.read(response)
    assert NO_MATCH in html
    assert voter.iin not in html and changes.get("iin", voter.iin) not in html
    assert f'value="{changes.get("last_name", "Ахметова")}"' in html
    assert f'value="{changes.get("birth_date", "1985-03-14")}"' in html


def test_an_invalid_iin_is_explained_at_its_field_and_not_echoed(client, citizen, voter):
    bad = voter.iin[:11] + str((int(voter.iin[11]) + 1) % 10)

    html = pages.read(submit(client, voter, iin=bad))

    error = html.one("#iin-error")
    assert "This is not a valid IIN: check the 12 digits." in error.text
    assert bad not in html


def test_a_form_error_shows_the_form_again_with_the_iin_field_cleared(client, citizen, voter):
    response = submit(client, voter, birth_date="14/03/1985")

    assert response.status_code == 200
    html = pages.read(response)
    assert "Enter the date as YYYY-MM-DD or DD.MM.YYYY." in html
    assert voter.iin not in html and 'value="Ахметова"' in html


@pytest.mark.parametrize(
    "data",
    [
        {"iin": "8" * 100_000, "last_name": "x" * 100_000, "birth_date": "9" * 10_000},
        {"iin": "\x00" * 12, "last_name": "\x00", "birth_date": "\x00"},
        {"iin": "１２３４５６７８９０１２", "last_name": "😀", "birth_date": "0000-00-00"},
        {"iin": "", "last_name": "", "birth_date": ""},
        {},
    ],
    ids=["very-long", "nul-bytes", "odd-characters", "empty", "missing"],
)
def test_garbage_input_gets_an_answer_never_an_error(client, citizen, voter, data):
    response = client.post("/account/voter", data=data)

    assert response.status_code in (200, 302)
    assert db.session.get(User, citizen.id).voter_hash is None


def test_after_five_failures_the_page_says_until_when_and_hides_the_form(client, citizen, voter):
    for _ in range(5):
        submit(client, voter, last_name="Wrong")

    html = pages.get(client, "/account/voter")

    assert "Too many failed attempts. You can try again after" in html
    assert 'name="iin"' not in html
    until = db.session.get(User, citizen.id).verification_locked_until
    assert timedelta(minutes=4) < until - datetime.now(UTC) <= timedelta(minutes=5)


def test_a_locked_account_is_refused_even_with_the_right_details(client, citizen, voter):
    user = db.session.get(User, citizen.id)
    user.verification_failures = 5
    user.verification_locked_until = datetime.now(UTC) + timedelta(minutes=5)
    db.session.commit()

    html = pages.read(submit(client, voter, follow_redirects=True))

    assert "Too many failed attempts" in html
    assert db.session.get(User, citizen.id).voter_hash is None


def test_a_second_account_for_the_same_voter_hears_what_wrong_details_hear(client, citizen, voter):
    make_verified_citizen(voter)
    db.session.commit()
    taken = pages.read(submit(client, voter, follow_redirects=True))
    wrong = pages.read(submit(client, voter, last_name="Nobody", follow_redirects=True))

    assert NO_MATCH in taken and "contact the election commission" in taken
    assert "already linked" not in taken
    assert NO_MATCH in wrong


def test_an_unconfirmed_account_is_asked_to_confirm_its_email_first(client, app, voter, auth):
    user = make_user()
    db.session.commit()
    auth.sign_in(user)

    html = pages.get(client, "/account/voter")

    assert "Confirm your email address first" in html and 'name="iin"' not in html


def test_a_voter_of_two_bodies_sees_each_seat_its_deputy_and_the_recalls_against_them(
    client, app, auth
):
    city, regional = city_and_region()
    user = make_verified_citizen(make_voter(constituency=city.constituency))
    collecting = make_petition(deputy=regional, status=S.COLLECTING)
    db.session.commit()
    auth.sign_in(user)

    page = pages.get(client, "/account/voter")

    seats = page.select("section.seat")
    assert [seat.h2.get_text(strip=True) for seat in seats] == [
        "Temirtau maslikhat",
        "Karaganda regional maslikhat",
    ]
    assert "Serik Gorodskoy" in seats[0].get_text() and "Temirtau Central" in str(seats[0])
    assert "No recall petition has been filed against your deputy." in seats[0].get_text()
    assert "Aigul Oblastnaya" in seats[1].get_text() and "Karaganda North" in str(seats[1])
    assert seats[1].select(f'a[href="/petitions/{collecting.id}"]')
    assert "Through your polling station you vote in a constituency of each" in page


def test_without_a_map_the_voter_page_shows_one_seat(client, app, auth):
    city, _regional = city_and_region(mapped=False)
    user = make_verified_citizen(make_voter(constituency=city.constituency))
    db.session.commit()
    auth.sign_in(user)

    page = pages.get(client, "/account/voter")

    assert len(page.select("section.seat")) == 1 and "Aigul Oblastnaya" not in page
    assert "Through your polling station" not in page
