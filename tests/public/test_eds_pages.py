"""The sign box offers EDS signing where the rule set takes it, and the eGov Mobile page shows a
QR code of the link a signing app opens, then the receipt once signed."""

import base64
import re
from datetime import UTC, datetime, timedelta

import pytest

from app.extensions import db
from tests.factories import make_collecting_petition, make_voter
from tests.support import pages
from tests.support import pki as test_pki


@pytest.fixture
def petition(app, tmp_path):
    petition = make_collecting_petition(opened_at=datetime.now(UTC) - timedelta(days=1))
    make_voter(constituency=petition.constituency, iin=test_pki.VOTER_IIN)
    db.session.commit()
    anchors, crls = test_pki.shared_pki().write(tmp_path / "trust")
    app.config.update(EDS_TRUST_ANCHORS=str(anchors), EDS_CRL_DIR=str(crls))
    return petition


def test_an_anonymous_visitor_is_offered_both_ways_of_signing_with_an_eds(client, petition):
    html = pages.get(client, f"/petitions/{petition.id}")

    assert 'id="eds-sign"' in html and "Sign with EDS (NCALayer)" in html
    assert "Sign with eGov Mobile" in html
    assert 'data-ncalayer-url="wss://127.0.0.1:13579"' in html
    assert "/static/js/eds-sign.js" in html and "<script>" not in html


def test_without_trust_anchors_no_eds_is_offered(app, client, petition):
    app.config["EDS_TRUST_ANCHORS"] = None

    html = pages.get(client, f"/petitions/{petition.id}")

    assert 'id="eds-sign"' not in html


def test_the_mobile_page_shows_a_qr_code_of_the_signing_link_and_then_the_receipt(client, petition):
    started = client.post(f"/petitions/{petition.id}/eds/mobile")
    assert started.status_code == 302
    page_url = started.headers["Location"]

    html = pages.get(client, page_url)
    assert "<svg" in html
    link = re.search(r'id="eds-mobile-link" class="eds-mobile__link">([^<]+)<', html).group(1)
    assert link.startswith("http://127.0.0.1:5000/api/v1/eds/challenges/")

    # The "mobile app": fetch the data to sign from the link, sign it, post the CMS back.
    found = client.get(link.removeprefix("http://127.0.0.1:5000")).get_json()
    cms = test_pki.shared_pki().cms("voter", base64.b64decode(found["data_to_sign"]))
    posted = client.post(
        found["signatures_url"].removeprefix("http://localhost"),
        json={"challenge_id": found["challenge_id"], "cms": base64.b64encode(cms).decode()},
    )
    assert posted.status_code == 201

    html = pages.get(client, page_url)
    assert posted.get_json()["receipt_code"] in html and "<svg" not in html


def test_an_unknown_mobile_page_is_not_found(client, petition):
    assert client.get(f"/petitions/{petition.id}/eds/mobile/nope").status_code == 404
