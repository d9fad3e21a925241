from datetime import timedelta

import pytest

from app.public import petition_display


@pytest.mark.parametrize(
    ("left", "parts"),
    [
        (timedelta(days=3, hours=4, minutes=30), [("day", 3), ("hour", 4)]),
        (timedelta(days=1, minutes=59), [("day", 1), ("hour", 0)]),
        (timedelta(hours=5, seconds=59), [("hour", 5), ("minute", 0)]),
        (timedelta(minutes=2, seconds=3.9), [("minute", 2), ("second", 3)]),
        (timedelta(seconds=12), [("second", 12)]),
        (timedelta(0), [("second", 0)]),
        (timedelta(seconds=-30), [("second", 0)]),
    ],
)
def test_a_countdown_shows_the_two_largest_units_from_the_first_that_is_not_zero(left, parts):
    assert petition_display.countdown_parts(left) == parts


def test_time_left_reads_in_english(app):
    with app.test_request_context("/"):
        text = petition_display.time_left_text(timedelta(days=3, hours=1, minutes=5))

    assert text == "3 days 1 hour left"


def test_time_left_names_its_units_in_the_current_language(app):
    with app.test_request_context("/?lang=ru"):
        text = petition_display.time_left_text(timedelta(days=3, hours=1, minutes=5))

    assert "3 дня 1 час" in text


def test_the_script_gets_the_same_sentence_with_a_placeholder(app):
    with app.test_request_context("/"):
        assert petition_display.countdown_template() == "{time} left"
