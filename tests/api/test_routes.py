from datetime import date

import pytest

from app.models import DeputyStatus
from tests.factories import (
    make_body,
    make_constituency,
    make_deputy,
    make_party,
    make_region,
    make_snapshot,
)


@pytest.fixture
def seat(app):
    """Constituency 4 of the Almaly district maslikhat, held by a party deputy."""
    region = make_region(code="ALA", name="Almaty", name_ru="Алматы")
    body = make_body(code="ALM-DM", name="Almaly district maslikhat", region=region)
    constituency = make_constituency(
        code="ALM-DM-04", number=4, name="Almaly 4", name_ru="Алмалы 4", body=body, region=region
    )
    deputy = make_deputy(
        constituency=constituency,
        full_name="Aruzhan Kassymova",
        party=make_party(name="Amanat", name_ru="Аманат"),
        election_date=date(2023, 3, 19),
        mandate_start=date(2023, 3, 29),
        mandate_end=date(2028, 3, 29),
    )
    return constituency, deputy


def test_constituencies_returns_the_documented_shape(client, seat):
    constituency, deputy = seat
    make_snapshot(counts={constituency: 15230})

    response = client.get("/api/v1/constituencies?lang=ru")

    assert response.status_code == 200
    assert response.get_json() == [
        {
            "code": "ALM-DM-04",
            "number": 4,
            "name": "Almaly 4",
            "body": {"code": "ALM-DM", "name": "Almaly district maslikhat"},
            "region": {"code": "ALA", "name": "Almaty"},
            "registered_voters": 15230,
            "deputy": {
                "id": deputy.id,
                "name": "Aruzhan Kassymova",
                "party": "Amanat",
                "self_nominated": False,
            },
        }
    ]


def test_constituencies_gives_null_voters_without_an_active_register_and_null_deputy_when_vacant(
    client,
):
    constituency = make_constituency()
    make_deputy(constituency=constituency, status=DeputyStatus.RECALLED)
    make_snapshot(active=False, counts={constituency: 10})

    [item] = client.get("/api/v1/constituencies").get_json()

    assert item["registered_voters"] is None
    assert item["deputy"] is None


def test_constituencies_are_ordered_by_body_code_then_number(client):
    second, first = make_body(code="B"), make_body(code="A")
    make_constituency(body=second, number=1, code="B-1")
    make_constituency(body=first, number=2, code="A-2")
    make_constituency(body=first, number=1, code="A-1")

    codes = [item["code"] for item in client.get("/api/v1/constituencies").get_json()]

    assert codes == ["A-1", "A-2", "B-1"]


def test_constituencies_filter_by_body_and_region(client):
    body, region = make_body(code="KEEP"), make_region(code="HERE")
    make_constituency(body=body, region=region, code="IN")
    make_constituency(body=body, code="OTHER-REGION")
    make_constituency(region=region, code="OTHER-BODY")

    items = client.get("/api/v1/constituencies?body=KEEP&region=HERE").get_json()

    assert [item["code"] for item in items] == ["IN"]


def test_constituencies_self_nominated_deputy_has_null_party(client):
    make_deputy(party=None)

    [item] = client.get("/api/v1/constituencies").get_json()

    assert item["deputy"]["party"] is None
    assert item["deputy"]["self_nominated"] is True


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/api/v1/constituencies?body=NOPE", "body"),
        ("/api/v1/constituencies?region=NOPE", "region"),
        ("/api/v1/constituencies?body=%00", "body"),
        ("/api/v1/deputies?body=NOPE", "body"),
        ("/api/v1/deputies?status=retired", "status"),
    ],
)
def test_unknown_filter_values_are_a_400_json_error(client, path, field):
    make_deputy()

    response = client.get(path)

    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["code"] == 400
    assert error["field"] == field
    assert error["message"].startswith(f"Unknown {field}:")


def test_deputies_returns_the_documented_shape(client, seat):
    _, deputy = seat

    response = client.get("/api/v1/deputies")

    assert response.get_json() == [
        {
            "id": deputy.id,
            "name": "Aruzhan Kassymova",
            "party": "Amanat",
            "self_nominated": False,
            "status": "serving",
            "election_date": "2023-03-19",
            "mandate_start": "2023-03-29",
            "mandate_end": "2028-03-29",
            "constituency": {"code": "ALM-DM-04", "name": "Almaly 4"},
            "body": {"code": "ALM-DM", "name": "Almaly district maslikhat"},
            "region": {"code": "ALA", "name": "Almaty"},
        }
    ]


def test_deputies_filter_by_body_and_status(client):
    body = make_body(code="KEEP")
    make_deputy(
        constituency=make_constituency(body=body), full_name="Kept", status=DeputyStatus.RECALLED
    )
    make_deputy(constituency=make_constituency(body=body), full_name="Wrong Status")
    make_deputy(full_name="Wrong Body", status=DeputyStatus.RECALLED)

    items = client.get("/api/v1/deputies?body=KEEP&status=recalled").get_json()

    assert [item["name"] for item in items] == ["Kept"]


def test_deputy_returns_one_deputy_with_a_null_mandate_end(client):
    deputy = make_deputy(full_name="Ongoing Mandate", party=None, mandate_end=None)

    item = client.get(f"/api/v1/deputies/{deputy.id}").get_json()

    assert item["name"] == "Ongoing Mandate"
    assert item["mandate_end"] is None
    assert item["party"] is None
    assert item["self_nominated"] is True


@pytest.mark.parametrize("path", ["/api/v1/deputies/777", "/api/v1/deputies/99999999999999999999"])
def test_deputy_is_a_404_json_error_when_missing(client, path):
    response = client.get(path)

    assert response.status_code == 404
    assert response.get_json() == {"error": {"code": 404, "message": "This page does not exist."}}


def test_api_holds_no_personal_data_of_accounts_or_voters(client, seat):
    text = client.get("/api/v1/deputies").get_data(as_text=True)

    for key in ("email", "iin", "birth", "address", "password"):
        assert key not in text


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/constituencies?body=%FF&region=%00",
        "/api/v1/deputies?status=%00",
        "/api/v1/deputies?body=" + "x" * 2000,
        "/api/v1/deputies/0",
        "/api/v1/deputies/-5",
        "/api/v1/nothing-here",
    ],
)
def test_odd_inputs_get_a_json_error_never_a_server_error(client, path):
    response = client.get(path)

    assert response.status_code in (400, 404)
    assert response.get_json()["error"]["code"] == response.status_code


def test_empty_filter_values_mean_no_filter(client):
    make_constituency(code="ONLY")

    items = client.get("/api/v1/constituencies?body=&region=").get_json()

    assert [item["code"] for item in items] == ["ONLY"]
