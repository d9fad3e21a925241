"""The rule sets in force for this app: the shipped files, loaded once at start-up, by version.

Each code maps to its versions; ``get_rule_set(code)`` is the newest version (the rules page),
``rule_set_on(code, day)`` the one a petition opening that day is governed by, and
``petition_rules(petition)`` the one the petition opened under (kept to its end).
"""

from datetime import date

from flask import Flask, current_app

from app.rules.loader import load_rule_sets
from app.rules.ruleset import RuleSet
from app.rules.validity import InForce, in_force_on


class UnknownRuleSet(LookupError):
    pass


def init_rule_sets(app: Flask) -> None:
    """Load and validate every rule-set file; a bad file stops start-up (RuleSetError)."""
    shipped = load_rule_sets(app.config["RULE_SET_DIR"])
    app.extensions["rule_sets"] = shipped
    app.extensions["rule_set_versions"] = {
        code: {rule_set.version: rule_set} for code, rule_set in shipped.items()
    }


def rule_sets() -> dict[str, RuleSet]:
    """The newest version of every rule set, by code."""
    return {code: max(found.values(), key=_order) for code, found in _versions().items()}


def _order(rule_set: RuleSet) -> tuple:
    return (rule_set.valid_from, rule_set.version)


def _versions() -> dict[str, dict[int, RuleSet]]:
    return current_app.extensions["rule_set_versions"]


def versions_of(code: str) -> list[RuleSet]:
    """Every version of a rule set, oldest first."""
    try:
        return sorted(_versions()[code].values(), key=_order)
    except KeyError:
        raise UnknownRuleSet(code) from None


def get_rule_set(code: str, version: int | None = None) -> RuleSet:
    """A rule set by code: the given version, or the newest."""
    found = versions_of(code)
    if version is None:
        return found[-1]
    for rule_set in found:
        if rule_set.version == version:
            return rule_set
    raise UnknownRuleSet(f"{code} v{version}")


def rule_set_on(code: str, day: date) -> InForce:
    """The version in force on ``day`` for a new petition, or why none is."""
    return in_force_on(versions_of(code), day)


def petition_rules(petition) -> RuleSet:
    """The rule-set version a petition opened under (kept when a newer one is published)."""
    return get_rule_set(petition.rule_set_code, petition.rule_set_version)
