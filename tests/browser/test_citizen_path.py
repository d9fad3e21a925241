"""A new visitor's path in Chromium, without a dead end: the home page, the petition, an account
made from its sign box, the confirmation link that signs in and leads back, one form to verify and
sign, the receipt; and the share panel and paper sheet on the way."""

import re
from datetime import UTC, datetime, timedelta
from email import policy
from email.parser import BytesParser
from urllib.parse import urlsplit

from app.extensions import db
from app.rules.lifecycle import PetitionStatus as S
from app.services.petitions.commands import change_status
from tests.factories import make_deputy, make_petition, make_snapshot, make_voter

PASSWORD = "a long enough password"


def confirmation_link(mail_dir) -> str:
    """The confirmation link of the one message in the file backend's folder, path and query."""
    [message_file] = list(mail_dir.glob("*.eml"))
    message = BytesParser(policy=policy.default).parsebytes(message_file.read_bytes())
    url = re.search(r"https?://\S+/auth/confirm/\S+", message.get_body().get_content()).group(0)
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def test_a_visitor_goes_from_the_home_page_to_a_receipt_without_a_dead_end(
    app, live_server, page, tmp_path
):
    app.config.update(MAIL_BACKEND="file", MAIL_FILE_DIR=str(tmp_path), SIGNATURE_COUNT_INTERVAL=0)
    deputy = make_deputy(full_name="Serik Deputatov")
    petition = make_petition(status=S.FILED, deputy=deputy)
    make_snapshot(counts={petition.constituency: 100})
    voter = make_voter(
        constituency=petition.constituency,
        last_name="Nurlanova",
        birth_date=datetime(1990, 5, 17).date(),
    )
    db.session.commit()
    change_status(
        petition.id, S.COLLECTING, now=datetime.now(UTC) - timedelta(hours=2), reason="registered"
    )
    petition_path = f"/petitions/{petition.id}"

    page.goto(live_server + "/")
    card = page.locator("li.petition-card", has_text="Serik Deputatov")
    assert card.locator("[data-valid-count]").get_attribute("data-valid-count") == "0"
    card.get_by_role("link", name="Sign", exact=True).click()
    page.wait_for_url(f"**{petition_path}#sign")

    share = page.locator("section.share")
    assert share.locator("#share-url").input_value().endswith(petition_path)
    assert "wa.me" in share.get_by_role("link", name="Share on WhatsApp").get_attribute("href")
    og = page.locator('meta[property="og:description"]').get_attribute("content")
    assert "0 of 10 valid signatures" in og
    sheet = page.request.get(live_server + petition_path + "/sheet.pdf?language=kk")
    assert sheet.ok and sheet.body().startswith(b"%PDF")

    page.locator("#sign").get_by_role("link", name="Create an account").click()
    page.fill("input[name=email]", "aliya@example.org")
    page.fill("input[name=password]", PASSWORD)
    page.fill("input[name=password_confirm]", PASSWORD)
    page.get_by_role("button", name="Create account").click()
    assert "Check your inbox" in page.locator("h1").inner_text()

    page.goto(live_server + confirmation_link(tmp_path))
    page.get_by_role("button", name="Confirm my email address").click()
    page.wait_for_url(f"**{petition_path}")  # signed in and back on the petition

    box = page.locator("#sign")
    assert box.get_attribute("data-sign-state") == "unverified"
    box.locator("input[name=iin]").fill(voter.iin)
    box.locator("input[name=last_name]").fill("nurlanova")
    box.locator("input[name=birth_date]").fill("17.05.1990")
    box.locator("input[name=confirm]").check()
    box.get_by_role("button", name="Verify and sign").click()

    page.wait_for_url(f"**{petition_path}/receipt")
    main = page.locator("main").inner_text()
    assert re.search(r"[2-9A-Z]{5}-[2-9A-Z]{5}", main)
    assert voter.iin not in page.url and voter.iin not in page.content()

    page.goto(live_server + petition_path)
    assert page.locator("#sign").get_attribute("data-sign-state") == "signed"
    assert page.locator("#progress-text").inner_text().startswith("1 of 10")
