"""Read-only JSON API: constituencies, deputies and petitions.

Lists are pages of at most ``limit`` items (100 unless asked; at most 1,000), in their fixed
order; the body is the plain array it always was, and the next page is named by the ``Link``
header (``rel="next"``, with an opaque ``cursor``).
"""

from datetime import UTC, date, datetime

from flask_babel import gettext as _
from pydantic import Field

from app.api import schemas as shapes
from app.api import serializers
from app.api.blueprint import bp
from app.api.conventions import next_page
from app.api.openapi import documented
from app.api.params import N_, BadParameter, Paging, bad_request, decode_cursor, parse
from app.models import DeputyStatus
from app.services import law
from app.services.deputies import replies
from app.services.directory import queries as directory
from app.services.petitions import counts
from app.services.petitions import queries as petition_queries
from app.services.petitions.status import shown_status


@bp.errorhandler(directory.UnknownFilter)
def unknown_filter(error: directory.UnknownFilter):
    message = _(
        "Unknown %(field)s: “%(value)s”. Leave the parameter out to list everything.",
        field=error.field,
        value=error.value,
    )
    return bad_request(error.field, message)


@bp.errorhandler(BadParameter)
def bad_parameter(error: BadParameter):
    return bad_request(error.field, error.message)


def _code(text: str):
    return Field(None, description=text)


class PlaceQuery(Paging):
    body: str | None = _code(N_("Only this body's (by its code)."))
    region: str | None = _code(N_("Only this region's (by its code)."))


class DeputyQuery(Paging):
    body: str | None = _code(N_("Only this body's (by its code)."))
    status: str | None = Field(None, json_schema_extra={"enum": [s.value for s in DeputyStatus]})


class PetitionQuery(PlaceQuery):
    status: str | None = Field(
        None,
        description=N_("Only petitions shown in this status now."),
        json_schema_extra={"enum": [s.value for s in petition_queries.PUBLIC_STATUSES]},
    )
    constituency: str | None = _code(N_("Only this constituency's (by its code)."))


@bp.get("/constituencies")
@documented(
    N_("Constituencies with their serving deputy and registered voters"),
    query=PlaceQuery,
    response=[shapes.Constituency],
    errors=(400,),
    paginated=True,
)
def constituencies():
    query = parse(PlaceQuery)
    after = decode_cursor(query.cursor, (str, int, int))
    seats = directory.fetch_seats(query.body, query.region, after=after, limit=query.limit + 1)
    page = next_page(seats, query.limit, lambda seat: directory.constituency_key(seat.constituency))
    return [serializers.constituency(seat) for seat in page]


@bp.get("/deputies")
@documented(
    N_("Deputies of single-mandate constituencies"),
    query=DeputyQuery,
    response=[shapes.Deputy],
    errors=(400,),
    paginated=True,
)
def deputies():
    query = parse(DeputyQuery)
    after = decode_cursor(query.cursor, (str, int, date, int))
    found = directory.fetch_deputies(query.body, query.status, after=after, limit=query.limit + 1)
    page = next_page(found, query.limit, directory.deputy_key)
    return [serializers.deputy(deputy) for deputy in page]


@bp.get("/deputies/<id:deputy_id>")
@documented(N_("One deputy"), response=shapes.Deputy, errors=(404,))
def deputy(deputy_id: int):
    return serializers.deputy(directory.get_deputy(deputy_id))


@bp.get("/petitions")
@documented(
    N_("Public recall petitions, newest first, with their counts"),
    query=PetitionQuery,
    response=[shapes.Petition],
    errors=(400,),
    paginated=True,
    tag="petitions",
)
def petitions():
    query = parse(PetitionQuery)
    [before] = decode_cursor(query.cursor, (int,)) or [None]
    listings = petition_queries.fetch_listings(
        datetime.now(UTC),
        status=query.status,
        body_code=query.body,
        region_code=query.region,
        constituency_code=query.constituency,
        before_id=before,
        limit=query.limit + 1,
    )
    page = next_page(listings, query.limit, lambda item: (item.petition.id,))
    return [
        serializers.petition(item.petition, item.rule_set, item.counts, status=item.status)
        for item in page
    ]


@bp.get("/petitions/<id:petition_id>")
@documented(
    N_("One public petition with its statement and the deputy's reply"),
    response=shapes.PetitionDetail,
    errors=(404,),
    tag="petitions",
)
def petition(petition_id: int):
    found = petition_queries.get_public_petition(petition_id)
    return serializers.petition_detail(
        found,
        law.get_rule_set(found.rule_set_code),
        counts.public_counts(found, datetime.now(UTC)),
        replies.current_reply(found.id),
        status=shown_status(found, datetime.now(UTC)),
    )
