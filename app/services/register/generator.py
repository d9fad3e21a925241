"""Synthetic voter registers in the import format, for the demo and the benchmarks.

The people are invented: names from short lists, birth dates at random, IINs built with valid
check digits. A given seed always writes the same bytes, so the import recognises a file it has
already loaded.
"""

import csv
import math
import random
from datetime import date, timedelta
from pathlib import Path

from app import iin
from app.services.register.reader import COLUMNS

# Names in Cyrillic, as the register gives them: Kazakh and Russian first names; the surnames are
# plainly invented (synthetic, fictional, sample...), each with its feminine form.
MALE_NAMES = (
    "Арман", "Нұрлан", "Данияр", "Ерлан", "Асқар", "Тимур", "Серік", "Айдос", "Бауыржан",
    "Руслан", "Сергей", "Алексей", "Марат", "Қайрат", "Олжас", "Дмитрий",
)  # fmt: skip
FEMALE_NAMES = (
    "Әйгерім", "Дана", "Әлия", "Сәуле", "Гүлнара", "Мадина", "Аружан", "Жанна", "Елена",
    "Ольга", "Әсел", "Динара", "Камила", "Анель", "Татьяна", "Айжан",
)  # fmt: skip
#: (masculine, feminine) surname pairs.
SURNAMES = (
    ("Синтетиков", "Синтетикова"),
    ("Фиктивов", "Фиктивова"),
    ("Үлгібаев", "Үлгібаева"),
    ("Тестенко", "Тестенко"),
    ("Макетбаев", "Макетбаева"),
    ("Мысалұлы", "Мысалқызы"),
    ("Шаблонов", "Шаблонова"),
    ("Нұсқабеков", "Нұсқабекова"),
    ("Генов", "Генова"),
    ("Кездейсоқов", "Кездейсоқова"),
)
#: Fathers' names, with the Russian-style patronymic endings for a son and a daughter.
PATRONYMIC_STEMS = ("Арман", "Нұрлан", "Серік", "Марат", "Қайрат", "Асқар", "Руслан")
STREETS = (
    "пр. Абая",
    "ул. Достык",
    "пр. Республики",
    "ул. Толе би",
    "ул. Сатпаева",
    "пр. Кабанбай батыра",
)
#: A polling station serves at most 3,000 voters (recall-law.md §7); keep well below it.
VOTERS_PER_STATION = 2_000


def _person(rng: random.Random, snapshot_date: date, used: set[str]) -> tuple[str, str, date, str]:
    """(iin, first name, birth date, sex) of a new adult born 18 to 90 years before the snapshot."""
    oldest = snapshot_date.replace(year=snapshot_date.year - 90)
    span = (snapshot_date.replace(year=snapshot_date.year - 18) - oldest).days
    while True:
        born = oldest + timedelta(days=rng.randrange(span))
        sex = iin.Sex.MALE if rng.random() < 0.5 else iin.Sex.FEMALE
        number = iin.make(born, sex, rng.randrange(10_000))
        if number is not None and number not in used:
            used.add(number)
            names = MALE_NAMES if sex is iin.Sex.MALE else FEMALE_NAMES
            return number, rng.choice(names), born, sex


def write_synthetic_register(
    path: Path | str,
    constituency_codes: list[str],
    rows: int,
    seed: int = 0,
    snapshot_date: date = date(2026, 10, 1),
) -> None:
    """Write ``rows`` valid voters spread evenly over ``constituency_codes`` to ``path``."""
    rng = random.Random(seed)
    used: set[str] = set()
    per_constituency = math.ceil(rows / max(len(constituency_codes), 1))
    stations = max(1, math.ceil(per_constituency / VOTERS_PER_STATION))
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for index in range(rows):
            constituency_index = index % len(constituency_codes)
            number, first_name, born, sex = _person(rng, snapshot_date, used)
            surname = rng.choice(SURNAMES)[1 if sex is iin.Sex.FEMALE else 0]
            suffix = "ович" if sex is iin.Sex.MALE else "овна"
            patronymic = rng.choice(PATRONYMIC_STEMS) + suffix if rng.random() < 0.8 else ""
            station = f"{constituency_index + 1:03d}{rng.randrange(stations) + 1:02d}"
            address = f"{rng.choice(STREETS)}, {rng.randrange(1, 300)}, кв. {rng.randrange(1, 200)}"
            writer.writerow(
                (
                    number,
                    surname,
                    first_name,
                    patronymic,
                    born.isoformat(),
                    constituency_codes[constituency_index],
                    station,
                    address,
                )
            )
