"""Templates hold no business logic: none compares a status; the model or the page model answers
(``petition.is_votable``, ``proposal.can_confirm(user_id)``, ``status.awaits_verification``)."""

import re
from pathlib import Path

import pytest

from app.models import (
    CertifiedResult,
    DeputyStatus,
    ProposalStatus,
    SheetStatus,
    SignatureStatus,
    VoteResult,
)
from app.rules.lifecycle import PetitionStatus

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

STATUS_ENUMS = (
    PetitionStatus,
    SignatureStatus,
    ProposalStatus,
    SheetStatus,
    DeputyStatus,
    VoteResult,
    CertifiedResult,
)
STATUS_VALUES = {member.value for enum in STATUS_ENUMS for member in enum}

#: The code inside ``{{ … }}`` and ``{% … %}``.
JINJA = re.compile(r"\{[{%]-?(.*?)-?[%}]\}", re.S)
LITERAL = re.compile(r"""(['"])(.*?)\1""")
#: ``… status == …``, ``shown_status != …``, ``x.status in (…)``, ``status.value``.
STATUS_TEST = re.compile(r"status(?:\.value)?\s*(?:==|!=|\bis\b|\bin\b|\bnot\s+in\b)")
STATUS_VALUE = re.compile(r"status\.value\b")
ENUM_NAME = re.compile(r"\b(?:{})\.".format("|".join(enum.__name__ for enum in STATUS_ENUMS)))
SELECT_STATUS = re.compile(r"""(?:select|reject)attr\(\s*['"][\w.]*status""")
COMPARED = re.compile(
    r"""(?:==|!=)\s*(['"])(\w+)\1|(['"])(\w+)\3\s*(?:==|!=)|"""
    r"""\bin\s*[(\[]([^)\]]*)[)\]]|equalto['"],\s*(['"])(\w+)\6"""
)


def problems(text: str) -> list[str]:
    """The raw status comparisons in a template's text, as the code that makes them."""
    found = []
    for match in JINJA.finditer(text):
        code = match.group(1).strip()
        if code.startswith("for "):  # the loop's names are not compared with anything
            code = code.split(" in ", 1)[-1]
        bare = LITERAL.sub('""', code)  # words inside strings are prose, not code
        literals = set()
        for compared in COMPARED.finditer(code):
            literals.update(filter(None, compared.group(2, 4, 7)))
            literals.update(value for _quote, value in LITERAL.findall(compared.group(5) or ""))
        if (
            STATUS_TEST.search(bare)
            or STATUS_VALUE.search(bare)
            or ENUM_NAME.search(bare)
            or SELECT_STATUS.search(code)
            or literals & STATUS_VALUES
        ):
            found.append(code)
    return found


@pytest.mark.parametrize(
    "snippet",
    [
        '{% if petition.status.value == "verification" %}',
        '{% if signature.status == "valid" %}',
        "{% if shown_status != state %}",
        '{% if is_vote and petition.status.value in ("sufficient", "recalled") %}',
        '{% elif page.status.value == "collection_closed" %}',
        '{{ "ok" if p.status is sameas x }}',
        '{% set open = proposals|selectattr("status.value", "equalto", "proposed")|first %}',
        "{% if petition.status is PetitionStatus.COLLECTING %}",
        '{% if state.decision == "sufficient" %}',
        '{% if vote.result == "recalled" %}',
        '{% if "withdrawn" != signature.status %}',
        '<span class="tag tag--{{ deputy.status.value }}">',
    ],
)
def test_the_scan_finds_a_raw_status_comparison(snippet):
    assert problems(snippet) != []


@pytest.mark.parametrize(
    "snippet",
    [
        "{% if petition.is_votable %}",
        "{% if shown_status.awaits_verification %}",
        "{{ status_badge(row.status) }}",
        "{{ signature.status|label }}",
        "{% for status, number in counts.by_status() %}",
        '{% if problem == "expired" %}',
        '{% if figures.method == "sampling" %}',
        '{{ _("Signatures are reviewed during collection; the status in the queue") }}',
        '{% if current_user.role.value in ("commission", "admin") %}',
    ],
)
def test_the_scan_lets_model_questions_and_other_comparisons_through(snippet):
    assert problems(snippet) == []


def test_no_template_compares_statuses():
    paths = sorted(p for p in TEMPLATES.rglob("*") if p.suffix in (".html", ".txt"))
    assert len(paths) > 60

    found = {
        str(path.relative_to(TEMPLATES)): problems(path.read_text(encoding="utf-8"))
        for path in paths
    }

    assert {path: codes for path, codes in found.items() if codes} == {}
