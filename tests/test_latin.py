"""Person names in Latin letters for English pages (``app.latin``)."""

import pytest

from app.latin import LETTERS, has_cyrillic, to_latin

#: The 42 letters of the Kazakh Cyrillic alphabet (the Russian 33 and nine of its own).
KAZAKH_ALPHABET = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"


def test_every_letter_of_the_kazakh_cyrillic_alphabet_has_a_latin_form():
    assert len(KAZAKH_ALPHABET) == 42
    assert set(KAZAKH_ALPHABET) == set(LETTERS)
    assert all(latin.isascii() for latin in LETTERS.values())


@pytest.mark.parametrize(
    "cyrillic, latin",
    [
        ("Нұрлан Демов", "Nurlan Demov"),
        ("Әйгерім Демоқызы", "Aigerim Demokyzy"),
        ("Бауыржан Демоұлы", "Bauyrzhan Demouly"),
        ("Гауһар", "Gauhar"),
        ("Сынақбаева", "Synakbaeva"),
        ("Щербаков", "Shcherbakov"),
        ("Юлия", "Iuliia"),
        ("Ольга", "Olga"),
        ("ЖАНАР Жанар", "ZHANAR Zhanar"),
    ],
)
def test_names_are_romanised_as_in_kazakh_passports(cyrillic, latin):
    assert to_latin(cyrillic) == latin


def test_a_name_without_cyrillic_letters_is_left_as_it_is():
    assert not has_cyrillic("Demo Citizen")
    assert to_latin("Demo Citizen — 2") == "Demo Citizen — 2"
    assert has_cyrillic("Demo Гүл")
