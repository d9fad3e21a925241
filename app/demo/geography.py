"""Regions, representative bodies and constituencies of the demo data set (pure data, no DB).

What is real (the administrative division and the Mazhilis seat structure as of the elections of
19 March 2023):

* the 17 regions (oblasts) and the 3 cities of republican significance, with their English,
  Russian and Kazakh names. The 2022 decree that formed the Abai, Zhetysu and Ulytau regions
  names them "область Абай / Жетісу / Ұлытау" in Russian; the adjectival forms used here
  ("Абайская область" …) are the ones in common official and press use;
* the Mazhilis: 98 seats, of which 29 are single-mandate territorial districts (3 each for
  Almaty city and Turkestan region; 2 each for Astana, Shymkent, Almaty region, Zhambyl and
  Karaganda; 1 for each of the other 13 regions). The numbering 1–29 follows the Central Election
  Commission's scheme of 2022: the capital and the cities of republican significance first
  (Astana 1–2, Almaty 3–5, Shymkent 6–7), then the regions in Kazakh alphabetical order
  (Abai 8 … Ulytau 28, East Kazakhstan 29). Reference: /work/shared/reference/recall-law.md
  sections 2 and 7, and the published descriptions of the individual districts;
* the rule that regional maslikhats are half party-list, half single-mandate, while city (of
  regional significance) and district maslikhats are entirely single-mandate.

What is DEMO data, not official:

* the three maslikhats chosen (Karaganda regional, Temirtau city, Akzhar district) are real
  bodies, and the Karaganda regional maslikhat elected in 2023 had 36 seats (18 party-list,
  18 single-mandate) per the regional election commission; but the ``total_seats`` of the
  Temirtau and Akzhar maslikhats are plausible demo values, not checked against official
  records;
* only some single-mandate seats of each maslikhat are modelled as constituencies
  (``modelled_constituencies`` < ``single_mandate_seats``), enough to show a body with several
  districts; the others are not in the demo.
"""

from dataclasses import dataclass

from app.models.geography import BodyKind, RegionKind

MAZHILIS_RULE_SET = "kz-mazhilis-2023"
MASLIKHAT_RULE_SET = "kz-maslikhat-2023"


@dataclass(frozen=True)
class RegionData:
    code: str
    kind: RegionKind
    name: str
    name_ru: str
    name_kk: str


@dataclass(frozen=True)
class BodyData:
    code: str
    kind: BodyKind
    #: Null for the Mazhilis, which is national.
    region_code: str | None
    rule_set_code: str
    total_seats: int
    single_mandate_seats: int
    name: str
    name_ru: str
    name_kk: str


@dataclass(frozen=True)
class ConstituencyData:
    code: str
    body_code: str
    number: int
    region_code: str
    name: str
    name_ru: str
    name_kk: str


def _oblast(code: str, name: str, name_ru: str, name_kk: str) -> RegionData:
    return RegionData(code, RegionKind.OBLAST, name, name_ru, name_kk)


def _city(code: str, name: str, name_ru: str, name_kk: str) -> RegionData:
    return RegionData(code, RegionKind.CITY, name, name_ru, name_kk)


#: The 17 regions and 3 cities of republican significance (2023), oblasts in Russian order.
REGIONS: tuple[RegionData, ...] = (
    _oblast("abai", "Abai Region", "Абайская область", "Абай облысы"),
    _oblast("akmola", "Akmola Region", "Акмолинская область", "Ақмола облысы"),
    _oblast("aktobe", "Aktobe Region", "Актюбинская область", "Ақтөбе облысы"),
    _oblast("almaty-region", "Almaty Region", "Алматинская область", "Алматы облысы"),
    _oblast("atyrau", "Atyrau Region", "Атырауская область", "Атырау облысы"),
    _oblast(
        "east-kazakhstan",
        "East Kazakhstan Region",
        "Восточно-Казахстанская область",
        "Шығыс Қазақстан облысы",
    ),
    _oblast("zhambyl", "Zhambyl Region", "Жамбылская область", "Жамбыл облысы"),
    _oblast("zhetysu", "Zhetysu Region", "Жетысуская область", "Жетісу облысы"),
    _oblast(
        "west-kazakhstan",
        "West Kazakhstan Region",
        "Западно-Казахстанская область",
        "Батыс Қазақстан облысы",
    ),
    _oblast("karaganda", "Karaganda Region", "Карагандинская область", "Қарағанды облысы"),
    _oblast("kostanay", "Kostanay Region", "Костанайская область", "Қостанай облысы"),
    _oblast("kyzylorda", "Kyzylorda Region", "Кызылординская область", "Қызылорда облысы"),
    _oblast("mangystau", "Mangystau Region", "Мангистауская область", "Маңғыстау облысы"),
    _oblast("pavlodar", "Pavlodar Region", "Павлодарская область", "Павлодар облысы"),
    _oblast(
        "north-kazakhstan",
        "North Kazakhstan Region",
        "Северо-Казахстанская область",
        "Солтүстік Қазақстан облысы",
    ),
    _oblast("turkestan", "Turkestan Region", "Туркестанская область", "Түркістан облысы"),
    _oblast("ulytau", "Ulytau Region", "Улытауская область", "Ұлытау облысы"),
    _city("astana", "Astana", "город Астана", "Астана қаласы"),
    _city("almaty", "Almaty", "город Алматы", "Алматы қаласы"),
    _city("shymkent", "Shymkent", "город Шымкент", "Шымкент қаласы"),
)

REGIONS_BY_CODE: dict[str, RegionData] = {region.code: region for region in REGIONS}

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

MAZHILIS = BodyData(
    code="mazhilis",
    kind=BodyKind.MAZHILIS,
    region_code=None,
    rule_set_code=MAZHILIS_RULE_SET,
    total_seats=98,
    single_mandate_seats=29,
    name="Mazhilis of the Parliament of the Republic of Kazakhstan",
    name_ru="Мажилис Парламента Республики Казахстан",
    name_kk="Қазақстан Республикасы Парламентінің Мәжілісі",
)

KARAGANDA_REGIONAL_MASLIKHAT = BodyData(
    code="karaganda-rm",
    kind=BodyKind.REGIONAL_MASLIKHAT,
    region_code="karaganda",
    rule_set_code=MASLIKHAT_RULE_SET,
    total_seats=36,
    single_mandate_seats=18,
    name="Karaganda Regional Maslikhat",
    name_ru="Карагандинский областной маслихат",
    name_kk="Қарағанды облыстық мәслихаты",
)

TEMIRTAU_CITY_MASLIKHAT = BodyData(
    code="temirtau-cm",
    kind=BodyKind.CITY_MASLIKHAT,
    region_code="karaganda",
    rule_set_code=MASLIKHAT_RULE_SET,
    total_seats=20,
    single_mandate_seats=20,
    name="Temirtau City Maslikhat",
    name_ru="Темиртауский городской маслихат",
    name_kk="Теміртау қалалық мәслихаты",
)

AKZHAR_DISTRICT_MASLIKHAT = BodyData(
    code="akzhar-dm",
    kind=BodyKind.DISTRICT_MASLIKHAT,
    region_code="north-kazakhstan",
    rule_set_code=MASLIKHAT_RULE_SET,
    total_seats=12,
    single_mandate_seats=12,
    name="Akzhar District Maslikhat",
    name_ru="Акжарский районный маслихат",
    name_kk="Ақжар аудандық мәслихаты",
)

MASLIKHATS: tuple[BodyData, ...] = (
    KARAGANDA_REGIONAL_MASLIKHAT,
    TEMIRTAU_CITY_MASLIKHAT,
    AKZHAR_DISTRICT_MASLIKHAT,
)

# -- FICTIONAL bodies: no such councils exist -------------------------------------------------
#
# Two invented councils placed in Almaty city so that the Almaty demo officers have work. They
# exist only to show the rule engine running other jurisdictions' procedures on this app: a
# random-sample verification (California, ca-local) and a petition whose success vacates the
# seat with no recall vote (United Kingdom, uk-2015). Every name says "fictional".

CA_RULE_SET = "ca-local"
UK_RULE_SET = "uk-2015"

DEMO_CA_COUNCIL = BodyData(
    code="demo-ca",
    kind=BodyKind.CITY_MASLIKHAT,
    region_code="almaty",
    rule_set_code=CA_RULE_SET,
    total_seats=9,
    single_mandate_seats=9,
    name="Demo city council under California rules (fictional)",
    name_ru="Демонстрационный городской совет по правилам Калифорнии (вымышленный)",
    name_kk="Калифорния ережелері бойынша демо қалалық кеңес (ойдан шығарылған)",
)

DEMO_UK_COUNCIL = BodyData(
    code="demo-uk",
    kind=BodyKind.CITY_MASLIKHAT,
    region_code="almaty",
    rule_set_code=UK_RULE_SET,
    total_seats=9,
    single_mandate_seats=9,
    name="Demo city council under UK rules (fictional)",
    name_ru="Демонстрационный городской совет по правилам Великобритании (вымышленный)",
    name_kk="Ұлыбритания ережелері бойынша демо қалалық кеңес (ойдан шығарылған)",
)

FICTIONAL_BODIES: tuple[BodyData, ...] = (DEMO_CA_COUNCIL, DEMO_UK_COUNCIL)

BODIES: tuple[BodyData, ...] = (MAZHILIS, *MASLIKHATS, *FICTIONAL_BODIES)
BODIES_BY_CODE: dict[str, BodyData] = {body.code: body for body in BODIES}

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
