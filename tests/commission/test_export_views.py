"""Downloading a petition's official record: staff of the petition's scope only."""

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import AuditEntry, Role
from tests.factories import make_body, make_officer
from tests.support.exports import build_petition_with_signatures


@pytest.fixture
def petition_with_signatures(app):
    return build_petition_with_signatures()


def exports_made() -> int:
    return db.session.scalar(
        sa.select(sa.func.count()).where(AuditEntry.action == "petition.exported")
    )


def test_an_officer_in_scope_downloads_the_csv_as_an_uncached_attachment(
    client, petition_with_signatures, auth
):
    petition, officer, voters = petition_with_signatures
    auth.sign_in(officer)

    response = client.get(f"/commission/petitions/{petition.id}/export.csv")

    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"].startswith("attachment; filename=")
    assert ".csv" in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "no-store"
    assert voters[0].iin in response.get_data().decode("utf-8-sig")
    assert exports_made() == 1


def test_an_admin_downloads_the_pdf(client, petition_with_signatures, auth):
    petition, _, _ = petition_with_signatures
    auth.sign_in_new(Role.ADMIN)

    response = client.get(f"/commission/petitions/{petition.id}/export.pdf")

    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.get_data().startswith(b"%PDF")
    assert response.headers["Cache-Control"] == "no-store"
    assert "attachment" in response.headers["Content-Disposition"]


def test_an_officer_of_another_region_is_refused_and_nothing_is_exported(
    client, petition_with_signatures, auth
):
    petition, _, _ = petition_with_signatures
    stranger = make_officer(bodies=[make_body()])
    db.session.commit()
    auth.sign_in(stranger)

    for fmt in ("csv", "pdf"):
        assert client.get(f"/commission/petitions/{petition.id}/export.{fmt}").status_code == 403
    assert exports_made() == 0


def test_citizens_and_deputies_are_refused(client, petition_with_signatures, auth):
    petition, _, _ = petition_with_signatures
    for role in (Role.CITIZEN, Role.DEPUTY):
        auth.sign_in_new(role)
        assert client.get(f"/commission/petitions/{petition.id}/export.csv").status_code == 403
        auth.sign_out()
    assert exports_made() == 0


def test_anonymous_visitors_are_sent_to_sign_in(client, petition_with_signatures):
    petition, _, _ = petition_with_signatures

    response = client.get(f"/commission/petitions/{petition.id}/export.csv")

    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
    assert exports_made() == 0


def test_an_unknown_petition_is_404_for_an_admin_and_another_format_is_not_a_route(client, auth):
    auth.sign_in_new(Role.ADMIN)
    assert client.get("/commission/petitions/999/export.csv").status_code == 404
    assert client.get("/commission/petitions/999/export.xlsx").status_code == 404


def test_the_petition_page_links_to_both_exports(client, petition_with_signatures, auth):
    petition, officer, _ = petition_with_signatures
    auth.sign_in(officer)

    page = client.get(f"/commission/petitions/{petition.id}").get_data(as_text=True)

    assert f"/commission/petitions/{petition.id}/export.csv" in page
    assert f"/commission/petitions/{petition.id}/export.pdf" in page
    assert exports_made() == 0  # showing the links exports nothing
