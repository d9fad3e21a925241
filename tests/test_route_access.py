"""Every route of the app, requested by every kind of visitor: who may reach what.

The expectations come from the views themselves: ``role_required`` marks a view with
``allowed_roles`` and ``petition_scope_required`` with ``petition_scoped``. Every commission view
must carry one of them, so a new unguarded commission route fails here. Nothing may answer 500.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from app import create_app
from app.extensions import db
from app.models import OfficerAssignment, Role, User
from app.rules.lifecycle import PetitionStatus as S
from tests.factories import (
    make_body,
    make_officer,
    make_petition,
    make_signature,
    make_snapshot,
    make_user,
)
from tests.support.routes import sample_url

STAFF = frozenset({Role.COMMISSION, Role.ADMIN})


@dataclass(frozen=True)
class Visitor:
    name: str
    user: User | None

    @property
    def role(self) -> Role | None:
        return self.user.role if self.user else None


@dataclass(frozen=True)
class World:
    visitors: list[Visitor]
    samples: dict[str, object]


@pytest.fixture
def world(app) -> World:
    """Petition A in region A, officer A assigned to region A, officer B to region B."""
    petition = make_petition(status=S.FILED, filed_at=datetime.now(UTC) - timedelta(days=1))
    make_snapshot(counts={petition.constituency: 1_000})
    region_a = petition.constituency.body.region
    body_b = make_body()
    officer_a = make_officer(regions=[region_a], display_name="Officer A")
    officer_b = make_officer(regions=[body_b.region], display_name="Officer B")
    spare = make_officer(bodies=[body_b], display_name="Spare officer")
    assignment = db.session.query(OfficerAssignment).filter_by(user_id=spare.id).one()
    signature = make_signature(petition)
    visitors = [
        Visitor("anonymous", None),
        Visitor("citizen", make_user(role=Role.CITIZEN)),
        Visitor("deputy", make_user(role=Role.DEPUTY, deputy_id=petition.deputy_id)),
        Visitor("officer B", officer_b),
        Visitor("officer A", officer_a),
        Visitor("admin", make_user(role=Role.ADMIN)),  # last: admin actions change the data
    ]
    samples = {
        "petition_id": petition.id,
        "deputy_id": petition.deputy_id,
        "signature_id": signature.id,
        "user_id": spare.id,
        "officer_id": spare.id,
        "assignment_id": assignment.id,
        "body_id": body_b.id,
        "region_id": region_a.id,
        "constituency_id": petition.constituency_id,
        "code": petition.constituency.code,
    }
    db.session.commit()
    return World(visitors, samples)


def routes(app):
    """(rule, view, method) for every route but static files."""
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        methods = sorted(rule.methods - {"HEAD", "OPTIONS"})
        method = "GET" if "GET" in methods else methods[0]
        yield rule, app.view_functions[rule.endpoint], method


def is_login_redirect(response) -> bool:
    return response.status_code == 302 and "/auth/login" in response.headers.get("Location", "")


def expected(rule, view, visitor: Visitor) -> str | None:
    """ "login", "403", "allowed" (neither 403 nor a login redirect) or None (anything but 500)."""
    roles = getattr(view, "allowed_roles", None)
    if roles is None:
        return None
    if visitor.user is None:
        return "login"
    if visitor.role not in roles:
        return "403"
    if getattr(view, "petition_scoped", False) and visitor.name == "officer B":
        return "403"
    return "allowed" if rule.endpoint.startswith("commission.") else None


def assert_guarded(views: dict[str, object], arguments: dict[str, set[str]] | None = None):
    """Every commission view is for staff only; a petition-scoped one has a petition_id."""
    unguarded = []
    for endpoint, view in views.items():
        if not endpoint.startswith("commission."):
            continue
        roles = getattr(view, "allowed_roles", None)
        if roles is None or not roles <= STAFF:
            unguarded.append(endpoint)
        scoped = getattr(view, "petition_scoped", False)
        if scoped and "petition_id" not in (arguments or {}).get(endpoint, {"petition_id"}):
            unguarded.append(f"{endpoint} (petition-scoped without petition_id)")
    assert unguarded == [], f"commission views without a guard: {unguarded}"


def test_every_commission_view_is_guarded_and_staff_only():
    app = create_app("testing", DATABASE_URL="sqlite://")
    arguments = {rule.endpoint: set(rule.arguments) for rule in app.url_map.iter_rules()}

    assert_guarded(app.view_functions, arguments)


def test_the_walk_would_catch_an_unguarded_commission_view():
    def bare_view():
        return "open to all"

    assert getattr(bare_view, "allowed_roles", None) is None
    assert expected(None, bare_view, Visitor("anonymous", None)) is None
    with pytest.raises(AssertionError):
        assert_guarded({"commission.open": bare_view})


def test_every_route_answers_each_visitor_as_its_guards_say(app, client, auth, world):
    problems = []
    for visitor in world.visitors:
        for rule, view, method in routes(app):
            url = sample_url(rule, world.samples)
            auth.fresh_session(visitor.user)
            try:
                response = client.open(url, method=method, data={})
            except Exception as error:  # every failure is reported below
                problems.append(f"{visitor.name} {method} {url}: raised {error!r}")
                db.session.rollback()
                continue
            status = response.status_code
            want = expected(rule, view, visitor)
            if status >= 500:
                problems.append(f"{visitor.name} {method} {url}: {status}")
            elif want == "login" and not is_login_redirect(response):
                problems.append(f"{visitor.name} {method} {url}: {status}, not sent to sign-in")
            elif want == "403" and status != 403:
                problems.append(f"{visitor.name} {method} {url}: {status}, expected 403")
            elif want == "allowed" and (status == 403 or is_login_redirect(response)):
                problems.append(f"{visitor.name} {method} {url}: {status}, expected access")
    assert problems == [], "\n".join(problems)


def test_the_walk_reaches_commission_and_admin_routes(app):
    endpoints = {rule.endpoint for rule, _view, _method in routes(app)}

    assert {"commission.petition", "commission.queue", "commission.admin_officers"} <= endpoints
