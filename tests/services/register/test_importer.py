from datetime import date

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from app import iin
from app.crypto import vault
from app.extensions import db
from app.models import AuditEntry, RegisterCount, RegisterSnapshot, Voter
from app.services.register.importer import import_register
from app.services.register.reader import COLUMNS, RegisterFileError
from tests.factories import make_constituency
from tests.support.register import ADULT, row, write

SNAPSHOT = date(2026, 10, 1)
ADULT_2 = iin.make(date(1990, 7, 1), iin.Sex.FEMALE, 17)
ADULT_3 = iin.make(date(1961, 12, 31), iin.Sex.MALE, 250)
TURNS_18_ON_SNAPSHOT = iin.make(date(2008, 10, 1), iin.Sex.FEMALE, 5)
TURNS_18_NEXT_DAY = iin.make(date(2008, 10, 2), iin.Sex.MALE, 5)


@pytest.fixture
def constituencies(app):
    first = make_constituency(code="T-1")
    second = make_constituency(code="T-2", body=first.body, region=first.region)
    db.session.commit()
    return first, second


def snapshots():
    return db.session.scalars(sa.select(RegisterSnapshot).order_by(RegisterSnapshot.id)).all()


def test_valid_rows_become_the_active_register_with_counts_per_constituency(
    constituencies, tmp_path
):
    first, second = constituencies
    path = write(tmp_path / "r.csv", [row(ADULT), row(ADULT_2, code="T-2"), row(ADULT_3)])

    result = import_register(path, SNAPSHOT)

    assert (result.imported, result.rejected) == (3, 0)
    [snapshot] = snapshots()
    assert snapshot.is_active and snapshot.row_count == 3 and snapshot.snapshot_date == SNAPSHOT
    counts = dict(
        db.session.execute(sa.select(RegisterCount.constituency_id, RegisterCount.voters)).all()
    )
    assert counts == {first.id: 2, second.id: 1}


def test_iin_is_stored_only_as_keyed_hash_and_ciphertext(constituencies, tmp_path):
    import_register(write(tmp_path / "r.csv", [row(ADULT)]), SNAPSHOT)

    voter = db.session.scalar(sa.select(Voter))
    assert voter.iin_hash == vault().lookup_hash(ADULT)
    assert vault().decrypt(voter.iin_encrypted) == ADULT
    raw = db.session.execute(sa.select(Voter.__table__)).one()
    assert not any(
        ADULT in (value.decode("latin-1") if isinstance(value, bytes) else str(value))
        for value in raw
    )


def test_every_bad_row_is_rejected_with_its_reason_and_physical_line(constituencies, tmp_path):
    path = tmp_path / "r.csv"
    path.write_text(
        ",".join(COLUMNS) + "\n"
        f'{ADULT},Testov,Test,,1985-03-14,T-1,101,"Multi-line\naddress"\n'  # lines 2-3, valid
        f",Testov,Test,,1985-03-14,T-1,101,\n"  # 4 missing_field
        f"{ADULT_2},Testov,Test,,1990-13-01,T-1,101,\n"  # 5 bad_date
        "85031430000X,Testov,Test,,1985-03-14,T-1,101,\n"  # 6 iin_format
        "850314300004,Testov,Test,,1985-03-14,T-1,101,\n"  # 7 iin_checksum
        f"{ADULT_2},Testov,Test,,1990-07-02,T-1,101,\n"  # 8 mismatch
        f"{TURNS_18_NEXT_DAY},Testov,Test,,2008-10-02,T-1,101,\n"  # 9 under_18
        f"{ADULT_2},Testov,Test,,1990-07-01,NOPE,101,\n"  # 10 unknown
        f"{ADULT},Again,Test,,1985-03-14,T-1,102,\n"  # 11 duplicate
        "\n"  # 12 blank
        f"{TURNS_18_ON_SNAPSHOT},Testova,Test,,01.10.2008,T-2,201,\n",  # 13 valid
        encoding="utf-8",
    )
    report = tmp_path / "rejects.csv"

    result = import_register(path, SNAPSHOT, report_path=report)

    assert report.read_text().splitlines() == [
        "line,reason",
        "4,missing_field",
        "5,bad_date",
        "6,iin_format",
        "7,iin_checksum",
        "8,iin_birth_date_mismatch",
        "9,under_18",
        "10,unknown_constituency",
        "11,duplicate_iin",
    ]
    assert (result.imported, result.rejected) == (2, 8)
    kept = db.session.scalars(sa.select(Voter.last_name).order_by(Voter.id)).all()
    assert kept == ["Testov", "Testova"]  # the first of the duplicates is kept


def test_semicolons_a_bom_and_dotted_dates_are_understood(constituencies, tmp_path):
    path = write(tmp_path / "r.csv", [row(ADULT, born="14.03.1985")], delimiter=";", bom=True)

    result = import_register(path, SNAPSHOT)

    assert result.imported == 1
    assert db.session.scalar(sa.select(Voter.birth_date)) == date(1985, 3, 14)


def test_importing_the_same_file_twice_changes_nothing(constituencies, tmp_path):
    path = write(tmp_path / "r.csv", [row(ADULT)])
    import_register(path, SNAPSHOT)

    again = import_register(path, SNAPSHOT)

    assert again.already_imported and again.snapshot.id == snapshots()[0].id
    assert len(snapshots()) == 1
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Voter)) == 1


def test_a_new_register_replaces_the_active_one(constituencies, tmp_path):
    import_register(write(tmp_path / "a.csv", [row(ADULT)]), SNAPSHOT)
    import_register(
        write(tmp_path / "b.csv", [row(ADULT), row(ADULT_2), row(ADULT_3)]), date(2027, 1, 1)
    )

    old, new = snapshots()
    assert not old.is_active and new.is_active
    assert new.imported_count == 3


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (f"{ADULT},Testov,Test,,1985-03-14,T-1,101,\n".encode(), "not a header"),
        (b"iin,last_name,first_name\n", "Missing: middle_name"),
        (
            b"iin,last_name,first_name,middle_name,birth_date,constituency_code,polling_station,"
            b"address,extra\n",
            "Unexpected: extra",
        ),
        (b"\xff\xfeiin", "not UTF-8"),
    ],
)
def test_a_malformed_file_is_refused_with_a_clear_message(
    constituencies, tmp_path, content, message
):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)

    with pytest.raises(RegisterFileError, match=message):
        import_register(path, SNAPSHOT)
    assert snapshots() == []


def test_a_file_that_breaks_midway_leaves_the_old_register_in_force(constituencies, tmp_path):
    import_register(write(tmp_path / "a.csv", [row(ADULT)]), SNAPSHOT)
    path = tmp_path / "b.csv"
    path.write_bytes(write(tmp_path / "b0.csv", [row(ADULT_2)]).read_bytes() + b"\xff\xfe,broken\n")

    with pytest.raises(RegisterFileError, match="line 3"):
        import_register(path, date(2027, 1, 1))

    [only] = snapshots()
    assert only.is_active and only.source_name == "a.csv"
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Voter)) == 1


def test_progress_is_reported_up_to_the_file_size(constituencies, tmp_path):
    path = write(tmp_path / "r.csv", [row(ADULT), row(ADULT_2)])
    steps = []

    import_register(path, SNAPSHOT, progress=steps.append)

    assert sum(steps) == path.stat().st_size


def test_the_import_is_audited_without_personal_data(constituencies, tmp_path):
    import_register(
        write(tmp_path / "r.csv", [row(ADULT), row("850314300004")]),
        SNAPSHOT,
        actor_label="cli:tester",
    )

    entry = db.session.scalar(sa.select(AuditEntry))
    assert entry.action == "register.imported" and entry.actor_label == "cli:tester"
    assert entry.details["imported"] == 1 and entry.details["reasons"] == {"iin_checksum": 1}
    assert ADULT not in str(entry.details) and "850314300004" not in str(entry.details)


def test_the_database_allows_only_one_active_register(constituencies, tmp_path):
    import_register(write(tmp_path / "r.csv", [row(ADULT)]), SNAPSHOT)

    db.session.add(
        RegisterSnapshot(
            snapshot_date=SNAPSHOT,
            source_checksum="f" * 64,
            source_name="x",
            row_count=0,
            imported_count=0,
            rejected_count=0,
            is_active=True,
        )
    )
    with pytest.raises(IntegrityError):
        db.session.commit()


def test_a_field_beyond_the_csv_limit_is_a_malformed_row_not_a_crash(constituencies, tmp_path):
    huge = "A" * 200_000
    path = tmp_path / "r.csv"
    path.write_text(
        ",".join(COLUMNS) + "\n"
        f"{ADULT},{huge},Test,,1985-03-14,T-1,101,\n"  # 2: over csv's 131,072 characters
        f'{ADULT_2},Testova,Test,,1990-07-01,T-1,101,"{huge}\n{huge}"\n'  # 3-4: quoted, too
        f"{ADULT_3},Testov,Test,,1961-12-31,T-1,101,\n",  # 5: valid
        encoding="utf-8",
    )
    report = tmp_path / "rejects.csv"

    result = import_register(path, SNAPSHOT, report_path=report)

    assert result.imported == 1
    assert result.reasons == {"malformed_row": result.rejected} and result.rejected >= 2
    assert report.read_text().splitlines()[1] == "2,malformed_row"
    assert db.session.scalar(sa.select(Voter.last_name)) == "Testov"


@pytest.mark.parametrize("value", ["Tes\x00tov", "Tes\x1btov", "Tes\x7ftov", "Tes\x85tov"])
def test_a_control_character_in_a_value_is_a_malformed_row(constituencies, tmp_path, value):
    path = write(tmp_path / "r.csv", [row(ADULT, last=value), row(ADULT_2)])

    result = import_register(path, SNAPSHOT)

    assert (result.imported, list(result.rejects)) == (1, [(2, "malformed_row")])
