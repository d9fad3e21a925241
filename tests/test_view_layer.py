"""The view layer stays thin: no view over 30 lines, and no database query in a view module.

A view validates its form, calls one service, flashes and redirects; what a page shows comes
from a page model in a service's ``queries.py``. These checks read the source; nothing is run.
``app/errors.py`` is no view module: its handler of unexpected errors rolls the session back.
"""

import ast
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parent.parent / "app"
BLUEPRINTS = ("api", "auth", "citizen", "commission", "deputy", "public")
VIEW_MODULES = sorted(
    [path for name in BLUEPRINTS for path in (APP / name).rglob("*.py")] + [APP / "views.py"]
)
MAX_VIEW_LINES = 30
#: Modules whose import means the module runs SQL itself.
DATABASE_MODULES = ("sqlalchemy", "flask_sqlalchemy", "app.database")


def _blueprint_decorated(function: ast.FunctionDef) -> bool:
    """On a blueprint: ``@bp.get(...)``, ``@bp.errorhandler(...)``, ``@bp.context_processor``."""
    for decorator in function.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        if (
            isinstance(target, ast.Attribute)
            and isinstance(target.value, ast.Name)
            and target.value.id == "bp"
        ):
            return True
    return False


def long_views(source: str) -> list[str]:
    """The views over ``MAX_VIEW_LINES`` lines, counted from the first decorator to the end."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef) and _blueprint_decorated(node):
            lines = node.end_lineno - min(d.lineno for d in node.decorator_list) + 1
            if lines > MAX_VIEW_LINES:
                found.append(f"{node.name}: {lines} lines")
    return found


def _database_module(module: str) -> bool:
    return any(module == name or module.startswith(f"{name}.") for name in DATABASE_MODULES)


def database_uses(source: str) -> list[str]:
    """Imports of the database layer (``db`` too), ``db.session`` and ``Model.query``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = {alias.name for alias in node.names}
            modules = [f"{node.module}.db" if "db" in names else node.module or ""]
        else:
            modules = []
        found += [
            f"line {node.lineno}: import of {module}"
            for module in modules
            if _database_module(module) or module == "app.extensions.db"
        ]
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            if node.value.id == "db" and node.attr == "session":
                found.append(f"line {node.lineno}: db.session")
            if node.attr == "query" and node.value.id[:1].isupper():
                found.append(f"line {node.lineno}: {node.value.id}.query")
    return found


def _name(path: Path) -> str:
    return str(path.relative_to(APP.parent))


def test_the_view_modules_are_found():
    names = {_name(path) for path in VIEW_MODULES}

    assert {"app/commission/routes.py", "app/public/routes.py", "app/views.py"} <= names


@pytest.mark.parametrize("path", VIEW_MODULES, ids=_name)
def test_no_view_is_over_30_lines(path):
    assert long_views(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("path", VIEW_MODULES, ids=_name)
def test_no_view_module_queries_the_database(path):
    assert database_uses(path.read_text(encoding="utf-8")) == []


def test_a_view_of_31_lines_is_found_and_one_of_30_is_not():
    body = "\n".join(f"    x{n} = {n}" for n in range(27))
    thirty = f'@bp.get("/a")\n@staff_required\ndef a():\n{body}\n'
    thirty_one = f'@bp.get("/b")\n@staff_required\ndef b():\n{body}\n    return x0\n'
    helper = f"def helper():\n{body}\n    return x0\n    return x1\n"

    assert long_views(thirty) == []
    assert long_views(thirty_one) == ["b: 31 lines"]
    assert long_views(helper) == []  # not a view: no blueprint decorator


@pytest.mark.parametrize(
    "source",
    [
        "import sqlalchemy as sa",
        "from sqlalchemy.orm import joinedload",
        "from app.extensions import csrf, db",
        "from app.database import transaction",
        "from flask_sqlalchemy.pagination import Pagination",
        "user = db.session.get(User, 1)",
        "users = User.query.all()",
    ],
)
def test_each_kind_of_database_use_is_found(source):
    assert len(database_uses(source)) == 1


def test_services_and_other_extensions_are_no_database_use():
    source = (
        "from app.extensions import csrf, login_manager\n"
        "from app.services.audit.queries import petition_history\n"
        "parts = urlsplit(target)\nparts.query\nrequest.args\n"
    )

    assert database_uses(source) == []
