"""JSON shapes of the public API. Names are the English ``name`` columns, for machine use.

Only public facts are here: no account, no voter, nothing personal beyond a deputy's name.
"""

from datetime import date

from app.models import Body, Constituency, Deputy, Region
from app.services.directory import Seat


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _named(obj: Body | Region | Constituency) -> dict:
    return {"code": obj.code, "name": obj.name}


def deputy_summary(member: Deputy) -> dict:
    return {
        "id": member.id,
        "name": member.full_name,
        "party": None if member.party is None else member.party.name,
        "self_nominated": member.self_nominated,
    }


def constituency(seat: Seat) -> dict:
    place = seat.constituency
    return {
        "code": place.code,
        "number": place.number,
        "name": place.name,
        "body": _named(place.body),
        "region": _named(place.region),
        "registered_voters": seat.registered_voters,
        "deputy": None if seat.deputy is None else deputy_summary(seat.deputy),
    }


def deputy(member: Deputy) -> dict:
    place = member.constituency
    return {
        **deputy_summary(member),
        "status": member.status.value,
        "election_date": _iso(member.election_date),
        "mandate_start": _iso(member.mandate_start),
        "mandate_end": _iso(member.mandate_end),
        "constituency": _named(place),
        "body": _named(place.body),
        "region": _named(place.region),
    }
