"""Read-only JSON API: constituencies, deputies and petitions."""

from datetime import UTC, datetime

from flask import request
from flask_babel import gettext as _

from app.api import serializers
from app.api.blueprint import bp
from app.services.deputies import replies
from app.services.directory import queries as directory
from app.services.petitions import queries as petition_queries


@bp.errorhandler(directory.UnknownFilter)
def unknown_filter(error: directory.UnknownFilter):
    message = _(
        "Unknown %(field)s: “%(value)s”. Leave the parameter out to list everything.",
        field=error.field,
        value=error.value,
    )
    return {"error": {"code": 400, "field": error.field, "message": message}}, 400


@bp.get("/constituencies")
def constituencies():
    seats = directory.fetch_seats(
        body_code=request.args.get("body"), region_code=request.args.get("region")
    )
    return [serializers.constituency(seat) for seat in seats]


@bp.get("/deputies")
def deputies():
    found = directory.fetch_deputies(
        body_code=request.args.get("body"), status=request.args.get("status")
    )
    return [serializers.deputy(deputy) for deputy in found]


@bp.get("/deputies/<id:deputy_id>")
def deputy(deputy_id: int):
    return serializers.deputy(directory.get_deputy(deputy_id))


@bp.get("/petitions")
def petitions():
    listings = petition_queries.fetch_listings(
        datetime.now(UTC),
        status=request.args.get("status"),
        body_code=request.args.get("body"),
        region_code=request.args.get("region"),
        constituency_code=request.args.get("constituency"),
    )
    return [
        serializers.petition(item.petition, item.rule_set, item.counts, status=item.status)
        for item in listings
    ]


@bp.get("/petitions/<id:petition_id>")
def petition(petition_id: int):
    page = petition_queries.petition_page(petition_id, datetime.now(UTC))
    return serializers.petition_detail(
        page.petition,
        page.rule_set,
        page.counts,
        replies.current_reply(petition_id),
        status=page.status,
        outcome=page.result,
    )
