"""Two officers key one paper sheet in Chromium, blind; a mismatch is resolved; it counts."""

from datetime import UTC, datetime, timedelta

from tests.support.paper import paper_petition, signer


def type_line(page, row, *, number, voter, first_name, signed_on):
    prefix = f"input[name=lines-{row}-"
    page.fill(prefix + "line_number]", str(number))
    page.fill(prefix + "iin]", voter.iin)
    page.fill(prefix + "last_name]", voter.last_name)
    page.fill(prefix + "first_name]", first_name)
    page.fill(prefix + "birth_date]", voter.birth_date.strftime("%d.%m.%Y"))
    page.fill(prefix + "signed_on]", signed_on)


def test_two_officers_key_a_sheet_blind_resolve_a_mismatch_and_the_signatures_count(
    app, live_server, open_page, page_auth
):
    now = datetime.now(UTC)
    petition, first, second = paper_petition(opened=now - timedelta(days=3))
    aliya = signer(petition, last_name="Nurlanova", first_name="Aliya")
    bolat = signer(petition, last_name="Sadykov", first_name="Bolat")
    today = now.strftime("%d.%m.%Y")
    petition_url = f"{live_server}/commission/petitions/{petition.id}"
    one, two = open_page(), open_page()
    page_auth.sign_in(one, first)
    page_auth.sign_in(two, second)
    # The first officer registers the batch and keys sheet 1.
    one.goto(petition_url)
    one.get_by_role("link", name="Paper signature sheets").click()
    one.fill("input[name=collector]", "Asel Collector")
    one.fill("input[name=received_on]", now.date().isoformat())
    one.fill("input[name=first_sheet]", "1")
    one.fill("input[name=last_sheet]", "2")
    one.get_by_role("button", name="Register the batch").click()
    assert "Sheets 1 to 2 are registered." in one.locator("main").inner_text()
    one.get_by_role("link", name="Sheet 1", exact=True).click()
    one.locator("#key-sheet").click()
    type_line(one, 0, number=1, voter=aliya, first_name="Aliya", signed_on=today)
    type_line(one, 1, number=2, voter=bolat, first_name="Bolat", signed_on=today)
    one.get_by_role("button", name="Save this keying").click()
    assert "Keyed once" in one.locator("#sheet-status").inner_text()

    # The second officer sees nothing of it and misreads one first name.
    two.goto(petition_url + "/paper")
    two.get_by_role("link", name="Sheet 1", exact=True).click()
    assert "Nurlanova" not in two.content() and aliya.iin not in two.content()
    two.locator("#key-sheet").click()
    assert "keying 2 of 2" in two.locator("h1").inner_text()
    assert two.input_value("input[name=lines-0-iin]") == ""
    type_line(two, 0, number=1, voter=aliya, first_name="Alia", signed_on=today)
    type_line(two, 1, number=2, voter=bolat, first_name="Bolat", signed_on=today)
    two.get_by_role("button", name="Save this keying").click()
    assert "differ on 1 line" in two.locator("main").inner_text()
    assert two.locator("#mismatch-1").is_visible()
    assert aliya.iin not in two.url

    # The first officer settles line 1 from the paper; the sheet is accepted.
    one.reload()
    one.locator("#resolve-sheet").click()
    assert one.input_value("input[name=lines-0-last_name]") == "Nurlanova"
    one.fill("input[name=lines-0-first_name]", "Aliya")
    one.get_by_role("button", name="Save the resolution and accept the sheet").click()
    assert "Accepted" in one.locator("#sheet-status").inner_text()
    assert aliya.iin not in one.content()  # masked once accepted

    one.goto(petition_url)
    valid = one.locator("dt:text-is('Valid') + dd").inner_text()
    assert valid == "2"
