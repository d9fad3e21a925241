"""The citizen's path in Chromium: sign up, confirm, verify, sign, receipt, count, withdraw."""

import re
from datetime import UTC, datetime, timedelta
from email import policy
from email.parser import BytesParser
from urllib.parse import urlsplit

from app.extensions import db
from app.rules.lifecycle import PetitionStatus as S
from app.services.petitions.commands import change_status
from tests.factories import make_petition, make_snapshot, make_voter

PASSWORD = "a long enough password"


def confirmation_path(mail_dir):
    """The confirmation link of the one message in the file backend's folder, as a path."""
    [message_file] = list(mail_dir.glob("*.eml"))
    message = BytesParser(policy=policy.default).parsebytes(message_file.read_bytes())
    url = re.search(r"https?://\S+/auth/confirm/\S+", message.get_body().get_content()).group(0)
    return urlsplit(url).path


def counted(page):
    return page.locator("#progress-text").inner_text()


def test_a_voter_signs_up_verifies_signs_sees_the_count_move_and_withdraws(
    app, live_server, page, tmp_path
):
    app.config.update(MAIL_BACKEND="file", MAIL_FILE_DIR=str(tmp_path), SIGNATURE_COUNT_INTERVAL=0)
    petition = make_petition(status=S.FILED)
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
    petition_url = f"{live_server}/petitions/{petition.id}"

    page.goto(live_server + "/auth/register")
    page.fill("input[name=email]", "aliya@example.org")
    page.fill("input[name=password]", PASSWORD)
    page.fill("input[name=password_confirm]", PASSWORD)
    page.get_by_role("button", name="Create account").click()

    page.goto(live_server + confirmation_path(tmp_path))
    page.get_by_role("button", name="Confirm my email address").click()
    page.wait_for_url("**/auth/account")  # confirming signed the person in

    page.goto(live_server + "/account/voter")
    page.fill("input[name=iin]", voter.iin)
    page.fill("input[name=last_name]", "nurlanova")
    page.fill("input[name=birth_date]", "17.05.1990")
    page.get_by_role("button", name="Verify").click()
    assert petition.constituency.name in page.locator("main").inner_text()
    assert voter.iin not in page.url and voter.iin not in page.content()

    page.goto(petition_url)
    assert counted(page).startswith("0 of 10")
    page.check("input[name=confirm]")
    page.get_by_role("button", name="Sign the petition").click()
    page.wait_for_url(f"**/petitions/{petition.id}/receipt")
    receipt = re.search(r"[2-9A-Z]{5}-[2-9A-Z]{5}", page.locator("main").inner_text()).group(0)

    page.goto(petition_url)
    assert counted(page).startswith("1 of 10")

    page.goto(live_server + "/account/signatures")
    assert receipt in page.locator("main").inner_text()
    page.get_by_role("button", name="Withdraw").click()
    page.get_by_role("button", name="Withdraw my signature").click()

    page.goto(petition_url)
    assert counted(page).startswith("0 of 10")
