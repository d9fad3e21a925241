"""Use case: re-run the automatic checks of open petitions against a new register snapshot.

When a new register becomes active, a signer may have left the register or moved to another
constituency; the signature is then flagged (pending, with the failed check), never dropped. An
officer's earlier decision stands unless a check fails that had not failed before (as
``checks.settle_status``). The work is set-based SQL so that 200,000 signatures against a
2,000,000-voter register take seconds: the signing day of each signature comes from a small table of
the days its petition's signatures span (per day: its UTC bounds, the latest birth date of a voter
of age on it, and whether it lies in the collection period), computed here with the pure rules; the
failed checks of every signature go into a temporary work table by one INSERT ... SELECT, and one
UPDATE ... FROM applies them; each status it changes is a leaf of the transparency log.

The identity check (``Check.IDENTITY``: the surname, first name and birth date keyed from a paper
sheet match the register) is not re-run: it is judged once, when the sheet is accepted, against the
register active at that moment, and a re-check keeps the stored bit (new bits = computed bits | old
bits & IDENTITY). Comparing names needs Unicode case folding and Ё/Е folding, which SQLite's
``lower()`` does not do for Cyrillic, so it stays in Python (``rules.checks.identity_matches``). A
flagged line is settled by an officer (reason ``identity_disputed``).
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa

from app.database import transaction
from app.extensions import db
from app.models import PaperLine, Petition, Signature, SignatureStatus, User, Voter
from app.models.base import UTCDateTime
from app.rules.checks import Check, ReviewReason
from app.rules.eligibility import is_of_voting_age
from app.rules.lifecycle import PetitionStatus
from app.services.audit import chain as audit
from app.services.law import petition_rules
from app.services.review.checks import collection_period
from app.services.transparency.record import log_rechecked
from app.services.voters import in_constituency_sql

#: Petitions whose signatures are still being counted or verified.
OPEN_STATUSES = (
    PetitionStatus.COLLECTING,
    PetitionStatus.COLLECTION_CLOSED,
    PetitionStatus.VERIFICATION,
)

_scratch = sa.MetaData()
_days = sa.Table(
    "recheck_days",
    _scratch,
    sa.Column("petition_id", sa.Integer, primary_key=True),
    sa.Column("day", sa.Date, primary_key=True),
    sa.Column("starts_at", UTCDateTime, nullable=False),
    sa.Column("ends_at", UTCDateTime, nullable=False),
    sa.Column("latest_birth", sa.Date, nullable=False),
    sa.Column("period_bit", sa.Integer, nullable=False),
    sa.Index("ix_recheck_days_starts_at", "petition_id", "starts_at"),
    prefixes=["TEMPORARY"],
)
_work = sa.Table(
    "recheck_work",
    _scratch,
    sa.Column("signature_id", sa.Integer, primary_key=True),
    sa.Column("voter_id", sa.Integer),
    sa.Column("old_bits", sa.Integer, nullable=False),
    sa.Column("new_bits", sa.Integer, nullable=False),
    sa.Column("old_status", sa.String(32), nullable=False),  # for the transparency log
    prefixes=["TEMPORARY"],
)


@dataclass(frozen=True)
class RecheckResult:
    snapshot_id: int
    #: Signatures whose checks were re-run.
    checked: int
    #: Signatures (not withdrawn) failing a check they had not failed before.
    flagged: int
    #: Signatures that failed a check before and fail none now.
    cleared: int


def recheck_open_petitions(
    snapshot_id: int, now: datetime, *, actor: User | None = None, actor_label: str | None = None
) -> RecheckResult:
    """Re-check every signature of the open petitions against ``snapshot_id``; one transaction."""
    with transaction():
        return recheck_in_transaction(snapshot_id, now, actor=actor, actor_label=actor_label)


def recheck_in_transaction(
    snapshot_id: int, now: datetime, *, actor: User | None = None, actor_label: str | None = None
) -> RecheckResult:
    """As ``recheck_open_petitions``, inside the caller's transaction (the register import's)."""
    db.session.flush()
    connection = db.session.connection()
    for table in (_days, _work):
        connection.execute(sa.schema.DropTable(table, if_exists=True))
        table.create(connection)
    # Not in a ``finally``: after a database error PostgreSQL refuses every statement until the
    # rollback, which drops the tables anyway (SQLite's stay, and are dropped on the next run).
    petition_ids = _fill_days(connection)
    columns = ["signature_id", "voter_id", "old_bits", "new_bits", "old_status"]
    connection.execute(_work.insert().from_select(columns, _checked(snapshot_id)))
    result = _count(connection, snapshot_id)
    connection.execute(_apply(snapshot_id, now))
    log_rechecked(connection, _work, at=now)
    for table in (_days, _work):
        connection.execute(sa.schema.DropTable(table))
    db.session.expire_all()
    audit.record(
        "signatures.rechecked",
        "register_snapshot",
        snapshot_id,
        actor=actor,
        actor_label=actor_label,
        details={
            "petitions": petition_ids,
            "checked": result.checked,
            "flagged": result.flagged,
            "cleared": result.cleared,
            "reason": "new register snapshot",
        },
    )
    return result


def latest_birth_of_age(day: date, minimum_age: int) -> date:
    """The latest birth date of a person of ``minimum_age`` on ``day`` (by the pure rule, so
    that 29 February birthdays are treated exactly as ``is_of_voting_age`` treats them)."""
    try:
        born = day.replace(year=day.year - minimum_age)
    except ValueError:  # 29 February in a year that has none
        born = date(day.year - minimum_age, 2, 28)
    while not is_of_voting_age(born, day, minimum_age):
        born -= timedelta(days=1)
    while is_of_voting_age(born + timedelta(days=1), day, minimum_age):
        born += timedelta(days=1)
    return born


def _fill_days(connection: sa.Connection) -> list[int]:
    """One row per local day that a signature of an open petition may fall on."""
    signed = connection.execute(
        sa.select(
            Petition.id,
            sa.func.min(Signature.signed_at),
            sa.func.max(Signature.signed_at),
            sa.func.min(PaperLine.signed_on),
            sa.func.max(PaperLine.signed_on),
        )
        .join(Signature, Signature.petition_id == Petition.id)
        .outerjoin(PaperLine, PaperLine.id == Signature.paper_line_id)
        .where(Petition.status.in_(OPEN_STATUSES))
        .group_by(Petition.id)
    ).all()
    petitions = {
        p.id: p
        for p in db.session.scalars(
            sa.select(Petition).where(Petition.id.in_([r[0] for r in signed]))
        )
    }
    rows = []
    for petition_id, first_at, last_at, first_paper, last_paper in signed:
        petition = petitions[petition_id]
        rule_set = petition_rules(petition)
        zone, minimum = rule_set.zone, rule_set.signer_min_age.value
        first, last = collection_period(petition, rule_set)
        days = [first_at.astimezone(zone).date(), last_at.astimezone(zone).date(), first, last]
        days += [d for d in (first_paper, last_paper) if d is not None]
        day, end = min(days) - timedelta(days=1), max(days) + timedelta(days=1)
        while day <= end:
            rows.append(
                {
                    "petition_id": petition_id,
                    "day": day,
                    "starts_at": _midnight(day, zone),
                    "ends_at": _midnight(day + timedelta(days=1), zone),
                    "latest_birth": latest_birth_of_age(day, minimum),
                    "period_bit": 0 if first <= day <= last else int(Check.IN_PERIOD),
                }
            )
            day += timedelta(days=1)
    if rows:
        connection.execute(_days.insert(), rows)
    return sorted(petitions)


def _midnight(day: date, zone) -> datetime:
    return datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)


def _checked(snapshot_id: int) -> sa.Select:
    """signature id, new voter id, stored bits, the bits the new register gives, status."""
    s, v, p = Signature.__table__, Voter.__table__, Petition.__table__
    line = PaperLine.__table__
    by_paper, by_time = _days.alias("by_paper"), _days.alias("by_time")
    latest_birth = sa.func.coalesce(by_paper.c.latest_birth, by_time.c.latest_birth)
    in_place = in_constituency_sql(v.c.constituency_id, v.c.polling_station_id, p.c.constituency_id)
    bits = (
        sa.case((v.c.id.is_(None), int(Check.ON_REGISTER)), else_=0)
        + sa.case((in_place, 0), else_=int(Check.IN_CONSTITUENCY))
        + sa.case((v.c.birth_date <= latest_birth, 0), else_=int(Check.OF_AGE))
        + sa.func.coalesce(by_paper.c.period_bit, by_time.c.period_bit, int(Check.IN_PERIOD))
        + sa.case((s.c.duplicate_of_id.is_(None), 0), else_=int(Check.NOT_DUPLICATE))
        + sa.case(
            (s.c.status == SignatureStatus.WITHDRAWN.value, int(Check.NOT_WITHDRAWN)), else_=0
        )
        # Judged when the sheet was accepted, kept as it was (see the module docstring).
        + s.c.failed_checks.op("&")(int(Check.IDENTITY))
    )
    return (
        sa.select(s.c.id, v.c.id, s.c.failed_checks, bits, s.c.status)
        .select_from(s)
        .join(p, p.c.id == s.c.petition_id)
        .outerjoin(v, sa.and_(v.c.snapshot_id == snapshot_id, v.c.iin_hash == s.c.signer_hash))
        .outerjoin(line, line.c.id == s.c.paper_line_id)
        .outerjoin(
            by_paper,
            sa.and_(by_paper.c.petition_id == s.c.petition_id, by_paper.c.day == line.c.signed_on),
        )
        .outerjoin(
            by_time,
            sa.and_(
                by_time.c.petition_id == s.c.petition_id,
                by_time.c.starts_at <= s.c.signed_at,
                by_time.c.ends_at > s.c.signed_at,
            ),
        )
        .where(p.c.status.in_([status.value for status in OPEN_STATUSES]))
    )


def _newly_failed(work: sa.Table) -> sa.ColumnElement[int]:
    """new & ~old, written without ``~`` (new minus the bits it shares with old)."""
    return work.c.new_bits - work.c.new_bits.op("&")(work.c.old_bits)


def _count(connection: sa.Connection, snapshot_id: int) -> RecheckResult:
    s = Signature.__table__
    newly = _newly_failed(_work)
    row = connection.execute(
        sa.select(
            sa.func.count(),
            sa.func.coalesce(
                sa.func.sum(
                    sa.case(
                        (sa.and_(newly != 0, s.c.status != SignatureStatus.WITHDRAWN.value), 1),
                        else_=0,
                    )
                ),
                0,
            ),
            sa.func.coalesce(
                sa.func.sum(
                    sa.case((sa.and_(_work.c.old_bits != 0, _work.c.new_bits == 0), 1), else_=0)
                ),
                0,
            ),
        ).select_from(_work.join(s, s.c.id == _work.c.signature_id))
    ).one()
    return RecheckResult(snapshot_id, int(row[0]), int(row[1]), int(row[2]))


def _apply(snapshot_id: int, now: datetime) -> sa.Update:
    """``settle_status`` in SQL: withdrawn stays, a duplicate is invalid, an officer's decision
    stands unless a check newly fails, otherwise failed checks mean pending and none valid."""
    s = Signature.__table__
    withdrawn = s.c.status == SignatureStatus.WITHDRAWN.value
    duplicate = s.c.duplicate_of_id.is_not(None)
    decision_stands = sa.and_(s.c.reviewed_by_id.is_not(None), _newly_failed(_work) == 0)
    review_reset = sa.and_(
        ~withdrawn, ~duplicate, s.c.reviewed_by_id.is_not(None), ~decision_stands
    )
    status = sa.case(
        (withdrawn, s.c.status),
        (duplicate, SignatureStatus.INVALID.value),
        (decision_stands, s.c.status),
        (_work.c.new_bits != 0, SignatureStatus.PENDING.value),
        else_=SignatureStatus.VALID.value,
    )
    reason = sa.case(
        (withdrawn, s.c.invalid_reason),
        (duplicate, ReviewReason.DUPLICATE.value),
        (decision_stands, s.c.invalid_reason),
        else_=sa.null(),
    )
    return (
        sa.update(s)
        .where(s.c.id == _work.c.signature_id)
        .values(
            failed_checks=_work.c.new_bits,
            voter_id=sa.func.coalesce(_work.c.voter_id, s.c.voter_id),
            checked_at=now,
            checked_snapshot_id=snapshot_id,
            status=sa.type_coerce(status, sa.String),
            invalid_reason=reason,
            reviewed_by_id=sa.case((review_reset, sa.null()), else_=s.c.reviewed_by_id),
            reviewed_at=sa.case((review_reset, sa.null()), else_=s.c.reviewed_at),
        )
    )
