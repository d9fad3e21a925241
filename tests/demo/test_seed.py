"""Loading the demo data set into the database (SQLite and PostgreSQL)."""

import inspect
from collections import Counter
from datetime import UTC, date, datetime

import sqlalchemy as sa

from app.demo import constituencies, geography, people
from app.demo.newcomers import NEWCOMERS
from app.demo.register import TEMIRTAU_IN_REGION
from app.demo.seed import DEFAULT_VOTERS, seed_demo
from app.extensions import db
from app.models import (
    AuditEntry,
    Body,
    BodyKind,
    Constituency,
    Deputy,
    DeputyStatus,
    Party,
    PollingStation,
    Region,
    RegionKind,
    RegisterCount,
    RegisterSnapshot,
    Role,
    User,
    Voter,
)
from tests.support.demo import MAZHILIS_2023

#: Small, to keep the suite fast; the default (20,000) is checked without generating it.
VOTERS = 300
NOW = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
TABLES = (
    Region,
    Party,
    Body,
    Constituency,
    Deputy,
    User,
    RegisterSnapshot,
    RegisterCount,
    PollingStation,
    Voter,
)


def row_counts() -> dict[str, int]:
    return {
        model.__tablename__: db.session.scalar(sa.select(sa.func.count()).select_from(model))
        for model in TABLES
    }


def seeded_audit_entries() -> list[AuditEntry]:
    return list(db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "demo.seeded")))


def test_default_register_has_at_least_20000_voters():
    assert DEFAULT_VOTERS >= 20_000
    assert inspect.signature(seed_demo).parameters["voters"].default == DEFAULT_VOTERS


def test_seed_creates_the_2023_geography(app):
    report = seed_demo(voters=0, now=NOW)
    assert report.created == {
        "regions": 20,
        "parties": 7,
        "bodies": 6,  # the Mazhilis, three maslikhats, two fictional councils
        "constituencies": len(constituencies.CONSTITUENCIES),
        "deputies": len(people.DEPUTIES),
        "accounts": len(people.DEMO_ACCOUNTS),
        "officer assignments": 4,
    }
    kinds = Counter(db.session.scalars(sa.select(Region.kind)))
    assert kinds == {RegionKind.OBLAST: 17, RegionKind.CITY: 3}

    mazhilis = db.session.scalar(sa.select(Body).where(Body.code == "mazhilis"))
    assert (mazhilis.total_seats, mazhilis.single_mandate_seats) == (98, 29)
    assert mazhilis.region_id is None
    assert mazhilis.rule_set_code == "kz-mazhilis-2023"
    per_region = Counter(
        db.session.scalars(
            sa.select(Region.code)
            .join(Constituency, Constituency.region_id == Region.id)
            .where(Constituency.body_id == mazhilis.id)
        )
    )
    assert per_region == MAZHILIS_2023


def test_seed_creates_maslikhats_with_several_constituencies(app):
    seed_demo(voters=0, now=NOW)
    fictional = [body.code for body in geography.FICTIONAL_BODIES]
    maslikhats = db.session.scalars(
        sa.select(Body).where(Body.kind != BodyKind.MAZHILIS, Body.code.not_in(fictional))
    ).all()
    assert {body.kind for body in maslikhats} == {
        BodyKind.REGIONAL_MASLIKHAT,
        BodyKind.CITY_MASLIKHAT,
        BodyKind.DISTRICT_MASLIKHAT,
    }
    for body in maslikhats:
        assert body.rule_set_code == "kz-maslikhat-2023"
        assert body.region_id is not None
        seats = db.session.scalar(sa.select(sa.func.count()).where(Constituency.body_id == body.id))
        assert seats >= 3
        if body.kind is BodyKind.REGIONAL_MASLIKHAT:
            assert body.single_mandate_seats * 2 == body.total_seats
        else:
            assert body.single_mandate_seats == body.total_seats


def test_deputies_are_fictional_with_one_of_the_seven_parties_or_none(app):
    seed_demo(voters=0, now=NOW)
    party_codes = set(db.session.scalars(sa.select(Party.code)))
    assert party_codes == people.PARTY_CODES
    deputies = db.session.scalars(sa.select(Deputy)).all()
    assert deputies
    for deputy in deputies:
        assert people.FICTIONAL_STEM in deputy.full_name
        assert deputy.party is None or deputy.party.code in party_codes
        if deputy.party is not None and deputy.party.code == "respublica":
            assert deputy.constituency.body.kind is BodyKind.MAZHILIS
    assert any(deputy.self_nominated for deputy in deputies)


def test_mandates_and_seats(app):
    seed_demo(voters=0, now=NOW)
    rows = db.session.execute(
        sa.select(Deputy, Body.kind).join(Deputy.constituency).join(Constituency.body)
    ).all()
    for deputy, kind in rows:
        assert deputy.election_date == date(2023, 3, 19) or deputy.status is DeputyStatus.SERVING
        if kind is BodyKind.MAZHILIS:
            assert deputy.status is DeputyStatus.ENDED
            assert deputy.mandate_end == date(2026, 7, 1)
    serving = set(
        db.session.scalars(
            sa.select(Deputy.constituency_id).where(Deputy.status == DeputyStatus.SERVING)
        )
    )
    maslikhat_seats = set(
        db.session.scalars(
            sa.select(Constituency.id).join(Constituency.body).where(Body.kind != BodyKind.MAZHILIS)
        )
    )
    assert 1 <= len(maslikhat_seats - serving) <= 2  # vacant seats
    history = db.session.scalars(
        sa.select(Deputy.status)
        .join(Deputy.constituency)
        .where(Constituency.code == people.HISTORY_CONSTITUENCY)
    ).all()
    assert sorted(history) == [DeputyStatus.ENDED, DeputyStatus.SERVING]


def test_demo_accounts_log_in_with_their_printed_passwords(app):
    report = seed_demo(voters=0, now=NOW)
    assert {account.role for account in report.credentials} == set(Role)
    for account in report.credentials:
        user = db.session.scalar(sa.select(User).where(User.email == account.email))
        assert user.role is account.role
        assert user.check_password(account.password)
        assert not user.check_password(account.password + "x")
        assert user.created_at == NOW
    deputy_user = db.session.scalar(sa.select(User).where(User.role == Role.DEPUTY))
    assert deputy_user.deputy.status is DeputyStatus.SERVING
    assert deputy_user.deputy.constituency.body.kind is not BodyKind.MAZHILIS


def test_seed_loads_a_register_over_every_demo_constituency(app):
    report = seed_demo(voters=VOTERS, now=NOW)
    assert report.register.skipped is None
    # The fictional wards' voters and the five voters for newcomers come on top.
    extra = sum(constituencies.FICTIONAL_ELECTORATE.values()) + len(NEWCOMERS)
    assert report.register.imported == VOTERS + extra
    assert report.register.rejected == 0
    snapshot = db.session.scalar(sa.select(RegisterSnapshot).where(RegisterSnapshot.is_active))
    assert snapshot.id == report.register.snapshot_id
    assert snapshot.snapshot_date == date(2026, 10, 1)
    counted = dict(
        db.session.execute(
            sa.select(Constituency.code, RegisterCount.voters)
            .join(RegisterCount, RegisterCount.constituency_id == Constituency.id)
            .where(RegisterCount.snapshot_id == snapshot.id)
        ).all()
    )
    assert set(counted) == set(constituencies.CONSTITUENCIES_BY_CODE)
    # Temirtau's voters count in their city constituency and, through the demo's station map,
    # in a regional one; everyone else once.
    temirtau = sum(counted[code] for code in TEMIRTAU_IN_REGION)
    assert sum(counted.values()) == VOTERS + extra + temirtau
    for regional in set(TEMIRTAU_IN_REGION.values()):
        city = [code for code, target in TEMIRTAU_IN_REGION.items() if target == regional]
        assert counted[regional] == rows_naming(regional) + sum(counted[code] for code in city)
    # ``voters`` is spread over the Kazakh constituencies; the fictional wards get their own.
    for code, electorate in constituencies.FICTIONAL_ELECTORATE.items():
        assert counted[code] == electorate


def test_the_fictional_councils_are_labelled_and_sit_in_almaty(app):
    seed_demo(voters=0, now=NOW)
    for data in geography.FICTIONAL_BODIES:
        body = db.session.scalar(sa.select(Body).where(Body.code == data.code))
        assert "fictional" in body.name and "вымышлен" in body.name_ru
        assert "ойдан шығарылған" in body.name_kk
        assert body.region.code == "almaty"
    codes = {body.rule_set_code for body in db.session.scalars(sa.select(Body))}
    assert {"ca-local", "uk-2015"} <= codes


def test_seed_writes_one_audit_entry(app):
    report = seed_demo(voters=0, now=NOW)
    (entry,) = seeded_audit_entries()
    assert entry.id == report.audit_entry_id
    assert entry.actor_label == "cli"
    assert entry.at == NOW
    assert entry.details["created"]["regions"] == 20


def test_seeding_twice_changes_nothing(app):
    seed_demo(voters=VOTERS, now=NOW)
    before = row_counts()
    audit_before = db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry))

    again = seed_demo(voters=VOTERS, now=NOW)

    assert not again.changed
    assert again.created == {} and again.updated == {}
    assert again.audit_entry_id is None
    assert again.register.skipped is not None
    assert row_counts() == before
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry)) == audit_before
    assert len(seeded_audit_entries()) == 1


def test_reseeding_restores_a_changed_demo_password(app):
    seed_demo(voters=0, now=NOW)
    admin = db.session.scalar(sa.select(User).where(User.email == "admin@demo.recall.kz"))
    admin.set_password("something else")
    db.session.commit()

    report = seed_demo(voters=0, now=NOW)

    assert report.created == {}
    assert report.updated == {"accounts": 1}
    assert admin.check_password("demo-admin-pass")
    assert len(seeded_audit_entries()) == 2


def test_reseeding_leaves_a_recalled_deputy_alone(app):
    seed_demo(voters=0, now=NOW)
    deputy = db.session.scalar(
        sa.select(Deputy)
        .join(Deputy.constituency)
        .where(Constituency.code == "TEMIRTAU-CM-01", Deputy.status == DeputyStatus.SERVING)
    )
    deputy.status = DeputyStatus.RECALLED
    deputy.mandate_end = date(2026, 9, 1)
    db.session.commit()

    report = seed_demo(voters=0, now=NOW)

    assert not report.changed
    db.session.refresh(deputy)
    assert deputy.status is DeputyStatus.RECALLED


def rows_naming(code: str) -> int:
    """Voters whose row in the active register names the constituency ``code``."""
    return db.session.scalar(
        sa.select(sa.func.count())
        .select_from(Voter)
        .join(RegisterSnapshot, RegisterSnapshot.id == Voter.snapshot_id)
        .join(Constituency, Constituency.id == Voter.constituency_id)
        .where(RegisterSnapshot.is_active, Constituency.code == code)
    )
