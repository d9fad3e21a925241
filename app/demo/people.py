"""Parties (real) and deputies (PLAINLY FICTIONAL) of the demo data set; pure data, no DB.

Parties: the seven parties admitted to the Mazhilis elections of 19 March 2023. The "Respublica"
party was not admitted to any maslikhat election and "Baitak" only to those of the Atyrau,
Karaganda and Kyzylorda regions (CEC, 2023), so the demo gives Respublica only Mazhilis seats and
Baitak only seats in Karaganda region.

Deputies: every name is invented and built so that nobody can mistake it for a real person:
a common Kazakh first name plus a surname on the stem "Демо" ("Демов" / "Демова",
"Демоұлы" / "Демоқызы"), in Cyrillic as lists of deputies give them; English pages show them in
Latin letters (``app.latin``). The sequence is deterministic, so re-seeding finds the same people.

Demo accounts: one per role, with fixed passwords printed by ``seed demo``. They exist for
demonstrations only and must never be loaded on a public server.

Dates (choices for the demo, stated here so nobody reads them as records):

* all seats were filled at the elections of 19 March 2023; mandates start on 29 March 2023
  (the first session of the Mazhilis of the 8th convocation; maslikhats met around then too);
* Mazhilis deputies: status ENDED, mandate_end 1 July 2026, the day the Parliament formed under
  the 1995 Constitution ended its powers under the Constitution adopted on 15 March 2026
  (recall-law.md section 0). The 29 districts therefore have no serving deputy in the demo;
* maslikhat deputies: SERVING, mandate_end 19 March 2028, the end of the five-year term;
* two maslikhat seats are left vacant (Karaganda regional No. 6, Temirtau city No. 4) so that the
  UI shows a vacant seat;
* Akzhar district maslikhat No. 3 shows history: its first deputy's mandate ended early on
  14 July 2023 (status ENDED), and a successor elected at the by-election of 29 October 2023
  (a by-election really was held in that district on that day) serves until 19 March 2028;
* the two FICTIONAL councils of ``geography.FICTIONAL_BODIES`` have one modelled ward each, with a
  self-nominated deputy serving on the maslikhat dates (they exist to demonstrate other rule sets).
"""

from dataclasses import dataclass
from datetime import date

from app.demo.constituencies import CONSTITUENCIES, ConstituencyData
from app.demo.geography import MAZHILIS
from app.models.deputy import DeputyStatus
from app.models.user import Role

#: Every demo deputy's surname contains this stem (Cyrillic, as the name is stored).
FICTIONAL_STEM = "Демо"

ELECTION_DATE = date(2023, 3, 19)
MANDATE_START = date(2023, 3, 29)
MAZHILIS_MANDATE_END = date(2026, 7, 1)
MASLIKHAT_MANDATE_END = date(2028, 3, 19)

EARLY_END = date(2023, 7, 14)
BY_ELECTION_DATE = date(2023, 10, 29)
BY_ELECTION_MANDATE_START = date(2023, 11, 3)


@dataclass(frozen=True)
class PartyData:
    code: str
    name: str
    name_ru: str
    name_kk: str


PARTIES: tuple[PartyData, ...] = (
    PartyData("amanat", "AMANAT Party", "Партия «AMANAT»", "«AMANAT» партиясы"),
    PartyData(
        "ak-zhol",
        "Ak Zhol Democratic Party of Kazakhstan",
        "Демократическая партия Казахстана «Ак жол»",
        "«Ақ жол» Қазақстан демократиялық партиясы",
    ),
    PartyData(
        "auyl",
        "People's Democratic Patriotic Party \u201cAuyl\u201d",
        "Народно-демократическая патриотическая партия «Ауыл»",
        "«Ауыл» халықтық-демократиялық патриоттық партиясы",
    ),
    PartyData(
        "baitak",
        "Kazakhstan Green Party \u201cBaitak\u201d",
        "Казахстанская партия зелёных «Байтак»",
        "«Байтақ» Қазақстандық жасылдар партиясы",
    ),
    PartyData(
        "jsdp",
        "National Social Democratic Party",
        "Общенациональная социал-демократическая партия",
        "Жалпыұлттық социал-демократиялық партия",
    ),
    PartyData(
        "peoples-party",
        "People's Party of Kazakhstan",
        "Народная партия Казахстана",
        "Қазақстан халық партиясы",
    ),
    PartyData("respublica", "Respublica Party", "Партия «Respublica»", "«Respublica» партиясы"),
)
PARTY_CODES: frozenset[str] = frozenset(party.code for party in PARTIES)

#: Who nominated the deputy of seat No. n of a body: pattern[(n - 1) % len]; None = self-nominated.
PARTY_PATTERNS: dict[str, tuple[str | None, ...]] = {
    "mazhilis": (
        "amanat",
        "amanat",
        None,
        "amanat",
        "ak-zhol",
        "amanat",
        "respublica",
        "amanat",
        None,
        "peoples-party",
    ),
    "karaganda-rm": ("amanat", "auyl", "amanat", None, "baitak", "ak-zhol"),
    "temirtau-cm": ("amanat", None, "peoples-party", "amanat", "jsdp", "baitak"),
    "akzhar-dm": ("amanat", None, "amanat", "auyl", "ak-zhol"),
    # The fictional councils' deputies stand without a party.
    "demo-ca": (None,),
    "demo-uk": (None,),
}

#: Seats without a deputy in the demo.
VACANT_CONSTITUENCIES: frozenset[str] = frozenset({"KARAGANDA-RM-06", "TEMIRTAU-CM-04"})
#: The seat whose first deputy left early and was replaced at a by-election.
HISTORY_CONSTITUENCY = "AKZHAR-DM-03"
#: The serving deputy behind the demo deputy account.
DEMO_ACCOUNT_CONSTITUENCY = "KARAGANDA-RM-01"

MALE_FIRST_NAMES = (
    "Нұрлан", "Ерлан", "Асқар", "Дәулет", "Марат", "Бауыржан", "Серік", "Арман", "Тимур",
    "Ержан", "Қайрат", "Айдос", "Жандос", "Мұрат", "Нұржан", "Олжас", "Азамат", "Берік",
    "Диас", "Алмас",
)  # fmt: skip
FEMALE_FIRST_NAMES = (
    "Әйгерім", "Дана", "Аружан", "Гүлнара", "Сәуле", "Жанар", "Әлия", "Мадина", "Айнұр",
    "Динара", "Гауһар", "Әсел", "Камила", "Айжан", "Зарина", "Лаура", "Ақмарал", "Мөлдір",
    "Сымбат", "Томирис",
)  # fmt: skip
MALE_SURNAMES = ("Демов", "Демоұлы")
FEMALE_SURNAMES = ("Демова", "Демоқызы")


def fictional_name(index: int) -> str:
    """The ``index``-th fictional name: alternately male and female, unique for index < 80."""
    female = index % 2 == 1
    step = index // 2
    first_names = FEMALE_FIRST_NAMES if female else MALE_FIRST_NAMES
    surnames = FEMALE_SURNAMES if female else MALE_SURNAMES
    first = first_names[step % len(first_names)]
    surname = surnames[(step // len(first_names)) % len(surnames)]
    return f"{first} {surname}"


@dataclass(frozen=True)
class DeputyData:
    constituency_code: str
    full_name: str
    #: None means self-nominated.
    party_code: str | None
    election_date: date
    mandate_start: date
    mandate_end: date | None
    status: DeputyStatus


def _party_for(constituency: ConstituencyData) -> str | None:
    pattern = PARTY_PATTERNS[constituency.body_code]
    return pattern[(constituency.number - 1) % len(pattern)]


def _deputies() -> tuple[DeputyData, ...]:
    deputies: list[DeputyData] = []

    def add(constituency, party_code, elected, start, end, status):
        deputies.append(
            DeputyData(
                constituency_code=constituency.code,
                full_name=fictional_name(len(deputies)),
                party_code=party_code,
                election_date=elected,
                mandate_start=start,
                mandate_end=end,
                status=status,
            )
        )

    for constituency in CONSTITUENCIES:
        if constituency.code in VACANT_CONSTITUENCIES:
            continue
        party_code = _party_for(constituency)
        if constituency.body_code == MAZHILIS.code:
            add(
                constituency,
                party_code,
                ELECTION_DATE,
                MANDATE_START,
                MAZHILIS_MANDATE_END,
                DeputyStatus.ENDED,
            )
        elif constituency.code == HISTORY_CONSTITUENCY:
            add(
                constituency,
                party_code,
                ELECTION_DATE,
                MANDATE_START,
                EARLY_END,
                DeputyStatus.ENDED,
            )
            add(
                constituency,
                None,
                BY_ELECTION_DATE,
                BY_ELECTION_MANDATE_START,
                MASLIKHAT_MANDATE_END,
                DeputyStatus.SERVING,
            )
        else:
            add(
                constituency,
                party_code,
                ELECTION_DATE,
                MANDATE_START,
                MASLIKHAT_MANDATE_END,
                DeputyStatus.SERVING,
            )
    return tuple(deputies)


DEPUTIES: tuple[DeputyData, ...] = _deputies()
#: The deputy account bears the name of the serving deputy it speaks for.
_ACCOUNT_DEPUTY = next(
    d
    for d in DEPUTIES
    if d.constituency_code == DEMO_ACCOUNT_CONSTITUENCY and d.status is DeputyStatus.SERVING
)


@dataclass(frozen=True)
class DemoAccount:
    email: str
    password: str
    role: Role
    #: A plainly fictional person's name in Cyrillic (surname on the stem "Демо").
    display_name: str
    #: For commission officers: the region whose petitions they work on.
    region_code: str | None = None


#: One account per role, and four officers (two per region); the deputy account speaks for the
#: serving deputy of ``DEMO_ACCOUNT_CONSTITUENCY``.
DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount("citizen@demo.recall.kz", "demo-citizen-pass", Role.CITIZEN, "Айгүл Демова"),
    DemoAccount(
        "commission@demo.recall.kz",
        "demo-commission-pass",
        Role.COMMISSION,
        "Ғалым Демов",
        region_code="karaganda",
    ),
    # A second officer of the same region: certification and double keying take two people.
    DemoAccount(
        "commission2@demo.recall.kz",
        "demo-commission2-pass",
        Role.COMMISSION,
        "Жұлдыз Демоқызы",
        region_code="karaganda",
    ),
    # An officer of another region, who must not see Karaganda's petitions.
    DemoAccount(
        "almaty-officer@demo.recall.kz",
        "demo-almaty-pass",
        Role.COMMISSION,
        "Ирина Демова",
        region_code="almaty",
    ),
    # A second Almaty officer: the fictional councils' certifications take two people.
    DemoAccount(
        "almaty-officer2@demo.recall.kz",
        "demo-almaty2-pass",
        Role.COMMISSION,
        "Олег Демов",
        region_code="almaty",
    ),
    DemoAccount(
        "deputy@demo.recall.kz", "demo-deputy-pass", Role.DEPUTY, _ACCOUNT_DEPUTY.full_name
    ),
    DemoAccount("admin@demo.recall.kz", "demo-admin-pass", Role.ADMIN, "Ержігіт Демоұлы"),
    # The initiator of the petition waiting for registration (a voter of its constituency, mail
    # in Russian): registering or refusing it shows the initiators' message. Kept last, so the
    # first citizen account stays the one that signs.
    DemoAccount("initiator@demo.recall.kz", "demo-initiator-pass", Role.CITIZEN, "Светлана Демова"),
)


def demo_account_deputy() -> DeputyData:
    """The serving deputy the demo deputy account is linked to."""
    return next(
        deputy
        for deputy in DEPUTIES
        if deputy.constituency_code == DEMO_ACCOUNT_CONSTITUENCY
        and deputy.status is DeputyStatus.SERVING
    )
