"""How the app knows the demo is loaded, and where its "Try the demo" panels point.

``seed demo`` ends by writing an audit entry ``demo.tour`` whose details name the demo petitions
by their part in the story (``TOUR_CONSTITUENCIES``). The entry is the marker: a database
without it (any real deployment) shows no demo panel; a database with it shows each role's
panel with links to those petitions (``services.audit.queries.demo_tour``). A new entry is
written only when the ids changed, so re-seeding adds nothing to the log.
"""

from datetime import datetime

import sqlalchemy as sa

from app.database import transaction
from app.demo.commission_cases import CLOSED_CONSTITUENCY, FILED_CONSTITUENCY, VOTE_CONSTITUENCY
from app.demo.people import DEMO_ACCOUNT_CONSTITUENCY
from app.demo.rule_cases import CA_CONSTITUENCY, UK_CONSTITUENCY
from app.extensions import db
from app.models import Constituency, Petition
from app.services.audit import chain as audit
from app.services.audit.queries import TOUR_ACTION, demo_tour

#: The part each demo petition plays, and the constituency it was started in.
TOUR_CONSTITUENCIES = {
    "collecting": DEMO_ACCOUNT_CONSTITUENCY,
    "filed": FILED_CONSTITUENCY,
    "closed": CLOSED_CONSTITUENCY,
    "vote": VOTE_CONSTITUENCY,
    "sampling": CA_CONSTITUENCY,
    "vacating": UK_CONSTITUENCY,
}


def tour_petitions() -> dict[str, int]:
    """The id of the first petition of each tour constituency (those the seed created)."""
    found = {}
    for part, code in TOUR_CONSTITUENCIES.items():
        petition_id = db.session.scalar(
            sa.select(Petition.id)
            .join(Constituency, Constituency.id == Petition.constituency_id)
            .where(Constituency.code == code)
            .order_by(Petition.id)
            .limit(1)
        )
        if petition_id is not None:
            found[part] = petition_id
    return found


def mark_demo_loaded(now: datetime, *, actor_label: str = "cli") -> bool:
    """Write the ``demo.tour`` marker unless the latest one names the same petitions."""
    petitions = tour_petitions()
    if demo_tour() == petitions:
        return False
    with transaction():
        audit.record(
            TOUR_ACTION,
            "dataset",
            "demo",
            actor_label=actor_label,
            details={"petitions": petitions},
            at=now,
        )
    return True
