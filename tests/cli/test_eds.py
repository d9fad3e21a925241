"""The demo CA made by ``seed demo``, ``flask eds demo-certificate`` and ``flask eds sign-link``
(the command-line signing app) against a live server."""

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography.hazmat.primitives.serialization import pkcs12

from app.eds.chain import iin_of
from app.eds.store import load_trust
from app.extensions import db
from tests.factories import make_collecting_petition, make_voter
from tests.support import pages
from tests.support.pki import VOTER_IIN


def test_a_demo_certificate_names_the_iin_and_opens_with_its_password(app, runner, tmp_path):
    app.config["EDS_DEMO_DIR"] = str(tmp_path / "demo")

    result = runner.invoke(args=["eds", "demo-certificate", "--iin", VOTER_IIN])

    assert result.exit_code == 0, result.output
    path = Path(re.search(r": (\S+\.p12)", result.output).group(1))
    password = path.with_suffix(".password.txt").read_text().strip()
    assert password in result.output and VOTER_IIN not in result.output
    key, certificate, _ = pkcs12.load_key_and_certificates(path.read_bytes(), password.encode())
    assert iin_of(certificate) == VOTER_IIN
    trust = load_trust(tmp_path / "demo" / "demo-ca.pem", tmp_path / "demo" / "crl")
    assert trust.anchors[0].subject == certificate.issuer
    assert "fictional" in certificate.issuer.rfc4514_string()
    assert (tmp_path / "demo" / "demo-ca-key.pem").stat().st_mode & 0o077 == 0


def test_an_invalid_iin_is_refused(runner):
    result = runner.invoke(args=["eds", "demo-certificate", "--iin", "123"])

    assert result.exit_code != 0 and "valid IIN" in result.output


def test_sign_link_signs_a_petition_as_a_mobile_app_would(app, runner, live_server, tmp_path):
    petition = make_collecting_petition(opened_at=datetime.now(UTC) - timedelta(days=1))
    make_voter(constituency=petition.constituency, iin=VOTER_IIN)
    db.session.commit()
    demo_dir = tmp_path / "demo"
    app.config.update(EDS_DEMO_DIR=str(demo_dir), PUBLIC_BASE_URL=live_server)
    issued = runner.invoke(args=["eds", "demo-certificate", "--iin", VOTER_IIN])
    path = re.search(r": (\S+\.p12)", issued.output).group(1)
    password = Path(path).with_suffix(".password.txt").read_text().strip()
    app.config.update(
        EDS_TRUST_ANCHORS=str(demo_dir / "demo-ca.pem"), EDS_CRL_DIR=str(demo_dir / "crl")
    )
    with app.test_client() as client:
        start = client.post(f"/petitions/{petition.id}/eds/mobile")
        html = pages.get(client, start.headers["Location"])
    link = re.search(r'id="eds-mobile-link" class="eds-mobile__link">([^<]+)<', html).group(1)

    result = runner.invoke(args=["eds", "sign-link", link, "--p12", path, "--password", password])

    assert result.exit_code == 0, result.output
    assert re.search(r"Receipt code: [0-9A-Z]{5}-[0-9A-Z]{5}", result.output)
