"""Loading the rule-set files; any error stops start-up with the file and parameter named."""

import tomllib
from pathlib import Path

from pydantic import ValidationError

from app.rules.ruleset import RuleSet

RULE_SET_DIR = Path(__file__).parent / "sets"


class RuleSetError(Exception):
    """A rule-set file is missing, unreadable or invalid."""


def _location(error: dict) -> str:
    parts = [str(part) for part in error["loc"] if not str(part).startswith("function-")]
    # Pydantic names the generic class in the path ("Param[int]"); readers want field names.
    return ".".join(part for part in parts if "[" not in part) or "(file)"


def problems_of(error: ValidationError) -> str:
    """Every problem of a rule set, each with the parameter it is in."""
    return "; ".join(f"{_location(e)}: {e['msg']}" for e in error.errors())


def load_rule_set(path: Path) -> RuleSet:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise RuleSetError(f"{path.name}: cannot be read: {error}") from None
    try:
        rule_set = RuleSet.model_validate(data)
    except ValidationError as error:
        raise RuleSetError(f"{path.name}: {problems_of(error)}") from None
    if path.stem != rule_set.code:
        raise RuleSetError(f"{path.name}: code {rule_set.code!r} does not match the file name")
    return rule_set


def load_rule_sets(directory: Path = RULE_SET_DIR) -> dict[str, RuleSet]:
    """Every ``*.toml`` file in ``directory``, keyed by code."""
    paths = sorted(directory.glob("*.toml"))
    if not paths:
        raise RuleSetError(f"{directory}: no rule-set files")
    return {rule_set.code: rule_set for rule_set in map(load_rule_set, paths)}
