"""Constituencies of the demo data set, built from its regions and bodies (pure data, no DB).

What is real: the Mazhilis's 29 single-mandate territorial districts of the 2023 elections (3
each for Almaty city and Turkestan region; 2 each for Astana, Shymkent, Almaty region, Zhambyl
and Karaganda; 1 for each of the other 13 regions). The numbering 1–29 follows the Central
Election Commission's scheme of 2022: the capital and the cities of republican significance
first (Astana 1–2, Almaty 3–5, Shymkent 6–7), then the regions in Kazakh alphabetical order
(Abai 8 … Ulytau 28, East Kazakhstan 29). Reference: /work/shared/reference/recall-law.md
sections 2 and 7, and the published descriptions of the individual districts.

What is DEMO data, not official: only some single-mandate seats of each maslikhat are modelled
as constituencies (``MODELLED_CONSTITUENCIES`` < ``single_mandate_seats``), enough to show a
body with several districts; the others are not in the demo. The fictional councils have one
ward each, with the electorate of ``FICTIONAL_ELECTORATE``.
"""

from dataclasses import dataclass

from app.demo.geography import (
    FICTIONAL_BODIES,
    MASLIKHATS,
    MAZHILIS,
    REGIONS_BY_CODE,
    BodyData,
)


@dataclass(frozen=True)
class ConstituencyData:
    code: str
    body_code: str
    number: int
    region_code: str
    name: str
    name_ru: str
    name_kk: str


#: Mazhilis single-mandate districts per region, in the order of the 2022 CEC numbering.
MAZHILIS_DISTRICTS_PER_REGION: tuple[tuple[str, int], ...] = (
    ("astana", 2),
    ("almaty", 3),
    ("shymkent", 2),
    ("abai", 1),
    ("akmola", 1),
    ("aktobe", 1),
    ("almaty-region", 2),
    ("atyrau", 1),
    ("west-kazakhstan", 1),
    ("zhambyl", 2),
    ("zhetysu", 1),
    ("karaganda", 2),
    ("kostanay", 1),
    ("kyzylorda", 1),
    ("mangystau", 1),
    ("pavlodar", 1),
    ("north-kazakhstan", 1),
    ("turkestan", 3),
    ("ulytau", 1),
    ("east-kazakhstan", 1),
)

#: How many single-mandate constituencies of each maslikhat the demo models (numbers 1..n).
MODELLED_CONSTITUENCIES: dict[str, int] = {
    "karaganda-rm": 6,
    "temirtau-cm": 6,
    "akzhar-dm": 5,
    "demo-ca": 1,
    "demo-uk": 1,
}

#: Constituency code prefix per maslikhat, e.g. ``TEMIRTAU-CM-03``.
CONSTITUENCY_PREFIX: dict[str, str] = {
    "karaganda-rm": "KARAGANDA-RM",
    "temirtau-cm": "TEMIRTAU-CM",
    "akzhar-dm": "AKZHAR-DM",
    "demo-ca": "DEMO-CA",
    "demo-uk": "DEMO-UK",
}

#: Voters of each fictional constituency in the demo register, on top of the ``voters`` spread
#: over the Kazakh constituencies. California: 2,400 electors need 25% = 600 signatures and give
#: a 60-day circulation period; the sample of 500 is well below the ~800 signatures collected.
#: UK: 600 electors need 10% = 60 signatures.
FICTIONAL_ELECTORATE: dict[str, int] = {"DEMO-CA-01": 2_400, "DEMO-UK-01": 600}


def mazhilis_district_code(number: int) -> str:
    return f"MZH-{number:02d}"


def _mazhilis_districts() -> tuple[ConstituencyData, ...]:
    districts = []
    number = 0
    for region_code, count in MAZHILIS_DISTRICTS_PER_REGION:
        region = REGIONS_BY_CODE[region_code]
        for _ in range(count):
            number += 1
            districts.append(
                ConstituencyData(
                    code=mazhilis_district_code(number),
                    body_code=MAZHILIS.code,
                    number=number,
                    region_code=region_code,
                    name=f"{region.name} — district No. {number}",
                    name_ru=f"{region.name_ru} — округ № {number}",
                    name_kk=f"{region.name_kk} — № {number} округ",
                )
            )
    return tuple(districts)


def _maslikhat_constituencies(body: BodyData) -> tuple[ConstituencyData, ...]:
    if body.region_code is None:
        raise ValueError(f"maslikhat {body.code} has no region")
    return tuple(
        ConstituencyData(
            code=f"{CONSTITUENCY_PREFIX[body.code]}-{number:02d}",
            body_code=body.code,
            number=number,
            region_code=body.region_code,
            name=f"Single-mandate territorial electoral district No. {number}",
            name_ru=f"Одномандатный территориальный избирательный округ № {number}",
            name_kk=f"№ {number} бір мандатты аумақтық сайлау округі",
        )
        for number in range(1, MODELLED_CONSTITUENCIES[body.code] + 1)
    )


def _fictional_wards(body: BodyData) -> tuple[ConstituencyData, ...]:
    return tuple(
        ConstituencyData(
            code=f"{CONSTITUENCY_PREFIX[body.code]}-{number:02d}",
            body_code=body.code,
            number=number,
            region_code=body.region_code,
            name=f"Demo ward No. {number} (fictional)",
            name_ru=f"Демонстрационный округ № {number} (вымышленный)",
            name_kk=f"№ {number} демо округ (ойдан шығарылған)",
        )
        for number in range(1, MODELLED_CONSTITUENCIES[body.code] + 1)
    )


MAZHILIS_DISTRICTS: tuple[ConstituencyData, ...] = _mazhilis_districts()

#: The real (Kazakh) demo constituencies: the 29 Mazhilis districts, then the modelled
#: maslikhat districts. The synthetic register spreads its ``voters`` evenly over these.
KAZAKH_CONSTITUENCIES: tuple[ConstituencyData, ...] = MAZHILIS_DISTRICTS + tuple(
    constituency for body in MASLIKHATS for constituency in _maslikhat_constituencies(body)
)
#: The wards of the fictional councils (their voters: ``FICTIONAL_ELECTORATE``).
FICTIONAL_CONSTITUENCIES: tuple[ConstituencyData, ...] = tuple(
    ward for body in FICTIONAL_BODIES for ward in _fictional_wards(body)
)
#: Every demo constituency.
CONSTITUENCIES: tuple[ConstituencyData, ...] = KAZAKH_CONSTITUENCIES + FICTIONAL_CONSTITUENCIES
CONSTITUENCIES_BY_CODE: dict[str, ConstituencyData] = {c.code: c for c in CONSTITUENCIES}
