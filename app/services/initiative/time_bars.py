"""Explaining a rule set's time bars to a citizen: may a recall start today, why not, and
from which day (local, in the rule set's time zone)."""

from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import ngettext

from app.extensions import db
from app.i18n import shown_date
from app.models import AuditEntry, Deputy, Petition
from app.rules.lifecycle import PetitionStatus
from app.rules.ruleset import RuleSet
from app.rules.timebars import Bar, InitiativeDecision, initiative_decision

#: Outcomes after which the rule set's cool-down before a new initiative runs (a registration
#: refused by the commission is not a failed recall).
FAILED = frozenset({PetitionStatus.INSUFFICIENT, PetitionStatus.RETAINED})


def decide(rule_set: RuleSet, deputy: Deputy, today: date) -> InitiativeDecision:
    """``rules.timebars.initiative_decision`` for a serving deputy, with the last failure."""
    return initiative_decision(
        rule_set,
        today=today,
        serving=True,
        election_date=deputy.election_date,
        mandate_start=deputy.mandate_start,
        mandate_end=deputy.mandate_end,
        last_failure_on=last_failure_on(deputy.id, rule_set),
    )


def last_failure_on(deputy_id: int, rule_set: RuleSet) -> date | None:
    """The local day the deputy's latest petition failed, from the petitions' audit trail."""
    failed = db.session.scalars(
        sa.select(Petition.id).where(Petition.deputy_id == deputy_id, Petition.status.in_(FAILED))
    ).all()
    if not failed:
        return None
    entries = db.session.scalars(
        sa.select(AuditEntry).where(
            AuditEntry.action == "petition.status_changed",
            AuditEntry.object_type == "petition",
            AuditEntry.object_id.in_([str(i) for i in failed]),
        )
    ).all()
    days = [
        datetime.fromisoformat(e.details["at"]).astimezone(rule_set.zone).date()
        for e in entries
        if e.details.get("to") in FAILED and e.details.get("at")
    ]
    return max(days, default=None)


def explain(rule_set: RuleSet, decision: InitiativeDecision, deputy: Deputy) -> str:
    """Why the time bar applies, and from which (local) day a recall can start, if ever."""
    bar, available_from = decision.bar, decision.available_from
    if bar is Bar.OFFICIAL_TRIGGER:
        return _("Under these rules a recall petition is opened by an official, not by voters.")
    if bar is Bar.NOT_SERVING:
        return _("This deputy is no longer serving.")
    if bar is Bar.LAST_PERIOD:
        months = rule_set.no_initiative_before_end.value.months
        return ngettext(
            "No recall can start in the last %(num)d month of the mandate, which ends on %(end)s.",
            "No recall can start in the last %(num)d months of the mandate, which ends on %(end)s.",
            months,
            end=shown_date(deputy.mandate_end),
        )
    if bar is Bar.COOLDOWN:
        why = _("A recall of this deputy failed recently.")
    else:
        why = ngettext(
            "No recall can start in the first month of the deputy's mandate.",
            "No recall can start in the first %(num)d months of the deputy's mandate.",
            rule_set.no_initiative_after_start.value.months,
        )
    if available_from is None:
        never = _(
            "By then the bar before the end of the mandate applies: no recall can start in "
            "this mandate."
        )
        return f"{why} {never}"
    when = _("A recall can start from %(date)s.", date=shown_date(available_from))
    return f"{why} {when}"
