"""The public Rules pages: every rule set, every parameter with its source, and a visible
"Provisional" badge on each value not confirmed from the official text of the law."""

import re

import pytest

from app.services.law import get_rule_set, rule_sets
from tests.support import pages

BADGE = '<span class="badge badge--provisional"'
BADGE_TITLE = 'title="A project default, not confirmed from the official text of the law"'
EXPLANATION = (
    "Provisional values are project defaults, not confirmed from the official text of the law."
)
ROW = re.compile(r'<tr id="param-(?P<name>[a-z_]+)"[^>]*>(?P<row>.*?)</tr>', re.DOTALL)
CARD = re.compile(r'<li class="card rule-card">(?P<card>.*?)</li>', re.DOTALL)


def rows(html: str) -> dict[str, str]:
    """The parameter table's rows by parameter name, each as its HTML."""
    return {match["name"]: match["row"] for match in ROW.finditer(html)}


def cards(html: str) -> dict[str, str]:
    """The index's cards by the rule-set code they link to."""
    found = {}
    for match in CARD.finditer(html):
        code = re.search(r'href="/rules/([^"]+)"', match["card"])[1]
        found[code] = match["card"]
    return found


# The index


def test_the_rules_index_links_to_every_rule_set(client):
    html = pages.get(client, "/rules")

    assert set(cards(html)) == {
        "kz-maslikhat-2023",
        "kz-mazhilis-2023",
        "uk-2015",
        "ca-local",
        "bc-1996",
    }
    for code, rule_set in rule_sets().items():
        assert f'<a href="/rules/{code}">{rule_set.title}</a>' in html


def test_each_rule_set_on_the_index_gives_code_version_jurisdiction_dates_and_summary(client):
    card = cards(pages.get(client, "/rules"))["kz-mazhilis-2023"]

    assert "<code>kz-mazhilis-2023</code>" in card
    assert "version 1" in card
    assert "Kazakhstan" in card
    assert "From 5 November 2022 to 30 June 2026" in card
    assert "The chamber ended its powers" in card
    assert "a recall vote is held" in card


@pytest.mark.parametrize(
    ("code", "count"),
    [
        ("kz-maslikhat-2023", "15 of 20 values are provisional"),
        ("ca-local", "6 of 15 values are provisional"),
        ("uk-2015", "3 of 11 values are provisional"),
    ],
)
def test_each_rule_set_on_the_index_counts_its_provisional_values(client, code, count):
    rule_set = get_rule_set(code)
    expected = f"{len(rule_set.provisional)} of {len(rule_set.parameters())} values are"

    card = cards(pages.get(client, "/rules"))[code]

    assert count in card
    assert expected in card
    assert BADGE in card


def test_the_index_puts_kazakhstan_first_and_other_jurisdictions_after_for_comparison(client):
    html = pages.get(client, "/rules")

    assert html.index("/rules/kz-mazhilis-2023") < html.index("Other jurisdictions")
    assert html.index("Other jurisdictions") < html.index("/rules/bc-1996")


def test_the_index_explains_what_provisional_means(client):
    assert EXPLANATION in pages.get(client, "/rules")


def test_the_navigation_has_a_rules_link_marked_current_on_the_rules_pages(client):
    assert '<a href="/rules" aria-current="page">Rules</a>' in pages.get(client, "/rules")
    assert '<a href="/rules" aria-current="true">Rules</a>' in pages.get(client, "/rules/uk-2015")
    assert '<a href="/rules">Rules</a>' in pages.get(client, "/")


# A rule set's page


def test_a_rule_set_page_has_one_row_per_parameter_in_schema_order(client):
    rule_set = get_rule_set("kz-maslikhat-2023")

    html = pages.get(client, "/rules/kz-maslikhat-2023")

    assert f"<h1>{rule_set.title}</h1>" in html
    assert list(rows(html)) == [name for name, _ in rule_set.parameters()]


def test_the_provisional_badge_is_on_exactly_the_unconfirmed_parameters(client):
    rule_set = get_rule_set("kz-maslikhat-2023")

    found = rows(pages.get(client, "/rules/kz-maslikhat-2023"))

    badged = [name for name, row in found.items() if BADGE in row]
    assert badged == rule_set.provisional
    assert len(badged) == 15
    assert all(found[name].count(BADGE) == 1 for name in badged)
    assert 'class="is-provisional"' not in found["outcome"]


def test_the_badge_says_provisional_in_words_with_a_tooltip(client):
    row = rows(pages.get(client, "/rules/kz-maslikhat-2023"))["threshold"]

    assert f"{BADGE} {BADGE_TITLE}>Provisional</span>" in row


def test_the_explanation_of_provisional_values_comes_before_the_table(client):
    html = pages.get(client, "/rules/kz-maslikhat-2023")

    assert EXPLANATION in html
    assert html.index(EXPLANATION) < html.index("<table")
    assert "15 of the 20 values below are provisional." in html


def test_the_outcome_cites_article_113_16_with_a_link(client):
    row = rows(pages.get(client, "/rules/kz-maslikhat-2023"))["outcome"]

    assert (
        '<a href="https://kodeksy-kz.com/amp/ka/o_vyborah/113-16.htm" rel="external noopener" '
        'title="Constitutional Law of the Republic of Kazakhstan No. 2464'
    ) in row
    assert ">Elections Law, Art. 113-16(3)-(4)</a>" in row
    assert (
        "Recall vote: valid if at least 1/3 (33.3%) of the constituency's voters take part; "
        "recalled if more than 50% of those taking part vote for recall"
    ) in row


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("no_initiative_after_start", "12 months after the start of the mandate"),
        ("no_initiative_before_end", "12 months before the end of the mandate"),
    ],
)
def test_the_time_bars_cite_article_113_12(client, name, value):
    row = rows(pages.get(client, "/rules/kz-maslikhat-2023"))[name]

    assert ">Elections Law, Art. 113-12</a>" in row
    assert value in row
    assert BADGE not in row


def test_a_parameter_shows_its_note(client):
    row = rows(pages.get(client, "/rules/kz-maslikhat-2023"))["threshold"]

    assert "one unreliable press report says 30%" in row


def test_the_deadline_time_is_in_the_rule_sets_time_zone(client):
    row = rows(pages.get(client, "/rules/kz-maslikhat-2023"))["deadline_time"]

    assert "18:00 (Astana time)" in row


def test_the_uk_rules_say_the_running_count_is_not_published(client):
    row = rows(pages.get(client, "/rules/uk-2015"))["running_count_public"]

    assert "Not published until the count at the close" in row
    assert BADGE not in row


def test_the_california_rules_list_every_bracket_of_11221_and_11220(client):
    found = rows(pages.get(client, "/rules/ca-local"))

    threshold, period = found["threshold"], found["collection_period"]
    assert ">Elections Code, §11221 (signatures required)</a>" in threshold
    for bracket in (
        "<li>fewer than 1,000 voters: 30%</li>",
        "<li>1,000 to 9,999 voters: 25%</li>",
        "<li>10,000 to 49,999 voters: 20%</li>",
        "<li>50,000 to 99,999 voters: 15%</li>",
        "<li>100,000 voters or more: 10%</li>",
    ):
        assert bracket in threshold
    assert ">Elections Code, §11220 (circulation period)</a>" in period
    for bracket in (
        "<li>fewer than 1,000 voters: 40 calendar days</li>",
        "<li>1,000 to 4,999 voters: 60 calendar days</li>",
        "<li>5,000 to 9,999 voters: 90 calendar days</li>",
        "<li>10,000 to 49,999 voters: 120 calendar days</li>",
        "<li>50,000 voters or more: 160 calendar days</li>",
    ):
        assert bracket in period


def test_a_citation_without_an_address_is_shown_without_a_link(client):
    row = rows(pages.get(client, "/rules/ca-local"))["withdrawal"]

    assert (
        '<span title="California Elections Code">Elections Code, §11303 (withdrawal of '
        "signatures)</span>"
    ) in row
    assert "<a " not in row.split('data-label="Source"')[1]


def test_a_rule_set_page_follows_the_chosen_language_for_numbers(client):
    html = pages.get(client, "/rules/ca-local?lang=ru")

    assert '<html lang="ru">' in html
    assert "1\xa0000" in rows(html)["threshold"]
    assert "1,000" not in rows(html)["threshold"]


@pytest.mark.parametrize(
    "code", ["nope", "KZ-MASLIKHAT-2023", "%00", "kz-maslikhat-2023.toml", "z" * 300]
)
def test_an_unknown_rule_set_is_404(client, code):
    response = client.get(f"/rules/{code}")

    assert response.status_code == 404
    assert "This page does not exist." in pages.read(response, status=404)


def test_a_provisional_value_says_it_is_not_confirmed_and_names_no_internal_file(client):
    row = rows(pages.get(client, "/rules/kz-maslikhat-2023"))["threshold"]

    assert "Not confirmed by the official text — set by the commission until the law is" in row
    assert "recall-law" not in row
    assert "Project default" not in row


def test_no_rules_page_names_an_internal_file(client):
    for code in rule_sets():
        assert "recall-law.md" not in pages.get(client, f"/rules/{code}")
    assert "recall-law.md" not in pages.get(client, "/rules")


def test_a_provisional_value_with_a_pattern_names_it_as_a_basis(client):
    row = rows(pages.get(client, "/rules/kz-maslikhat-2023"))["deadline_time"]

    assert "Not confirmed by the official text" in row
    assert "Based on:" in row and "CEC calendar plan, 2023 elections, Calendar plan" in row


def test_the_kazakh_rules_explain_the_2026_reform_with_its_sources(client):
    for path in ("/rules", "/rules/kz-maslikhat-2023", "/rules/kz-mazhilis-2023"):
        html = pages.get(client, path)
        assert 'id="reform-2026"' in html
        assert "15 March 2026" in html and "inform.kz" in html
    assert 'id="reform-2026"' not in pages.get(client, "/rules/uk-2015")


def test_the_mazhilis_rules_say_why_they_ended_with_the_citation(client):
    html = pages.get(client, "/rules/kz-mazhilis-2023")

    ended = html.split('id="rule-set-ended"')[1].split("</div>")[0]
    assert "The chamber ended its powers" in ended
    assert ">Constitution of 2026, Transitional provisions" in ended


def test_the_rules_page_explains_the_sources_in_russian_and_kazakh(client):
    for lang in ("ru", "kk"):
        row = rows(pages.get(client, f"/rules/kz-maslikhat-2023?lang={lang}"))["threshold"]
        assert "Not confirmed by the official text" not in row


def test_the_rules_page_says_which_proofs_an_online_signature_may_rest_on(client):
    row = rows(pages.get(client, "/rules/kz-maslikhat-2023"))["online_identity"]

    assert "What an online signature rests on" in row
    assert "an electronic digital signature (EDS) whose certificate names the signer" in row
    assert "a site account matched to the voter register by IIN, surname and date of birth" in row
    assert "Art. 10(1)" in row and BADGE in row


def test_a_rule_set_with_one_online_proof_says_only_that_one(client):
    row = rows(pages.get(client, "/rules/uk-2015"))["online_identity"]

    assert "Only a site account matched to the voter register" in row
