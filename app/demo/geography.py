"""Regions and representative bodies of the demo data set (pure data, no DB).

Their constituencies are built from these in ``app.demo.constituencies``.

What is real (the administrative division and the Mazhilis seat structure as of the elections of
19 March 2023):

* the 17 regions (oblasts) and the 3 cities of republican significance, with their English,
  Russian and Kazakh names. The 2022 decree that formed the Abai, Zhetysu and Ulytau regions
  names them "область Абай / Жетісу / Ұлытау" in Russian; the adjectival forms used here
  ("Абайская область" …) are the ones in common official and press use;
* the Mazhilis: 98 seats, of which 29 are single-mandate territorial districts (their
  distribution over the regions and their numbering: ``app.demo.constituencies``);
* the rule that regional maslikhats are half party-list, half single-mandate, while city (of
  regional significance) and district maslikhats are entirely single-mandate.

What is DEMO data, not official:

* the three maslikhats chosen (Karaganda regional, Temirtau city, Akzhar district) are real
  bodies, and the Karaganda regional maslikhat elected in 2023 had 36 seats (18 party-list,
  18 single-mandate) per the regional election commission; but the ``total_seats`` of the
  Temirtau and Akzhar maslikhats are plausible demo values, not checked against official
  records;
* two councils in Almaty city are invented (``FICTIONAL_BODIES``), to show other
  jurisdictions' rule sets at work.
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
