"""Tests that need a browser or a database server skip without one, except under CI."""

import os

import pytest


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def missing(reason: str):
    """Skip the test with ``reason``; under CI a missing part is a failure, never a skip."""
    if in_ci():
        pytest.fail(f"CI=true and {reason}", pytrace=False)
    pytest.skip(reason)
