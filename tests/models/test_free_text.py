"""Free text people type is stored with any IIN-like number masked, not only its audit copy."""

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import Petition, Signature, User
from app.models.base import FreeString
from app.rules.checks import Check
from app.services.pauses.commands import start_pause
from app.services.review.bulk import decide_bulk
from app.services.review.commands import Decision, ReviewFilter, decide
from tests.factories import (
    make_collecting_petition,
    make_officer,
    make_petition,
    make_user,
    make_voter,
)
from tests.support.review import flagged

IIN = "850314300124"
MASKED = "••••••••0124"
NOW = datetime(2026, 12, 20, 6, tzinfo=UTC)

#: Every column of typed free text; a new one must be declared FreeString/FreeText too.
FREE_TEXT = {
    ("certifications", "comment"),
    ("deputy_replies", "body"),
    ("objections", "decision_reason"),
    ("objections", "statement"),
    ("paper_batches", "collector"),
    ("pauses", "reason"),
    ("rule_set_versions", "comment"),
    ("signatures", "review_comment"),
    ("users", "display_name"),
}


def stored(table: str, column: str, row_id: int) -> str:
    """The value as the database holds it (not the session's copy)."""
    return db.session.execute(
        sa.text(f"SELECT {column} FROM {table} WHERE id = :id"), {"id": row_id}
    ).scalar_one()


def test_the_free_text_columns_are_the_masking_type():
    masking = {
        (table.name, column.name)
        for table in db.metadata.sorted_tables
        for column in table.columns
        if isinstance(column.type, FreeString)
    }

    assert masking == FREE_TEXT


def test_a_review_comment_is_stored_masked_one_by_one_and_in_bulk(app):
    petition = make_collecting_petition()
    officer = make_officer(bodies=[petition.constituency.body])
    one, *many = [
        flagged(petition, make_voter(constituency=petition.constituency), Check.IN_CONSTITUENCY)
        for _ in range(3)
    ]
    db.session.commit()
    comment = f"Signer {IIN} lives elsewhere"

    decide(petition.id, one.id, officer.id, Decision(False, "other_constituency", comment), now=NOW)
    decide_bulk(
        petition.id,
        ReviewFilter(check=int(Check.IN_CONSTITUENCY)),
        officer.id,
        Decision(False, "other_constituency", comment),
        expected=2,
        now=NOW,
    )

    for signature in (one, *many):
        assert stored("signatures", "review_comment", signature.id) == (
            f"Signer {MASKED} lives elsewhere"
        )
    raw = db.session.execute(sa.text("SELECT review_comment FROM signatures")).scalars().all()
    assert IIN not in str(raw)
    assert db.session.get(Signature, one.id, populate_existing=True).review_comment.count(MASKED)


def test_a_pause_reason_and_a_display_name_are_stored_masked(app):
    petition = make_collecting_petition()
    admin = make_user(role="admin", display_name=f"Admin {IIN}")
    db.session.commit()

    pause = start_pause(
        admin.id, f"Court order about {IIN}", petition_id=petition.id, now=NOW - timedelta(days=3)
    )

    assert stored("pauses", "reason", pause.id) == f"Court order about {MASKED}"
    assert stored("users", "display_name", admin.id) == f"Admin {MASKED}"


@pytest.mark.parametrize("spelling", [IIN, f"({IIN})", f"{IIN}."])
def test_a_statement_is_masked_before_its_hash_is_taken(app, spelling):
    petition = make_petition(statement=f"The deputy ignored voter {spelling}")
    db.session.commit()

    text = stored("petitions", "statement", petition.id)

    assert IIN not in text and MASKED in text
    assert db.session.get(Petition, petition.id).statement == text


def test_numbers_that_are_not_twelve_digits_alone_are_kept(app):
    user = make_user(display_name="Room 101, case 2026-000123, seed ab123456789012cd")
    db.session.commit()

    assert stored("users", "display_name", user.id) == user.display_name
    assert db.session.get(User, user.id).display_name == user.display_name
