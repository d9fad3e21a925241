"""Every POST route, fed garbage by a user allowed to use it: never a 5xx, and a refusal
changes nothing.

The routes come from ``app.url_map`` (as in ``test_route_access``); the field names come from the
WTForms classes each view's source names, so a new route or field is covered without edits here.
Each route gets one world of petitions in the states its views act on: a filed one, a collecting
one with paper sheets and a flagged signature, one in verification with a proposed result, a
sampled ``ca-local`` one, a sufficient one, one whose vote day has come, one a citizen signed
and a citizen's group-forming one. Besides pure garbage, "plausible" forms (valid dates, every
integer too big for its column) reach the services. Routes are grouped by user (one world per
user, built through the factories and the real views) to keep both backends under a minute.
"""

import inspect
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from werkzeug.datastructures import MultiDict
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    FormField,
    IntegerField,
    StringField,
    TextAreaField,
)
from wtforms.fields.core import UnboundField

from app import create_app
from app.extensions import db
from app.models import (
    Certification,
    OfficerAssignment,
    PaperSheet,
    Petition,
    Role,
    SampleItem,
    Signature,
    SignatureStatus,
    User,
)
from app.rules.checks import Check
from app.rules.lifecycle import PetitionStatus as S
from app.services.certification import vote as recall_vote
from tests.factories import make_officer, make_petition, make_signature, make_user
from tests.support.certification import add_signatures, make_closed_petition
from tests.support.citizen import citizen_of, collecting_petition, registered, seat
from tests.support.paper import batch_of, paper_petition
from tests.support.routes import sample_url
from tests.support.sql import row_counts

HUGE = "99999999999999999999"
LONG = "A" * 100_000
GARBAGE = {
    "long": LONG,
    "nul": "ab\x00cd\x00",
    "rtl": "\u202e\u200f\u2067evil\u2069\u202c",
    "negative": "-1",
    "huge": HUGE,
    "bad_iso_date": "2026-02-30",
    "bad_dotted_date": "31.31.2026",
    "sql": "1' OR '1'='1'; DROP TABLE users; --",
}


def _fields(form_class, prefix=""):
    """Names a form class declares, FieldList rows spelled out as a browser would send them."""
    names = {}
    for attr, unbound in inspect.getmembers(form_class, lambda v: isinstance(v, UnboundField)):
        name = prefix + attr
        if unbound.field_class is FieldList:
            inner = unbound.args[0]
            for index in (0, 1, 9999):
                row = f"{name}-{index}"
                if inner.field_class is FormField:
                    names |= _fields(inner.args[0], prefix=f"{row}-")
                else:
                    names[row] = inner.field_class
        else:
            names[name] = unbound.field_class
    return names


def form_fields(view) -> dict[str, type]:
    """Fields (name: field class) of every form class the view's source instantiates."""
    source = inspect.getsource(inspect.unwrap(view))
    module = inspect.getmodule(inspect.unwrap(view))
    names = {}
    for class_name in sorted(set(re.findall(r"\b(\w+Form)\(", source))):
        form_class = getattr(module, class_name, None)
        if form_class is not None:
            names |= _fields(form_class)
    return names


def plausible(fields: dict[str, type], number: str) -> dict[str, str]:
    """A form that would pass but for its numbers: dates of today, ``number`` in every integer."""
    values = {IntegerField: number, DateField: datetime.now(UTC).date().isoformat()}
    values |= {BooleanField: "y", StringField: "Garbage Collector", TextAreaField: "Garbage"}
    return {name: values.get(field, "1") for name, field in fields.items()}


def payloads(fields: dict[str, type]) -> dict[str, object]:
    cases: dict[str, object] = {"empty": {}}
    for number in (HUGE, str(2**31), str(2**63), "-1"):
        cases[f"plausible {number}"] = plausible(fields, number)
    for name in [name for name, field in fields.items() if field is IntegerField][:4]:
        for number in (str(2**31), HUGE):
            cases[f"plausible, {name} {number}"] = plausible(fields, "0") | {name: number}
    for kind, value in GARBAGE.items():
        cases[kind] = dict.fromkeys(fields, value)
    cases["repeated_keys"] = MultiDict(
        [(name, value) for name in fields for value in ("1", "y", HUGE, "")]
    )
    return cases


def post_routes():
    app = create_app("testing", DATABASE_URL="sqlite://")
    return sorted(
        (rule.endpoint, rule.rule)
        for rule in app.url_map.iter_rules()
        if "POST" in rule.methods and rule.endpoint != "static"
    )


#: endpoint prefix -> (who posts, which petition of the world)
SCENES = {
    "auth.": ("anonymous", "filed"),
    "api.eds_": ("anonymous", "collecting"),
    "public.": ("anonymous", "collecting"),
    "citizen.sign": ("signer", "collecting"),
    "citizen.withdraw_signature": ("signer", "collecting"),
    "citizen.verify": ("signer", "collecting"),
    "citizen.": ("initiator", "forming"),
    "commission.admin": ("admin", "filed"),
    "commission.register": ("officer", "filed"),
    "commission.refuse": ("officer", "filed"),
    "commission.sampling": ("officer", "sampled"),
    "commission.start_verification": ("officer", "verifying"),
    "commission.propose_result": ("officer", "verifying"),
    "commission.confirm_result": ("officer", "verifying"),
    "commission.reject_result": ("officer", "verifying"),
    "commission.schedule_vote": ("officer", "sufficient"),
    "commission.record_vote_result": ("officer", "scheduled"),
    "commission.paper": ("officer", "paper"),
    "commission.review": ("officer", "paper"),
    "commission.decide_objection": ("officer", "verifying"),
    "commission.confirm_uphold": ("officer", "sufficient"),
    "commission.reject_uphold": ("officer", "sufficient"),
    "deputy.": ("deputy", "collecting"),
}


def scene(endpoint: str) -> tuple[str, str]:
    for prefix in sorted(SCENES, key=len, reverse=True):
        if endpoint.startswith(prefix):
            return SCENES[prefix]
    raise AssertionError(f"no scene for {endpoint}: add it to SCENES")


@dataclass
class World:
    users: dict[str, User | None]
    petitions: dict[str, Petition]
    samples: dict[str, dict[str, object]]  # petition key -> URL arguments


def build_world(client, auth) -> World:
    paper, keyer, _second = paper_petition(opened=datetime.now(UTC) - timedelta(days=3))
    batch_of(paper, keyer, first_sheet=1, last_sheet=3)
    flagged = make_signature(
        paper, status=SignatureStatus.PENDING, failed_checks=int(Check.IN_CONSTITUENCY)
    )
    filed = make_petition(status=S.FILED, filed_at=datetime.now(UTC) - timedelta(days=1))
    registered(filed.constituency)
    verifying = make_closed_petition(required=2)
    add_signatures(verifying, 3)
    sampled = make_closed_petition(rule_set_code="ca-local", required=4)
    add_signatures(sampled, 5)
    sufficient = make_closed_petition(status=S.SUFFICIENT, required=2)
    sufficient.certified_at = datetime.now(UTC) - timedelta(days=1)
    scheduled = make_closed_petition(status=S.SUFFICIENT, required=2)
    scheduled.certified_at = datetime.now(UTC) - timedelta(days=3)
    db.session.commit()
    collecting = collecting_petition()
    petitions = {
        "paper": paper,
        "filed": filed,
        "verifying": verifying,
        "sampled": sampled,
        "sufficient": sufficient,
        "scheduled": scheduled,
        "collecting": collecting,
    }
    bodies = [p.constituency.body for p in petitions.values()]
    officer = make_officer(bodies=bodies, display_name="Garbage officer")
    helper = make_officer(bodies=bodies, display_name="Helper officer")
    admin = make_user(role=Role.ADMIN)
    signer = citizen_of(collecting.constituency)
    initiator = citizen_of(seat().constituency)
    deputy = make_user(role=Role.DEPUTY, deputy_id=collecting.deputy_id)
    db.session.commit()

    auth.fresh_session(helper)
    client.post(f"/commission/petitions/{sampled.id}/sampling/seed")
    client.post(f"/commission/petitions/{sampled.id}/sampling/draw")
    client.post(
        f"/commission/petitions/{verifying.id}/certification/propose",
        data={"result": "sufficient", "comment": "3 of 2"},
    )
    recall_vote.schedule_vote(
        scheduled.id,
        helper.id,
        voting_day=datetime.now(UTC).date() - timedelta(days=1),
        now=scheduled.certified_at,
    )
    auth.fresh_session(signer)
    assert client.post(f"/petitions/{collecting.id}/sign", data={"confirm": "y"}).status_code < 400
    auth.fresh_session(initiator)
    started = client.post("/petitions/new", data={"statement": "No meetings with voters."})
    forming = db.session.get(Petition, int(started.location.split("/")[2]))
    petitions["forming"] = forming

    def first(model, *where):
        return db.session.scalar(sa.select(model.id).where(*where).order_by(model.id))

    own_signature = first(Signature, Signature.petition_id == collecting.id)
    sheet = first(PaperSheet, PaperSheet.petition_id == paper.id)
    item = first(SampleItem)
    certification = first(Certification, Certification.petition_id == verifying.id)
    assignment = first(OfficerAssignment, OfficerAssignment.user_id == helper.id)
    assert None not in (own_signature, sheet, item, certification, assignment)
    common = {
        "user_id": helper.id,
        "officer_id": helper.id,
        "assignment_id": assignment,
        "body_id": filed.constituency.body_id,
        "token": "garbage-token",
        "objection_id": 1,  # none is open: the route must answer a clean 404
    }
    samples = {key: common | {"petition_id": p.id} for key, p in petitions.items()}
    samples["paper"] |= {"sheet_id": sheet, "signature_id": flagged.id}
    samples["sampled"] |= {"item_id": item}
    samples["verifying"] |= {"certification_id": certification}
    samples["collecting"] |= {"signature_id": own_signature}
    db.session.commit()
    users = {
        "anonymous": None,
        "officer": officer,
        "admin": admin,
        "signer": signer,
        "initiator": initiator,
        "deputy": deputy,
    }
    return World(users, petitions, samples)


def snapshot() -> dict[str, object]:
    """Row counts of every table, the audit log's included (one query), and petition statuses."""
    db.session.expire_all()
    state: dict[str, object] = dict(row_counts())
    state["petition statuses"] = sorted(
        db.session.execute(sa.select(Petition.id, Petition.status)).all()
    )
    return state


def error_flashes(client) -> list[str]:
    with client.session_transaction() as session:
        return [message for category, message in session.get("_flashes", []) if category == "error"]


def refused(response, client) -> bool:
    """4xx, a form shown again (a POST answered 200) or a redirect with an error flash."""
    return response.status_code != 302 or bool(error_flashes(client))


def other_petition(key: str) -> str:
    """A petition the same user may act on, to pair with this one's object ids."""
    return {"forming": "collecting", "collecting": "forming"}.get(
        key, "verifying" if key != "verifying" else "paper"
    )


def urls_for(rule, world: World, key: str) -> dict[str, str]:
    urls = {"own": sample_url(rule, world.samples[key])}
    ids = set(rule.arguments) - {"token"}
    if "petition_id" in ids and len(ids) > 1:
        # The petition of the URL is another one the user may act on; the object is not its own.
        other = world.samples[other_petition(key)]["petition_id"]
        urls["other petition's object"] = sample_url(
            rule, world.samples[key] | {"petition_id": other}
        )
    if ids:
        urls["missing object"] = sample_url(rule, dict.fromkeys(ids, 2**31 - 1))
    return urls


def users() -> list[str]:
    return sorted({scene(endpoint)[0] for endpoint, _rule in post_routes()})


@pytest.mark.long_running
@pytest.mark.parametrize("who", users())
def test_garbage_posted_to_every_route_is_refused_or_handled_never_a_5xx(app, client, auth, who):
    """One world per kind of user (building it is the slow part); the routes that take no fields
    and so act on any POST (file, withdraw, register, log out...) come last."""
    world = build_world(client, auth)
    rules = [r for r in app.url_map.iter_rules() if "POST" in r.methods and r.endpoint != "static"]
    rules = [r for r in rules if scene(r.endpoint)[0] == who]
    fields = {r.endpoint: form_fields(app.view_functions[r.endpoint]) for r in rules}
    rules.sort(key=lambda r: (not fields[r.endpoint], r.endpoint == "auth.logout", r.endpoint))

    problems = []
    for rule in rules:
        key = scene(rule.endpoint)[1]
        for url_kind, url in urls_for(rule, world, key).items():
            for kind, data in payloads(fields[rule.endpoint]).items():
                auth.fresh_session(world.users[who])
                before = snapshot()
                try:
                    response = client.post(url, data=data)
                except Exception as error:  # reported below with the others
                    db.session.rollback()
                    problems.append(f"{url_kind} {url} {kind}: raised {error!r}")
                    continue
                if response.status_code >= 500:
                    problems.append(f"{url_kind} {url} {kind}: {response.status_code}")
                elif refused(response, client) and (after := snapshot()) != before:
                    changed = sorted(name for name in before if before[name] != after[name])
                    problems.append(f"{url_kind} {url} {kind}: refused but changed {changed}")
    assert problems == [], "\n".join(problems)


def test_every_post_route_has_a_scene_and_the_forms_are_found(app):
    routes = post_routes()
    assert len(routes) > 30
    for endpoint, _rule in routes:
        scene(endpoint)
    keying = form_fields(app.view_functions["commission.paper_key"])
    assert "lines-0-iin" in keying and "lines-9999-signed_on" in keying
    assert "voting_day" in form_fields(app.view_functions["commission.schedule_vote"])
