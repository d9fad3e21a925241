"""Random-sample verification where the petition's rule set provides it (California §11225).

Three steps, each its own request and transaction, each audited:

1. an officer publishes a seed (``secrets.token_hex(32)``); it is public from then on;
2. later, an officer draws: the population is every signature record of the petition that was
   not withdrawn at the moment of the draw (online and paper, whatever the automatic checks said,
   duplicates included: the "raw count" of §20530), ordered by id; the sample is the ``k`` ids
   with the smallest ``sha256(seed:id)`` (``app.rules.draw``), ``k`` from the rule set;
3. officers record a verdict per sampled signature: valid, invalid (with a reason code), or
   duplicate (the signer appears again in the sample; it counts toward the §20531 penalty and not
   as valid).

The projection, its confidence interval and the decision of the rule set's bands follow from
the verdicts (read in ``app.services.sampling.queries``). Signature ids are not personal data:
the seed, population and sample are public.
"""

import secrets
from datetime import datetime

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from app.database import get_locked, transaction
from app.extensions import db
from app.models import Petition, SampleDraw, SampleItem, Signature, User, Verdict
from app.rules.checks import ReviewReason
from app.rules.draw import draw_sample
from app.rules.lifecycle import PetitionStatus
from app.rules.ruleset import Sampling
from app.rules.sampling import sample_size
from app.services.accounts.officers import staff_in_scope
from app.services.audit import chain as audit
from app.services.law import petition_rules
from app.services.petitions.commands import PetitionError


class SamplingError(PetitionError):
    """A sampling step that cannot be taken now; the message says why."""


class UnknownItem(SamplingError):
    """The sample item does not exist or belongs to another petition's sample."""


def sampling_rules(petition: Petition) -> Sampling | None:
    """The rule set's sampling parameters, or None where every signature is examined."""
    param = petition_rules(petition).sampling
    return None if param is None else param.value


def population_ids(petition_id: int, as_of: datetime) -> list[int]:
    """Ids of the petition's signature records not withdrawn at ``as_of``, in id order."""
    return list(
        db.session.scalars(
            sa.select(Signature.id)
            .where(
                Signature.petition_id == petition_id,
                sa.or_(Signature.withdrawn_at.is_(None), Signature.withdrawn_at > as_of),
            )
            .order_by(Signature.id)
        )
    )


def _sampling_petition(petition_id: int) -> tuple[Petition, Sampling]:
    petition = get_locked(Petition, petition_id)
    if petition is None:
        raise SamplingError(_("No such petition."))
    rules = sampling_rules(petition)
    if rules is None:
        raise SamplingError(_("This petition's rule set has no sampling: every signature counts."))
    if petition.status is not PetitionStatus.VERIFICATION:
        raise SamplingError(_("Sampling is only possible while the signatures are being verified."))
    return petition, rules


def _officer(officer_id: int, petition_id: int) -> User:
    officer = staff_in_scope(officer_id, petition_id)
    if officer is None:
        raise SamplingError(_("This petition is outside your assignments."))
    return officer


def publish_seed(
    petition_id: int, officer_id: int, *, now: datetime, seed: str | None = None
) -> SampleDraw:
    """Fix and publish the seed of the petition's sample (once; before any draw)."""
    seed = seed or secrets.token_hex(32)
    try:
        with transaction():
            _sampling_petition(petition_id)
            officer = _officer(officer_id, petition_id)
            if get_draw(petition_id) is not None:
                raise SamplingError(_("The seed of this petition was already published."))
            sample_draw = SampleDraw(
                petition_id=petition_id,
                seed=seed,
                seed_published_at=now,
                published_by_id=officer_id,
            )
            db.session.add(sample_draw)
            db.session.flush()
            audit.record(
                "sampling.seed_published",
                "petition",
                petition_id,
                actor=officer,
                details={"before": None, "after": {"seed": seed}, "reason": "sampling"},
            )
    except IntegrityError:
        raise SamplingError(_("The seed of this petition was already published.")) from None
    return sample_draw


def draw(petition_id: int, officer_id: int, *, now: datetime) -> SampleDraw:
    """Draw the sample from the published seed (once)."""
    with transaction():
        _petition, rules = _sampling_petition(petition_id)
        officer = _officer(officer_id, petition_id)
        found = get_draw(petition_id)
        if found is None:
            raise SamplingError(_("Publish the seed first: the sample is drawn from it."))
        sample_draw = get_locked(SampleDraw, found.id)
        if sample_draw.drawn_at is not None:
            raise SamplingError(_("The sample of this petition was already drawn."))
        if now <= sample_draw.seed_published_at:
            raise SamplingError(_("The sample can only be drawn after the seed is published."))
        population = population_ids(petition_id, now)
        if not population:
            raise SamplingError(_("There are no signatures to sample."))
        size = sample_size(rules, len(population))
        drawn = draw_sample(sample_draw.seed, population, size)
        db.session.add_all(
            SampleItem(draw_id=sample_draw.id, signature_id=signature_id, position=position)
            for position, signature_id in enumerate(drawn, start=1)
        )
        sample_draw.drawn_at, sample_draw.drawn_by_id = now, officer_id
        sample_draw.population, sample_draw.sample_size = len(population), size
        audit.record(
            "sampling.drawn",
            "petition",
            petition_id,
            actor=officer,
            details={
                "before": None,
                "after": {"population": len(population), "sample_size": size},
                "reason": "sampling",
            },
        )
    return sample_draw


def record_verdict(
    petition_id: int,
    item_id: int,
    officer_id: int,
    *,
    verdict: str,
    reason: str | None,
    now: datetime,
) -> SampleItem:
    """Record (or correct) an officer's verdict on one sampled signature of this petition."""
    try:
        verdict = Verdict(verdict)
    except ValueError:
        raise SamplingError(_("Choose valid, invalid or duplicate.")) from None
    if verdict is Verdict.INVALID:
        if reason not in set(ReviewReason):
            raise SamplingError(_("Give the reason why the signature is invalid."))
    else:
        reason = None
    with transaction():
        _sampling_petition(petition_id)
        officer = _officer(officer_id, petition_id)
        item = db.session.scalar(
            sa.select(SampleItem)
            .join(SampleDraw, SampleDraw.id == SampleItem.draw_id)
            .where(SampleItem.id == item_id, SampleDraw.petition_id == petition_id)
            .with_for_update()
        )
        if item is None:
            raise UnknownItem(_("No such signature in this petition's sample."))
        before = {"verdict": item.verdict and item.verdict.value, "reason": item.reason}
        item.verdict, item.reason = verdict, reason
        item.verdict_by_id, item.verdict_at = officer_id, now
        audit.record(
            "sampling.verdict",
            "sample_item",
            item.id,
            actor=officer,
            details={
                "petition_id": petition_id,
                "signature_id": item.signature_id,
                "before": before,
                "after": {"verdict": verdict.value, "reason": reason},
                "reason": reason or verdict.value,
            },
        )
    return item


def get_draw(petition_id: int) -> SampleDraw | None:
    return db.session.scalar(sa.select(SampleDraw).where(SampleDraw.petition_id == petition_id))
