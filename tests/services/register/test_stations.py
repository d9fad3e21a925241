"""The station map: a voter's constituency in every body, through their polling station."""

import csv
from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from app import iin
from app.extensions import db
from app.models import (
    AuditEntry,
    BodyKind,
    RegisterCount,
    Signature,
    SignatureStatus,
    StationConstituency,
)
from app.rules.checks import Check
from app.rules.lifecycle import PetitionStatus as S
from app.services.petitions.commands import change_status
from app.services.register.importer import import_register
from app.services.register.reader import RegisterFileError
from app.services.register.stations import HEADER, load_station_map
from app.services.signing.commands import Refusal, SigningRefused, sign_petition
from tests.factories import (
    make_body,
    make_constituency,
    make_deputy,
    make_petition,
    make_region,
    make_snapshot,
    make_verified_citizen,
    make_voter,
)
from tests.support.register import row, write

OPENED = datetime(2026, 12, 10, 5, 0, tzinfo=UTC)
NOW = OPENED + timedelta(days=2)


@pytest.fixture
def places(app):
    """A region with a regional maslikhat (R-1, R-2) and a city maslikhat (C-1) over it."""
    region = make_region()
    regional = make_body(code="reg-rm", kind=BodyKind.REGIONAL_MASLIKHAT, region=region)
    city = make_body(code="city-cm", kind=BodyKind.CITY_MASLIKHAT, region=region)
    places = {
        "R-1": make_constituency(code="R-1", body=regional, region=region),
        "R-2": make_constituency(code="R-2", body=regional, region=region),
        "C-1": make_constituency(code="C-1", body=city, region=region),
    }
    db.session.commit()
    return places


def station_map(tmp_path, rows, name="stations.csv", header=HEADER):
    path = tmp_path / name
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def load(tmp_path, rows, name="stations.csv"):
    return load_station_map(station_map(tmp_path, rows, name), actor_label="test", now=NOW)


def collecting_against(constituency):
    petition = make_petition(status=S.FILED, deputy=make_deputy(constituency=constituency))
    db.session.commit()
    return change_status(petition.id, S.COLLECTING, now=OPENED, reason="registered")


@pytest.fixture
def city_voter(places):
    """A verified citizen whose register row names C-1, at polling station 1."""
    make_snapshot(counts=dict.fromkeys(places.values(), 100))
    user = make_verified_citizen(make_voter(constituency=places["C-1"]))
    db.session.commit()
    return user


def test_a_voter_signs_in_two_bodies_through_one_station(places, city_voter, tmp_path):
    load(tmp_path, [["1", "city-cm", "C-1"], ["1", "reg-rm", "R-1"]])
    regional, city = collecting_against(places["R-1"]), collecting_against(places["C-1"])

    signatures = [sign_petition(p.id, city_voter.id, now=NOW) for p in (regional, city)]

    assert [s.status for s in signatures] == [SignatureStatus.VALID] * 2


def test_without_the_map_a_voter_signs_only_in_their_register_rows_body(
    places, city_voter, tmp_path
):
    regional = collecting_against(places["R-1"])

    with pytest.raises(SigningRefused) as refused:
        sign_petition(regional.id, city_voter.id, now=NOW)

    assert refused.value.reason is Refusal.OTHER_CONSTITUENCY


def test_the_map_places_a_station_in_one_constituency_of_each_body(places, city_voter, tmp_path):
    regional = collecting_against(places["R-1"])
    load(tmp_path, [["1", "reg-rm", "R-2"]])

    with pytest.raises(SigningRefused):
        sign_petition(regional.id, city_voter.id, now=NOW)


def test_a_refusal_names_the_voters_constituency_in_the_petitions_body(
    places, city_voter, tmp_path
):
    elsewhere = collecting_against(places["R-2"])
    load(tmp_path, [["1", "reg-rm", "R-1"]])

    with pytest.raises(SigningRefused) as refused:
        sign_petition(elsewhere.id, city_voter.id, now=NOW)

    assert "You vote in Constituency" in str(refused.value)
    assert places["R-1"].name in str(refused.value) and places["C-1"].name not in str(refused.value)
    assert refused.value.deputy is None  # R-1 has no serving deputy here


def test_a_new_map_re_checks_the_signatures_of_open_petitions(places, city_voter, tmp_path):
    load(tmp_path, [["1", "reg-rm", "R-1"]])
    regional = collecting_against(places["R-1"])
    signature = sign_petition(regional.id, city_voter.id, now=NOW)

    result = load(tmp_path, [["1", "reg-rm", "R-2"]], name="moved.csv")

    db.session.refresh(signature := db.session.get(Signature, signature.id))
    assert result.recheck.flagged == 1
    assert Check(signature.failed_checks) & Check.IN_CONSTITUENCY
    assert signature.status is not SignatureStatus.VALID


def test_the_register_counts_voters_in_each_body_through_the_map(places, tmp_path):
    voters = [iin.make(date(1980, 1, day), iin.Sex.FEMALE, day) for day in (1, 2, 3)]
    register = [
        row(voters[0], code="C-1", station="101"),
        row(voters[1], code="C-1", station="101"),
        row(voters[2], code="C-1", station="102"),
    ]
    load(tmp_path, [["101", "reg-rm", "R-1"], ["102", "reg-rm", "R-2"]])

    import_register(write(tmp_path / "r.csv", register), date(2026, 10, 1))

    counts = dict(
        db.session.execute(sa.select(RegisterCount.constituency_id, RegisterCount.voters)).all()
    )
    assert counts == {places["C-1"].id: 3, places["R-1"].id: 2, places["R-2"].id: 1}


def test_loading_a_map_recounts_the_active_register(places, tmp_path):
    voters = [iin.make(date(1981, 2, day), iin.Sex.MALE, day) for day in (1, 2)]
    register = [row(number, code="C-1", station="7") for number in voters]
    import_register(write(tmp_path / "r.csv", register), date(2026, 10, 1))

    load(tmp_path, [["7", "reg-rm", "R-2"]])

    counted = db.session.scalar(
        sa.select(RegisterCount.voters).where(RegisterCount.constituency_id == places["R-2"].id)
    )
    assert counted == 2
    audit = db.session.scalar(
        sa.select(AuditEntry).where(AuditEntry.action == "register.stations_loaded")
    )
    assert audit.details["rows"] == 1 and audit.details["bodies"] == 1


@pytest.mark.parametrize(
    ("rows", "problem"),
    [
        ([["1", "nobody", "R-1"]], "no body has the code nobody"),
        ([["1", "city-cm", "R-1"]], "city-cm has no constituency R-1"),
        ([["1", "reg-rm", "R-1"], ["1", "reg-rm", "R-2"]], "already on line 2"),
        ([["1", "reg-rm"]], "line 2: three values are needed"),
        ([["1" * 40, "reg-rm", "R-1"]], "too long"),
        ([], "maps no station"),
    ],
)
def test_a_bad_map_is_refused_and_the_old_one_stays(places, tmp_path, rows, problem):
    load(tmp_path, [["9", "reg-rm", "R-1"]], name="first.csv")

    with pytest.raises(RegisterFileError, match=problem):
        load(tmp_path, rows, name="bad.csv")

    kept = db.session.execute(sa.select(StationConstituency.station)).scalars().all()
    assert kept == ["9"]


def test_a_map_with_the_wrong_header_is_refused(places, tmp_path):
    path = station_map(tmp_path, [["1", "reg-rm", "R-1"]], header=["station", "body", "code"])

    with pytest.raises(RegisterFileError, match="station,body_code,constituency_code"):
        load_station_map(path, actor_label="test", now=NOW)


def test_the_database_keeps_one_constituency_per_station_and_body(places):
    region_id, body_id = places["R-1"].region_id, places["R-1"].body_id
    for place in ("R-1", "R-2"):
        db.session.add(
            StationConstituency(
                region_id=region_id,
                station="5",
                body_id=body_id,
                constituency_id=places[place].id,
            )
        )
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()
