"""The shipped rule sets, loaded once: the rule tests are pure (no app, no database)."""

import pytest

from app.rules.loader import load_rule_sets


@pytest.fixture(scope="session")
def rule_sets():
    return load_rule_sets()


@pytest.fixture(scope="session")
def kz(rule_sets):
    """A maslikhat deputy: the realistic Kazakh target after 2026 (recall-law.md §0)."""
    return rule_sets["kz-maslikhat-2023"]


@pytest.fixture(scope="session")
def uk(rule_sets):
    return rule_sets["uk-2015"]


@pytest.fixture(scope="session")
def bc(rule_sets):
    return rule_sets["bc-1996"]


@pytest.fixture(scope="session")
def ca(rule_sets):
    return rule_sets["ca-local"]
