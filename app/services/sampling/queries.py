"""What a petition's sample shows, read without changing anything: the tally of the verdicts so
far with the projection, its confidence interval and the bands' decision (``sampling_state``),
the commission's sampling page (``sampling_page``), and the public record of the seed and the
sample (``public_sample``).

The steps (publishing the seed, drawing, recording verdicts) are in
``app.services.sampling.commands``.
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.models import Petition, SampleDraw, SampleItem, Verdict
from app.rules.draw import Interval, valid_interval
from app.rules.lifecycle import PetitionStatus
from app.rules.ruleset import RuleSet, Sampling
from app.rules.sampling import Decision, Projection, project_valid, sampling_decision
from app.services.law import petition_rules
from app.services.petitions.queries import get_petition
from app.services.petitions.status import shown_status
from app.services.sampling.commands import get_draw, population_ids, sampling_rules


@dataclass(frozen=True)
class SamplingState:
    """What the sampling page shows; projection and interval over the verdicts so far."""

    draw: SampleDraw | None
    items: list[SampleItem]
    valid: int
    invalid: int
    duplicates: int
    projection: Projection | None
    interval: Interval | None
    #: The bands' decision, once every sampled signature has a verdict.
    decision: Decision | None

    @property
    def judged(self) -> int:
        return self.valid + self.invalid + self.duplicates

    @property
    def complete(self) -> bool:
        return bool(self.items) and self.judged == len(self.items)


def sampling_state(petition: Petition) -> SamplingState:
    sample_draw = get_draw(petition.id)
    items: list[SampleItem] = []
    if sample_draw is not None:
        items = list(
            db.session.scalars(
                sa.select(SampleItem)
                .where(SampleItem.draw_id == sample_draw.id)
                .options(joinedload(SampleItem.signature))
                .order_by(SampleItem.position)
            )
        )
    tally = dict.fromkeys(Verdict, 0)
    for item in items:
        if item.verdict is not None:
            tally[item.verdict] += 1
    valid, duplicates = tally[Verdict.VALID], tally[Verdict.DUPLICATE]
    judged = sum(tally.values())
    projection = interval = decision = None
    rules = sampling_rules(petition)
    required = petition.signatures_required
    if judged and judged == sample_draw.population:
        # Every signature was examined (a petition of fewer signatures than the minimum sample):
        # the count is exact, and the bands of a projection do not apply.
        projection = Projection(
            Decimal(100 * valid / judged).quantize(Decimal("0.01")), valid, Decimal(0), 0, valid
        )
        interval = Interval(valid, valid)
        if required:
            decision = "sufficient" if valid >= required else "insufficient"
    elif judged:
        projection = project_valid(
            raw_count=sample_draw.population,
            sample=judged,
            valid_in_sample=valid,
            duplicates_in_sample=duplicates,
        )
        interval = valid_interval(
            raw_count=sample_draw.population,
            sample=judged,
            valid_in_sample=valid,
            estimated_duplicates=projection.estimated_duplicates,
        )
        if judged == len(items) and rules is not None and required:
            decision = sampling_decision(rules, projection.projected_valid, required)
    return SamplingState(
        sample_draw,
        items,
        valid,
        tally[Verdict.INVALID],
        duplicates,
        projection,
        interval,
        decision,
    )


@dataclass(frozen=True)
class SamplingPage:
    """What the commission's sampling page shows."""

    petition: Petition
    #: The status shown at ``now`` (``petitions.status.shown_status``).
    shown_status: PetitionStatus
    rule_set: RuleSet
    #: The rule set's sampling parameters; None where every signature is examined.
    rules: Sampling | None
    state: SamplingState | None


def sampling_page(petition_id: int, now: datetime) -> SamplingPage:
    """Petition ``petition_id``'s sampling as it stands at ``now``; 404 if there is none."""
    petition = get_petition(petition_id)
    rules = sampling_rules(petition)
    return SamplingPage(
        petition=petition,
        shown_status=shown_status(petition, now),
        rule_set=petition_rules(petition),
        rules=rules,
        state=sampling_state(petition) if rules else None,
    )


def public_sample(petition_id: int, *, with_population: bool = False) -> dict | None:
    """The published seed and, once drawn, the sample (ids only) and the population's size;
    ``with_population`` adds every population id, so that anyone can re-derive the sample."""
    sample_draw = get_draw(petition_id)
    if sample_draw is None:
        return None
    found = {
        "seed": sample_draw.seed,
        "seed_published_at": sample_draw.seed_published_at.isoformat(),
        "rule": 'sha256(seed + ":" + str(id)), smallest first',
        "drawn_at": None,
        "population_size": None,
        "sample_size": None,
        "sample": [],
    }
    if sample_draw.drawn_at is not None:
        found |= {
            "drawn_at": sample_draw.drawn_at.isoformat(),
            "population_size": sample_draw.population,
            "sample_size": sample_draw.sample_size,
            "sample": list(
                db.session.scalars(
                    sa.select(SampleItem.signature_id)
                    .where(SampleItem.draw_id == sample_draw.id)
                    .order_by(SampleItem.position)
                )
            ),
        }
        if with_population:
            found["population"] = population_ids(petition_id, sample_draw.drawn_at)
    return found
