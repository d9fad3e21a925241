"""Shared steps of the citizen view tests."""

from datetime import UTC, date, datetime, timedelta
from html import unescape

import sqlalchemy as sa
from flask import g

from app.extensions import db
from app.models import RegisterCount, RegisterSnapshot
from app.rules.lifecycle import PetitionStatus as S
from app.services.petitions.commands import change_status
from tests.factories import (
    DEFAULT_PASSWORD,
    make_constituency,
    make_deputy,
    make_petition,
    make_snapshot,
    make_verified_citizen,
    make_voter,
)


def page(response) -> str:
    return unescape(response.get_data(as_text=True))


def sign_in(client, user) -> None:
    """Sign ``user`` in on ``client``.

    The test's app context spans all its requests, so Flask-Login's cached user in ``g`` would
    carry over from another client: it is dropped first, and each request of the test must come
    from the client signed in last.
    """
    g.pop("_login_user", None)
    response = client.post("/auth/login", data={"email": user.email, "password": DEFAULT_PASSWORD})
    # Success redirects to the role's start page; a failure answers the form again (200).
    assert response.status_code == 302 and "/auth/login" not in response.location, "sign-in failed"


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
