"""Reading the audit log: a petition's history with the names of those who acted."""

from app.extensions import db
from app.models import Role
from app.services.audit import chain as audit
from app.services.audit.queries import petition_history
from tests.factories import make_petition, make_user
from tests.support.sql import recorded_sql


def test_a_petitions_history_names_each_actor_oldest_first(app):
    petition, other = make_petition(), make_petition()
    first = make_user(role=Role.COMMISSION, display_name="Aigerim Officer")
    second = make_user(role=Role.COMMISSION, display_name="Bolat Officer")
    audit.record("petition.created", "petition", petition.id, actor=first)
    audit.record("petition.created", "petition", other.id, actor=second)
    audit.record("petition.status_changed", "petition", petition.id, actor_label="cli")
    audit.record("petition.status_changed", "petition", petition.id, actor=second)
    db.session.commit()

    steps = petition_history(petition.id)

    assert [(step.entry.action, step.actor_name) for step in steps] == [
        ("petition.created", "Aigerim Officer"),
        ("petition.status_changed", None),
        ("petition.status_changed", "Bolat Officer"),
    ]
    assert steps[1].entry.actor_label == "cli"


def test_a_petitions_history_is_read_in_one_query_however_many_actors(app):
    petition = make_petition()
    for n in range(5):
        officer = make_user(role=Role.COMMISSION, display_name=f"Officer {n}")
        audit.record("signature.reviewed", "petition", petition.id, actor=officer)
    db.session.commit()
    petition_id = petition.id
    db.session.expire_all()  # nothing known beforehand: each name must come from the query

    with recorded_sql() as statements:
        names = [step.actor_name for step in petition_history(petition_id)]

    assert names == [f"Officer {n}" for n in range(5)]
    assert len(statements) == 1
