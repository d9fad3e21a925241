"""Hypothesis-driven requests over every route and form, as four kinds of visitor.

Each example is one request: a route of the URL map with real or random ids, any of its
methods, a random query string (mostly the fields of the view's forms: GET forms read them from
there), and for a POST values in the fields of the view's forms (half of them plausible, half
garbage), with a valid CSRF token most of the time (the app's CSRF protection is on). Nothing may
answer 5xx or raise, and a refused request (4xx, a form shown again, an error flash) must leave
the database as it was: row counts of every table and a digest of the main tables' rows.

Every route gets ``FUZZ_EXAMPLES`` examples per visitor (3 by default: about 300 requests per
visitor and database, a few seconds each); CI runs them derandomized, so it always sends the
same requests. ``FUZZ_REPORT=file`` appends the figures of a run (requests by status class).
"""

import json
import os
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import create_app
from app.extensions import db
from tests.support import fuzzing
from tests.support.requirements import in_ci

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "3"))
#: Exploring (``FUZZ_COLLECT=1``): every route's first failure is reported, not only the first.
COLLECT = os.environ.get("FUZZ_COLLECT") == "1"
#: The visitors (``FUZZ_ROLES=officer,admin`` to explore the staff pages only).
ROLES = os.environ.get("FUZZ_ROLES", ",".join(fuzzing.ROLES)).split(",")
SETTINGS = settings(
    max_examples=EXAMPLES,
    derandomize=in_ci(),
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def csrf_app(database_url):
    """The app as production runs it in this respect: CSRF checked on every form."""
    app = create_app("testing", DATABASE_URL=database_url, WTF_CSRF_ENABLED=True)
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


class Fuzzer:
    """Sends the requests of one visitor and keeps the database's fingerprint between them."""

    def __init__(self, app, world: fuzzing.World, role: str) -> None:
        self.client = app.test_client()
        self.world, self.role, self.user = world, role, world.users[role]
        self.token = fuzzing.csrf_token(app)
        self.seen: Counter = Counter()
        self.problems: list[str] = []
        self.state = fuzzing.fingerprint()

    def send(self, data, rule, methods, fields) -> None:
        method = data.draw(st.sampled_from(methods), label="method")
        url = fuzzing.url_for_rule(rule, self.world, data.draw)
        args = fuzzing.query(data.draw, fields, self.world)
        form = None
        if method == "POST":
            form = fuzzing.form_data(data.draw, fields, self.world, self.token)
        fuzzing.log_in(self.client, self.user)
        note = f"{self.role} {method} {url} ?{args} {form}"
        try:
            response = self.client.open(url, method=method, query_string=args, data=form)
        except Exception as error:
            db.session.rollback()
            raise AssertionError(f"raised {error!r}: {note}") from error
        finally:
            before, self.state = self.state, fuzzing.fingerprint()
        self.seen[response.status_code // 100 * 100] += 1
        assert response.status_code < 500, f"{response.status_code}: {note}"
        if fuzzing.refused(method, response, self.client):
            changed = fuzzing.changed(before, self.state, rule.endpoint)
            assert changed == [], f"refused but changed {changed}: {note}"

    def fuzz_route(self, rule, methods, fields) -> None:
        @SETTINGS
        @given(st.data())
        def fuzz(data):
            self.send(data, rule, methods, fields)

        fuzz()

    def every_route(self, routes) -> None:
        for rule, methods, fields in routes:
            if not COLLECT:
                self.fuzz_route(rule, methods, fields)
                continue
            try:
                self.fuzz_route(rule, methods, fields)
            except AssertionError as error:  # exploring: note it, go on with the next route
                self.problems.append(str(error).splitlines()[0][:400])


@pytest.mark.long_running
def test_fuzzed_requests_never_fail_and_refusals_change_nothing(csrf_app, database_url):
    world = fuzzing.build_world()
    routes = fuzzing.routes(csrf_app)
    figures = []
    for role in ROLES:
        fuzzer = Fuzzer(csrf_app, world, role)
        fuzzer.every_route(routes)
        figures.append(
            {
                "role": role,
                "requests": fuzzer.seen.total(),
                **fuzzer.seen,
                "problems": fuzzer.problems,
            }
        )
        assert fuzzer.seen.total() >= len(routes) * min(EXAMPLES, 2)
        assert fuzzer.seen[200] + fuzzer.seen[300] > 0 and fuzzer.seen[400] > 0
    if report := os.environ.get("FUZZ_REPORT"):
        with open(report, "a", encoding="utf-8") as handle:
            backend = database_url.split(":")[0]
            handle.write(json.dumps({"database": backend, "figures": figures}) + "\n")
    assert [problem for figure in figures for problem in figure["problems"]] == []


def test_the_fuzz_covers_every_route_and_finds_the_forms(csrf_app):
    routes = {rule.endpoint: fields for rule, _methods, fields in fuzzing.routes(csrf_app)}

    assert len(routes) > 60
    assert {"check", "station", "signed_from"} <= set(routes["commission.review_queue"])
    assert "lines-1-iin" in routes["commission.paper_key"]
    assert routes["commission.review_queue"]["check"][:2] == ["", str(1)]
    assert "comment" in routes["commission.refuse"]
