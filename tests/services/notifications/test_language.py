"""Each notice is written in its recipient's language, and dates in the rule set's zone."""

from unittest import mock

import pytest

from app.extensions import db
from app.services.events import EventKind as K
from app.services.notifications import dispatch_pending
from app.services.notifications import render as render_module
from tests.support.notice_world import NOW, make_world, outbox, record


@pytest.fixture
def world(app):
    return make_world()


def test_a_russian_speaking_initiator_gets_the_notice_rendered_under_the_ru_locale(world):
    world.initiator.language = "ru"
    db.session.commit()
    event_id = record(world.petition, K.CLOSING_SOON)
    forced = []
    real = render_module.force_locale

    def spy(locale):
        forced.append(locale)
        return real(locale)

    with mock.patch.object(render_module, "force_locale", spy):
        dispatch_pending(NOW)

    by_address = {m.to_address: m for m in outbox(event_id)}
    russian = by_address[world.initiator.email]
    assert "ru" in forced
    assert russian.language == "ru"
    # Babel's own locale data names the month, with or without a message catalog.
    assert "января 2027" in russian.body_text  # collection closes 8 January 2027
    assert "(время Астаны)" in russian.body_text
    follower = by_address[world.follower.email]
    assert follower.language == "en" and "January 2027" in follower.body_text


def test_the_outbox_language_becomes_the_content_language_header(world):
    from app.services.mail.delivery import build_message

    world.follower.language = "kk"
    db.session.commit()
    event_id = record(world.petition, K.CLOSED)
    dispatch_pending(NOW)

    (message,) = [m for m in outbox(event_id) if m.to_address == world.follower.email]
    built = build_message(message, "Recall <noreply@recall.example>")

    assert built["Content-Language"] == "kk"
    assert built["List-Unsubscribe"] == f"<{message.unsubscribe_url}>"
    assert built["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_required_message_has_no_list_unsubscribe_header(world):
    from app.services.mail.delivery import build_message

    event_id = record(world.petition, K.CLOSED)
    dispatch_pending(NOW)

    (message,) = [m for m in outbox(event_id) if m.to_address == world.initiator.email]
    built = build_message(message, "Recall <noreply@recall.example>")

    assert built["List-Unsubscribe"] is None and built["List-Unsubscribe-Post"] is None
