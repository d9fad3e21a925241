"""Use case: load the demo data set (``flask --app wsgi seed demo``).

Two transactions, then the demo's stories. The first upserts the geography, parties, deputies and
demo accounts (``app.demo.reference``); the second, run only while no register is active,
imports a synthetic voter register spread over every demo constituency (``app.demo.register``).
Once a register is in, the demo petitions, replies, commission cases, rule-set cases and the past
pause are added by their own modules.

Idempotent: a second run finds everything by its natural key and changes nothing, and the
synthetic register is byte-for-byte the same file, which the import recognises by its SHA-256.

An audit entry ``demo.seeded`` is written in the first transaction when anything was created or
changed, never on a run that changes nothing.
"""

from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa

from app.database import transaction
from app.demo import people
from app.demo.commission_cases import seed_commission_cases
from app.demo.pauses import PauseOutcome, seed_demo_pause
from app.demo.petitions import PetitionOutcome, seed_demo_petition
from app.demo.reference import seed_reference_data
from app.demo.register import RegisterOutcome, load_demo_register
from app.demo.replies import seed_deputy_demo
from app.demo.rule_cases import seed_rule_cases
from app.extensions import db
from app.models import PetitionEvent, Region
from app.models.base import utcnow
from app.services.audit import chain as audit
from app.services.transparency.backfill import log_unlogged_signatures

#: The demo register: at least this many voters by default, spread over the Kazakh constituencies
#: (the fictional councils' wards get ``constituencies.FICTIONAL_ELECTORATE`` on top).
DEFAULT_VOTERS = 20_000


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
    with transaction():
        tally = seed_reference_data(now)
        report = SeedReport(created=dict(tally.created), updated=dict(tally.updated))
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
