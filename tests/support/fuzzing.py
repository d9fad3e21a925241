"""Hypothesis-driven requests over every route of the app (tests/test_fuzz_requests.py).

A world of petitions in the states the views act on, four visitors (anonymous, citizen,
officer, admin), strategies for URLs, query strings and form data (the fields come from the
WTForms classes the view's source names, so a new route or field is fuzzed without an edit),
a valid CSRF token where a form needs one, and a fingerprint of the database to show that a
refused request changed nothing.
"""

import hashlib
import inspect
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from flask import g
from hypothesis import strategies as st
from itsdangerous import URLSafeTimedSerializer
from werkzeug.routing import AnyConverter, IntegerConverter
from wtforms import BooleanField, DateField, FieldList, FormField, IntegerField
from wtforms.fields.core import UnboundField

from app.extensions import db
from app.models import (
    Body,
    Certification,
    Constituency,
    OfficerAssignment,
    PaperSheet,
    Region,
    Role,
    SampleItem,
    Signature,
    SignatureStatus,
    User,
)
from app.rules.checks import Check
from app.rules.lifecycle import PetitionStatus as S
from app.services.certification import commands as certification
from app.services.initiative.common import new_invitation
from app.services.sampling import commands as sampling
from tests.factories import make_officer, make_petition, make_signature, make_user
from tests.support.citizen import citizen_of, collecting_petition, registered
from tests.support.paper import batch_of, paper_petition
from tests.support.sql import row_counts

ROLES = ("anonymous", "citizen", "officer", "admin")
CSRF_RAW = "f" * 40

#: Values that broke parsers before, or could: a lone "+" (a space), NUL, huge and negative
#: numbers, impossible dates, markup and SQL.
NASTY = [
    "",
    " ",
    "+",
    "0",
    "-1",
    "1.5",
    "1e9",
    "NaN",
    "9" * 25,
    str(2**31),
    str(2**63),
    "2026-02-30",
    "31.31.2026",
    "0000-00-00",
    "y",
    "on",
    "\x00",
    "a\x00b",
    "\u202e\u200f",
    "<script>",
    "' OR 1=1 --",
    "%00",
    "../../etc/passwd",
    "850314300004",
    "ключ",
]
#: Query-string names the views read, besides their forms' fields.
QUERY_NAMES = ["page", "lang", "next", "q", "rows", "status", "check", "station", "everything"]


@dataclass
class World:
    users: dict[str, User | None]
    #: URL variable -> values that name real rows (random numbers are added by the strategy).
    samples: dict[str, list] = field(default_factory=dict)


def build_world() -> World:
    """Petitions in the states the views act on, with sheets, signatures and a sample."""
    paper, _keyer, _second = paper_petition(opened=datetime.now(UTC) - timedelta(days=3))
    batch_of(paper, _keyer, first_sheet=1, last_sheet=2)
    flagged = make_signature(
        paper, status=SignatureStatus.PENDING, failed_checks=int(Check.IN_CONSTITUENCY)
    )
    filed = make_petition(status=S.FILED, filed_at=datetime.now(UTC) - timedelta(days=1))
    registered(filed.constituency)
    closed = {
        "filed_at": datetime(2026, 12, 1, 5, tzinfo=UTC),
        "opened_at": datetime(2026, 12, 10, 5, tzinfo=UTC),
        "closes_at": datetime(2027, 1, 15, 13, tzinfo=UTC),
        "closed_at": datetime(2027, 1, 15, 13, tzinfo=UTC),
        "electorate": 30,
        "signatures_required": 2,
    }
    verifying = make_petition(status=S.VERIFICATION, **closed)
    sampled = make_petition(status=S.VERIFICATION, rule_set_code="ca-local", **closed)
    sufficient = make_petition(status=S.SUFFICIENT, **closed)
    for petition in (verifying, sampled, sufficient):
        for _ in range(4):
            make_signature(petition, signed_at=datetime(2027, 1, 5, tzinfo=UTC))
    forming = make_petition(status=S.GROUP_FORMING)
    token = new_invitation(forming)
    db.session.commit()
    collecting = collecting_petition()
    petitions = [paper, filed, verifying, sampled, sufficient, forming, collecting]
    officer = make_officer(
        bodies=[p.constituency.body for p in petitions], display_name="Fuzz officer"
    )
    admin = make_user(role=Role.ADMIN, display_name="Fuzz admin")
    citizen = citizen_of(collecting.constituency)
    make_signature(collecting, signer_hash=citizen.voter_hash, user_id=citizen.id)
    helper = make_officer(bodies=[p.constituency.body for p in petitions])
    db.session.commit()
    now = datetime.now(UTC)
    sampling.publish_seed(sampled.id, helper.id, now=now - timedelta(minutes=1))
    sampling.draw(sampled.id, helper.id, now=now)
    certification.propose(verifying.id, helper.id, result="sufficient", comment="4 of 2", now=now)

    def ids(model, *where):
        return list(db.session.scalars(sa.select(model.id).where(*where).order_by(model.id)))

    samples = {
        "petition_id": [p.id for p in petitions],
        "signature_id": ids(Signature)[:6] + [flagged.id],
        "sheet_id": ids(PaperSheet),
        "item_id": ids(SampleItem),
        "certification_id": ids(Certification),
        "user_id": [officer.id, admin.id, citizen.id],
        "officer_id": [officer.id],
        "assignment_id": ids(OfficerAssignment)[:3],
        "body_id": ids(Body)[:3],
        "region_id": ids(Region)[:3],
        "constituency_id": ids(Constituency)[:3],
        "deputy_id": [p.deputy_id for p in petitions[:3]],
        "code": list(db.session.scalars(sa.select(Constituency.code).limit(3)))
        + ["kz-maslikhat-2023"],
        "token": [token, "made-up-token"],
    }
    users = {"anonymous": None, "citizen": citizen, "officer": officer, "admin": admin}
    return World(users, samples)


def csrf_token(app) -> str:
    """The token Flask-WTF expects for a session holding ``CSRF_RAW``."""
    serializer = URLSafeTimedSerializer(app.config["SECRET_KEY"], salt="wtf-csrf-token")
    return serializer.dumps(CSRF_RAW)


def log_in(client, user: User | None) -> None:
    """A fresh session for ``user`` (None: anonymous) with the CSRF secret of ``csrf_token``."""
    g.pop("_login_user", None)
    with client.session_transaction() as session:
        session.clear()
        session["csrf_token"] = CSRF_RAW
        if user is not None:
            session["_user_id"] = user.get_id()
            session["_fresh"] = True


def _plausible(unbound: UnboundField) -> list[str]:
    """Values that get past the field's own checks, so the fuzz reaches the services too."""
    kind = unbound.field_class
    if issubclass(kind, BooleanField):
        return ["y"]
    if issubclass(kind, IntegerField):
        return ["1", "2", "3"]
    if issubclass(kind, DateField):
        today = datetime.now(UTC).date()
        return [today.isoformat(), (today - timedelta(days=1)).isoformat()]
    choices = unbound.kwargs.get("choices") or []
    values = [str(getattr(c, "value", c[0] if isinstance(c, tuple) else c)) for c in choices]
    return values or ["1", "Fuzz Text", "2026-12-01"]


def _fields_of(form_class, prefix="") -> dict[str, list[str]]:
    names: dict[str, list[str]] = {}
    for attr, unbound in inspect.getmembers(form_class, lambda v: isinstance(v, UnboundField)):
        if issubclass(unbound.field_class, FieldList):
            inner = unbound.args[0]
            for index in (0, 1):
                row = f"{prefix}{attr}-{index}"
                if issubclass(inner.field_class, FormField):
                    names |= _fields_of(inner.args[0], prefix=f"{row}-")
                else:
                    names[row] = _plausible(inner)
        else:
            names[prefix + attr] = _plausible(unbound)
    return names


#: A form class called in a view's source, with its arguments (one level of parentheses inside).
FORM_CALL = re.compile(r"\b(\w+Form)\(((?:[^()]|\([^()]*\))*)\)")


def form_fields(view) -> dict[str, list[str]]:
    """Fields (name: plausible values) of every form class the view's source instantiates."""
    view = inspect.unwrap(view)
    source, module = inspect.getsource(view), inspect.getmodule(view)
    names: dict[str, list[str]] = {}
    for class_name, arguments in sorted(set(FORM_CALL.findall(source))):
        form_class = getattr(module, class_name, None)
        if not isinstance(form_class, type):
            continue
        # A form built with a prefix posts its fields as "<prefix>-<name>"; a prefix computed per
        # row (an f-string) names rows the fuzz cannot know, so such a form is left out.
        prefix = re.search(r"prefix=(f?)[\"']([^\"']*)[\"']", arguments)
        if prefix and prefix.group(1):
            continue
        names = _fields_of(form_class, prefix=f"{prefix.group(2)}-" if prefix else "") | names
    return names


def routes(app) -> list[tuple]:
    """(rule, methods, form fields) of every route but static files."""
    found = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if rule.endpoint == "static":
            continue
        methods = sorted(rule.methods - {"HEAD", "OPTIONS"})
        found.append((rule, methods, form_fields(app.view_functions[rule.endpoint])))
    return found


garbage = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=30),
    st.integers(min_value=-(2**64), max_value=2**64).map(str),
    st.dates().map(lambda d: d.isoformat()),
)


def value(draw, plausible: list[str], world: World) -> str:
    """A value the field could take (or a real id), a sharp one, or random garbage."""
    kind = draw(st.integers(0, 9))
    if kind < 4:
        ids = [str(v) for values in world.samples.values() for v in values]
        return draw(st.sampled_from(plausible + ids[:5]))
    if kind < 8:
        return draw(st.sampled_from(NASTY))
    return draw(garbage)


def url_for_rule(rule, world: World, draw) -> str:
    values = {}
    for name in rule.arguments:
        converter = rule._converters[name]
        known = world.samples.get(name, [])
        if isinstance(converter, AnyConverter):
            values[name] = draw(st.sampled_from(sorted(converter.items)))
        elif known and draw(st.integers(0, 9)) > 0:  # mostly a real row
            values[name] = draw(st.sampled_from(known))
        elif isinstance(converter, IntegerConverter) or name.endswith("_id"):
            values[name] = draw(st.integers(min_value=1, max_value=2**31 - 1))
        else:
            values[name] = draw(st.text(min_size=1, max_size=20))
    return rule.build(values, append_unknown=False)[1]


def form_data(draw, fields: dict[str, list[str]], world: World, token: str) -> dict[str, str]:
    names = sorted(fields)
    chosen = draw(st.lists(st.sampled_from(names or ["x"]), unique=True, max_size=len(names) + 1))
    data = {name: value(draw, fields.get(name, []), world) for name in chosen}
    csrf = draw(st.sampled_from(["valid"] * 8 + ["missing", "garbage"]))
    if csrf == "valid":
        data["csrf_token"] = token
    elif csrf == "garbage":
        data["csrf_token"] = draw(garbage)
    return data


def query(draw, fields: dict[str, list[str]], world: World) -> dict[str, str]:
    """Mostly the view's own fields (a GET form reads them from the query string)."""
    names = sorted(set(fields) | set(QUERY_NAMES))
    keys = st.one_of(st.sampled_from(names), st.text(max_size=8))
    chosen = draw(st.lists(keys, unique=True, max_size=5))
    return {name: value(draw, fields.get(name, []), world) for name in chosen}


#: The tables whose whole content is fingerprinted (the others by their row counts).
MAIN_TABLES = (
    "users",
    "petitions",
    "signatures",
    "register_snapshots",
    "paper_sheets",
    "paper_lines",
    "certifications",
    "officer_assignments",
    "bodies",
    "pauses",
    "deputy_replies",
    "sample_items",
)


def fingerprint() -> dict[str, object]:
    """Row counts of every table and a digest of the main tables' rows."""
    db.session.expire_all()
    state: dict[str, object] = dict(row_counts())
    connection = db.session.connection()
    for name in MAIN_TABLES:
        rows = connection.exec_driver_sql(f"SELECT * FROM {name} ORDER BY 1").all()
        state[f"{name} digest"] = hashlib.sha256(repr(rows).encode()).hexdigest()
    db.session.commit()  # end the read, so the request's own transaction starts fresh
    return state


def error_flashes(client) -> list[str]:
    with client.session_transaction() as session:
        return [message for category, message in session.get("_flashes", []) if category == "error"]


def refused(method: str, response, client) -> bool:
    """4xx; for a POST also the form shown again (200) or a redirect with an error flash."""
    if response.status_code >= 400:
        return True
    if method == "GET":
        return False
    return response.status_code == 200 or bool(error_flashes(client))


#: What a refusal may still change, by design: a failed voter verification is counted on the
#: account and audited (app/services/signing/verification.py).
RECORDED_REFUSALS = {"citizen.verify": {"users digest", "audit_entries"}}


def changed(before: dict, after: dict, endpoint: str) -> list[str]:
    allowed = RECORDED_REFUSALS.get(endpoint, set())
    return sorted(k for k in before if before[k] != after[k] and k not in allowed)
