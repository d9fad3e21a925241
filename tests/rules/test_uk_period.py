"""The UK signing period against the published periods of real recall petitions.

Recall of MPs Act 2015, s.9: six weeks beginning with the opening day; the bank holidays of the
constituency's nation are not counted; the period closes at 17:00 UK time. Each case is the
period a petition officer published (sources in the parameters); the rule must yield it.

Two dates in the brief for this work did not match the published notices, and the published
ones are used: Rutherglen and Hamilton West closed at 5 pm on Monday 31 July 2023 (the count
was reported to the Speaker on 1 August); Wellingborough opened on Wednesday 8 November 2023
(not 14 November) and closed at 5 pm on Tuesday 19 December 2023.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from app.rules.calendar import collection_ends_at, is_holiday

LONDON = ZoneInfo("Europe/London")

PUBLISHED = [
    # Opened 8 Aug 2018, closed 19 Sep 2018 (Electoral Commission report on North Antrim).
    # 8 Aug + 41 days = 18 Sep; the NI late summer bank holiday (27 Aug) adds a day.
    pytest.param("NIR", date(2018, 8, 8), date(2018, 9, 19), id="north-antrim-2018"),
    # 19 Mar - 1 May 2019: + 41 = 29 Apr, then Good Friday and Easter Monday (19, 22 Apr).
    pytest.param("ENG", date(2019, 3, 19), date(2019, 5, 1), id="peterborough-2019"),
    # 9 May - 20 Jun 2019: + 41 = 19 Jun, then the spring bank holiday (27 May) in Wales.
    pytest.param("WLS", date(2019, 5, 9), date(2019, 6, 20), id="brecon-radnorshire-2019"),
    # 9 am 20 Jun - 5 pm 31 Jul 2023 (Hansard, 4 Sep 2023): no Scottish bank holiday inside
    # (the summer bank holiday was 7 Aug).
    pytest.param("SCT", date(2023, 6, 20), date(2023, 7, 31), id="rutherglen-2023"),
    # 9 am 8 Nov - 5 pm 19 Dec 2023 (Hansard notification; North Northamptonshire Council).
    pytest.param("ENG", date(2023, 11, 8), date(2023, 12, 19), id="wellingborough-2023"),
]


@pytest.mark.parametrize(("nation", "opened", "closed"), PUBLISHED)
def test_uk_signing_period_matches_the_published_period(uk, nation, opened, closed):
    opens = datetime.combine(opened, datetime.min.time().replace(hour=9), tzinfo=LONDON)
    closes = collection_ends_at(uk, opens, electorate=80_000, subdivision=nation)
    assert closes == datetime.combine(closed, datetime.min.time().replace(hour=17), tzinfo=LONDON)


def test_the_holidays_library_lists_the_bank_holidays_the_published_periods_skipped():
    assert is_holiday(date(2018, 8, 27), "GB-NIR")
    assert is_holiday(date(2019, 4, 19), "GB-ENG") and is_holiday(date(2019, 4, 22), "GB-ENG")
    assert is_holiday(date(2019, 5, 27), "GB-WLS")
    assert not is_holiday(date(2023, 7, 31), "GB-SCT")


def test_each_nation_counts_its_own_bank_holidays(uk):
    # 12 July (Battle of the Boyne) is a bank holiday in Northern Ireland only; a period
    # opening on 10 June 2024 ends a day later there than in England.
    opens = datetime(2024, 6, 10, 9, tzinfo=LONDON)
    england = collection_ends_at(uk, opens, 80_000, subdivision="ENG")
    northern_ireland = collection_ends_at(uk, opens, 80_000, subdivision="NIR")
    assert (england.date(), northern_ireland.date()) == (date(2024, 7, 21), date(2024, 7, 22))


def test_the_default_nation_is_england(uk):
    opens = datetime(2019, 3, 19, 9, tzinfo=LONDON)
    assert collection_ends_at(uk, opens, 80_000) == collection_ends_at(
        uk, opens, 80_000, subdivision="ENG"
    )


def test_an_unknown_nation_is_refused(uk):
    with pytest.raises(ValueError, match="subdivision"):
        uk.calendar_for("XYZ")
