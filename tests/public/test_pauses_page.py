"""The public log of pauses and deadline extensions, linked from every page's footer."""

from datetime import timedelta

from app.extensions import db
from app.models import Role
from app.services.pauses.commands import end_pause, start_pause
from tests.factories import make_collecting_petition, make_user
from tests.support import pages

H = timedelta(hours=1)


def test_the_log_shows_every_pause_with_its_reason_and_every_extension(client, app):
    petition = make_collecting_petition()
    admin = make_user(role=Role.ADMIN)
    db.session.commit()
    start = petition.opened_at + 24 * H
    site = start_pause(admin.id, "Planned maintenance of the register link", now=start)
    end_pause(site.id, admin.id, now=start + 2 * H)
    start_pause(admin.id, "Court order No. 12", petition_id=petition.id, now=start + 3 * H)

    page = pages.get(client, "/pauses")

    assert "Planned maintenance of the register link" in page and "The whole site" in page
    assert "Court order No. 12" in page and "Still paused" in page
    assert f"/petitions/{petition.id}" in page
    # Almaty time: the deadline 8 January 18:00 got the two paused hours back (20:00), then
    # moved to the deadline hour of the next counted day.
    assert "8 January 2027, 18:00" in page and "9 January 2027, 18:00" in page
    assert admin.email not in page and admin.display_name not in page


def test_an_empty_log_says_so_and_every_page_links_it(client, app):
    page = pages.get(client, "/pauses")

    assert "Signing has never been paused." in page
    assert 'href="/pauses"' in pages.get(client, "/")


def test_the_petition_page_links_the_log(client, app):
    petition = make_collecting_petition()

    assert 'href="/pauses"' in pages.get(client, f"/petitions/{petition.id}")


def test_every_page_shows_the_site_wide_pause_while_it_is_open(client, app):
    from datetime import UTC, datetime

    admin = make_user(role=Role.ADMIN)
    db.session.commit()
    now = datetime.now(UTC)
    pause = start_pause(admin.id, "Register link outage", now=now - H)

    during = [pages.get(client, path) for path in ("/", "/petitions", "/rules")]
    end_pause(pause.id, admin.id, now=now)
    after = pages.get(client, "/")

    assert all('id="site-pause"' in page and "Register link outage" in page for page in during)
    assert 'id="site-pause"' not in after
