from app.extensions import db
from tests.factories import make_body, make_constituency, make_deputy, make_party, make_snapshot


def test_a_visitor_finds_the_deputy_of_a_constituency_from_the_home_page(live_server, page):
    body = make_body(code="ALM-DM", name="Almaly district maslikhat")
    constituency = make_constituency(body=body, number=4, name="Almaly 4")
    make_constituency(body=make_body(name="Another maslikhat"), name="Elsewhere 1")
    make_deputy(
        constituency=constituency,
        full_name="Aruzhan Kassymova",
        party=make_party(name="Amanat"),
    )
    make_snapshot(counts={constituency: 15230})
    db.session.commit()

    page.goto(live_server + "/")
    page.get_by_role("link", name="Almaly district maslikhat").click()
    page.wait_for_url("**/constituencies?body=ALM-DM")
    assert page.get_by_role("link", name="Elsewhere 1").count() == 0

    page.get_by_role("link", name="Almaly 4").click()
    page.wait_for_url(f"**/constituencies/{constituency.code}")
    assert page.get_by_role("heading", level=1).inner_text() == "Almaly 4"
    assert "15,230" in page.locator("main").inner_text()

    page.get_by_role("link", name="Aruzhan Kassymova").click()
    page.wait_for_url("**/deputies/*")
    main = page.locator("main").inner_text()
    assert page.get_by_role("heading", level=1).inner_text() == "Aruzhan Kassymova"
    assert "Amanat" in main
    assert "Almaly district maslikhat" in main
