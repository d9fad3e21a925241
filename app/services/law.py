"""The rule sets in force for this app, loaded once at start-up."""

from flask import Flask, current_app

from app.rules.loader import load_rule_sets
from app.rules.ruleset import RuleSet


class UnknownRuleSet(LookupError):
    pass


def init_rule_sets(app: Flask) -> None:
    """Load and validate every rule-set file; a bad file stops start-up (RuleSetError)."""
    app.extensions["rule_sets"] = load_rule_sets(app.config["RULE_SET_DIR"])


def rule_sets() -> dict[str, RuleSet]:
    return current_app.extensions["rule_sets"]


def get_rule_set(code: str) -> RuleSet:
    try:
        return rule_sets()[code]
    except KeyError:
        raise UnknownRuleSet(code) from None
