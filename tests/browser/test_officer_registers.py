"""An officer in Chromium: sign in, open the registration queue, register a filed petition."""

from datetime import UTC, datetime, timedelta

from app.extensions import db
from app.rules.lifecycle import PetitionStatus as S
from tests.factories import make_officer, make_petition, make_snapshot


def test_an_officer_registers_a_filed_petition_from_the_queue(live_server, page, page_auth):
    petition = make_petition(status=S.FILED, filed_at=datetime.now(UTC) - timedelta(hours=3))
    make_snapshot(counts={petition.constituency: 2_000})
    officer = make_officer(bodies=[petition.constituency.body], email="officer@example.kz")
    other = make_petition(status=S.FILED, filed_at=datetime.now(UTC))  # another body's
    db.session.commit()

    page_auth.sign_in(page, officer)
    page.get_by_role("link", name="Queue", exact=True).click()

    row = page.locator("#queue tbody tr", has_text=petition.deputy.full_name)
    assert row.locator("time").nth(1).get_attribute("datetime").endswith("+05:00")
    assert "working day" in row.inner_text() and "left" in row.inner_text()
    assert other.deputy.full_name not in page.locator("main").inner_text()

    row.get_by_role("link", name=f"Petition № {petition.id}").click()
    page.get_by_role("button", name="Register the petition").click()
    page.get_by_role("button", name="Register the petition").click()  # the confirmation page

    main = page.locator("main")
    assert "collection is open" in main.inner_text()
    assert "Collecting signatures" in main.inner_text()
    assert "Valid signatures required" in main.inner_text()
    page.get_by_role("link", name="Queue", exact=True).click()
    assert petition.deputy.full_name not in page.locator("main").inner_text()
