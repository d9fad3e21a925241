"""The stored versions of rule sets: confirmed ones (which ``law`` merges with the shipped
files) and every proposal, for the admin page."""

import sqlalchemy as sa

from app.extensions import db
from app.models import ProposalStatus, RuleSetVersion


def confirmed_rows() -> list[RuleSetVersion]:
    """Every confirmed version, in the order they must be built (a base before its child)."""
    return list(
        db.session.scalars(
            sa.select(RuleSetVersion)
            .where(RuleSetVersion.status == ProposalStatus.CONFIRMED)
            .order_by(RuleSetVersion.rule_set_code, RuleSetVersion.version)
        )
    )


def proposals(code: str | None = None) -> list[RuleSetVersion]:
    """Every stored version (open, confirmed, rejected), newest first."""
    query = sa.select(RuleSetVersion).order_by(RuleSetVersion.id.desc())
    if code is not None:
        query = query.where(RuleSetVersion.rule_set_code == code)
    return list(db.session.scalars(query))


def next_version(code: str, shipped: int) -> int:
    """The number the next proposal for ``code`` takes (rejected ones keep theirs)."""
    stored = db.session.scalar(
        sa.select(sa.func.max(RuleSetVersion.version)).where(RuleSetVersion.rule_set_code == code)
    )
    return max(stored or 0, shipped) + 1
