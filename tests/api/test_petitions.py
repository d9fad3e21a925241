import re
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
    make_user,
)

OPENED = datetime(2026, 12, 9, 5, 0, tzinfo=UTC)
CLOSES = datetime(2027, 1, 8, 13, 0, tzinfo=UTC)
ISO_WITH_OFFSET = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")


@pytest.fixture
def petition(app):
    """A collecting petition in Almaly 4 with two valid, one pending and one invalid signature."""
    region = make_region(code="ALA", name="Almaty")
    body = make_body(code="ALM-DM", name="Almaly district maslikhat", region=region)
    place = make_constituency(code="ALM-DM-04", name="Almaly 4", body=body, region=region)
    petition = make_petition(
        deputy=make_deputy(constituency=place, full_name="Aruzhan Kassymova"),
        status=S.COLLECTING,
        statement="Promises were not kept.",
        opened_at=OPENED,
        closes_at=CLOSES,
        electorate=4_000,
        signatures_required=400,
    )
    signer = make_user(email="signer@example.org")
    for status in (Sig.VALID, Sig.VALID, Sig.PENDING, Sig.INVALID, Sig.WITHDRAWN):
        make_signature(petition, status=status, user_id=signer.id if status is Sig.VALID else None)
    db.session.commit()
    return petition


def expected(petition, *, signatures):
    return {
        "id": petition.id,
        "status": "collecting",
        "rule_set": "kz-maslikhat-2023",
        "deputy": {"id": petition.deputy_id, "name": "Aruzhan Kassymova"},
        "constituency": {"code": "ALM-DM-04", "name": "Almaly 4"},
        "body": {"code": "ALM-DM", "name": "Almaly district maslikhat"},
        "region": {"code": "ALA", "name": "Almaty"},
        "signatures": signatures,
        "signatures_required": 400,
        "opened_at": "2026-12-09T10:00:00+05:00",
        "collection_ends_at": "2027-01-08T18:00:00+05:00",
    }


# 400 required: 2 valid signatures are 0 %.
COUNTED = {
    "valid": 2,
    "pending": 1,
    "invalid": 1,
    "withdrawn": 1,
    "toward_threshold": 2,
    "percent": 0,
}


def test_petitions_returns_the_documented_shape(client, petition):
    [item] = client.get("/api/v1/petitions").get_json()

    counted_at = item.pop("counted_at")
    assert item == expected(petition, signatures=COUNTED)
    assert ISO_WITH_OFFSET.match(counted_at) and counted_at.endswith("+05:00")


def test_one_petition_adds_its_statement_and_fingerprint(client, petition):
    response = client.get(f"/api/v1/petitions/{petition.id}")

    assert response.status_code == 200
    item = response.get_json()
    item.pop("counted_at")
    assert item == {
        **expected(petition, signatures=COUNTED),
        "statement": "Promises were not kept.",
        "statement_sha256": None,
        "deputy_reply": None,
        "result": None,
    }


def test_counts_are_null_under_rules_without_a_running_count(client, app):
    petition = make_petition(
        status=S.COLLECTING,
        rule_set_code="uk-2015",
        opened_at=datetime(2026, 7, 1, 9, tzinfo=UTC),
        closes_at=datetime(2026, 8, 11, 16, tzinfo=UTC),
    )
    make_signature(petition)
    db.session.commit()

    for item in (
        client.get("/api/v1/petitions").get_json()[0],
        client.get(f"/api/v1/petitions/{petition.id}").get_json(),
    ):
        assert item["rule_set"] == "uk-2015"
        assert item["signatures"] == dict.fromkeys(COUNTED)
        assert item["counted_at"] is None
        assert item["collection_ends_at"] == "2026-08-11T17:00:00+01:00"  # BST


def test_a_petition_without_dates_has_null_dates(client, app):
    petition = make_petition(status=S.FILED)
    db.session.commit()

    item = client.get(f"/api/v1/petitions/{petition.id}").get_json()

    assert (item["opened_at"], item["collection_ends_at"], item["signatures_required"]) == (
        None,
        None,
        None,
    )
    assert item["signatures"]["toward_threshold"] == 0 and item["signatures"]["percent"] is None


def test_public_counts_are_the_cached_ones(client, app, petition):
    app.config["SIGNATURE_COUNT_INTERVAL"] = 3600
    client.get("/api/v1/petitions")
    make_signature(petition, status=Sig.VALID)
    db.session.commit()

    item = client.get(f"/api/v1/petitions/{petition.id}").get_json()

    assert item["signatures"]["valid"] == 2


def test_drafts_are_neither_listed_nor_found(client, app):
    draft = make_petition(status=S.DRAFT)
    forming = make_petition(status=S.GROUP_FORMING)
    db.session.commit()

    assert client.get("/api/v1/petitions").get_json() == []
    for hidden in (draft, forming):
        response = client.get(f"/api/v1/petitions/{hidden.id}")
        assert response.status_code == 404
        assert response.get_json() == {
            "error": {"code": 404, "message": "This page does not exist."}
        }


def test_petitions_filter_by_status_body_and_constituency(client, petition):
    other = make_petition(status=S.FILED)
    db.session.commit()

    def ids(query):
        return [item["id"] for item in client.get(f"/api/v1/petitions?{query}").get_json()]

    assert ids("") == [other.id, petition.id]
    assert ids("status=collecting") == [petition.id]
    assert ids("status=filed") == [other.id]
    assert ids("body=ALM-DM") == [petition.id]
    assert ids("constituency=ALM-DM-04&status=collecting") == [petition.id]
    assert ids("constituency=ALM-DM-04&status=filed") == []
    assert ids("status=&body=&constituency=") == [other.id, petition.id]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("status=shredded", "status"),
        ("status=draft", "status"),
        ("body=NOPE", "body"),
        ("constituency=NOPE", "constituency"),
        ("constituency=%00", "constituency"),
        ("body=" + "x" * 2000, "body"),
    ],
)
def test_unknown_filter_values_are_a_400_json_error(client, petition, query, field):
    response = client.get(f"/api/v1/petitions?{query}")

    assert response.status_code == 400
    error = response.get_json()["error"]
    assert (error["code"], error["field"]) == (400, field)
    assert error["message"].startswith(f"Unknown {field}:")


@pytest.mark.parametrize(
    "path",
    ["/api/v1/petitions/777", "/api/v1/petitions/0", "/api/v1/petitions/99999999999999999999"],
)
def test_a_missing_petition_is_a_404_json_error(client, app, path):
    response = client.get(path)

    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == 404


def test_the_petition_api_holds_no_personal_data(client, petition):
    texts = [
        client.get("/api/v1/petitions").get_data(as_text=True),
        client.get(f"/api/v1/petitions/{petition.id}").get_data(as_text=True),
    ]

    for text in texts:
        for key in ("email", "iin", "signer", "receipt", "user", "birth", "voter"):
            assert key not in text.lower()


def test_the_deadline_keeps_its_offset_when_it_falls_in_another_utc_day(client, app):
    closes = datetime(2027, 1, 8, 20, 30, tzinfo=UTC)  # 01:30 on 9 January in Almaty
    petition = make_petition(
        status=S.COLLECTING, opened_at=closes - timedelta(days=30), closes_at=closes
    )
    db.session.commit()

    item = client.get(f"/api/v1/petitions/{petition.id}").get_json()

    assert item["collection_ends_at"] == "2027-01-09T01:30:00+05:00"
