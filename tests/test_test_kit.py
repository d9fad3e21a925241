"""The test kit itself: test modules share helpers only through ``tests/support/``,
``tests/factories.py`` and fixtures, sign in only through ``tests/support/auth.py``, and the
sign-in and page helpers do what they say."""

import ast
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import Region, Role, User
from tests.factories import make_user
from tests.support import pages
from tests.support.auth import AuthActions
from tests.support.scheduling import group_of

TESTS = Path(__file__).resolve().parent
#: What a test module may import from the ``tests`` package.
SHARED = ("tests.factories", "tests.support")
#: The sign-in and sign-out routes: only the kit and the tests of those routes post to them.
AUTH_ROUTES = {"/auth/login", "/auth/logout"}
EXEMPT = "# the route itself is under test"


def imported_modules(tree: ast.Module, package: str) -> list[tuple[int, str]]:
    """(line, module) of every import in ``tree``, function-level ones included; a module's
    relative imports are resolved against ``package``, and ``from a import b`` also names
    ``a.b`` (``b`` may be a module)."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1]
            named = [node.module] if node.module else []
            module = ".".join(base + named if node.level else named)
            found.append((node.lineno, module))
            found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
    return found


def is_test_module(module: str) -> bool:
    return module.rsplit(".", 1)[-1].startswith("test_") or module.endswith(".conftest")


def borrowed_imports(source: str, package: str = "tests") -> list[str]:
    """The imports in ``source`` that reach a test module, or anything in ``tests`` that is not
    a shared helper."""
    problems = []
    for line, module in imported_modules(ast.parse(source), package):
        if not module.startswith("tests.") or module == "tests":
            continue
        shared = any(module == name or module.startswith(name + ".") for name in SHARED)
        if is_test_module(module) or not shared:
            problems.append(f"line {line}: {module}")
    return problems


def auth_route_posts(source: str) -> list[int]:
    """Lines of ``source`` that send a request to the sign-in or sign-out route themselves.

    A request whose line says ``# the route itself is under test`` is exempt: a test of what the
    route does with the request (its size limit, its log line through gunicorn) must send it.
    """
    lines = []
    source_lines = source.splitlines()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr not in {"post", "request", "open"}:
                continue
            constants = [arg.value for arg in node.args if isinstance(arg, ast.Constant)]
            routes = {str(value).partition("?")[0] for value in constants}
            if AUTH_ROUTES & routes and EXEMPT not in source_lines[node.lineno - 1]:
                lines.append(node.lineno)
    return lines


def python_files() -> list[Path]:
    return sorted(TESTS.rglob("*.py"))


def package_of(path: Path) -> str:
    return ".".join(("tests", *path.relative_to(TESTS).parent.parts))


def test_no_test_module_imports_from_another_test_module():
    problems = {}
    for path in python_files():
        if path.parent.name == "support" or path.name == "factories.py":
            continue  # the shared helpers themselves (they import each other)
        found = borrowed_imports(path.read_text(encoding="utf-8"), package_of(path))
        if found:
            problems[str(path.relative_to(TESTS))] = found
    assert problems == {}, f"import these from tests/support/ or tests/factories.py: {problems}"


def test_the_shared_helpers_import_no_test_module():
    problems = {}
    for path in [*sorted((TESTS / "support").glob("*.py")), TESTS / "factories.py"]:
        source = path.read_text(encoding="utf-8")
        found = [m for _, m in imported_modules(ast.parse(source), "tests") if is_test_module(m)]
        if found:
            problems[path.name] = found
    assert problems == {}


@pytest.mark.parametrize(
    "source",
    [
        "from tests.commission.test_routes import sign_in",
        "from tests.services.certification import test_commands",
        "import tests.test_route_access",
        "def f():\n    from tests.demo.test_geography import MAZHILIS_2023",
        "from .test_smtp import Collector",
        "from . import test_smtp",
        "from tests.citizen.helpers import seat",
    ],
)
def test_the_import_check_catches_a_borrowed_helper(source):
    assert borrowed_imports(source, "tests.services.mail") != []


@pytest.mark.parametrize(
    "source",
    [
        "from tests.factories import make_user",
        "from tests.support import pages",
        "from tests.support.auth import AuthActions",
        "from app.services.mail import delivery",
        "import pytest",
    ],
)
def test_the_import_check_lets_the_shared_helpers_through(source):
    assert borrowed_imports(source, "tests.services.mail") == []


def test_only_the_kit_and_the_tests_of_the_sign_in_routes_sign_in_by_hand():
    kit = TESTS / "support" / "auth.py"
    problems = {}
    for path in python_files():
        if path == kit or path.parent == TESTS / "auth" or path == Path(__file__):
            continue
        found = auth_route_posts(path.read_text(encoding="utf-8"))
        if found:
            problems[str(path.relative_to(TESTS))] = found
    assert problems == {}, f"sign in with the auth fixture (tests/support/auth.py): {problems}"
    assert auth_route_posts('client.post("/auth/login", data={})') == [1]
    assert auth_route_posts('client.post("/auth/logout")\nclient.get("/auth/login")') == [1]
    assert auth_route_posts(f'client.post("/auth/login")  {EXEMPT}') == []


def test_auth_signs_in_checks_it_and_signs_out(client, auth):
    officer = make_user(role=Role.COMMISSION, email="officer@example.org")

    auth.sign_in(officer)
    assert auth.user_id() == str(officer.id)
    assert client.get("/commission/petitions").status_code == 200

    citizen = auth.sign_in_new(Role.CITIZEN)  # whoever was signed in is signed out first
    assert auth.user_id() == str(citizen.id)
    assert client.get("/commission/petitions").status_code == 403

    auth.sign_out()
    assert auth.user_id() is None


def test_auth_refuses_to_pretend_a_failed_sign_in_worked(auth):
    make_user(email="dana@example.org")

    with pytest.raises(AssertionError, match="signing in dana@example.org failed"):
        auth.sign_in("dana@example.org", "not the password")
    assert auth.try_sign_in("dana@example.org", "not the password").status_code == 200
    assert auth.user_id() is None


def test_a_fresh_session_holds_the_user_and_nothing_else(app, client, auth):
    admin = make_user(role=Role.ADMIN)
    db.session.commit()
    auth.fresh_session(admin)
    client.post("/auth/logout")  # leaves a flashed message in the session

    auth.fresh_session(admin)

    with client.session_transaction() as session:
        assert session.get("_flashes") is None
    assert AuthActions(client).user_id() == str(admin.id)
    auth.fresh_session(None)
    assert auth.user_id() is None


def test_a_page_checks_its_status_and_reads_as_html_text_and_elements(client):
    page = pages.get(client, "/auth/login")

    assert 'name="email"' in page  # the HTML, as a string
    assert page.response.status_code == 200
    assert page.one("h1").get_text(strip=True) == "Sign in"
    assert [field["name"] for field in page.select("form input[type=password]")] == ["password"]
    assert "Sign in" in page.text and "<" not in page.text
    with pytest.raises(AssertionError, match="expected 200, got 404"):
        pages.get(client, "/no/such/page")
    assert "This page does not exist." in pages.get(client, "/no/such/page", status=404)
    with pytest.raises(AssertionError, match="0 elements match"):
        page.one("table.none")


def test_a_page_reads_character_references_as_their_characters(app):
    page = pages.read(app.response_class("<p title='a &amp; b'>Don&#39;t &lt;stop&gt;</p>"))

    assert "Don't <stop>" in page and "&#39;" not in page
    assert page.one("p")["title"] == "a & b"
    assert page.text == "Don't <stop>"


KIT_SEED_AT = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


@pytest.mark.seeded(voters=0, now=KIT_SEED_AT)
@pytest.mark.parametrize("run", ["first", "second"])
def test_a_seeded_test_gets_the_demo_in_a_database_of_its_own(app, seed_report, run):
    # The report is the seed's own, of this very database; what one run adds the other does
    # not see (on one worker the second copy comes from the same seeded database).
    assert seed_report.created["regions"] == db.session.scalar(
        sa.select(sa.func.count()).select_from(Region)
    )
    assert db.session.scalar(sa.select(User).where(User.email == "kit@example.org")) is None
    make_user(email="kit@example.org")
    db.session.commit()


def test_the_scheduler_keeps_the_tests_sharing_a_setup_on_one_worker():
    assert group_of("tests/demo/test_rule_cases.py::test_x[sqlite]") == "demo world"
    assert group_of("tests/demo/test_petitions.py::test_y[postgresql]") == "demo world"
    assert group_of("tests/demo/test_seed.py::test_z[sqlite]") is None
    assert group_of("tests/services/test_a.py::test_b") is None
    walk = "tests/browser/test_pages_of_every_role.py::test_walk[admin]"
    assert group_of(walk) == "every-role walk"
