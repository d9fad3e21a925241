"""Public pages: what the service is, constituencies and deputies. Read-only, no sign-in."""

from flask import render_template, request

from app.public import bp
from app.public.forms import ConstituencyFilterForm
from app.services import directory


@bp.get("/")
def index():
    return render_template(
        "public/index.html",
        bodies=directory.fetch_body_summaries(),
        snapshot=directory.get_active_snapshot(),
    )


@bp.get("/constituencies")
def constituencies():
    form = ConstituencyFilterForm(request.args)
    form.set_choices(directory.fetch_bodies(), directory.fetch_regions())
    try:
        seats = directory.fetch_seats(body_code=form.body.data, region_code=form.region.data)
        unknown = None
    except directory.UnknownFilter as error:
        seats, unknown = [], error
    return render_template("public/constituencies.html", form=form, seats=seats, unknown=unknown)


@bp.get("/constituencies/<code>")
def constituency(code: str):
    return render_template("public/constituency.html", seat=directory.get_seat_detail(code))


@bp.get("/deputies/<int:deputy_id>")
def deputy(deputy_id: int):
    return render_template("public/deputy.html", deputy=directory.get_deputy(deputy_id))
