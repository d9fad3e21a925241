"""Rule sets in time: the version in force on a day, and the end of the Mazhilis rule set."""

from datetime import date

import pytest

from app.rules.ruleset import EndReason
from app.rules.validity import Closed, ends_on, in_force_on, version_window


@pytest.fixture(scope="module")
def mazhilis(rule_sets):
    return rule_sets["kz-mazhilis-2023"]


def test_the_mazhilis_rules_apply_until_the_day_before_1_july_2026(mazhilis):
    assert in_force_on([mazhilis], date(2026, 6, 30)).version is mazhilis


def test_from_1_july_2026_no_petition_opens_under_the_mazhilis_rules_with_the_cited_reason(
    mazhilis,
):
    found = in_force_on([mazhilis], date(2026, 7, 1))
    assert found.version is None and found.closed is Closed.ENDED
    assert found.since == date(2026, 7, 1)
    assert found.end_reason is EndReason.CHAMBER_ENDED
    assert found.end_citation.short == "Constitution of 2026"
    assert "inform.kz" in found.end_citation.url


def test_before_its_first_day_a_rule_set_is_not_yet_in_force(mazhilis):
    found = in_force_on([mazhilis], date(2022, 11, 4))
    assert (found.version, found.closed, found.since) == (None, Closed.NOT_YET, date(2022, 11, 5))


def test_a_newer_version_applies_from_its_first_day_and_the_older_one_until_then(kz):
    newer = kz.model_copy(update={"version": 2, "valid_from": date(2027, 3, 1)})
    assert in_force_on([kz, newer], date(2027, 2, 28)).version is kz
    assert in_force_on([newer, kz], date(2027, 3, 1)).version is newer
    assert version_window([kz, newer], kz) == (kz.valid_from, date(2027, 3, 1))
    assert version_window([kz, newer], newer) == (date(2027, 3, 1), None)


def test_only_a_rule_set_with_an_end_reports_one(kz, mazhilis):
    assert ends_on([mazhilis]) is mazhilis
    assert ends_on([kz]) is None


def test_valid_to_is_accepted_as_the_end_day(kz):
    data = kz.model_dump(mode="json", exclude={"valid_until"}) | {"valid_to": "2030-01-01"}
    assert type(kz).model_validate(data).valid_until == date(2030, 1, 1)
