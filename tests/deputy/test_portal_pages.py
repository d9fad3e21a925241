"""The deputy portal's pages: who may see them, what they show, and what they never show."""

import re
from datetime import UTC, datetime, timedelta

import pytest

from app.extensions import db
from app.models import Role
from app.rules.lifecycle import PetitionStatus
from app.services.deputies.replies import publish_reply
from tests.factories import make_petition, make_signature, make_user
from tests.support import pages
from tests.support.deputy import (
    OPENED,
    make_deputy_account,
    petition_with_signers,
)


@pytest.fixture
def petition_and_signers(app):
    return petition_with_signers(big=12, small=3)


def portal_urls(petition) -> list[str]:
    return ["/deputy/", f"/deputy/petitions/{petition.id}"]


def test_the_portal_lists_the_petition_with_its_status_and_count(
    client, petition_and_signers, auth
):
    petition, _ = petition_and_signers
    auth.sign_in(make_deputy_account(petition))
    db.session.commit()

    page = pages.get(client, "/deputy/")

    assert f'href="/deputy/petitions/{petition.id}"' in page
    assert re.search(rf'id="status-{petition.id}"><span [^>]*>Collecting signatures</span>', page)
    assert page.one("[data-valid-count]")["data-valid-count"] == "15"  # 12 + 3 valid signatures


def test_the_petition_page_shows_calendar_chart_and_merged_stations(
    client, petition_and_signers, auth
):
    petition, _ = petition_and_signers
    auth.sign_in(make_deputy_account(petition))
    db.session.commit()

    response = client.get(f"/deputy/petitions/{petition.id}")
    page = pages.read(response)

    assert response.status_code == 200
    assert 'id="legal-calendar-title"' in page and "signatures-chart" in page
    stations = page[
        page.index('id="station-counts"') : page.index(
            "</table>", page.index('id="station-counts"')
        )
    ]
    # 102 (3 signers), 103 (none) and nobody from elsewhere add up to 3: station 101's 12
    # joins them, so no station stands alone and neither 3 nor 12 can be read anywhere.
    merged = page.one("#stations-merged").get_text(" ", strip=True)
    assert "Other stations together" in merged and "Nos. 101, 102, 103" in merged
    assert "not matched to the register" in merged and merged.endswith("15")
    assert not re.search(r">\s*(3|12)\s*<", stations)
    assert re.search(r">\s*15\s*<", stations)  # the total is shown


def test_the_station_total_is_the_sum_of_the_rows_not_todays_count(
    client, petition_and_signers, auth
):
    petition, _ = petition_and_signers
    make_signature(petition, signed_at=datetime.now(UTC))  # today: not in the table yet
    auth.sign_in(make_deputy_account(petition))
    db.session.commit()

    page = pages.get(client, f"/deputy/petitions/{petition.id}")

    total = re.search(r'<tr id="stations-total">(.*?)</tr>', page, re.S).group(1)
    assert "Total, signatures made before" in total
    assert re.search(r">\s*15\s*<", total) and not re.search(r">\s*16\s*<", total)


def test_no_signer_identity_reaches_any_deputy_page_or_the_api(client, petition_and_signers, auth):
    petition, signers = petition_and_signers
    account = make_deputy_account(petition)
    db.session.commit()
    publish_reply(petition.id, account.id, "My answer.", now=OPENED + timedelta(days=1))
    auth.sign_in(account)

    seen = [
        pages.get(client, url)
        for url in [
            *portal_urls(petition),
            f"/petitions/{petition.id}",
            f"/api/v1/petitions/{petition.id}",
            "/api/v1/petitions",
        ]
    ]
    seen.append(
        pages.post(client, f"/deputy/petitions/{petition.id}/reply", data={"body": ""}, status=400)
    )

    assert len(signers.secrets) > 40
    for page in seen:
        leaked = [secret for secret in signers.secrets if secret in page]
        assert leaked == []
        assert "signature_id" not in page and "receipt" not in page.lower()


@pytest.mark.parametrize("who", ["other deputy", "unlinked deputy"])
def test_another_deputy_or_an_unlinked_account_gets_404_for_the_petition(
    client, petition_and_signers, who, auth
):
    petition, _ = petition_and_signers
    if who == "other deputy":
        account = make_deputy_account(make_petition(status=PetitionStatus.FILED))
    else:
        account = make_deputy_account()
    db.session.commit()
    auth.sign_in(account)

    page = client.get(f"/deputy/petitions/{petition.id}")
    post = client.post(f"/deputy/petitions/{petition.id}/reply", data={"body": "Hello"})
    listing = pages.get(client, "/deputy/")

    assert (page.status_code, post.status_code) == (404, 404)
    assert f"/deputy/petitions/{petition.id}" not in listing


def test_an_unlinked_account_is_told_so(client, app, auth):
    auth.sign_in(make_deputy_account())
    db.session.commit()

    assert 'id="not-linked"' in pages.get(client, "/deputy/")


@pytest.mark.parametrize("role", [Role.CITIZEN, Role.COMMISSION, Role.ADMIN])
def test_other_roles_are_refused_and_anonymous_visitors_sent_to_sign_in(
    client, petition_and_signers, role, auth
):
    petition, _ = petition_and_signers
    assert client.get("/deputy/").status_code == 302
    user = make_user(role=role)
    db.session.commit()
    auth.sign_in(user)

    for url in portal_urls(petition):
        assert client.get(url).status_code == 403
    post = client.post(f"/deputy/petitions/{petition.id}/reply", data={"body": "x"})
    assert post.status_code == 403


def test_a_deputy_account_has_a_my_mandate_link(client, petition_and_signers, auth):
    petition, _ = petition_and_signers
    auth.sign_in(make_deputy_account(petition))
    db.session.commit()

    page = pages.get(client, "/")

    assert 'href="/deputy/"' in page and "My mandate" in page
