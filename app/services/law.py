"""The rule sets in force for this app, by version: the shipped files (loaded once at start-up)
and the versions two administrators confirmed with official values (read from the database,
once per request or command).

``get_rule_set(code)`` is the newest version (the rules page), ``rule_set_on(code, day)`` the
one a petition opening that day is governed by, and ``petition_rules(petition)`` the one the
petition opened under (kept to its end).
"""

from datetime import date

from flask import Flask, current_app, g

from app.rules.amend import amended, change_from
from app.rules.loader import load_rule_sets
from app.rules.ruleset import RuleSet
from app.rules.validity import InForce, in_force_on
from app.services.rule_versions.queries import confirmed_rows


class UnknownRuleSet(LookupError):
    pass


def init_rule_sets(app: Flask) -> None:
    """Load and validate every rule-set file; a bad file stops start-up (RuleSetError)."""
    app.extensions["rule_sets"] = load_rule_sets(app.config["RULE_SET_DIR"])


def shipped_rule_sets() -> dict[str, RuleSet]:
    """The rule-set files, by code (each one is version 1 of its code)."""
    return current_app.extensions["rule_sets"]


def forget_versions() -> None:
    """Read the stored versions again (after one was confirmed)."""
    g.pop("rule_set_versions", None)


def _versions() -> dict[str, dict[int, RuleSet]]:
    if "rule_set_versions" not in g:
        found = {code: {rs.version: rs} for code, rs in shipped_rule_sets().items()}
        for row in confirmed_rows():
            family = found.get(row.rule_set_code)
            if family is None or row.base_version not in family:
                continue  # a rule-set file was removed: its stored versions have no base
            changes = [change_from(change) for change in row.changes]
            family[row.version] = amended(
                family[row.base_version],
                version=row.version,
                valid_from=row.valid_from,
                changes=changes,
            )
        g.rule_set_versions = found
    return g.rule_set_versions


def _order(rule_set: RuleSet) -> tuple:
    return (rule_set.valid_from, rule_set.version)


def rule_sets() -> dict[str, RuleSet]:
    """The newest version of every rule set, by code."""
    return {code: max(found.values(), key=_order) for code, found in _versions().items()}


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
    shipped = shipped_rule_sets().get(petition.rule_set_code)
    if shipped is not None and shipped.version == petition.rule_set_version:
        # A shipped file is never changed by a stored version (a new version is a new object),
        # so the signing path need not read the stored versions to find it.
        return shipped
    return get_rule_set(petition.rule_set_code, petition.rule_set_version)
