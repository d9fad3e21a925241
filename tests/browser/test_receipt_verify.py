"""'Verify my receipt' in Chromium: the browser checks the entries with WebCrypto itself."""

from app.extensions import db
from tests.support.citizen import citizen_of, collecting_petition
from tests.support.transparency import tamper


def test_a_signer_verifies_the_receipt_in_the_browser(app, live_server, page, page_auth):
    app.config["SIGNATURE_COUNT_INTERVAL"] = 0
    petition = collecting_petition()
    user = citizen_of(petition.constituency)
    page_auth.sign_in(page, user)
    page.goto(f"{live_server}/petitions/{petition.id}")
    page.check("input[name=confirm]")
    page.get_by_role("button", name="Sign the petition").click()
    page.wait_for_url(f"**/petitions/{petition.id}/receipt")
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.get_by_role("button", name="Verify my receipt").click()

    result = page.locator(".js-verify-result")
    result.filter(has_text="Verified").wait_for()
    assert result.inner_text().startswith("Verified: entry № 1 is in the log of 2 entries")
    assert "cannot check Ed25519" not in result.inner_text()  # Chromium checked the signature
    assert errors == []


def test_a_tampered_log_fails_the_check_in_the_browser(app, live_server, page, page_auth):
    app.config["SIGNATURE_COUNT_INTERVAL"] = 0
    petition = collecting_petition()
    user = citizen_of(petition.constituency)
    page_auth.sign_in(page, user)
    page.goto(f"{live_server}/petitions/{petition.id}")
    page.check("input[name=confirm]")
    page.get_by_role("button", name="Sign the petition").click()
    page.wait_for_url(f"**/petitions/{petition.id}/receipt")
    tamper("UPDATE log_nodes SET hash = :h WHERE subtree = 0", h=b"\7" * 32)  # leaf 0
    db.session.commit()

    page.get_by_role("button", name="Verify my receipt").click()

    result = page.locator(".js-verify-result")
    result.filter(has_text="failed").wait_for()
    assert "does not lead to the signed root" in result.inner_text()
