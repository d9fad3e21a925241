"""Who may take part: the voting age."""

from datetime import date

#: Citizens vote from the age of 18 (Constitution of 1995, Art. 33(2); Constitutional Law
#: "On Elections" No. 2464, Art. 4(1)). Confirmed in practice for the 2026 referendum, see
#: recall-law.md §4; the article numbers must be re-read against the 2026 Constitution.
VOTING_AGE = 18


def birthday_in(year: int, born: date) -> date:
    """The birthday in ``year``; someone born on 29 February has it on 1 March in other years."""
    try:
        return born.replace(year=year)
    except ValueError:
        return date(year, 3, 1)


def age_on(born: date, day: date) -> int:
    """Whole years of age on ``day``."""
    years = day.year - born.year
    return years - 1 if day < birthday_in(day.year, born) else years


def is_of_voting_age(born: date, day: date, minimum: int = VOTING_AGE) -> bool:
    """True if a person born on ``born`` has reached ``minimum`` years on ``day``."""
    return age_on(born, day) >= minimum
