"""The texts of the rule-set files reach the message catalogs."""

from app.rules import catalog
from app.rules.set_texts import TEXTS


def test_set_texts_holds_every_text_of_the_rule_set_files_as_written_by_the_generator():
    written = catalog.TARGET.read_text(encoding="utf-8")

    assert written == catalog.module_source(), "run `python -m app.rules.catalog`"
    assert len(TEXTS) == len(catalog.all_texts()) > 50


def test_titles_notes_and_citations_are_texts_but_codes_and_addresses_are_not():
    data = {
        "title": "A title",
        "code": "kz-x",
        "time_zone": "Asia/Almaty",
        "citations": {"a": {"law": "A law", "article": "Art. 1", "url": "https://example.org"}},
        "trigger": {"value": "citizen_initiative", "note": "A note"},
    }

    assert sorted(catalog.texts(data)) == ["A law", "A note", "A title", "Art. 1"]
