"""Every requirement is pinned to one exact version, direct and transitive alike."""

import ast
import importlib.metadata
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted(ROOT.glob("requirements*.txt"))
#: ``name[extras]==version`` and nothing else (no ranges, no URLs, no environment markers).
PINNED = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*(\[[A-Za-z0-9,._-]+\])?==[A-Za-z0-9.+!-]+$")


def requirement_lines(path: Path) -> list[str]:
    lines = []
    for raw in path.read_text().splitlines():
        line = raw.split("#", 1)[0].strip()
        if line and not line.startswith("-r "):
            lines.append(line)
    return lines


def test_there_are_runtime_and_development_requirements():
    assert {path.name for path in FILES} >= {"requirements.txt", "requirements-dev.txt"}


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_every_requirement_is_pinned_with_double_equals(path):
    loose = [line for line in requirement_lines(path) if not PINNED.match(line)]

    assert requirement_lines(path) and loose == []


@pytest.mark.parametrize("line", ["flask>=3", "flask", "flask~=3.1", "flask==3.*", "x @ https://e"])
def test_the_check_refuses_a_loose_requirement(line):
    assert not PINNED.match(line)


def test_the_audit_target_fails_rather_than_pretends():
    makefile = (ROOT / "Makefile").read_text()
    recipe = makefile.split("\naudit:", 1)[1].split("\n\n", 1)[0]

    assert "pip-audit" in recipe and recipe.count("exit 1") >= 2


#: Top-level names of this repository's own code, imported by its tests and tools.
OWN = {"app", "tests", "bench", "deploy", "migrations", "wsgi", "gunicorn_conf", "conftest"}


def imported_top_names(root: Path) -> set[str]:
    names = set()
    for path in root.rglob("*.py"):
        if ".venv" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names


def pinned_distributions() -> set[str]:
    return {
        canonical(re.split(r"[\[=]", line, maxsplit=1)[0])
        for path in FILES
        for line in requirement_lines(path)
    }


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_third_party_import_comes_from_a_pinned_requirement():
    # A package installed by hand in one venv passes locally and fails on a fresh clone (CI).
    third_party = imported_top_names(ROOT) - set(sys.stdlib_module_names) - OWN
    providers = importlib.metadata.packages_distributions()
    pinned = pinned_distributions()

    unpinned = {
        name: providers.get(name, ["not installed"])
        for name in sorted(third_party)
        if not any(canonical(dist) in pinned for dist in providers.get(name, []))
    }
    assert unpinned == {}


def test_the_import_check_sees_the_libraries_the_suite_uses():
    names = imported_top_names(ROOT)

    assert {"flask", "sqlalchemy", "pytest", "playwright"} <= names
    assert "jsonschema_rs" in names  # tests/api/test_openapi.py
