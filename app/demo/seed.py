"""Use case: load the demo data set (``flask --app wsgi seed demo``).

Two transactions. The first upserts the geography, parties, deputies and demo accounts; the
second, run only while no register is active, imports a synthetic voter register spread over
every demo constituency.

Idempotent: a second run finds everything by its natural key and changes nothing, and the
synthetic register is byte-for-byte the same file, which the import recognises by its SHA-256.

* Regions, parties, bodies and constituencies are upserted by ``code``: missing rows are created
  and rows whose names or seat numbers differ from the data set are corrected.
* Deputies are found by (constituency, full name, election date) and only created when missing:
  their status and mandate dates are live data that the app itself changes (a recall, an early
  end), so a re-seed never overwrites them. A serving deputy is not created on a seat that
  already has one.
* Demo accounts are found by e-mail and created when missing; an existing one gets its
  documented password back, so that the credentials ``seed demo`` prints always work.

An audit entry ``demo.seeded`` is written in the first transaction when anything was created or
changed, never on a run that changes nothing.
"""

import csv
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import sqlalchemy as sa
from flask_babel import gettext as _

from app.database import transaction
from app.demo import geography, people
from app.demo.commission_cases import seed_commission_cases
from app.demo.pauses import PauseOutcome, seed_demo_pause
from app.demo.petitions import PetitionOutcome, seed_demo_petition
from app.demo.replies import seed_deputy_demo
from app.demo.rule_cases import seed_rule_cases
from app.extensions import db
from app.models import (
    Body,
    Constituency,
    Deputy,
    DeputyStatus,
    OfficerAssignment,
    Party,
    PetitionEvent,
    Region,
    RegisterSnapshot,
    Role,
    User,
)
from app.models.base import utcnow
from app.services.audit import chain as audit
from app.services.register.generator import write_synthetic_register
from app.services.register.importer import import_register
from app.services.transparency.backfill import log_unlogged_signatures

#: The demo register: at least this many voters by default, spread over the Kazakh constituencies
#: (the fictional councils' wards get ``geography.FICTIONAL_ELECTORATE`` on top).
DEFAULT_VOTERS = 20_000
SNAPSHOT_DATE = date(2026, 10, 1)
#: Seed of the synthetic register; fixed so that the same file (and checksum) comes out again.
REGISTER_SEED = 2023
REGISTER_FILE_NAME = "demo-register-2026-10-01.csv"


@dataclass
class RegisterOutcome:
    """What happened to the voter register step."""

    #: Why nothing was imported, or None when the import ran.
    skipped: str | None = None
    snapshot_id: int | None = None
    imported: int = 0
    rejected: int = 0
    already_imported: bool = False


@dataclass
class SeedReport:
    #: Rows created, per kind ("regions", "parties", "bodies", ...).
    created: dict[str, int] = field(default_factory=dict)
    #: Rows corrected back to the data set (names, seat numbers, demo passwords), per kind.
    updated: dict[str, int] = field(default_factory=dict)
    credentials: tuple[people.DemoAccount, ...] = people.DEMO_ACCOUNTS
    register: RegisterOutcome = field(default_factory=RegisterOutcome)
    petition: PetitionOutcome = field(default_factory=PetitionOutcome)
    #: Petitions created for the commission's demo work (waiting for registration, closed).
    commission_cases: list[int] = field(default_factory=list)
    #: Petitions created on the fictional councils under other rule sets (sampling, vacating).
    rule_cases: list[int] = field(default_factory=list)
    #: The past site-wide pause that extended the demo petition's deadline (``/pauses``).
    pause: PauseOutcome = field(default_factory=PauseOutcome)
    audit_entry_id: int | None = None

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def database_has_regions() -> bool:
    return db.session.scalar(sa.select(Region.id).limit(1)) is not None


def seed_demo(
    *, voters: int = DEFAULT_VOTERS, now: datetime | None = None, actor_label: str = "cli"
) -> SeedReport:
    """Load the demo data set and, while no register is active, a register of ``voters`` voters.

    ``now`` (timezone-aware) stamps the new accounts and the audit entry. ``voters=0`` skips the
    register.
    """
    if voters < 0:
        raise ValueError("voters must not be negative")
    now = now or utcnow()
    seeder = _Seeder(now)
    with transaction():
        seeder.run()
        report = SeedReport(created=dict(seeder.created), updated=dict(seeder.updated))
        if report.changed:
            entry = audit.record(
                "demo.seeded",
                "dataset",
                "demo",
                actor_label=actor_label,
                details={"created": report.created, "updated": report.updated},
                at=now,
            )
            db.session.flush()
            report.audit_entry_id = entry.id
    report.register = load_demo_register(voters, actor_label=actor_label)
    if report.register.snapshot_id is not None:
        report.petition = seed_demo_petition(now, actor_label=actor_label)
        seed_deputy_demo(report.petition.petition_id, now)
        report.commission_cases = seed_commission_cases(now, actor_label=actor_label).created
        report.rule_cases = seed_rule_cases(now, actor_label=actor_label).created
        report.pause = seed_demo_pause(now)
        settle_history(now)
        log_unlogged_signatures(now, actor_label=actor_label)  # the back story's signatures
    return report


def settle_history(now: datetime) -> None:
    """Mark the events the demo's back story recorded as already announced.

    The demo petitions were filed, registered, certified... in the past; mailing all of that to
    the demo accounts on the first ``recall tick`` would be noise. What happens from now on (a
    registration, a milestone, an overdue task found by the clock) is announced as usual.
    """
    with transaction():
        db.session.execute(
            sa.update(PetitionEvent)
            .where(PetitionEvent.dispatched_at.is_(None))
            .values(dispatched_at=now)
        )


def load_demo_register(voters: int, *, actor_label: str = "cli") -> RegisterOutcome:
    """Import the synthetic demo register (its own transaction) unless one is active already."""
    if voters == 0:
        return RegisterOutcome(skipped=_("no voters were asked for"))
    active = db.session.scalar(sa.select(RegisterSnapshot).where(RegisterSnapshot.is_active))
    if active is not None:
        return RegisterOutcome(
            skipped=_(
                "a register is already active (snapshot %(id)s, %(day)s)",
                id=active.id,
                day=active.snapshot_date.isoformat(),
            ),
            snapshot_id=active.id,
        )
    codes = [constituency.code for constituency in geography.KAZAKH_CONSTITUENCIES]
    with tempfile.TemporaryDirectory(prefix="recall-demo-") as directory:
        path = Path(directory) / REGISTER_FILE_NAME
        write_synthetic_register(
            path, codes, voters, seed=REGISTER_SEED, snapshot_date=SNAPSHOT_DATE
        )
        _append_fictional_wards(path, Path(directory) / "fictional.csv")
        result = import_register(path, SNAPSHOT_DATE, actor_label=actor_label)
    return RegisterOutcome(
        snapshot_id=result.snapshot.id if result.snapshot is not None else None,
        imported=result.imported,
        rejected=result.rejected,
        already_imported=result.already_imported,
    )


def _append_fictional_wards(path: Path, scratch: Path) -> None:
    """Append the voters of the fictional councils' wards (``FICTIONAL_ELECTORATE``) to the
    register file at ``path``; deterministic, and no IIN of the main file is repeated."""
    electorate = geography.FICTIONAL_ELECTORATE
    unit = min(electorate.values())
    if any(count % unit for count in electorate.values()):
        raise ValueError("each fictional electorate must be a multiple of the smallest")
    # The generator spreads rows evenly over its list of codes: a ward listed n times gets n shares.
    codes = [code for code, count in electorate.items() for _ in range(count // unit)]
    write_synthetic_register(
        scratch,
        codes,
        sum(electorate.values()),
        seed=REGISTER_SEED + 1,
        snapshot_date=SNAPSHOT_DATE,
    )
    with open(path, newline="", encoding="utf-8") as handle:
        seen = {row[0] for row in csv.reader(handle)}
    with open(scratch, newline="", encoding="utf-8") as source:
        rows = [row for row in list(csv.reader(source))[1:] if row[0] not in seen]
    with open(path, "a", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)


class _Seeder:
    """The first transaction: everything but the register, counted as it goes."""

    def __init__(self, now: datetime) -> None:
        self.now = now
        self.created: Counter[str] = Counter()
        self.updated: Counter[str] = Counter()

    def run(self) -> None:
        regions = self._upsert_by_code(Region, "regions", geography.REGIONS, self._region_values)
        parties = self._upsert_by_code(Party, "parties", people.PARTIES, self._names)
        bodies = self._upsert_by_code(
            Body, "bodies", geography.BODIES, lambda body: self._body_values(body, regions)
        )
        constituencies = self._upsert_by_code(
            Constituency,
            "constituencies",
            geography.CONSTITUENCIES,
            lambda c: self._constituency_values(c, bodies, regions),
        )
        deputies = self._create_deputies(constituencies, parties)
        linked = people.demo_account_deputy()
        account_deputy = deputies.get(
            (
                constituencies[linked.constituency_code].id,
                linked.full_name,
                linked.election_date,
            )
        )
        users = self._upsert_accounts(account_deputy)
        self._assign_officers(users, regions)

    # -- reference data, upserted by code ------------------------------------------------------

    @staticmethod
    def _names(item) -> dict:
        return {"name": item.name, "name_ru": item.name_ru, "name_kk": item.name_kk}

    def _region_values(self, region: geography.RegionData) -> dict:
        return {"kind": region.kind, **self._names(region)}

    def _body_values(self, body: geography.BodyData, regions: dict[str, Region]) -> dict:
        return {
            "kind": body.kind,
            "region_id": regions[body.region_code].id if body.region_code else None,
            "rule_set_code": body.rule_set_code,
            "total_seats": body.total_seats,
            "single_mandate_seats": body.single_mandate_seats,
            **self._names(body),
        }

    def _constituency_values(
        self,
        constituency: geography.ConstituencyData,
        bodies: dict[str, Body],
        regions: dict[str, Region],
    ) -> dict:
        return {
            "number": constituency.number,
            "body_id": bodies[constituency.body_code].id,
            "region_id": regions[constituency.region_code].id,
            **self._names(constituency),
        }

    def _upsert_by_code(self, model, label: str, items, values_of) -> dict:
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
                self.created[label] += 1
            elif _apply(row, values):
                self.updated[label] += 1
        db.session.flush()  # the ids are needed by the next kind
        return existing

    # -- deputies and accounts, created when missing -------------------------------------------

    def _create_deputies(
        self, constituencies: dict[str, Constituency], parties: dict[str, Party]
    ) -> dict[tuple, Deputy]:
        ids = [constituency.id for constituency in constituencies.values()]
        existing = {
            (deputy.constituency_id, deputy.full_name, deputy.election_date): deputy
            for deputy in db.session.scalars(
                sa.select(Deputy).where(Deputy.constituency_id.in_(ids))
            )
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
            self.created["deputies"] += 1
        db.session.flush()
        return existing

    def _upsert_accounts(self, account_deputy: Deputy | None) -> dict[str, User]:
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
                    created_at=self.now,
                    # Demo addresses receive no mail, so they are confirmed from the start.
                    email_confirmed_at=self.now,
                    deputy_id=deputy.id if deputy is not None else None,
                )
                user.set_password(account.password)
                db.session.add(user)
                self.created["accounts"] += 1
            elif not user.check_password(account.password):
                user.set_password(account.password)
                self.updated["accounts"] += 1
            existing[account.email] = user
        db.session.flush()
        return existing

    def _assign_officers(self, users: dict[str, User], regions: dict[str, Region]) -> None:
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
                db.session.add(
                    OfficerAssignment(user_id=user.id, region_id=region.id, created_at=self.now)
                )
                self.created["officer assignments"] += 1
        db.session.flush()


def _apply(row, values: dict) -> bool:
    """Set ``values`` on ``row``; whether anything differed."""
    changed = False
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    return changed
