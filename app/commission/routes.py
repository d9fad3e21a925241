"""Election-commission pages: the petitions and their legal calendars."""

from flask import render_template

from app.commission import bp
from app.models import Role
from app.permissions import role_required
from app.services import counts, petitions
from app.services.law import get_rule_set

STAFF = (Role.COMMISSION, Role.ADMIN)


@bp.get("/petitions")
@role_required(*STAFF)
def petition_list():
    return render_template("commission/petition_list.html", rows=petitions.fetch_open_petitions())


@bp.get("/petitions/<id:petition_id>")
@role_required(*STAFF)
def petition(petition_id: int):
    petition = petitions.get_petition(petition_id)
    return render_template(
        "commission/petition.html",
        petition=petition,
        rule_set=get_rule_set(petition.rule_set_code),
        calendar=petitions.petition_calendar(petition),
        history=petitions.petition_history(petition.id),
        counts=counts.exact_counts(petition.id),
    )
