"""MAIL_DELIVERY = "immediate": the events a request recorded are dispatched and delivered
right after it commits; with "queue" they wait for ``recall tick``."""

from unittest import mock

import pytest

from app.extensions import db
from app.services.events import EventKind, record_event
from app.services.notifications import dispatch as dispatch_module
from tests.support.notice_world import NOW, make_world, outbox


@pytest.fixture
def world(app, tmp_path):
    app.config.update(MAIL_BACKEND="file", MAIL_FILE_DIR=str(tmp_path / "mail"))
    world = make_world()

    def close_and_commit():
        record_event(world.petition.id, EventKind.CLOSED, now=NOW)
        db.session.commit()
        return "ok"

    def close_and_roll_back():
        record_event(world.petition.id, EventKind.CLOSED, now=NOW)
        db.session.rollback()
        return "ok"

    app.add_url_rule("/test/close", view_func=close_and_commit, methods=["POST"])
    app.add_url_rule("/test/close-rollback", view_func=close_and_roll_back, methods=["POST"])
    return world


def test_a_committed_event_is_dispatched_and_delivered_before_the_response(app, client, world):
    app.config["MAIL_DELIVERY"] = "immediate"

    assert client.post("/test/close").status_code == 200

    messages = outbox()
    assert {m.to_address for m in messages} == world.email_of(
        "initiator", "follower", "signer_follower"
    )
    assert all(m.sent_at is not None for m in messages)


def test_a_rolled_back_event_sends_nothing(app, client, world):
    app.config["MAIL_DELIVERY"] = "immediate"

    client.post("/test/close-rollback")

    assert outbox() == []


def test_in_queue_mode_the_event_waits_for_the_clock(app, client, world):
    app.config["MAIL_DELIVERY"] = "queue"

    client.post("/test/close")

    assert outbox() == []


def test_a_failing_dispatch_is_logged_and_never_reaches_the_user(app, client, world):
    app.config["MAIL_DELIVERY"] = "immediate"

    with mock.patch.object(dispatch_module, "recipients", side_effect=RuntimeError("boom")):
        response = client.post("/test/close")

    assert response.status_code == 200
    assert outbox() == []
