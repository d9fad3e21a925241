"""Registering batches of paper sheets."""

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import AuditEntry, PaperBatch, PaperSheet, SheetStatus
from app.rules.lifecycle import PetitionStatus as S
from app.services.paper.batches import PaperError, register_batch
from app.services.paper.queries import sheet_status_counts
from app.services.petitions.commands import change_status
from tests.support.paper import NOW, batch_of, paper_petition


@pytest.fixture
def setup(app):
    return paper_petition()


def sheet_numbers(petition):
    return db.session.scalars(
        sa.select(PaperSheet.number)
        .where(PaperSheet.petition_id == petition.id)
        .order_by(PaperSheet.number)
    ).all()


def test_a_batch_creates_one_registered_sheet_per_number_and_is_audited(setup):
    petition, officer, _ = setup

    batch = batch_of(petition, officer, first_sheet=5, last_sheet=8)

    assert sheet_numbers(petition) == [5, 6, 7, 8]
    assert sheet_status_counts(petition.id)[SheetStatus.REGISTERED] == 4
    assert batch.collector == "Asel Collector" and batch.registered_by_id == officer.id
    entry = db.session.scalar(
        sa.select(AuditEntry).where(AuditEntry.action == "paper.batch_registered")
    )
    assert entry.actor_id == officer.id and entry.details["after"]["sheets"] == [5, 8]


def test_overlapping_sheet_numbers_are_refused_with_the_numbers_named(setup):
    petition, officer, _ = setup
    batch_of(petition, officer, first_sheet=1, last_sheet=10)

    with pytest.raises(PaperError, match="9 to 10 overlap"):
        batch_of(petition, officer, first_sheet=9, last_sheet=12)

    assert sheet_numbers(petition) == list(range(1, 11))
    assert db.session.scalar(sa.select(sa.func.count()).select_from(PaperBatch)) == 1


def test_the_same_sheet_numbers_may_be_used_on_another_petition(setup):
    petition, officer, _ = setup
    other, other_officer, _ = paper_petition()
    batch_of(petition, officer, first_sheet=1, last_sheet=2)

    batch_of(other, other_officer, first_sheet=1, last_sheet=2)

    assert sheet_numbers(other) == [1, 2]


@pytest.mark.parametrize(
    ("first", "last", "message"),
    [(3, 2, "not above the last"), (0, 2, "must be positive"), (1, 5000, "at most")],
)
def test_a_bad_sheet_range_changes_nothing(setup, first, last, message):
    petition, officer, _ = setup

    with pytest.raises(PaperError, match=message):
        batch_of(petition, officer, first_sheet=first, last_sheet=last)

    assert sheet_numbers(petition) == []


@pytest.mark.parametrize("received_on", [date(2026, 12, 9), NOW.date() + timedelta(days=1)])
def test_a_receipt_date_before_collection_or_in_the_future_is_refused(setup, received_on):
    petition, officer, _ = setup

    with pytest.raises(PaperError, match="between the opening of collection and today"):
        batch_of(petition, officer, received_on=received_on)


def test_a_blank_collector_is_refused(setup):
    petition, officer, _ = setup
    with pytest.raises(PaperError, match="collector"):
        register_batch(
            petition.id,
            officer.id,
            collector="   ",
            received_on=date(2026, 12, 19),
            first_sheet=1,
            last_sheet=1,
            now=NOW,
        )


def test_sheets_are_still_registered_after_collection_has_closed(setup):
    petition, officer, _ = setup
    change_status(petition.id, S.COLLECTION_CLOSED, now=NOW, reason="deadline", actor_label="t")

    batch_of(petition, officer, first_sheet=1, last_sheet=1)

    assert sheet_numbers(petition) == [1]


def test_no_sheets_are_registered_once_verification_has_started(setup):
    petition, officer, _ = setup
    change_status(petition.id, S.COLLECTION_CLOSED, now=NOW, reason="deadline", actor_label="t")
    change_status(petition.id, S.VERIFICATION, now=NOW, reason="filed", actor_label="t")

    with pytest.raises(PaperError, match="before verification starts"):
        batch_of(petition, officer)

    assert sheet_numbers(petition) == []
