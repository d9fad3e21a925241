from datetime import date

import pytest

from app.rules.eligibility import age_on, is_of_voting_age


@pytest.mark.parametrize(
    ("born", "day", "age"),
    [
        (date(2008, 10, 1), date(2026, 10, 1), 18),
        (date(2008, 10, 2), date(2026, 10, 1), 17),
        (date(1985, 3, 14), date(2026, 3, 13), 40),
        (date(2008, 2, 29), date(2026, 2, 28), 17),
        (date(2008, 2, 29), date(2026, 3, 1), 18),
        (date(2008, 2, 29), date(2028, 2, 29), 20),
    ],
)
def test_age_counts_whole_years_and_leap_day_birthdays_fall_on_1_march(born, day, age):
    assert age_on(born, day) == age


def test_a_voter_is_of_age_on_the_18th_birthday_not_the_day_before():
    assert is_of_voting_age(date(2008, 10, 1), date(2026, 10, 1))
    assert not is_of_voting_age(date(2008, 10, 1), date(2026, 9, 30))
