"""Builders for valid objects: tests state only what matters to them.

Each builder takes keyword arguments only, fills in unique defaults, adds the object to the
session and flushes (so it has an id). Commit yourself when another connection must see it.
"""

import hashlib
import itertools
from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa

from app import iin as iin_module
from app.crypto import vault
from app.extensions import db
from app.models import (
    Body,
    BodyKind,
    Constituency,
    Deputy,
    DeputyStatus,
    OfficerAssignment,
    Party,
    Petition,
    PollingStation,
    Region,
    RegionKind,
    RegisterCount,
    RegisterSnapshot,
    Role,
    User,
    Voter,
)
from app.rules.lifecycle import PetitionStatus

DEFAULT_PASSWORD = "correct horse battery staple"

_sequence = itertools.count(1)


def _saved(obj):
    db.session.add(obj)
    db.session.flush()
    return obj


def make_region(**kw) -> Region:
    n = next(_sequence)
    values = {"code": f"REG{n}", "name": f"Region {n}", "kind": RegionKind.OBLAST}
    return _saved(Region(**values | kw))


def make_body(**kw) -> Body:
    n = next(_sequence)
    if "region" not in kw and "region_id" not in kw:
        kw["region"] = make_region()
    values = {
        "code": f"BODY{n}",
        "name": f"District maslikhat {n}",
        "kind": BodyKind.DISTRICT_MASLIKHAT,
        "rule_set_code": "kz-maslikhat-2023",
        "total_seats": 20,
        "single_mandate_seats": 20,
    }
    return _saved(Body(**values | kw))


def make_constituency(**kw) -> Constituency:
    n = next(_sequence)
    if "body" not in kw and "body_id" not in kw:
        kw["body"] = make_body()
    if "region" not in kw and "region_id" not in kw:
        body = kw.get("body")
        kw["region"] = body.region if body is not None and body.region else make_region()
    values = {"code": f"C{n}", "number": n, "name": f"Constituency {n}"}
    return _saved(Constituency(**values | kw))


def make_party(**kw) -> Party:
    n = next(_sequence)
    return _saved(Party(**{"code": f"PARTY{n}", "name": f"Party {n}"} | kw))


def make_deputy(**kw) -> Deputy:
    """A serving deputy of a party; pass ``party=None`` for a self-nominated one."""
    n = next(_sequence)
    if "constituency" not in kw and "constituency_id" not in kw:
        kw["constituency"] = make_constituency()
    if "party" not in kw and "party_id" not in kw:
        kw["party"] = make_party()
    values = {
        "full_name": f"Deputy Number {n}",
        "election_date": date(2023, 3, 19),
        "mandate_start": date(2023, 3, 29),
        "mandate_end": None,
        "status": DeputyStatus.SERVING,
    }
    return _saved(Deputy(**values | kw))


def make_user(*, role: Role = Role.CITIZEN, password: str = DEFAULT_PASSWORD, **kw) -> User:
    n = next(_sequence)
    # English, like the test app's default: most tests read English text (see TestingConfig).
    values = {
        "email": f"user{n}@example.org",
        "display_name": f"User {n}",
        "role": role,
        "language": "en",
    }
    user = User(**values | kw)
    user.set_password(password)
    return _saved(user)


def make_officer(*, bodies=(), regions=(), **kw) -> User:
    """A commission officer assigned to ``bodies`` and ``regions`` (model objects)."""
    officer = make_user(role=Role.COMMISSION, **kw)
    for body in bodies:
        _saved(OfficerAssignment(user_id=officer.id, body_id=body.id))
    for region in regions:
        _saved(OfficerAssignment(user_id=officer.id, region_id=region.id))
    return officer


def make_snapshot(
    *, active: bool = True, counts: dict[Constituency, int] | None = None, **kw
) -> RegisterSnapshot:
    """A register snapshot with one count row per constituency in ``counts``."""
    n = next(_sequence)
    counts = counts or {}
    total = sum(counts.values())
    values = {
        "snapshot_date": date(2025, 1, 1),
        "source_checksum": hashlib.sha256(f"register {n}".encode()).hexdigest(),
        "source_name": f"register-{n}.csv",
        "row_count": total,
        "imported_count": total,
        "rejected_count": 0,
        "is_active": active,
    }
    snapshot = _saved(RegisterSnapshot(**values | kw))
    for constituency, voters in counts.items():
        db.session.add(
            RegisterCount(snapshot_id=snapshot.id, constituency_id=constituency.id, voters=voters)
        )
    db.session.flush()
    return snapshot


def make_petition(**kw) -> Petition:
    """A draft petition against a serving deputy, under the deputy's body's rule set."""
    if "deputy" not in kw and "deputy_id" not in kw:
        body = make_body(rule_set_code=kw.pop("rule_set_code", "kz-maslikhat-2023"))
        kw["deputy"] = make_deputy(constituency=make_constituency(body=body))
    deputy = kw.get("deputy")
    values = {
        "constituency": deputy.constituency if deputy is not None else None,
        "rule_set_code": deputy.constituency.body.rule_set_code if deputy else "kz-maslikhat-2023",
        "rule_set_version": 1,
        "statement": "The deputy has lost the confidence of the voters.",
    }
    return _saved(Petition(**values | kw))


def make_voter(
    *,
    constituency: Constituency,
    snapshot: RegisterSnapshot | None = None,
    iin: str | None = None,
    **kw,
) -> Voter:
    """A register row; the snapshot defaults to the active one (made if missing)."""
    n = next(_sequence)
    if snapshot is None:
        snapshot = db.session.scalar(sa.select(RegisterSnapshot).where(RegisterSnapshot.is_active))
        snapshot = snapshot or make_snapshot(counts={constituency: 1})
    born = kw.pop("birth_date", date(1980, 1, 1) + timedelta(days=n % 9000))
    iin = (
        iin
        or iin_module.make(born, iin_module.Sex.FEMALE, n % 10_000)
        or iin_module.make(born, iin_module.Sex.MALE, n % 10_000)
    )
    station = db.session.scalar(
        sa.select(PollingStation).where(PollingStation.constituency_id == constituency.id)
    ) or _saved(PollingStation(constituency_id=constituency.id, number="1"))
    values = {
        "snapshot_id": snapshot.id,
        "iin_hash": vault().lookup_hash(iin),
        "iin_encrypted": vault().encrypt(iin),
        "last_name": f"Voterova{n}",
        "first_name": "Aigerim",
        "birth_date": born,
        "constituency_id": constituency.id,
        "polling_station_id": station.id,
    }
    voter = _saved(Voter(**values | kw))
    voter.iin = iin  # the plain IIN, for the test only (never stored)
    return voter


def make_verified_citizen(voter: Voter, **kw) -> User:
    """A citizen with a confirmed email, bound to ``voter``."""
    return make_user(
        role=Role.CITIZEN,
        email_confirmed_at=datetime(2026, 1, 1, tzinfo=UTC),
        voter_hash=voter.iin_hash,
        verified_at=datetime(2026, 1, 1, tzinfo=UTC),
        **kw,
    )


def make_signature(petition: Petition, **kw):
    """A valid online signature on ``petition``, signed now; a withdrawn one gets its time."""
    from app.models import Channel, Signature, SignatureStatus

    n = next(_sequence)
    status = SignatureStatus(kw.pop("status", SignatureStatus.VALID))
    values = {
        "petition_id": petition.id,
        "signer_hash": hashlib.sha256(f"signer {n}".encode()).digest(),
        "channel": Channel.ONLINE,
        "status": status,
        "signed_at": datetime.now(UTC),
        "receipt_code": f"TEST-{n:08d}",
    }
    if status is SignatureStatus.WITHDRAWN and "withdrawn_at" not in kw:
        values["withdrawn_at"] = kw.get("signed_at", values["signed_at"]) + timedelta(hours=1)
    return _saved(Signature(**values | kw))


def make_member(*, petition: Petition, user: User, role: str = "member", **kw):
    """A member of the petition's initiative group (``role="initiator"`` for the initiator)."""
    from app.models import InitiativeMember, MemberRole

    values = {
        "petition_id": petition.id,
        "user_id": user.id,
        "member_hash": user.voter_hash,
        "role": MemberRole(role),
    }
    return _saved(InitiativeMember(**values | kw))


def make_collecting_petition(
    *, voters: int = 1_000, opened_at: datetime = datetime(2026, 12, 10, 5, tzinfo=UTC), **kw
) -> Petition:
    """A petition registered at ``opened_at`` (10:00 in Almaty) through the real lifecycle,
    with ``voters`` in its constituency's active register; committed."""
    from app.services.petitions.commands import change_status

    filed_at = kw.pop("filed_at", opened_at - timedelta(days=7))
    petition = make_petition(status=PetitionStatus.FILED, filed_at=filed_at, **kw)
    make_snapshot(counts={petition.constituency: voters})
    db.session.commit()
    return change_status(
        petition.id,
        PetitionStatus.COLLECTING,
        now=opened_at,
        reason="registered",
        actor_label="test",
    )
