"""Builders for the citizen's side: seats on the register, verified citizens, petitions collecting
now."""

from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa

from app.extensions import db
from app.models import BodyKind, RegisterCount, RegisterSnapshot, StationConstituency
from app.rules.lifecycle import PetitionStatus as S
from app.services.petitions.commands import change_status
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


def registered(constituency, voters: int = 1_000) -> None:
    """Give ``constituency`` a voter count in the active register (made if missing)."""
    snapshot = db.session.scalar(sa.select(RegisterSnapshot).where(RegisterSnapshot.is_active))
    if snapshot is None:
        make_snapshot(counts={constituency: voters})
    else:
        db.session.add(
            RegisterCount(snapshot_id=snapshot.id, constituency_id=constituency.id, voters=voters)
        )
        db.session.flush()


def seat(**deputy_fields):
    """A serving deputy (mandate from 2023) of a new constituency on the active register."""
    constituency = make_constituency()
    deputy = make_deputy(constituency=constituency, **deputy_fields)
    registered(constituency)
    return deputy


def map_station(station: str, *constituencies) -> None:
    """Put polling station ``station`` of the constituencies' region into each of them (the
    station map, one row per body), as ``flask register stations`` would."""
    for constituency in constituencies:
        db.session.add(
            StationConstituency(
                region_id=constituency.region_id,
                station=station,
                body_id=constituency.body_id,
                constituency_id=constituency.id,
            )
        )
    db.session.flush()


def city_and_region(*, mapped: bool = True):
    """A city maslikhat seat and a regional maslikhat seat over the same region, each with a
    serving deputy and registered voters: ``(city_deputy, regional_deputy)``. With ``mapped``,
    polling station 1 of the city constituency (``make_voter``'s) lies in the regional one."""
    region = make_region()
    city_body = make_body(
        code="TEMIRTAU-CM", kind=BodyKind.CITY_MASLIKHAT, region=region, name="Temirtau maslikhat"
    )
    regional_body = make_body(
        code="KARAGANDA-RM",
        kind=BodyKind.REGIONAL_MASLIKHAT,
        region=region,
        name="Karaganda regional maslikhat",
    )
    city = make_deputy(
        constituency=make_constituency(body=city_body, name="Temirtau Central"),
        full_name="Serik Gorodskoy",
    )
    regional = make_deputy(
        constituency=make_constituency(body=regional_body, name="Karaganda North"),
        full_name="Aigul Oblastnaya",
    )
    for deputy in (city, regional):
        registered(deputy.constituency)
    if mapped:
        map_station("1", regional.constituency)
    return city, regional


def citizen_of(constituency, **voter_fields):
    """A verified citizen on the active register of ``constituency`` (committed)."""
    user = make_verified_citizen(make_voter(constituency=constituency, **voter_fields))
    db.session.commit()
    return user


def collecting_petition(**kw):
    """A petition collecting signatures now (opened yesterday), with an active register."""
    petition = make_petition(status=S.FILED, **kw)
    registered(petition.constituency)
    db.session.commit()
    opened = datetime.now(UTC) - timedelta(days=1)
    return change_status(petition.id, S.COLLECTING, now=opened, reason="registered")


def today() -> date:
    return datetime.now(UTC).date()
