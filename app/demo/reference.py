"""The first step of ``seed demo``: regions, parties, bodies and constituencies, the deputies
on them, the demo accounts and the officers' regions, in the caller's transaction.

* Regions, parties, bodies and constituencies are upserted by ``code``: missing rows are created
  and rows whose names or seat numbers differ from the data set are corrected.
* Deputies are found by (constituency, full name, election date) and only created when missing:
  their status and mandate dates are live data that the app itself changes (a recall, an early
  end), so a re-seed never overwrites them. A serving deputy is not created on a seat that
  already has one.
* Demo accounts are found by e-mail and created when missing; an existing one gets its
  documented password back, so that the credentials ``seed demo`` prints always work.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa

from app.demo import geography, people
from app.demo.constituencies import CONSTITUENCIES, ConstituencyData
from app.extensions import db
from app.models import (
    Body,
    Constituency,
    Deputy,
    DeputyStatus,
    OfficerAssignment,
    Party,
    Region,
    Role,
    User,
)


@dataclass
class Tally:
    """Rows created, and rows corrected back to the data set, per kind ("regions", ...)."""

    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)


def seed_reference_data(now: datetime) -> Tally:
    """Upsert the reference data, deputies and demo accounts; ``now`` stamps new accounts.

    Runs in the caller's transaction and returns what it created and corrected.
    """
    tally = Tally()
    regions = _upsert_by_code(tally, Region, "regions", geography.REGIONS, _region_values)
    parties = _upsert_by_code(tally, Party, "parties", people.PARTIES, _names)
    bodies = _upsert_by_code(
        tally, Body, "bodies", geography.BODIES, lambda body: _body_values(body, regions)
    )
    constituencies = _upsert_by_code(
        tally,
        Constituency,
        "constituencies",
        CONSTITUENCIES,
        lambda c: _constituency_values(c, bodies, regions),
    )
    deputies = _create_deputies(tally, constituencies, parties)
    linked = people.demo_account_deputy()
    account_deputy = deputies.get(
        (
            constituencies[linked.constituency_code].id,
            linked.full_name,
            linked.election_date,
        )
    )
    users = _upsert_accounts(tally, account_deputy, now)
    _assign_officers(tally, users, regions, now)
    return tally


# -- reference data, upserted by code ----------------------------------------------------------


def _names(item) -> dict:
    return {"name": item.name, "name_ru": item.name_ru, "name_kk": item.name_kk}


def _region_values(region: geography.RegionData) -> dict:
    return {"kind": region.kind, **_names(region)}


def _body_values(body: geography.BodyData, regions: dict[str, Region]) -> dict:
    return {
        "kind": body.kind,
        "region_id": regions[body.region_code].id if body.region_code else None,
        "rule_set_code": body.rule_set_code,
        "total_seats": body.total_seats,
        "single_mandate_seats": body.single_mandate_seats,
        **_names(body),
    }


def _constituency_values(
    constituency: ConstituencyData,
    bodies: dict[str, Body],
    regions: dict[str, Region],
) -> dict:
    return {
        "number": constituency.number,
        "body_id": bodies[constituency.body_code].id,
        "region_id": regions[constituency.region_code].id,
        **_names(constituency),
    }


def _upsert_by_code(tally: Tally, model, label: str, items, values_of) -> dict:
    existing = {
        row.code: row
        for row in db.session.scalars(
            sa.select(model).where(model.code.in_([item.code for item in items]))
        )
    }
    for item in items:
        values = values_of(item)
        row = existing.get(item.code)
        if row is None:
            row = model(code=item.code, **values)
            db.session.add(row)
            existing[item.code] = row
            tally.created[label] += 1
        elif _apply(row, values):
            tally.updated[label] += 1
    db.session.flush()  # the ids are needed by the next kind
    return existing


# -- deputies and accounts, created when missing -----------------------------------------------


def _create_deputies(
    tally: Tally, constituencies: dict[str, Constituency], parties: dict[str, Party]
) -> dict[tuple, Deputy]:
    ids = [constituency.id for constituency in constituencies.values()]
    existing = {
        (deputy.constituency_id, deputy.full_name, deputy.election_date): deputy
        for deputy in db.session.scalars(sa.select(Deputy).where(Deputy.constituency_id.in_(ids)))
    }
    serving_seats = {
        deputy.constituency_id
        for deputy in existing.values()
        if deputy.status is DeputyStatus.SERVING
    }
    for data in people.DEPUTIES:
        constituency_id = constituencies[data.constituency_code].id
        key = (constituency_id, data.full_name, data.election_date)
        if key in existing:
            continue
        if data.status is DeputyStatus.SERVING and constituency_id in serving_seats:
            continue  # someone else holds the seat now; the demo does not displace them
        deputy = Deputy(
            full_name=data.full_name,
            party_id=parties[data.party_code].id if data.party_code else None,
            constituency_id=constituency_id,
            election_date=data.election_date,
            mandate_start=data.mandate_start,
            mandate_end=data.mandate_end,
            status=data.status,
        )
        db.session.add(deputy)
        existing[key] = deputy
        if data.status is DeputyStatus.SERVING:
            serving_seats.add(constituency_id)
        tally.created["deputies"] += 1
    db.session.flush()
    return existing


def _upsert_accounts(tally: Tally, account_deputy: Deputy | None, now: datetime) -> dict[str, User]:
    emails = [account.email for account in people.DEMO_ACCOUNTS]
    existing = {
        user.email: user
        for user in db.session.scalars(sa.select(User).where(User.email.in_(emails)))
    }
    for account in people.DEMO_ACCOUNTS:
        user = existing.get(account.email)
        if user is None:
            deputy = account_deputy if account.role is Role.DEPUTY else None
            user = User(
                email=account.email,
                role=account.role,
                display_name=account.display_name,
                active=True,
                created_at=now,
                # Demo addresses receive no mail, so they are confirmed from the start.
                email_confirmed_at=now,
                deputy_id=deputy.id if deputy is not None else None,
            )
            user.set_password(account.password)
            db.session.add(user)
            tally.created["accounts"] += 1
        elif not user.check_password(account.password):
            user.set_password(account.password)
            tally.updated["accounts"] += 1
        existing[account.email] = user
    db.session.flush()
    return existing


def _assign_officers(
    tally: Tally, users: dict[str, User], regions: dict[str, Region], now: datetime
) -> None:
    """Give each demo officer their region, unless they already have it."""
    for account in people.DEMO_ACCOUNTS:
        if account.region_code is None:
            continue
        user, region = users[account.email], regions[account.region_code]
        assigned = db.session.scalar(
            sa.select(OfficerAssignment.id).where(
                OfficerAssignment.user_id == user.id, OfficerAssignment.region_id == region.id
            )
        )
        if assigned is None:
            db.session.add(OfficerAssignment(user_id=user.id, region_id=region.id, created_at=now))
            tally.created["officer assignments"] += 1
    db.session.flush()


def _apply(row, values: dict) -> bool:
    """Set ``values`` on ``row``; whether anything differed."""
    changed = False
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    return changed
