"""A new version of a rule set with official values: validated like a shipped file."""

from datetime import date

import pytest

from app.rules.amend import PARAMETERS, AmendmentError, Change, amended, change_from, parse_value

TWELVE = '{ denominator = "register_at_registration", comparison = "at_least", share = "12%" }'


def official(name="threshold", value=TWELVE, **kw):
    fields = {"confirmed": True, "law": "Elections Law", "article": "Art. 113-14(2)"} | kw
    return Change(name=name, value=parse_value(value), **fields)


def test_a_confirmed_value_with_its_citation_replaces_the_provisional_one(kz):
    new = amended(kz, version=2, valid_from=date(2027, 1, 1), changes=[official(url="https://x")])

    assert (new.version, new.valid_from) == (2, date(2027, 1, 1))
    assert str(new.threshold.value.share) == "3/25" and new.threshold.confirmed
    assert new.citations[new.threshold.cite].in_words == "Elections Law, Art. 113-14(2)"
    assert "threshold" not in new.provisional and "threshold" in kz.provisional
    assert new.collection_period == kz.collection_period  # the rest is unchanged


def test_confirmed_needs_a_law_and_an_article(kz):
    with pytest.raises(AmendmentError, match="needs its law and article"):
        amended(kz, version=2, valid_from=date(2027, 1, 1), changes=[official(law="")])


def test_an_unconfirmed_value_is_shown_as_set_by_the_commission(kz):
    change = official(value="15", name="initiative_group_min", confirmed=False, law="", article="")
    new = amended(kz, version=2, valid_from=date(2027, 1, 1), changes=[change])

    assert new.initiative_group_min.value == 15 and not new.initiative_group_min.confirmed
    assert new.citations[new.initiative_group_min.cite].project_default


def test_a_value_the_schema_refuses_is_refused_with_the_parameter_named(kz):
    with pytest.raises(AmendmentError, match="threshold"):
        amended(kz, version=2, valid_from=date(2027, 1, 1), changes=[official(value='"abc"')])


def test_an_unknown_parameter_or_a_date_after_the_end_is_refused(kz, rule_sets):
    with pytest.raises(AmendmentError, match="no such parameter"):
        amended(kz, version=2, valid_from=date(2027, 1, 1), changes=[official(name="code")])
    with pytest.raises(AmendmentError, match="ended"):
        amended(
            rule_sets["kz-mazhilis-2023"],
            version=2,
            valid_from=date(2026, 7, 1),
            changes=[official()],
        )


def test_every_shipped_rule_set_survives_a_version_unchanged_but_for_the_change(rule_sets):
    for rule_set in rule_sets.values():
        if rule_set.valid_until is not None:
            continue
        change = official(name="signer_min_age", value="18")
        new = amended(rule_set, version=2, valid_from=date(2030, 1, 1), changes=[change])
        skip = {"version", "valid_from", "citations", "signer_min_age"}
        assert new.model_dump(exclude=skip) == rule_set.model_dump(exclude=skip)


def test_a_stored_change_reads_its_value_from_text():
    stored = {"name": "deadline_time", "value": "17:00:00", "confirmed": False}
    assert str(change_from(stored).value) == "17:00:00"
    assert "threshold" in PARAMETERS and "code" not in PARAMETERS


def test_a_value_that_is_not_toml_is_refused():
    with pytest.raises(ValueError):
        parse_value("12 %")
