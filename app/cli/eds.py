"""``flask eds``: the demo's EDS certificates, and a command-line signing app for the demo."""

import base64
import json
import urllib.error
import urllib.request
from pathlib import Path

import click
import sqlalchemy as sa
from cryptography.hazmat.primitives.serialization import pkcs12
from flask import current_app
from flask.cli import AppGroup
from flask_babel import gettext as _

from app import iin as iin_rules
from app.crypto import vault
from app.demo.eds import issue_demo_certificate
from app.eds import issuing
from app.extensions import db
from app.models import User, Voter

#: The demo citizen (``app.demo.people``), already verified as a voter of petition 1.
CITIZEN_EMAIL = "citizen@demo.recall.kz"

eds_group = AppGroup("eds", help="Electronic digital signatures (EDS).")


def _demo_citizen_iin() -> str:
    user = db.session.scalar(sa.select(User).where(User.email == CITIZEN_EMAIL))
    voter = user and db.session.scalar(sa.select(Voter).where(Voter.iin_hash == user.voter_hash))
    if voter is None:
        raise click.ClickException(_("The demo citizen is not in this database: run seed demo."))
    return vault().decrypt(voter.iin_encrypted)


@eds_group.command("demo-certificate")
@click.option("--iin", help="The voter's IIN (12 digits).")
@click.option("--demo-citizen", is_flag=True, help="For the voter of citizen@demo.recall.kz.")
@click.option("--name", default="DEMO VOTER", show_default=True, help="The certificate's name.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None)
def demo_certificate(iin: str | None, demo_citizen: bool, name: str, out: Path | None) -> None:
    """Issue a demo signing certificate (fictional CA) as a PKCS #12 file with its password."""
    if current_app.config["APP_ENV"] == "production":
        raise click.ClickException(_("Demo certificates are not issued in production."))
    if demo_citizen:
        iin = _demo_citizen_iin()
    if not iin or not iin_rules.is_valid(iin):
        raise click.ClickException(_("Give a valid IIN (--iin) or --demo-citizen."))
    demo_dir = current_app.config["EDS_DEMO_DIR"]
    folder = out or Path(demo_dir) / "certificates"
    path, password = issue_demo_certificate(demo_dir, iin=iin, name=name, out_dir=folder)
    password_file = path.with_suffix(".password.txt")
    password_file.write_text(password + "\n", encoding="utf-8")
    click.echo(_("Certificate for IIN %(iin)s: %(path)s", iin=iin_rules.mask(iin), path=path))
    click.echo(
        _("Its password (also in %(file)s): %(password)s", file=password_file, password=password)
    )


@eds_group.command("sign-link")
@click.argument("link")
@click.option("--p12", "p12_path", type=click.Path(exists=True, dir_okay=False), required=True)
@click.option("--password", required=True)
def sign_link(link: str, p12_path: str, password: str) -> None:
    """Act as a mobile signing app: open LINK (from the QR page), sign its data with the key in
    the PKCS #12 file, and post the CMS back."""
    key, certificate, chain = pkcs12.load_key_and_certificates(
        Path(p12_path).read_bytes(), password.encode()
    )
    try:
        with urllib.request.urlopen(link, timeout=10) as response:
            challenge = json.load(response)
        cms = issuing.sign_cms(
            base64.b64decode(challenge["data_to_sign"]),
            issuing.Issued(key, certificate),
            chain=list(chain or []),
        )
        body = json.dumps(
            {"challenge_id": challenge["challenge_id"], "cms": base64.b64encode(cms).decode()}
        ).encode()
        request = urllib.request.Request(
            challenge["signatures_url"], data=body, headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            answer = json.load(response)
    except urllib.error.HTTPError as error:
        answer = json.load(error)
        raise click.ClickException(answer.get("error", {}).get("message", str(error))) from None
    except (urllib.error.URLError, ValueError, KeyError) as error:
        raise click.ClickException(str(error)) from None
    click.echo(_("Signed. Receipt code: %(code)s", code=answer["receipt_code"]))
