"""The demo parties, fictional deputies and accounts as data (no database)."""

from collections import Counter
from datetime import date

from app.demo import constituencies, people
from app.models import DeputyStatus, Role


def test_the_seven_parties_of_2023():
    assert len(people.PARTIES) == 7
    expected = {"amanat", "ak-zhol", "auyl", "baitak", "jsdp", "peoples-party", "respublica"}
    assert expected == people.PARTY_CODES
    for party in people.PARTIES:
        assert party.name and party.name_ru and party.name_kk


def test_fictional_names_are_unique_and_carry_the_stem():
    names = [people.fictional_name(index) for index in range(80)]
    assert len(set(names)) == 80
    assert all(people.FICTIONAL_STEM in name for name in names)
    assert people.fictional_name(0) == people.fictional_name(0)


def test_every_deputy_is_fictional_with_a_known_party_or_self_nominated():
    names = [deputy.full_name for deputy in people.DEPUTIES]
    assert len(names) == len(set(names))
    for deputy in people.DEPUTIES:
        assert people.FICTIONAL_STEM in deputy.full_name
        assert deputy.party_code is None or deputy.party_code in people.PARTY_CODES
        assert deputy.election_date <= deputy.mandate_start < deputy.mandate_end
    assert any(deputy.party_code is None for deputy in people.DEPUTIES)


def test_party_rules_of_2023():
    body_of = {c.code: c.body_code for c in constituencies.CONSTITUENCIES}
    region_of = {c.code: c.region_code for c in constituencies.CONSTITUENCIES}
    for deputy in people.DEPUTIES:
        if deputy.party_code == "respublica":
            assert body_of[deputy.constituency_code] == "mazhilis"
        if deputy.party_code == "baitak" and body_of[deputy.constituency_code] != "mazhilis":
            assert region_of[deputy.constituency_code] in {"atyrau", "karaganda", "kyzylorda"}


def test_mandates_mazhilis_ended_maslikhats_serving():
    body_of = {c.code: c.body_code for c in constituencies.CONSTITUENCIES}
    for deputy in people.DEPUTIES:
        if body_of[deputy.constituency_code] == "mazhilis":
            assert deputy.status is DeputyStatus.ENDED
            assert deputy.mandate_end == date(2026, 7, 1)
        elif deputy.status is DeputyStatus.SERVING:
            assert deputy.mandate_end == date(2028, 3, 19)


def test_seats_vacant_and_with_history():
    seats = Counter(
        deputy.constituency_code
        for deputy in people.DEPUTIES
        if deputy.status is DeputyStatus.SERVING
    )
    maslikhat_codes = [c.code for c in constituencies.CONSTITUENCIES if c.body_code != "mazhilis"]
    vacant = [code for code in maslikhat_codes if seats[code] == 0]
    assert 1 <= len(vacant) <= 2
    assert max(seats.values()) == 1
    history = [d for d in people.DEPUTIES if d.constituency_code == people.HISTORY_CONSTITUENCY]
    assert sorted(d.status for d in history) == [DeputyStatus.ENDED, DeputyStatus.SERVING]


def test_every_role_has_a_demo_account_and_officers_have_a_region():
    assert {a.role for a in people.DEMO_ACCOUNTS} == set(Role)
    officers = [a for a in people.DEMO_ACCOUNTS if a.role is Role.COMMISSION]
    assert len(officers) == 4 and all(a.region_code for a in officers)
    regions = Counter(a.region_code for a in officers)
    assert regions == {"karaganda": 2, "almaty": 2}  # certification takes two officers
    for account in people.DEMO_ACCOUNTS:
        assert account.email == account.email.lower()
        assert account.email.endswith("@demo.recall.kz")
    linked = people.demo_account_deputy()
    assert linked.status is DeputyStatus.SERVING
    assert not linked.constituency_code.startswith("MZH-")
