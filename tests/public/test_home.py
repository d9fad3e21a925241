"""The home page leads with the petitions collecting signatures, then a search and the steps;
the petition list answers the search."""

from datetime import UTC, datetime, timedelta

import pytest

from app.extensions import db
from app.rules.lifecycle import PetitionStatus as S
from app.services.petitions.commands import change_status
from tests.factories import (
    make_body,
    make_collecting_petition,
    make_constituency,
    make_deputy,
    make_petition,
    make_region,
    make_signature,
    make_snapshot,
)
from tests.support import pages


def collecting_against(deputy):
    """A petition registered two days ago (the active register, if needed, made beforehand)."""
    petition = make_petition(status=S.FILED, deputy=deputy, filed_at=datetime.now(UTC))
    db.session.commit()
    return change_status(
        petition.id, S.COLLECTING, now=datetime.now(UTC) - timedelta(days=2), reason="registered"
    )


def test_the_home_page_shows_collecting_petitions_first_with_count_days_and_sign(client, app):
    petition = make_collecting_petition(
        deputy=make_deputy(full_name="Serik Deputatov"),
        opened_at=datetime.now(UTC) - timedelta(days=2),
    )
    for _ in range(3):
        make_signature(petition)
    closed = make_petition(status=S.COLLECTION_CLOSED)
    db.session.commit()

    page = pages.get(client, "/")

    first = page.select("main section")[0]
    assert first.select_one("h2").get_text(strip=True) == "Petitions collecting signatures"
    card = first.select_one("li.petition-card")
    assert "Serik Deputatov" in card.get_text() and petition.constituency.name in card.get_text()
    assert card.select_one("[data-valid-count]")["data-valid-count"] == "3"
    assert card.select_one("progress") is not None and "days left" in card.get_text()
    assert card.select_one(f'a[href="/petitions/{petition.id}#sign"]').get_text() == "Sign"
    assert f"/petitions/{closed.id}" not in str(first)


def test_the_home_page_says_when_nothing_is_collecting_and_keeps_search_and_steps(client, app):
    page = pages.get(client, "/")

    assert "No petition is collecting signatures at the moment." in page
    assert page.one('form[action="/petitions"] input[name="q"]')
    assert len(page.select("ol.steps > li")) == 5


def seat(deputy_name: str, place: str, number: int, region, body):
    """A deputy of a constituency whose every name is free of digits (so only the number
    matches a number)."""
    constituency = make_constituency(body=body, region=region, number=number, name=place)
    return make_deputy(full_name=deputy_name, constituency=constituency)


@pytest.fixture
def three_petitions(app):
    karaganda = make_region(name="Karaganda region", name_ru="Карагандинская область")
    south = make_region(name="Southern region", name_ru="Южная область")
    body = make_body(region=karaganda, name="Karaganda regional maslikhat")
    other = make_body(region=south, name="Southern regional maslikhat")
    serik = seat("Серик Депутатов", "Nura", 14, karaganda, body)
    aigerim = seat("Aigerim Nurlanovna", "Abai", 3, south, other)
    bolat = seat("Bolat Ospanov", "Shu", 5, south, other)
    make_snapshot(counts={serik.constituency: 1000, aigerim.constituency: 1000})
    first, second = collecting_against(serik), collecting_against(aigerim)
    third = make_petition(status=S.FILED, deputy=bolat)
    db.session.commit()
    return first, second, third


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("серик", [0]),  # Cyrillic, typed in lower case
        ("Nurlanovna", [1]),
        ("nura", [0]),  # the constituency's name
        ("14", [0]),  # the constituency's number
        ("№ 14", [0]),
        ("карагандинская", [0]),  # the region, in Russian
        ("ospanov", [2]),
        ("nobody at all", []),
    ],
)
def test_the_search_finds_deputy_constituency_number_or_place(
    client, three_petitions, query, found
):
    page = pages.get(client, "/petitions", query_string={"q": query})

    shown = {a["href"] for a in page.select("table a[href^='/petitions/']")}
    assert shown == {f"/petitions/{three_petitions[i].id}" for i in found}


@pytest.mark.parametrize("query", ["%", "_", "\x00", "x" * 10_000, "'; drop table petitions; --"])
def test_odd_search_text_is_an_answer_never_an_error(client, three_petitions, query):
    assert client.get("/petitions", query_string={"q": query}).status_code == 200
