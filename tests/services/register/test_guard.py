"""The register guard: an import or activation that would empty or shrink the register."""

from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import AuditEntry, RegisterSnapshot, Signature, Voter
from app.rules.checks import Check
from app.services.register.activation import activate_snapshot
from app.services.register.guard import RegisterShrinkRefused
from app.services.register.importer import import_register
from app.services.register.reader import RegisterFileError
from tests.factories import make_collecting_petition, make_constituency
from tests.support.registers import voter_rows, write_register
from tests.support.review import sign_as

FIRST = date(2026, 10, 1)
LATER = date(2027, 1, 1)
SIGNED = datetime(2026, 12, 15, 8, tzinfo=UTC)  # inside the collection period
NOW = datetime(2027, 1, 2, 6, tzinfo=UTC)


def last_entry(action: str) -> AuditEntry:
    return db.session.scalar(
        sa.select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.seq.desc())
    )


def reload(signature) -> Signature:
    return db.session.get(Signature, signature.id, populate_existing=True)


@pytest.fixture
def code(app):
    constituency = make_constituency(code="G-1")
    db.session.commit()
    return constituency.code


def state():
    """What a refused change must leave as it was."""
    db.session.expire_all()
    count = sa.select(sa.func.count())
    return {
        "snapshots": db.session.scalar(count.select_from(RegisterSnapshot)),
        "active": db.session.scalar(
            sa.select(RegisterSnapshot.id).where(RegisterSnapshot.is_active)
        ),
        "voters": db.session.scalar(count.select_from(Voter)),
        "audit": db.session.scalar(count.select_from(AuditEntry)),
    }


def active_register(code, tmp_path, count=10):
    path = write_register(tmp_path / "first.csv", voter_rows(count, code))
    return import_register(path, FIRST).snapshot


def test_a_register_keeping_fewer_than_nine_tenths_of_the_voters_is_refused(code, tmp_path):
    active_register(code, tmp_path)
    before = state()
    shrunk = write_register(tmp_path / "shrunk.csv", voter_rows(8, code))

    with pytest.raises(RegisterShrinkRefused, match="keeps only 8 of the 10 voters"):
        import_register(shrunk, LATER)

    assert state() == before


def test_a_register_of_as_many_other_people_is_refused_too(code, tmp_path):
    active_register(code, tmp_path)
    before = state()
    strangers = write_register(tmp_path / "strangers.csv", voter_rows(10, code, first=500))

    with pytest.raises(RegisterShrinkRefused, match="keeps only 0 of the 10"):
        import_register(strangers, LATER)

    assert state() == before


def test_nine_tenths_kept_is_enough(code, tmp_path):
    active_register(code, tmp_path)
    nine = write_register(
        tmp_path / "nine.csv", voter_rows(9, code) + voter_rows(3, code, first=90)
    )

    result = import_register(nine, LATER)

    assert result.snapshot.is_active and result.imported == 12
    entry = last_entry("register.imported")
    assert entry.details["kept_voters"] == 9 and entry.details["previous_voters"] == 10
    assert entry.details["shrink_allowed"] is False


def test_the_share_comes_from_the_configuration(app, code, tmp_path):
    app.config["REGISTER_MIN_KEPT_SHARE"] = 0.5
    active_register(code, tmp_path)

    result = import_register(write_register(tmp_path / "half.csv", voter_rows(5, code)), LATER)

    assert result.snapshot.is_active


@pytest.mark.parametrize("rows", [[], [["not-an-iin", "X", "Y", "", "1980-01-01", "G-1", "1", ""]]])
def test_a_register_without_any_accepted_row_is_refused_even_as_the_first(code, tmp_path, rows):
    before = state()
    report = tmp_path / "rejects.csv"

    with pytest.raises(RegisterShrinkRefused, match="no valid voter"):
        import_register(write_register(tmp_path / "empty.csv", rows), FIRST, report_path=report)

    assert state() == before
    assert report.read_text().splitlines()[1:] == (["2,iin_format"] if rows else [])


def test_a_header_only_file_cannot_replace_the_register(code, tmp_path):
    active_register(code, tmp_path)
    before = state()

    with pytest.raises(RegisterShrinkRefused, match="no valid voter"):
        import_register(write_register(tmp_path / "header.csv", []), LATER)

    assert state() == before


def test_allow_shrink_lets_the_operator_replace_the_register_on_purpose(code, tmp_path):
    active_register(code, tmp_path)

    result = import_register(
        write_register(tmp_path / "shrunk.csv", voter_rows(2, code)), LATER, allow_shrink=True
    )

    assert result.snapshot.is_active
    entry = last_entry("register.imported")
    assert entry.details["shrink_allowed"] is True and entry.details["kept_voters"] == 2


def test_activating_an_earlier_snapshot_brings_its_register_back_and_rechecks(app, tmp_path):
    petition = make_collecting_petition()
    code = petition.constituency.code
    first = import_register(write_register(tmp_path / "a.csv", voter_rows(10, code)), FIRST)
    voter = db.session.scalar(
        sa.select(Voter).where(Voter.snapshot_id == first.snapshot.id).order_by(Voter.id.desc())
    )
    signature = sign_as(petition, voter, signed_at=SIGNED)
    db.session.commit()
    second = import_register(
        write_register(tmp_path / "b.csv", voter_rows(2, code)), LATER, allow_shrink=True, now=NOW
    ).snapshot
    assert reload(signature).failed_checks & Check.ON_REGISTER

    result = activate_snapshot(first.snapshot.id, now=NOW)

    assert result.changed and result.shrink.previous_id == second.id
    assert state()["active"] == first.snapshot.id
    assert reload(signature).failed_checks == 0
    assert reload(signature).checked_snapshot_id == first.snapshot.id
    entry = last_entry("register.activated")
    assert entry.object_id == str(first.snapshot.id)
    assert entry.details["before"] == {"active_snapshot": second.id}
    assert entry.details["after"] == {"active_snapshot": first.snapshot.id}
    assert (entry.details["rechecked"], entry.details["cleared"]) == (1, 1)


def test_activating_a_snapshot_that_would_shrink_the_register_is_refused(code, tmp_path):
    small = import_register(write_register(tmp_path / "small.csv", voter_rows(2, code)), FIRST)
    import_register(write_register(tmp_path / "big.csv", voter_rows(10, code)), LATER)
    before = state()

    with pytest.raises(RegisterShrinkRefused, match="keeps only 2 of the 10"):
        activate_snapshot(small.snapshot.id)

    assert state() == before
    assert activate_snapshot(small.snapshot.id, allow_shrink=True).changed


def test_activating_the_active_or_a_missing_snapshot_changes_nothing(code, tmp_path):
    first = active_register(code, tmp_path)
    before = state()

    assert not activate_snapshot(first.id).changed
    with pytest.raises(RegisterFileError, match="no register snapshot 999"):
        activate_snapshot(999)

    assert state() == before


def test_the_file_of_an_earlier_snapshot_may_be_imported_again_and_is_active_again(code, tmp_path):
    first_file = write_register(tmp_path / "first.csv", voter_rows(10, code))
    first = import_register(first_file, FIRST).snapshot
    import_register(write_register(tmp_path / "second.csv", voter_rows(11, code)), LATER)

    again = import_register(first_file, FIRST)

    assert again.reactivated and again.snapshot.id == first.id
    assert state()["active"] == first.id and state()["snapshots"] == 2
    assert state()["voters"] == 21  # nothing loaded twice
    assert last_entry("register.activated").object_id == str(first.id)


def test_the_active_snapshot_s_own_file_is_still_already_imported(code, tmp_path):
    first_file = write_register(tmp_path / "first.csv", voter_rows(10, code))
    import_register(first_file, FIRST)
    before = state()

    again = import_register(first_file, FIRST)

    assert again.already_imported and not again.reactivated
    assert state() == before


def test_an_earlier_file_under_another_snapshot_date_is_refused_with_the_way_back(code, tmp_path):
    first_file = write_register(tmp_path / "first.csv", voter_rows(10, code))
    first = import_register(first_file, FIRST).snapshot
    import_register(write_register(tmp_path / "second.csv", voter_rows(11, code)), LATER)
    before = state()

    with pytest.raises(RegisterFileError, match=f"register activate {first.id}"):
        import_register(first_file, date(2027, 6, 1))

    assert state() == before
