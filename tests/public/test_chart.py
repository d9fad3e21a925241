import xml.etree.ElementTree as ET
from datetime import date

import pytest

from app.public.chart import bar_chart, nice_ceiling

SVG = "{http://www.w3.org/2000/svg}"
WEEK = [(date(2026, 12, 10 + i), n) for i, n in enumerate([5, 0, 12, 7, 3, 9, 1])]


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def bars(root: ET.Element) -> list[ET.Element]:
    return root.findall(f"{SVG}rect[@class='bar']")


def test_the_chart_is_well_formed_svg_with_title_and_description():
    root = parse(bar_chart(WEEK, title="Signatures per day", description="A week of them"))

    assert root.tag == f"{SVG}svg"
    assert root.find(f"{SVG}title").text == "Signatures per day"
    assert root.find(f"{SVG}desc").text == "A week of them"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "chart-title chart-desc"


def test_the_chart_has_one_bar_per_day_each_titled_with_its_day_and_number():
    root = parse(bar_chart(WEEK, title="t", description="d"))

    titles = [bar.find(f"{SVG}title").text for bar in bars(root)]

    assert titles == [f"{day.isoformat()}: {n}" for day, n in WEEK]


def test_bar_heights_are_proportional_and_the_tallest_fits_under_the_top_line():
    root = parse(bar_chart(WEEK, title="t", description="d"))

    heights = [float(bar.get("height")) for bar in bars(root)]

    assert heights[1] == 0
    assert heights[2] == pytest.approx(heights[0] * 12 / 5, abs=0.02)
    assert max(heights) <= 148  # the plot area between the top gridline and the baseline


def test_bars_sit_side_by_side_across_the_whole_width_in_order():
    root = parse(bar_chart(WEEK, title="t", description="d"))

    lefts = [float(bar.get("x").rstrip("%")) for bar in bars(root)]
    width = float(bars(root)[0].get("width").rstrip("%"))

    assert lefts == sorted(lefts)
    assert lefts[0] > 0 and lefts[-1] + width < 100


def test_every_text_is_escaped():
    root = parse(
        bar_chart(
            [(date(2026, 1, 1), 3)],
            title="<script>alert(1)</script> & co",
            description='"quoted"',
            day_label=lambda day: "<b>1 Jan</b>",
            bar_title=lambda day, n: "3 < 4 & 5 > 2",
        )
    )

    assert root.find(f"{SVG}title").text == "<script>alert(1)</script> & co"
    assert bars(root)[0].find(f"{SVG}title").text == "3 < 4 & 5 > 2"
    assert "<b>1 Jan</b>" in [text.text for text in root.iter(f"{SVG}text")]


def test_the_first_and_last_days_are_labelled_with_the_given_format():
    root = parse(bar_chart(WEEK, title="t", description="d", day_label=lambda day: f"D{day.day}"))

    days = [t for t in root.iter(f"{SVG}text") if "chart__day" in t.get("class")]

    assert [t.text for t in days] == ["D10", "D12", "D13", "D14", "D16"]
    assert [t.get("class").endswith("--minor") for t in days] == [False, True, False, True, False]


def test_the_value_axis_is_labelled_with_round_numbers():
    root = parse(bar_chart(WEEK, title="t", description="d", number=lambda n: f"#{n}"))

    values = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "chart__value"]

    assert values == ["#6", "#12"]  # the tallest bar is 12


def test_a_chart_without_days_is_still_valid_svg():
    root = parse(bar_chart([], title="t", description="d"))

    assert bars(root) == []


@pytest.mark.parametrize(
    ("value", "ceiling"),
    [
        (0, 1),
        (1, 1),
        (2, 2),
        (7, 8),
        (9, 10),
        (11, 12),
        (13, 15),
        (27, 30),
        (480, 500),
        (501, 600),
        (1_001, 1_200),
    ],
)
def test_the_scale_rounds_up_to_a_round_number(value, ceiling):
    assert nice_ceiling(value) == ceiling
