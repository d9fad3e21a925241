"""JSON shapes of the public API. Names are the English ``name`` columns, for machine use.

Only public facts are here: no account, no voter, nothing personal beyond a deputy's name.
"""

from datetime import date, datetime

from app.models import Body, Constituency, Deputy, DeputyReply, Petition, Region
from app.rules.lifecycle import PetitionStatus
from app.rules.ruleset import RuleSet
from app.services.directory.queries import Seat
from app.services.petitions.counts import Counts


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _moment(value: datetime | None, rule_set: RuleSet) -> str | None:
    """ISO 8601 with the offset of the rule set's zone, to the second."""
    if value is None:
        return None
    return value.astimezone(rule_set.zone).isoformat(timespec="seconds")


def named(obj: Body | Region | Constituency) -> dict:
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
        "body": named(place.body),
        "region": named(place.region),
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
        "constituency": named(place),
        "body": named(place.body),
        "region": named(place.region),
    }


def signatures(counts: Counts | None) -> dict:
    """Counts by status; every figure null where the rule set forbids a running count."""
    keys = ("valid", "pending", "invalid", "withdrawn", "counted")
    return {key: None if counts is None else getattr(counts, key) for key in keys}


def petition(
    found: Petition, rule_set: RuleSet, counts: Counts | None, *, status: PetitionStatus
) -> dict:
    """``status``: the status shown now (``petitions.status.shown_status``), not the stored one."""
    place = found.constituency
    return {
        "id": found.id,
        "status": status.value,
        "rule_set": rule_set.code,
        "deputy": {"id": found.deputy.id, "name": found.deputy.full_name},
        "constituency": named(place),
        "body": named(place.body),
        "region": named(place.region),
        "signatures": signatures(counts),
        "signatures_required": found.signatures_required,
        "opened_at": _moment(found.opened_at, rule_set),
        "collection_ends_at": _moment(found.closes_at, rule_set),
        "counted_at": None if counts is None else _moment(counts.computed_at, rule_set),
    }


def deputy_reply(reply: DeputyReply | None, rule_set: RuleSet) -> dict | None:
    """The deputy's current reply (its text is public); the author account is not given."""
    if reply is None:
        return None
    return {
        "text": reply.body,
        "version": reply.version,
        "published_at": _moment(reply.published_at, rule_set),
    }


def petition_detail(
    found: Petition,
    rule_set: RuleSet,
    counts: Counts | None,
    reply: DeputyReply | None = None,
    *,
    status: PetitionStatus,
) -> dict:
    return {
        **petition(found, rule_set, counts, status=status),
        "statement": found.statement,
        "statement_sha256": found.statement_sha256,
        "deputy_reply": deputy_reply(reply, rule_set),
    }
