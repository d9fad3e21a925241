"""Person names of Kazakhstan in Latin letters, for English pages.

Registers and lists of deputies give names in Cyrillic only (Kazakh and Russian), so the Latin
form is made at display. The letters follow the romanisation printed in Kazakh passports and ID
cards (ICAO Doc 9303 with the Kazakh letters folded to their nearest Latin letter: ә→a, ғ→g,
қ→k, ң→n, ө→o, ұ→u, ү→u, һ→h, і→i), because that is the spelling a Kazakh citizen's own name
has in English documents. No kept-up library covers Kazakh (cyrtranslit and iuliia know only
Russian and a few others), hence the table. A name with no Cyrillic letter comes back unchanged.
"""

LETTERS = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "ё": "e",
    "ж": "zh", "з": "z", "и": "i", "й": "i", "к": "k", "қ": "k", "л": "l", "м": "m", "н": "n",
    "ң": "n", "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "u",
    "ү": "u", "ф": "f", "х": "kh", "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
    "ъ": "ie", "ы": "y", "і": "i", "ь": "", "э": "e", "ю": "iu", "я": "ia",
}  # fmt: skip


def _letter(char: str) -> str:
    latin = LETTERS.get(char.lower())
    if latin is None:
        return char
    return latin.capitalize() if char.isupper() else latin


def _word(word: str) -> str:
    if len(word) > 1 and word.isupper():  # "ЖАНАР" as on a passport: "ZHANAR", not "ZhANAR"
        return _word(word.lower()).upper()
    return "".join(_letter(char) for char in word)


def to_latin(name: str) -> str:
    """``name`` in Latin letters: "Нұрлан Демоұлы" → "Nurlan Demouly"."""
    return " ".join(_word(word) for word in name.split(" "))


def has_cyrillic(text: str) -> bool:
    """Whether ``text`` holds a letter the table romanises."""
    return any(char.lower() in LETTERS for char in text)
