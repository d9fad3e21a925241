"""What every API answer carries: ETag and 304, Cache-Control, CORS, the language, and cursor
pagination by the Link header."""

import re

import pytest

from app.models import DeputyStatus
from app.rules.lifecycle import PetitionStatus as S
from tests.factories import make_body, make_constituency, make_deputy, make_petition

NEXT = re.compile(r'^<([^>]+)>; rel="next"$')


def test_an_answer_has_an_etag_and_the_same_etag_gives_304(client, app):
    make_constituency()
    first = client.get("/api/v1/constituencies")

    again = client.get("/api/v1/constituencies", headers={"If-None-Match": first.headers["ETag"]})

    assert first.status_code == 200 and first.headers["ETag"]
    assert again.status_code == 304 and again.get_data() == b""


def test_answers_may_be_cached_for_the_staleness_window(client, app):
    app.config["SIGNATURE_COUNT_INTERVAL"] = 7

    answer = client.get("/api/v1/petitions")

    assert answer.headers["Cache-Control"] == "public, max-age=7"
    assert "Accept-Language" in answer.headers["Vary"]


def test_any_origin_may_read_and_nothing_sets_a_cookie(client, app):
    answer = client.get("/api/v1/deputies?lang=ru", headers={"Origin": "https://example.org"})
    preflight = client.options(
        "/api/v1/deputies",
        headers={"Origin": "https://example.org", "Access-Control-Request-Method": "GET"},
    )

    assert answer.headers["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in answer.headers
    assert "Set-Cookie" not in answer.headers and "Cookie" not in answer.headers.get("Vary", "")
    assert answer.headers["Content-Language"] == "ru"
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"
    assert "If-None-Match" in preflight.headers["Access-Control-Allow-Headers"]


def test_errors_are_not_cached(client, app):
    answer = client.get("/api/v1/deputies/12345")

    assert answer.status_code == 404 and answer.headers["Cache-Control"] == "no-store"
    assert answer.headers["Access-Control-Allow-Origin"] == "*"


def walk(client, url: str) -> tuple[list, int]:
    """Every item of a paginated list, following the Link headers; and the number of pages."""
    items, pages = [], 0
    while url:
        answer = client.get(url)
        assert answer.status_code == 200
        items += answer.get_json()
        pages += 1
        found = NEXT.match(answer.headers.get("Link", ""))
        url = found.group(1) if found else None
    return items, pages


def test_constituencies_come_in_pages_that_together_are_the_whole_list(client, app):
    for code in ("B", "A"):
        body = make_body(code=code)
        for number in (3, 1, 2):
            make_constituency(body=body, number=number, code=f"{code}-{number}")

    items, pages = walk(client, "/api/v1/constituencies?limit=4")

    assert [item["code"] for item in items] == ["A-1", "A-2", "A-3", "B-1", "B-2", "B-3"]
    assert pages == 2


def test_deputies_and_petitions_page_the_same_way(client, app):
    body = make_body(code="KEEP")
    for number in range(1, 6):
        deputy = make_deputy(constituency=make_constituency(body=body, number=number))
        make_petition(deputy=deputy, status=S.FILED)
    make_deputy(status=DeputyStatus.RECALLED)

    deputies, deputy_pages = walk(client, "/api/v1/deputies?body=KEEP&limit=2")
    petitions, petition_pages = walk(client, "/api/v1/petitions?limit=2")

    assert [d["constituency"]["code"] for d in deputies] == [
        d["constituency"]["code"] for d in client.get("/api/v1/deputies?body=KEEP").get_json()
    ]
    assert (len(deputies), deputy_pages) == (5, 3)
    assert [p["id"] for p in petitions] == sorted((p["id"] for p in petitions), reverse=True)
    assert (len(petitions), petition_pages) == (5, 3)


@pytest.mark.parametrize("cursor", ["nonsense", "WyJ4Il0", "Wy0xXQ", "W10", "eyJhIjoxfQ", "%00"])
def test_a_bad_cursor_is_a_400_naming_it(client, app, cursor):
    answer = client.get(f"/api/v1/petitions?cursor={cursor}")

    assert answer.status_code == 400
    assert answer.get_json()["error"]["field"] == "cursor"


@pytest.mark.parametrize("limit", ["0", "1001", "many"])
def test_a_bad_limit_is_a_400(client, app, limit):
    answer = client.get(f"/api/v1/constituencies?limit={limit}")

    assert answer.status_code == 400 and answer.get_json()["error"]["field"] == "limit"
