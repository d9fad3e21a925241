"""The paper signature sheet and the QR code of a petition, as printed by its supporters."""

from datetime import UTC, datetime, timedelta

import pytest

from app.extensions import db
from app.rules.lifecycle import PetitionStatus as S
from tests.factories import make_collecting_petition, make_petition
from tests.support.pdf import page_count, pdf_text


@pytest.fixture
def collecting(app):
    app.config["PDF_COMPRESS"] = False  # so that the text can be read back
    petition = make_collecting_petition(opened_at=datetime.now(UTC) - timedelta(days=1))
    petition.statement_sha256 = "ab" * 32
    db.session.commit()
    return petition


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("kk", ["Қол қою парағы № 1", "ЖСН", "Қолтаңба", "Туған күні"]),
        ("ru", ["Подписной лист № 1", "ИИН", "Подпись", "Дата рождения"]),
    ],
)
def test_the_sheet_prints_in_kazakh_and_russian_with_the_named_columns(
    client, collecting, lang, words
):
    response = client.get(f"/petitions/{collecting.id}/sheet.pdf?language={lang}")

    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = " ".join(pdf_text(response.data).split())  # a heading may wrap in its cell
    for word in words:
        assert word in text
    assert collecting.deputy.full_name in text and "ab" * 32 in text


def test_sheets_are_numbered_from_first_one_page_each(client, collecting):
    response = client.get(f"/petitions/{collecting.id}/sheet.pdf?language=ru&first=41&count=3")

    text = pdf_text(response.data)
    assert page_count(response.data) == 3
    assert all(f"Подписной лист № {n}" in text for n in (41, 42, 43))
    assert "Подписной лист № 44" not in text and "Подписной лист № 40" not in text


@pytest.mark.parametrize("query", ["first=-3&count=0", "first=abc&count=999999", "language=xx"])
def test_odd_sheet_numbers_are_brought_into_range_never_an_error(client, collecting, query):
    response = client.get(f"/petitions/{collecting.id}/sheet.pdf?{query}")

    assert response.status_code == 200 and 1 <= page_count(response.data) <= 50


@pytest.mark.parametrize("status", [S.FILED, S.COLLECTION_CLOSED, S.DRAFT])
def test_there_is_no_sheet_for_a_petition_that_is_not_collecting(client, app, status):
    petition = make_petition(status=status)
    db.session.commit()

    assert client.get(f"/petitions/{petition.id}/sheet.pdf").status_code == 404


def test_the_qr_code_is_an_svg_of_the_petition_address(client, collecting):
    response = client.get(f"/petitions/{collecting.id}/qr.svg")

    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    assert response.data.startswith(b"<?xml") and b"<svg" in response.data
    assert f"/petitions/{collecting.id}</title>".encode() in response.data
