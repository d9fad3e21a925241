"""Signing with an EDS in Chromium, without an account: through NCALayer (a local stand-in
speaking its WebSocket protocol over TLS, signing with a test key) and through the eGov Mobile
page (a scripted "mobile app" opens the QR code's link, signs and posts the CMS back).

The stand-in's certificate is self-signed, as a fresh NCALayer's is until the user trusts it:
only the Chromium launched here gets ``--ignore-certificate-errors``; the session's browser
stays strict.
"""

import base64
import json
import re
import urllib.request
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from app.extensions import db
from app.models import Signature
from app.models.signature import SignatureProof
from tests.factories import make_collecting_petition, make_voter
from tests.support import pki as test_pki
from tests.support.ncalayer import NcaLayerStandIn

RECEIPT = re.compile(r"Your receipt code is ([0-9A-Z]{5}-[0-9A-Z]{5})")


@pytest.fixture
def petition(app, tmp_path):
    petition = make_collecting_petition(opened_at=datetime.now(UTC) - timedelta(days=1))
    make_voter(constituency=petition.constituency, iin=test_pki.VOTER_IIN)
    db.session.commit()
    anchors, crls = test_pki.shared_pki().write(tmp_path / "trust")
    app.config.update(EDS_TRUST_ANCHORS=str(anchors), EDS_CRL_DIR=str(crls))
    return petition


@pytest.fixture
def ncalayer(tmp_path):
    pki = test_pki.shared_pki()
    stand_in = NcaLayerStandIn(
        pki.people["voter"], [pki.intermediate.certificate], tmp_path
    ).start()
    yield stand_in
    stand_in.stop()


def the_signature():
    db.session.expire_all()
    return db.session.scalar(sa.select(Signature))


def test_a_visitor_signs_with_ncalayer_and_gets_a_receipt(
    app, live_server, petition, ncalayer, lenient_page
):
    app.config["EDS_NCALAYER_URL"] = ncalayer.url
    page = lenient_page
    page.goto(f"{live_server}/petitions/{petition.id}")

    page.get_by_role("button", name="Sign with EDS (NCALayer)").click()
    page.wait_for_function("() => document.getElementById('eds-sign').hasAttribute('data-receipt')")

    status = page.locator("#eds-status").inner_text()
    code = RECEIPT.search(status).group(1)
    signature = the_signature()
    assert signature.receipt_code == code and signature.proof is SignatureProof.EDS
    [request] = ncalayer.requests
    assert (request["module"], request["method"]) == ("kz.gov.pki.knca.basics", "sign")
    assert request["args"]["format"] == "cms"
    assert request["args"]["signingParams"]["encapsulate"] is True


def test_without_ncalayer_the_visitor_is_told_what_to_do(app, live_server, petition, page):
    app.config["EDS_NCALAYER_URL"] = "wss://127.0.0.1:9"  # nothing listens there
    page.goto(f"{live_server}/petitions/{petition.id}")

    page.get_by_role("button", name="Sign with EDS (NCALayer)").click()

    page.wait_for_function(
        "() => document.getElementById('eds-status').textContent"
        ".includes('NCALayer does not answer')"
    )
    assert the_signature() is None


def mobile_app_signs(link: str) -> dict:
    """What a phone's signing app does with the QR code's link."""
    with urllib.request.urlopen(link, timeout=10) as response:
        challenge = json.load(response)
    data = base64.b64decode(challenge["data_to_sign"])
    cms = test_pki.shared_pki().cms("voter", data)
    body = json.dumps(
        {"challenge_id": challenge["challenge_id"], "cms": base64.b64encode(cms).decode()}
    ).encode()
    request = urllib.request.Request(
        challenge["signatures_url"], data=body, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)


def test_a_visitor_signs_with_egov_mobile_by_qr_code(app, live_server, petition, page):
    app.config["PUBLIC_BASE_URL"] = live_server
    page.goto(f"{live_server}/petitions/{petition.id}")

    page.get_by_role("link", name="Sign with eGov Mobile").click()
    page.get_by_role("button", name="Show the QR code").click()
    expect(page.locator(".eds-mobile__qr svg")).to_have_count(1)  # waits for the POST's page
    link = page.locator("#eds-mobile-link").get_attribute("href")
    receipt = mobile_app_signs(link)

    page.wait_for_function(
        "() => document.getElementById('eds-mobile-page').hasAttribute('data-receipt')"
    )
    assert receipt["receipt_code"] in page.locator("#eds-mobile-status").inner_text()
    assert the_signature().receipt_code == receipt["receipt_code"]
