import hashlib
import re
from datetime import UTC, datetime, timedelta

import pytest
from babel.dates import format_date

from app import create_app
from app.extensions import db
from app.models import Petition
from app.rules.calendar import months_after
from app.rules.lifecycle import PetitionStatus as S
from app.services.initiative.group import join_initiative
from app.services.initiative.start import start_petition
from tests.factories import make_deputy, make_member, make_petition, make_user
from tests.support import pages
from tests.support.citizen import citizen_of, city_and_region, seat, today
from tests.support.pages import csrf_token_of

STATEMENT = "The deputy has not held a single meeting with voters."
JOIN_LINK = re.compile(r"http://[^\s<\"]+/petitions/(\d+)/join/([A-Za-z0-9_-]+)")


@pytest.fixture
def deputy(app):
    deputy = seat(full_name="Serik Deputatov")
    db.session.commit()
    return deputy


@pytest.fixture
def initiator(client, deputy, auth):
    user = citizen_of(deputy.constituency)
    auth.sign_in(user)
    return user


def start(client, statement=STATEMENT):
    return client.post("/petitions/new", data={"statement": statement})


def started_petition(client):
    response = start(client)
    assert response.status_code == 302
    return db.session.get(Petition, int(response.location.split("/")[2]))


def test_the_start_page_names_the_deputy_and_the_statement_limit(client, initiator):
    html = pages.get(client, "/petitions/new")

    assert "Serik Deputatov" in html and 'name="statement"' in html
    assert "At most 3,000 characters." in html


def test_starting_leads_to_the_group_page_which_shows_the_invitation_link_once(client, initiator):
    response = start(client)

    petition = db.session.get(Petition, int(response.location.split("/")[2]))
    assert response.location == f"/petitions/{petition.id}/group"
    first = pages.get(client, response.location)
    assert f"Your recall petition № {petition.id} is started." in first
    [(petition_id, token)] = JOIN_LINK.findall(first)
    assert int(petition_id) == petition.id
    assert hashlib.sha256(token.encode()).hexdigest() == petition.invite_token_hash
    again = pages.get(client, response.location)
    assert not JOIN_LINK.findall(again) and "Make a new invitation link" in again


def test_the_group_page_is_not_cached(client, initiator):
    petition = started_petition(client)

    assert client.get(f"/petitions/{petition.id}/group").headers["Cache-Control"] == "no-store"


def test_starting_in_the_first_year_explains_from_which_date(client, app, auth):
    mandate_start = today() - timedelta(days=30)
    deputy = seat(election_date=mandate_start - timedelta(days=10), mandate_start=mandate_start)
    user = citizen_of(deputy.constituency)
    auth.sign_in(user)

    html = pages.get(client, "/petitions/new")

    opens = format_date(months_after(mandate_start, 12), "d MMMM y", locale="en")
    assert "first 12 months" in html and f"A recall can start from {opens}." in html
    assert 'name="statement"' not in html
    assert start(client).status_code == 200 and db.session.query(Petition).count() == 0


def test_an_open_petition_is_offered_instead_of_a_second_one(client, initiator, deputy):
    existing = make_petition(deputy=deputy, status=S.COLLECTING)
    db.session.commit()

    html = pages.get(client, "/petitions/new")

    assert "A recall petition against this deputy is already open." in html
    assert f'href="/petitions/{existing.id}"' in html


def test_the_initiator_of_the_open_petition_is_led_back_to_its_group(client, initiator):
    petition = started_petition(client)

    html = pages.get(client, "/petitions/new")

    assert f'href="/petitions/{petition.id}/group"' in html


def test_a_statement_over_the_limit_is_shown_again_with_the_error(client, initiator):
    text = "Reasons. " + "x" * 3000

    response = start(client, text)

    assert response.status_code == 200
    html = pages.read(response)
    assert "The statement has 3009 characters; the limit is 3000." in html and text in html
    assert db.session.query(Petition).count() == 0


@pytest.mark.parametrize("statement", ["", "\x00" * 50, "a\x00b", "x" * 200_000])
def test_garbage_statements_are_refused_without_an_error_page(client, initiator, statement):
    assert start(client, statement).status_code == 200
    assert db.session.query(Petition).count() == 0


def test_with_one_constituency_the_start_page_offers_no_choice(client, initiator):
    html = pages.get(client, "/petitions/new")

    assert 'name="deputy"' not in html and "Against the deputy of your constituency:" in html


def test_with_one_constituency_a_forged_deputy_is_refused_in_words(client, initiator):
    other = make_deputy()
    db.session.commit()

    response = client.post("/petitions/new", data={"statement": STATEMENT, "deputy": other.id})

    html = pages.read(response)
    assert "You can start a recall only of the deputy of one of your constituencies" in html
    assert db.session.query(Petition).count() == 0


@pytest.fixture
def two_seats(app):
    city, regional = city_and_region()
    db.session.commit()
    return city, regional


@pytest.fixture
def temirtau_voter(client, two_seats, auth):
    city, _regional = two_seats
    user = citizen_of(city.constituency)
    auth.sign_in(user)
    return user


def test_a_voter_of_two_bodies_chooses_between_their_two_deputies(
    client, two_seats, temirtau_voter
):
    city, regional = two_seats

    page = pages.get(client, "/petitions/new")

    options = page.select('input[name="deputy"][type="radio"]')
    assert [option["value"] for option in options] == [str(city.id), str(regional.id)]
    labels = [page.one(f'label[for="{option["id"]}"]').get_text() for option in options]
    number = regional.constituency.number
    assert labels[1] == (
        f"Aigul Oblastnaya — Karaganda regional maslikhat, constituency No. {number}"
        " · Karaganda North"
    )
    assert "Serik Gorodskoy — Temirtau maslikhat" in labels[0]
    assert 'name="statement"' in page


def test_the_choice_is_named_in_the_users_language(client, two_seats, temirtau_voter):
    page = pages.get(client, "/petitions/new?lang=ru")

    assert "Депутат, отзыв которого вы начинаете" in page
    assert "избирательный округ №" in page.text


def test_a_voter_of_two_bodies_starts_a_recall_of_the_regional_deputy(
    client, two_seats, temirtau_voter
):
    _city, regional = two_seats

    response = client.post("/petitions/new", data={"statement": STATEMENT, "deputy": regional.id})

    assert response.status_code == 302
    petition = db.session.get(Petition, int(response.location.split("/")[2]))
    assert petition.deputy_id == regional.id
    assert petition.constituency_id == regional.constituency_id


def test_without_a_choice_the_form_asks_for_one_and_keeps_the_statement(
    client, two_seats, temirtau_voter
):
    html = pages.post(client, "/petitions/new", data={"statement": STATEMENT})

    assert "Choose the deputy whose recall you start." in html and STATEMENT in html
    assert db.session.query(Petition).count() == 0


@pytest.mark.parametrize("forged", ["other", "0", "-1", "abc", "9" * 19, "1" * 25, "１２", "1\x00"])
def test_a_forged_deputy_is_refused_with_a_message_and_nothing_changes(
    client, two_seats, temirtau_voter, forged
):
    other = make_deputy()
    db.session.commit()
    value = str(other.id) if forged == "other" else forged

    html = pages.post(client, "/petitions/new", data={"statement": STATEMENT, "deputy": value})

    assert 'class="field__error" id="deputy-error"' in html
    assert db.session.query(Petition).count() == 0


def test_an_open_petition_against_one_deputy_leaves_the_other_to_choose(
    client, two_seats, temirtau_voter
):
    city, regional = two_seats
    existing = make_petition(deputy=regional, status=S.COLLECTING)
    db.session.commit()

    page = pages.get(client, "/petitions/new")

    options = page.select('input[name="deputy"]')
    assert [option["value"] for option in options] == [str(city.id)]
    assert options[0].has_attr("checked")
    assert "A recall petition against this deputy is already open." in page
    assert f'href="/petitions/{existing.id}"' in page


def test_an_unverified_citizen_is_sent_to_verify_first(client, app, auth):
    user = make_user(email_confirmed_at=datetime(2026, 1, 1, tzinfo=UTC))
    db.session.commit()
    auth.sign_in(user)

    html = pages.get(client, "/petitions/new")

    assert 'href="/account/voter"' in html and 'name="statement"' not in html


def test_a_voter_joins_by_the_invitation_link(client, initiator, deputy, app, auth):
    petition, token = start_petition(initiator.id, STATEMENT, now=datetime.now(UTC))
    member = citizen_of(deputy.constituency)
    other = app.test_client()
    auth.on(other).sign_in(member)
    link = f"/petitions/{petition.id}/join/{token}"

    html = pages.get(other, link)
    assert STATEMENT in html and "Join the initiative group" in html

    response = other.post(link)

    assert response.status_code == 302 and response.location == link
    html = pages.get(other, link)
    assert "You have joined the initiative group." in html
    assert "You are a member of this initiative group." in html


def test_a_wrong_invitation_token_is_404(client, initiator):
    petition = started_petition(client)

    assert client.get(f"/petitions/{petition.id}/join/not-the-token").status_code == 404
    assert client.post(f"/petitions/{petition.id}/join/not-the-token").status_code == 404
    assert client.get("/petitions/999/join/whatever").status_code == 404


def test_a_voter_of_another_constituency_is_refused_and_shown_their_own(
    client, initiator, app, auth
):
    petition, token = start_petition(initiator.id, STATEMENT, now=datetime.now(UTC))
    elsewhere = make_deputy(full_name="Their Own Deputy")
    outsider = citizen_of(elsewhere.constituency)
    other = app.test_client()
    auth.on(other).sign_in(outsider)

    response = other.post(f"/petitions/{petition.id}/join/{token}", follow_redirects=True)

    html = pages.read(response)
    assert "may join this initiative group. You vote in" in html
    assert f'href="/deputies/{elsewhere.id}"' in html
    assert f'href="/constituencies/{elsewhere.constituency.code}"' in html


def test_joining_twice_is_refused_politely(client, initiator, deputy, app, auth):
    petition, token = start_petition(initiator.id, STATEMENT, now=datetime.now(UTC))
    member = citizen_of(deputy.constituency)
    join_initiative(petition.id, token, member.id, now=datetime.now(UTC))
    other = app.test_client()
    auth.on(other).sign_in(member)

    response = other.post(f"/petitions/{petition.id}/join/{token}", follow_redirects=True)

    assert response.status_code == 200
    assert "You are already in this initiative group." in pages.read(response)


def test_only_the_initiator_sees_the_group_page(client, initiator, deputy, app, auth):
    petition = started_petition(client)
    stranger = citizen_of(deputy.constituency)
    other = app.test_client()
    auth.on(other).sign_in(stranger)

    assert other.get(f"/petitions/{petition.id}/group").status_code == 403
    assert other.post(f"/petitions/{petition.id}/file").status_code == 403
    assert other.post(f"/petitions/{petition.id}/withdraw").status_code == 403
    assert other.get("/petitions/999/group").status_code == 404


def test_filing_below_the_minimum_is_refused_and_the_button_disabled(client, initiator):
    petition = started_petition(client)

    html = pages.get(client, f"/petitions/{petition.id}/group")
    assert "needs at least 10 members to file; it has 1" in html
    assert re.search(r'class="button" disabled', html)

    html = pages.post(client, f"/petitions/{petition.id}/file", follow_redirects=True)

    assert "The initiative group has 1 members; at least 10 are needed" in html
    assert db.session.get(Petition, petition.id).status is S.GROUP_FORMING


def test_filing_with_ten_members_freezes_the_text_and_shows_its_sha256(client, initiator, deputy):
    petition = started_petition(client)
    for _ in range(9):
        make_member(petition=petition, user=citizen_of(deputy.constituency))
    db.session.commit()

    html = pages.post(client, f"/petitions/{petition.id}/file", follow_redirects=True)

    sha = hashlib.sha256(STATEMENT.encode()).hexdigest()
    assert "The petition is filed with the commission." in html and sha in html
    assert 'name="statement"' not in html  # no longer editable
    assert db.session.get(Petition, petition.id).status is S.FILED


def test_the_initiator_edits_the_statement_while_the_group_forms(client, initiator):
    petition = started_petition(client)

    response = client.post(
        f"/petitions/{petition.id}/group/statement", data={"statement": "Better reasons."}
    )

    assert response.status_code == 302
    assert db.session.get(Petition, petition.id).statement == "Better reasons."
    too_long = client.post(
        f"/petitions/{petition.id}/group/statement", data={"statement": "y" * 3001}
    )
    assert too_long.status_code == 200 and "the limit is 3000" in pages.read(too_long)


def test_a_new_invitation_link_is_shown_once_and_the_old_one_stops_working(client, initiator):
    petition = started_petition(client)
    [(_, old)] = JOIN_LINK.findall(pages.get(client, f"/petitions/{petition.id}/group"))

    html = pages.post(client, f"/petitions/{petition.id}/group/invitation", follow_redirects=True)

    [(_, new)] = JOIN_LINK.findall(html)
    assert new != old and "the previous link no longer works" in html
    assert client.get(f"/petitions/{petition.id}/join/{old}").status_code == 404
    assert client.get(f"/petitions/{petition.id}/join/{new}").status_code == 200


def test_the_initiator_withdraws_the_petition(client, initiator):
    petition = started_petition(client)

    html = pages.post(client, f"/petitions/{petition.id}/withdraw", follow_redirects=True)

    assert "The petition is withdrawn." in html
    assert db.session.get(Petition, petition.id).status is S.WITHDRAWN
    again = pages.post(client, f"/petitions/{petition.id}/withdraw", follow_redirects=True)
    assert "This petition can no longer be withdrawn." in again


def test_the_voter_page_leads_the_initiator_and_members_back_to_their_groups(
    client, initiator, deputy, app, auth
):
    petition, token = start_petition(initiator.id, STATEMENT, now=datetime.now(UTC))
    member = citizen_of(deputy.constituency)
    join_initiative(petition.id, token, member.id, now=datetime.now(UTC))

    mine = pages.get(client, "/account/voter")
    other = app.test_client()
    auth.on(other).sign_in(member)
    theirs = pages.get(other, "/account/voter")

    assert f'href="/petitions/{petition.id}/group"' in mine and "you are the initiator" in mine
    assert f"Petition № {petition.id}" in theirs
    assert f'href="/petitions/{petition.id}/group"' not in theirs


@pytest.fixture
def csrf_client(database_url):
    app = create_app("testing", DATABASE_URL=database_url, WTF_CSRF_ENABLED=True)
    with app.app_context():
        yield app.test_client()
        db.session.remove()
        db.engine.dispose()


def test_with_csrf_protection_on_the_forms_carry_their_token(csrf_client, auth):
    deputy = seat()
    user = citizen_of(deputy.constituency)
    auth.on(csrf_client).sign_in(user)

    token = csrf_token_of(pages.get(csrf_client, "/petitions/new"))

    assert csrf_client.post("/petitions/new", data={"statement": STATEMENT}).status_code == 400
    started = csrf_client.post("/petitions/new", data={"statement": STATEMENT, "csrf_token": token})
    assert started.status_code == 302
    group = re.search(r"<main.*</main>", pages.get(csrf_client, started.location), re.S).group(0)
    # The invitation, statement, filing and withdrawal forms each carry the token.
    assert group.count('method="post"') == group.count('name="csrf_token"') == 4
