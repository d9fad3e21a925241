"""Every requirement is pinned to one exact version, direct and transitive alike."""

import re
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
