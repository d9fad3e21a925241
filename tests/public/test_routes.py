from datetime import date

import flask_babel
import pytest

from app.models import DeputyStatus, Role
from tests.factories import (
    make_body,
    make_constituency,
    make_deputy,
    make_party,
    make_region,
    make_snapshot,
)
from tests.support import pages


def test_home_lists_bodies_with_their_constituency_counts_and_filter_links(client):
    body = make_body(code="ALM-DM", name="Almaly district maslikhat")
    make_constituency(body=body)
    make_constituency(body=body)

    html = pages.get(client, "/")

    assert "chapter 13-2" in html
    assert "Almaly district maslikhat" in html
    assert "2 constituencies" in html
    assert 'href="/constituencies?body=ALM-DM"' in html


def test_the_voter_register_note_is_for_staff_not_the_home_page(client, auth):
    make_snapshot(active=True, snapshot_date=date(2025, 2, 3))

    assert "is loaded" not in pages.get(client, "/")
    auth.sign_in_new(Role.COMMISSION)
    assert "The voter register of 3 February 2025 is loaded." in pages.get(
        client, "/commission/queue"
    )


def test_staff_are_told_when_no_voter_register_is_loaded(client, auth):
    make_snapshot(active=False, snapshot_date=date(2024, 6, 1))
    auth.sign_in_new(Role.COMMISSION)

    html = pages.get(client, "/commission/queue")

    assert "No voter register is loaded yet" in html
    assert "1 June 2024" not in html


def test_constituencies_lists_every_constituency_with_deputy_and_voters(client):
    constituency = make_constituency(number=7, name="Abai")
    make_deputy(constituency=constituency, full_name="Aigerim Nurlanovna")
    make_snapshot(counts={constituency: 12345})

    html = pages.get(client, "/constituencies")

    assert "1 constituency" in html
    assert f'href="/constituencies/{constituency.code}">Abai</a>' in html
    assert "Aigerim Nurlanovna" in html
    assert "12,345" in html


def test_constituencies_filters_by_body(client):
    make_constituency(body=make_body(code="WANTED"), name="Kept Constituency")
    make_constituency(body=make_body(code="OTHER"), name="Dropped Constituency")

    html = pages.get(client, "/constituencies?body=WANTED")

    assert "Kept Constituency" in html
    assert "Dropped Constituency" not in html
    assert '<option selected value="WANTED">' in html


def test_constituencies_filters_by_region(client):
    make_constituency(region=make_region(code="NORTH"), name="Northern Constituency")
    make_constituency(region=make_region(code="SOUTH"), name="Southern Constituency")

    html = pages.get(client, "/constituencies?region=SOUTH")

    assert "Southern Constituency" in html
    assert "Northern Constituency" not in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("body=NOPE", "There is no representative body with the code “NOPE”."),
        ("region=NOPE", "There is no region with the code “NOPE”."),
        ("body=%00", "There is no representative body with the code"),
        ("region=" + "x" * 300, "There is no region with the code"),
    ],
)
def test_constituencies_with_an_unknown_filter_shows_an_empty_list_and_says_why(
    client, query, message
):
    make_constituency(name="Some Constituency")

    response = client.get(f"/constituencies?{query}")

    assert response.status_code == 200
    assert message in pages.read(response)
    assert "Some Constituency" not in pages.read(response)


def test_constituencies_marks_a_seat_without_a_serving_deputy_as_vacant(client):
    constituency = make_constituency()
    make_deputy(
        constituency=constituency, full_name="Recalled Person", status=DeputyStatus.RECALLED
    )

    html = pages.get(client, "/constituencies")

    assert "Vacant" in html
    assert "Recalled Person" not in html


def test_constituencies_says_no_register_loaded_without_an_active_snapshot(client):
    make_constituency()

    assert "No register loaded" in pages.get(client, "/constituencies")


def test_constituency_page_shows_deputy_party_and_voters_of_the_active_register(client):
    constituency = make_constituency(name="Medeu")
    make_deputy(
        constituency=constituency, full_name="Serik Akhmetov", party=make_party(name="Amanat")
    )
    make_snapshot(active=False, counts={constituency: 99999}, snapshot_date=date(2024, 1, 1))
    make_snapshot(active=True, counts={constituency: 4321}, snapshot_date=date(2025, 3, 1))

    html = pages.get(client, f"/constituencies/{constituency.code}")

    assert "<h1>Medeu</h1>" in html
    assert "Serik Akhmetov" in html
    assert "(Amanat)" in html
    assert "4,321" in html
    assert "(voter register of 1 March 2025)" in html
    assert "99,999" not in html


def test_constituency_page_lists_former_deputies_and_shows_a_vacant_seat(client):
    constituency = make_constituency()
    make_deputy(
        constituency=constituency,
        full_name="Former Deputy",
        party=None,
        status=DeputyStatus.RECALLED,
        mandate_end=date(2024, 2, 1),
    )

    html = pages.get(client, f"/constituencies/{constituency.code}")

    assert "Vacant" in html
    assert "Former deputies" in html
    assert "Former Deputy" in html
    assert "Self-nominated · Recalled" in html


@pytest.mark.parametrize("code", ["NOPE", "%00", "z" * 200])
def test_constituency_page_is_404_for_an_unknown_code(client, code):
    response = client.get(f"/constituencies/{code}")

    assert response.status_code == 404
    assert "This page does not exist." in pages.read(response, status=404)


def test_deputy_page_shows_the_deputy_facts(client):
    constituency = make_constituency(
        number=3, name="Turksib", body=make_body(name="Almaty city maslikhat")
    )
    deputy = make_deputy(
        constituency=constituency,
        full_name="Dana Serikova",
        party=make_party(name="Respublica"),
        election_date=date(2023, 3, 19),
        mandate_start=date(2023, 3, 29),
        mandate_end=date(2028, 3, 29),
    )

    html = pages.get(client, f"/deputies/{deputy.id}")

    assert "<h1>Dana Serikova</h1>" in html
    assert "Respublica" in html
    assert f'href="/constituencies/{constituency.code}">No. 3 · Turksib</a>' in html
    assert "Almaty city maslikhat" in html
    assert "19 March 2023" in html
    assert "29 March 2028" in html
    assert "Serving" in html


@pytest.mark.parametrize(
    ("status", "label"),
    [
        (DeputyStatus.SERVING, "Serving"),
        (DeputyStatus.RECALLED, "Recalled"),
        (DeputyStatus.ENDED, "Mandate ended"),
    ],
)
def test_deputy_page_translates_the_status(client, status, label):
    deputy = make_deputy(status=status, mandate_end=date(2025, 1, 1))

    assert f'<span class="badge badge--status badge--deputy-{status}">{label}</span>' in pages.read(
        client.get(f"/deputies/{deputy.id}")
    )


def test_deputy_page_says_self_nominated_without_a_party(client):
    deputy = make_deputy(party=None)

    assert "Self-nominated" in pages.get(client, f"/deputies/{deputy.id}")


@pytest.mark.parametrize(
    "path", ["/deputies/4040", "/deputies/99999999999999999999999", "/deputies/abc"]
)
def test_deputy_page_is_404_for_an_unknown_deputy(client, path):
    make_deputy()

    response = client.get(path)

    assert response.status_code == 404
    assert "This page does not exist." in pages.read(response, status=404)


def test_lang_parameter_switches_the_page_language_and_sticks(client):
    assert '<html lang="ru">' in pages.get(client, "/?lang=ru")
    # The app fixture keeps one app context across requests; Flask-Babel caches the locale on
    # it, which a real request (with a context of its own) never sees.
    flask_babel.refresh()
    assert '<html lang="ru">' in pages.get(client, "/constituencies")
    flask_babel.refresh()
    assert '<html lang="kk">' in pages.get(client, "/?lang=kk")


def test_pages_default_to_english(client):
    assert '<html lang="en">' in pages.get(client, "/")


def test_language_links_keep_the_current_filters(client):
    html = pages.get(client, "/constituencies?body=X&region=Y")

    assert 'href="/constituencies?body=X&region=Y&lang=kk"' in html


def test_place_names_follow_the_chosen_language(client):
    make_constituency(name="Almaly", name_ru="Алмалы", name_kk="Алмалы округі")

    assert "Алмалы округі" in pages.get(client, "/constituencies?lang=kk")


def test_pages_use_only_local_assets(client):
    html = pages.get(client, "/")

    assert 'href="/static/css/site.css"' in html
    assert "http://" not in html and "https://" not in html


@pytest.mark.parametrize(
    "path",
    [
        "/constituencies?body=%FF%FE&region=%00",
        "/constituencies?body=&region=",
        "/constituencies?body=A&body=B",
        "/constituencies/%00",
        "/constituencies/%E2%80%AE",
        "/deputies/0",
        "/deputies/-1",
        "/?lang=xx",
        "/?lang=%00",
    ],
)
def test_odd_inputs_never_cause_a_server_error(client, path):
    make_deputy()

    assert client.get(path).status_code < 500


def test_filter_form_keeps_the_query_string_clean(client):
    html = pages.get(client, "/constituencies")

    assert '<button type="submit" class="button">Show</button>' in html
    assert 'name="submit"' not in html
