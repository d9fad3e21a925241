"""An officer in Chromium: opens the review queue, sees the failed check named, marks the
signature invalid with a reason, and sees it leave the list of signatures waiting for review."""

from datetime import UTC, datetime

from app.extensions import db
from app.rules.checks import Check
from tests.factories import make_collecting_petition, make_officer, make_voter
from tests.support.review import flagged


def test_an_officer_reviews_a_flagged_signature(app, live_server, page, page_auth):
    petition = make_collecting_petition()
    voter = make_voter(constituency=petition.constituency, last_name="Moldabekova")
    signature = flagged(
        petition, voter, Check.IN_CONSTITUENCY, signed_at=datetime(2026, 12, 15, 8, tzinfo=UTC)
    )
    officer = make_officer(bodies=[petition.constituency.body])
    db.session.commit()

    page_auth.sign_in(page, officer)
    page.goto(f"{live_server}/commission/petitions/{petition.id}")
    page.get_by_role("link", name="Review queue").click()

    row = page.locator(f"#signature-{signature.id}")
    assert "Moldabekova" in row.inner_text()
    assert "Voter of the petition's constituency" in row.inner_text()
    row.get_by_label("Decision").select_option("invalid")
    row.get_by_label("Reason").select_option(label="Voter of another constituency")
    row.get_by_label("Comment").fill("Moved to another district before signing")
    row.get_by_role("button", name="Record the decision").click()

    page.wait_for_selector("#review-empty")
    assert f"№ {signature.id}" in page.locator("main").inner_text()  # the flash message
    assert page.locator(f"#signature-{signature.id}").count() == 0
    page.get_by_label("Show all signatures").check()
    page.get_by_role("button", name="Filter").click()
    assert (
        "Voter of another constituency" in page.locator(f"#signature-{signature.id}").inner_text()
    )
