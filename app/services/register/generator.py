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

MALE_NAMES = (
    "Arman",
    "Nurlan",
    "Daniyar",
    "Yerlan",
    "Askar",
    "Timur",
    "Serik",
    "Aidos",
    "Bauyrzhan",
    "Ruslan",
    "Sergei",
    "Alexei",
    "Marat",
    "Kairat",
    "Olzhas",
    "Dmitry",
)
FEMALE_NAMES = (
    "Aigerim",
    "Dana",
    "Aliya",
    "Saule",
    "Gulnara",
    "Madina",
    "Aruzhan",
    "Zhanna",
    "Elena",
    "Olga",
    "Asel",
    "Dinara",
    "Kamila",
    "Anel",
    "Tatiana",
    "Aizhan",
)
SURNAMES = (
    "Syntheticov",
    "Fictionov",
    "Sampleov",
    "Testenko",
    "Mockbayev",
    "Exampleuly",
    "Placeholdin",
    "Dummybekov",
    "Genov",
    "Randomov",
)
PATRONYMIC_STEMS = ("Arman", "Nurlan", "Serik", "Marat", "Kairat", "Askar", "Ruslan")
STREETS = (
    "Abai Ave",
    "Dostyk St",
    "Respublika Ave",
    "Tole Bi St",
    "Satpayev St",
    "Kabanbay Batyr Ave",
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
            surname = rng.choice(SURNAMES) + ("a" if sex is iin.Sex.FEMALE else "")
            suffix = "ovich" if sex is iin.Sex.MALE else "ovna"
            patronymic = rng.choice(PATRONYMIC_STEMS) + suffix if rng.random() < 0.8 else ""
            station = f"{constituency_index + 1:03d}{rng.randrange(stations) + 1:02d}"
            address = f"{rng.choice(STREETS)} {rng.randrange(1, 300)}, apt {rng.randrange(1, 200)}"
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
