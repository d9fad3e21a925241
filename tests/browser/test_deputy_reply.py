"""A deputy in Chromium: sign in, open the portal, publish a reply, edit it; the public petition
page shows the new text and keeps the earlier version."""

from app.extensions import db
from tests.support.deputy import make_deputy_account, petition_with_signers


def test_a_deputy_publishes_and_edits_a_reply_that_the_public_page_shows(
    live_server, page, page_auth
):
    petition, _ = petition_with_signers(big=12, small=3)
    account = make_deputy_account(petition, email="deputy@example.kz")
    db.session.commit()

    page_auth.sign_in(page, account)
    page.get_by_role("link", name="My mandate").click()
    page.get_by_role("link", name=f"Petition № {petition.id}").click()

    stations = page.locator("#station-counts").inner_text()
    assert "Other stations together" in stations and "15" in stations
    page.get_by_role("textbox", name="Text of the reply").fill(
        "I will hold a meeting with the voters."
    )
    page.get_by_role("button", name="Publish the reply").click()
    assert "version 1" in page.locator("main").inner_text()

    page.get_by_role("textbox", name="Text of the reply").fill(
        "The meeting is on Saturday at 11:00."
    )
    page.get_by_role("button", name="Publish the reply").click()
    assert "version 2" in page.locator("main").inner_text()

    page.get_by_role("link", name="What voters see").click()
    reply = page.locator("#deputy-reply")
    assert "The meeting is on Saturday at 11:00." in reply.locator("#reply-current").inner_text()
    assert reply.locator("#reply-edited").is_visible()
    reply.locator("summary").click()
    assert reply.get_by_text("I will hold a meeting with the voters.").is_visible()
