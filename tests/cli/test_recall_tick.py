"""``flask recall tick`` and ``flask recall worker``: the deadline clock from the command line."""

import threading
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from app.cli.recall import run_worker
from app.extensions import db
from app.models import Petition
from app.rules.lifecycle import PetitionStatus as S
from tests.factories import make_collecting_petition


def test_tick_closes_a_petition_past_its_deadline_and_prints_the_report(app, runner):
    petition = make_collecting_petition(opened_at=datetime.now(UTC) - timedelta(days=60))

    result = runner.invoke(args=["recall", "tick"])

    assert result.exit_code == 0, result.output
    assert result.output.startswith("1 closed, ")
    assert f"Closed: {petition.id}" in result.output
    db.session.expire_all()
    assert db.session.scalar(sa.select(Petition.status)) is S.COLLECTION_CLOSED


def test_a_second_tick_has_nothing_to_do(app, runner):
    make_collecting_petition(opened_at=datetime.now(UTC) - timedelta(days=60))
    runner.invoke(args=["recall", "tick"])

    result = runner.invoke(args=["recall", "tick"])

    assert result.exit_code == 0, result.output
    assert result.output.startswith("0 closed, 0 events recorded, 0 dispatched, 0 messages")


def test_the_worker_loop_runs_until_stopped_and_finishes_the_run_in_progress():
    stop = threading.Event()
    runs = []

    def run():
        runs.append("started")
        if runs.count("started") == 3:
            stop.set()  # a signal arriving during the third run
        runs.append("finished")

    assert run_worker(0, stop, run=run, on_error=lambda error: None) == 3
    assert runs == ["started", "finished"] * 3


def test_the_worker_loop_reports_an_error_and_goes_on():
    stop = threading.Event()
    errors = []
    calls = iter([RuntimeError("database restarting"), None, None])

    def run():
        error = next(calls)
        if error is None:
            stop.set()
        else:
            raise error

    assert run_worker(0, stop, run=run, on_error=errors.append) == 2
    assert [str(e) for e in errors] == ["database restarting"]


def test_a_stopped_worker_does_not_start_a_run():
    stop = threading.Event()
    stop.set()

    assert run_worker(60, stop, run=lambda: 1 / 0, on_error=lambda error: None) == 0
