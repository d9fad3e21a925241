"""Exactly once under concurrency: many simultaneous requests by one voter, over real HTTP."""

import http.client
import threading
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import sqlalchemy as sa

from app.extensions import db
from app.models import Signature
from app.rules.lifecycle import PetitionStatus as S
from app.services.petitions.commands import change_status
from tests.factories import (
    make_petition,
    make_snapshot,
    make_verified_citizen,
    make_voter,
)
from tests.support.auth import session_cookie

ATTEMPTS = 50


def test_fifty_parallel_signatures_by_one_voter_leave_exactly_one_and_no_server_error(
    app, live_server
):
    petition = make_petition(status=S.FILED)
    make_snapshot(counts={petition.constituency: 500})
    user = make_verified_citizen(make_voter(constituency=petition.constituency))
    db.session.commit()
    change_status(
        petition.id, S.COLLECTING, now=datetime.now(UTC) - timedelta(hours=1), reason="registered"
    )
    cookie = session_cookie(live_server, user)
    path = f"/petitions/{petition.id}/sign"  # read here: the threads have no app context
    host = urlsplit(live_server)
    barrier = threading.Barrier(ATTEMPTS)
    statuses = []

    def attempt():
        connection = http.client.HTTPConnection(host.hostname, host.port, timeout=60)
        barrier.wait()
        connection.request(
            "POST",
            path,
            body="confirm=y",
            headers={"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"},
        )
        response = connection.getresponse()
        response.read()
        statuses.append(response.status)

    threads = [threading.Thread(target=attempt) for _ in range(ATTEMPTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(statuses) == ATTEMPTS
    assert all(status < 500 for status in statuses), statuses
    db.session.expire_all()
    assert (
        db.session.scalar(
            sa.select(sa.func.count())
            .select_from(Signature)
            .where(Signature.petition_id == petition.id)
        )
        == 1
    )
