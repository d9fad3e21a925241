"""The demo geography as data: the 2023 regions and seat structure (no database)."""

from collections import Counter

from app.demo import constituencies, geography
from app.models import BodyKind, RegionKind
from tests.support.demo import MAZHILIS_2023


def test_twenty_regions_seventeen_oblasts_and_three_cities():
    kinds = Counter(region.kind for region in geography.REGIONS)
    assert kinds == {RegionKind.OBLAST: 17, RegionKind.CITY: 3}
    cities = {region.code for region in geography.REGIONS if region.kind is RegionKind.CITY}
    assert cities == {"astana", "almaty", "shymkent"}
    assert len(geography.REGIONS_BY_CODE) == 20


def test_regions_are_named_in_three_languages():
    for region in geography.REGIONS:
        if region.kind is RegionKind.OBLAST:
            assert region.name.endswith(" Region")
            assert region.name_ru.endswith(" область")
            assert region.name_kk.endswith(" облысы")
        else:
            assert region.name_ru.startswith("город ")
            assert region.name_kk.endswith(" қаласы")
    abai = geography.REGIONS_BY_CODE["abai"]
    assert (abai.name_ru, abai.name_kk) == ("Абайская область", "Абай облысы")


def test_mazhilis_has_29_districts_distributed_as_in_2023():
    districts = constituencies.MAZHILIS_DISTRICTS
    assert len(districts) == 29
    assert Counter(d.region_code for d in districts) == MAZHILIS_2023
    assert sum(MAZHILIS_2023.values()) == 29


def test_mazhilis_districts_are_numbered_1_to_29_with_stable_codes():
    districts = constituencies.MAZHILIS_DISTRICTS
    assert [d.number for d in districts] == list(range(1, 30))
    assert [d.code for d in districts] == [f"MZH-{n:02d}" for n in range(1, 30)]
    # Spot checks against the CEC numbering of 2022.
    by_number = {d.number: d.region_code for d in districts}
    assert by_number[1] == "astana"
    assert by_number[5] == "almaty"
    assert by_number[8] == "abai"
    assert (by_number[18], by_number[19]) == ("karaganda", "karaganda")
    assert by_number[29] == "east-kazakhstan"
    karaganda = constituencies.CONSTITUENCIES_BY_CODE["MZH-18"]
    assert karaganda.name == "Karaganda Region — district No. 18"
    assert karaganda.name_ru == "Карагандинская область — округ № 18"


def test_mazhilis_body():
    mazhilis = geography.MAZHILIS
    assert mazhilis.kind is BodyKind.MAZHILIS
    assert (mazhilis.total_seats, mazhilis.single_mandate_seats) == (98, 29)
    assert mazhilis.region_code is None
    assert mazhilis.rule_set_code == "kz-mazhilis-2023"


def test_maslikhats_of_each_level():
    kinds = {body.kind: body for body in geography.MASLIKHATS}
    assert set(kinds) == {
        BodyKind.REGIONAL_MASLIKHAT,
        BodyKind.CITY_MASLIKHAT,
        BodyKind.DISTRICT_MASLIKHAT,
    }
    regional = kinds[BodyKind.REGIONAL_MASLIKHAT]
    assert regional.single_mandate_seats * 2 == regional.total_seats
    for kind in (BodyKind.CITY_MASLIKHAT, BodyKind.DISTRICT_MASLIKHAT):
        assert kinds[kind].single_mandate_seats == kinds[kind].total_seats
    for body in geography.MASLIKHATS:
        assert body.rule_set_code == "kz-maslikhat-2023"
        assert body.region_code in geography.REGIONS_BY_CODE
        assert body.name and body.name_ru and body.name_kk


def test_each_maslikhat_has_several_modelled_constituencies():
    for body in geography.MASLIKHATS:
        seats = [c for c in constituencies.CONSTITUENCIES if c.body_code == body.code]
        assert len(seats) >= 3
        assert len(seats) <= body.single_mandate_seats
        assert [c.number for c in seats] == list(range(1, len(seats) + 1))
        assert {c.region_code for c in seats} == {body.region_code}


def test_constituency_codes_are_unique_and_names_carry_the_number():
    codes = [c.code for c in constituencies.CONSTITUENCIES]
    assert len(codes) == len(set(codes))
    assert all(len(code) <= 32 for code in codes)
    for constituency in constituencies.CONSTITUENCIES:
        number = f"№ {constituency.number}"
        assert f"No. {constituency.number}" in constituency.name
        assert number in constituency.name_ru
        assert number in constituency.name_kk
    temirtau = constituencies.CONSTITUENCIES_BY_CODE["TEMIRTAU-CM-03"]
    assert temirtau.name_kk == "№ 3 бір мандатты аумақтық сайлау округі"
