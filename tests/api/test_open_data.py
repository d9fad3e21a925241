"""Open data downloads: petitions, daily counts and per-constituency totals, CSV and JSON, with
their licence and nothing personal."""

import csv
import io
from datetime import UTC, datetime

import pytest

from app.extensions import db
from app.models import SignatureStatus as Sig
from app.rules.lifecycle import PetitionStatus as S
from tests.factories import make_constituency, make_deputy, make_petition, make_signature, make_user

OPENED = datetime(2026, 12, 9, 5, 0, tzinfo=UTC)
CLOSES = datetime(2027, 1, 8, 13, 0, tzinfo=UTC)
LICENCE = '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'


@pytest.fixture
def petition(app):
    """A collecting petition with counted signatures on 10 and 12 December (Almaty time)."""
    place = make_constituency(code="ALM-04", name="Almaly 4")
    petition = make_petition(
        deputy=make_deputy(constituency=place, full_name="Aruzhan Kassymova"),
        status=S.COLLECTING,
        opened_at=OPENED,
        closes_at=CLOSES,
        electorate=4_000,
        signatures_required=400,
    )
    signer = make_user(email="signer@example.org")
    for day, status in ((10, Sig.VALID), (10, Sig.PENDING), (12, Sig.VALID), (12, Sig.INVALID)):
        make_signature(petition, status=status, user_id=signer.id,
                       signed_at=datetime(2026, 12, day, 6, tzinfo=UTC))  # fmt: skip
    db.session.commit()
    return petition


def rows(answer) -> list[dict]:
    return list(csv.DictReader(io.StringIO(answer.get_data(as_text=True))))


def test_the_petitions_download_in_json_is_the_list_with_its_licence(client, petition):
    answer = client.get("/api/v1/petitions.json?lang=ru")

    body = answer.get_json()
    assert answer.headers["Link"] == LICENCE
    assert body["licence"]["name"] == "CC BY 4.0" and "CC BY 4.0" in body["licence"]["statement"]
    assert body["licence"]["statement"].startswith("Открытые данные")
    [item] = body["petitions"]
    listed = client.get("/api/v1/petitions").get_json()[0]
    assert {k: v for k, v in item.items() if k != "counted_at"} == {
        k: v for k, v in listed.items() if k != "counted_at"
    }


def test_the_petitions_csv_has_one_row_per_petition_with_the_json_figures(client, petition):
    answer = client.get("/api/v1/petitions.csv")

    assert answer.mimetype == "text/csv" and answer.headers["Link"] == LICENCE
    assert 'filename="petitions.csv"' in answer.headers["Content-Disposition"]
    [row] = rows(answer)
    assert row["id"] == str(petition.id) and row["constituency_code"] == "ALM-04"
    assert (row["signatures_valid"], row["signatures_pending"], row["signatures_counted"]) == (
        "2",
        "1",
        "3",
    )
    assert row["collection_ends_at"] == "2027-01-08T18:00:00+05:00"


def test_daily_counts_give_each_local_day_and_the_running_total(client, petition):
    body = client.get(f"/api/v1/petitions/{petition.id}/daily.json").get_json()
    table = rows(client.get(f"/api/v1/petitions/{petition.id}/daily.csv"))

    assert body["time_zone"] == "Asia/Almaty"
    assert body["days"] == [
        {"date": "2026-12-10", "signatures": 2, "cumulative": 2},
        {"date": "2026-12-11", "signatures": 0, "cumulative": 2},
        {"date": "2026-12-12", "signatures": 1, "cumulative": 3},
    ]
    assert table == [
        {"date": day["date"], "signatures": str(day["signatures"]),
         "cumulative": str(day["cumulative"])}
        for day in body["days"]
    ]  # fmt: skip


def test_daily_counts_are_withheld_where_the_rules_forbid_a_running_count(client, app):
    petition = make_petition(status=S.COLLECTING, rule_set_code="uk-2015",
                             opened_at=OPENED, closes_at=CLOSES)  # fmt: skip
    make_signature(petition)
    db.session.commit()

    body = client.get(f"/api/v1/petitions/{petition.id}/daily.json").get_json()
    text = client.get(f"/api/v1/petitions/{petition.id}/daily.csv").get_data(as_text=True)

    assert body["days"] is None
    assert text == "date,signatures,cumulative\n"


def test_a_draft_has_no_daily_counts(client, app):
    draft = make_petition(status=S.DRAFT)
    db.session.commit()

    assert client.get(f"/api/v1/petitions/{draft.id}/daily.json").status_code == 404


def test_constituency_totals_count_public_petitions_and_counted_signatures(client, petition):
    draft = make_petition(status=S.DRAFT)  # in a constituency of its own, with no public one
    db.session.commit()

    body = client.get("/api/v1/constituencies.json").get_json()
    table = {row["code"]: row for row in rows(client.get("/api/v1/constituencies.csv"))}

    totals = {item["code"]: item for item in body["constituencies"]}
    assert (totals["ALM-04"]["petitions"], totals["ALM-04"]["petitions_collecting"]) == (1, 1)
    assert totals["ALM-04"]["signatures_counted"] == 3
    empty = draft.constituency.code
    assert totals[empty]["petitions"] == 0
    assert table["ALM-04"]["signatures_counted"] == "3" and table[empty]["petitions"] == "0"


def test_no_download_holds_personal_data(client, petition):
    for path in (
        "/api/v1/petitions.csv",
        "/api/v1/petitions.json",
        f"/api/v1/petitions/{petition.id}/daily.json",
        "/api/v1/constituencies.csv",
    ):
        text = client.get(path).get_data(as_text=True)
        assert "signer@example.org" not in text and "receipt" not in text
        assert "TEST-" not in text  # receipt codes of the factories
