"""What a petition's certification stands on, read without changing anything: the figures a
proposal would rest on now (counted, or projected from the sample where the rule set samples),
or why none can be made yet, and the proposals made on the petition.

The steps themselves (propose, confirm, reject) are in ``app.services.certification.commands``.
"""

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.models import (
    Certification,
    CertifiedResult,
    Petition,
    ProposalStatus,
)
from app.services.petitions.counts import exact_counts
from app.services.sampling.commands import sampling_rules
from app.services.sampling.queries import sampling_state


@dataclass(frozen=True)
class Figures:
    """What a proposal would rest on now, or why none can be made (``problem``)."""

    method: str  #: full_count or sampling
    valid: int
    required: int
    result: CertifiedResult | None
    problem: str | None = None


def current_figures(petition: Petition) -> Figures:
    required = petition.signatures_required or 0
    if not required:
        return Figures("full_count", 0, 0, None, _("The petition has no required number."))
    if sampling_rules(petition) is not None:
        state = sampling_state(petition)
        if state.draw is not None and not state.complete:
            problem = _("Record a verdict for every signature in the sample first.")
            return Figures("sampling", 0, required, None, problem)
        if state.decision in ("sufficient", "insufficient"):
            valid = state.projection.projected_valid
            return Figures("sampling", valid, required, CertifiedResult(state.decision))
    # Counted as the public figures are: a signature resting on a proof the rule set does not
    # accept is not valid for the result (``counts.exact_counts``).
    figures = exact_counts(petition.id)
    valid, pending = figures.valid, figures.pending
    if pending:
        problem = _(
            "%(count)d signatures still wait for an officer's review; every signature must be "
            "decided before the result.",
            count=pending,
        )
        return Figures("full_count", valid, required, None, problem)
    result = CertifiedResult.SUFFICIENT if valid >= required else CertifiedResult.INSUFFICIENT
    return Figures("full_count", valid, required, result)


def open_certification(petition_id: int) -> Certification | None:
    """The proposal waiting for a second officer, or the confirmed one."""
    return db.session.scalar(
        sa.select(Certification).where(
            Certification.petition_id == petition_id,
            Certification.status.in_((ProposalStatus.PROPOSED, ProposalStatus.CONFIRMED)),
        )
    )


def certifications(petition_id: int) -> list[Certification]:
    """Every proposal on the petition, newest first."""
    return list(
        db.session.scalars(
            sa.select(Certification)
            .where(Certification.petition_id == petition_id)
            .options(joinedload(Certification.proposed_by), joinedload(Certification.decided_by))
            .order_by(Certification.id.desc())
        )
    )


def get_certification(petition_id: int, certification_id: int) -> Certification | None:
    """The proposal, if it belongs to this petition."""
    return db.session.scalar(
        sa.select(Certification).where(
            Certification.id == certification_id, Certification.petition_id == petition_id
        )
    )
