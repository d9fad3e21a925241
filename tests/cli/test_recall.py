import json

import pytest


def plan(runner, *args):
    return runner.invoke(args=["recall", "plan", *args])


def test_plan_prints_the_figures_and_timeline_as_json(runner):
    result = plan(
        runner,
        "--ruleset",
        "kz-maslikhat-2023",
        "--electorate",
        "27500",
        "--start",
        "2026-12-10T10:00",
    )

    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert figures["ruleset"] == "kz-maslikhat-2023"
    assert figures["signatures_required"] == 2750  # provisional 10% of 27,500
    assert figures["collection_days"] == 30
    assert figures["collection_ends_at"] == "2027-01-08T18:00:00+05:00"
    assert [step["step"] for step in figures["timeline"]] == [
        "collection_opens",
        "collection_closes",
        "verification",
        "recall_vote",
    ]
    assert figures["timeline"][0]["deadline"] == "2026-12-10T10:00:00+05:00"
    assert "threshold" in figures["provisional"]


def test_a_start_with_an_offset_is_converted_to_the_rule_set_zone(runner):
    # 21:00 UTC on 9 December is 02:00 on 10 December in Almaty: the same plan.
    result = plan(
        runner,
        "--ruleset",
        "kz-maslikhat-2023",
        "--electorate",
        "27500",
        "--start",
        "2026-12-09T21:00:00+00:00",
    )

    assert json.loads(result.output)["collection_ends_at"] == "2027-01-08T18:00:00+05:00"


def test_california_brackets_set_threshold_and_days(runner):
    figures = json.loads(
        plan(
            runner, "--ruleset", "ca-local", "--electorate", "4999", "--start", "2026-03-02T09:00"
        ).output
    )

    assert figures["signatures_required"] == 1250  # 25% of 4,999 = 1,249.75 -> 1,250
    assert figures["collection_days"] == 60


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--ruleset", "xx-none", "--electorate", "10", "--start", "2026-01-01T00:00"],
            "unknown rule set",
        ),
        (
            ["--ruleset", "uk-2015", "--electorate", "ten", "--start", "2026-01-01T00:00"],
            "whole number",
        ),
        (
            ["--ruleset", "uk-2015", "--electorate", "0", "--start", "2026-01-01T00:00"],
            "whole number",
        ),
        (["--ruleset", "uk-2015", "--electorate", "10", "--start", "yesterday"], "ISO 8601"),
    ],
)
def test_bad_input_gives_a_clear_error_and_status_2(runner, args, message):
    result = plan(runner, *args)

    assert result.exit_code == 2 and message in result.output


def test_a_start_whose_deadlines_fall_after_9999_is_a_clear_error(runner):
    result = plan(
        runner, "--ruleset", "uk-2015", "--electorate", "10", "--start", "9999-12-31T23:00"
    )

    assert result.exit_code == 2 and "after the year 9999" in result.output


def test_a_start_after_the_mazhilis_ended_exits_2_naming_the_reason(runner):
    result = plan(
        runner,
        "--ruleset",
        "kz-mazhilis-2023",
        "--electorate",
        "400000",
        "--start",
        "2026-07-01T09:00",
    )

    assert result.exit_code == 2
    assert "These recall rules ended on July 1, 2026." in result.output
    assert "The chamber ended its powers" in result.output


def test_a_start_before_the_mazhilis_ended_still_plans(runner):
    result = plan(
        runner,
        "--ruleset",
        "kz-mazhilis-2023",
        "--electorate",
        "400000",
        "--start",
        "2026-06-30T09:00",
    )

    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["ruleset_version"] == 1


def test_a_start_before_a_rule_set_begins_exits_2(runner):
    result = plan(
        runner, "--ruleset", "uk-2015", "--electorate", "70000", "--start", "2016-01-04T09:00"
    )

    assert result.exit_code == 2
    assert "These recall rules apply only from March 4, 2016." in result.output


@pytest.mark.parametrize(
    ("subdivision", "closes"),
    [
        (None, "2019-05-01T17:00:00+01:00"),  # England by default: Easter counted out
        ("ENG", "2019-05-01T17:00:00+01:00"),
        ("SCT", "2019-04-30T17:00:00+01:00"),  # Scotland has no Easter Monday bank holiday
    ],
)
def test_the_uk_plan_counts_the_bank_holidays_of_the_subdivision(runner, subdivision, closes):
    extra = ["--subdivision", subdivision] if subdivision else []
    result = plan(
        runner,
        "--ruleset",
        "uk-2015",
        "--electorate",
        "70000",
        "--start",
        "2019-03-19T09:00",
        *extra,
    )

    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert figures["collection_ends_at"] == closes
    assert figures["holiday_calendar"] == f"GB-{subdivision or 'ENG'}"


def test_an_unknown_subdivision_exits_2(runner):
    result = plan(
        runner,
        "--ruleset",
        "uk-2015",
        "--electorate",
        "70000",
        "--start",
        "2019-03-19T09:00",
        "--subdivision",
        "XX",
    )

    assert result.exit_code == 2
    assert "unknown subdivision 'XX'; known: ENG, WLS, SCT, NIR" in result.output
