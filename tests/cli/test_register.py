import csv
from datetime import date

import flask_babel
import sqlalchemy as sa

from app import iin
from app.extensions import db
from app.models import RegisterSnapshot, Voter
from app.services.register.reader import COLUMNS
from tests.factories import make_constituency
from tests.support.registers import voter_rows


def write(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        writer.writerows(rows)
    return path


def voter_rows_of(count):
    return voter_rows(count, "CLI-1")


def voter_row(born, serial, code="CLI-1"):
    number = iin.make(born, iin.Sex.FEMALE, serial)
    return [number, "Clitova", "Ana", "", born.isoformat(), code, "7", ""]


def test_import_prints_the_summary_and_writes_the_report(app, runner, tmp_path):
    make_constituency(code="CLI-1")
    db.session.commit()
    path = write(
        tmp_path / "r.csv",
        [voter_row(date(1980, 1, 2), 1), voter_row(date(1980, 1, 3), 2, code="ELSEWHERE")],
    )
    report = tmp_path / "rejects.csv"

    result = runner.invoke(
        args=[
            "register",
            "import",
            str(path),
            "--snapshot-date",
            "2026-10-01",
            "--report",
            str(report),
        ]
    )

    assert result.exit_code == 0, result.output
    assert "imported 1, rejected 1" in result.output
    assert report.read_text().splitlines() == ["line,reason", "3,unknown_constituency"]


def test_import_of_a_malformed_file_fails_with_a_message_and_changes_nothing(app, runner, tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("iin;surname\n1;B\n", encoding="utf-8")

    result = runner.invoke(args=["register", "import", str(path), "--snapshot-date", "2026-10-01"])

    assert result.exit_code == 1
    assert "refused, nothing changed" in result.output
    assert "Missing: last_name" in result.output and "Unexpected: surname" in result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(RegisterSnapshot)) == 0


def test_import_needs_a_real_snapshot_date(app, runner, tmp_path):
    path = write(tmp_path / "r.csv", [])

    result = runner.invoke(args=["register", "import", str(path), "--snapshot-date", "01.10.2026"])

    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output


def test_importing_the_same_file_again_says_so(app, runner, tmp_path):
    make_constituency(code="CLI-1")
    db.session.commit()
    path = write(tmp_path / "r.csv", [voter_row(date(1980, 1, 2), 1)])
    args = ["register", "import", str(path), "--snapshot-date", "2026-10-01"]
    runner.invoke(args=args)

    result = runner.invoke(args=args)

    assert result.exit_code == 0 and "already imported" in result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Voter)) == 1


def test_generate_then_import_gives_a_register_without_rejects(app, runner, tmp_path):
    make_constituency(code="GEN-1")
    make_constituency(code="GEN-2")
    db.session.commit()
    path = tmp_path / "synthetic.csv"

    generated = runner.invoke(args=["register", "generate", str(path), "--rows", "250"])
    imported = runner.invoke(
        args=["register", "import", str(path), "--snapshot-date", "2026-10-01"]
    )
    listed = runner.invoke(args=["register", "list"])

    assert generated.exit_code == 0 and "wrote 250 voters" in generated.output
    assert "imported 250, rejected 0" in imported.output
    assert listed.output.startswith("*") and "synthetic.csv" in listed.output


def test_generate_refuses_without_constituencies(app, runner, tmp_path):
    result = runner.invoke(args=["register", "generate", str(tmp_path / "x.csv")])

    assert result.exit_code == 1 and "no constituencies" in result.output


def import_args(path, day="2026-10-01", *extra):
    return ["register", "import", str(path), "--snapshot-date", day, *extra]


def active_id():
    db.session.expire_all()
    return db.session.scalar(sa.select(RegisterSnapshot.id).where(RegisterSnapshot.is_active))


def test_a_shrinking_import_is_refused_with_a_message_unless_allowed(app, runner, tmp_path):
    make_constituency(code="CLI-1")
    db.session.commit()
    runner.invoke(args=import_args(write(tmp_path / "a.csv", voter_rows_of(10))))
    first = active_id()
    shrunk = write(tmp_path / "b.csv", voter_rows_of(3))

    refused = runner.invoke(args=import_args(shrunk, "2027-01-01"))
    allowed = runner.invoke(args=import_args(shrunk, "2027-01-01", "--allow-shrink"))

    assert refused.exit_code == 1
    assert "b.csv refused, nothing changed" in refused.output
    assert "keeps only 3 of the 10 voters" in refused.output and "--allow-shrink" in refused.output
    assert allowed.exit_code == 0 and "imported 3, rejected 0" in allowed.output
    assert active_id() != first


def test_register_activate_returns_to_an_earlier_snapshot(app, runner, tmp_path):
    make_constituency(code="CLI-1")
    db.session.commit()
    runner.invoke(args=import_args(write(tmp_path / "a.csv", voter_rows_of(10))))
    first = active_id()
    runner.invoke(
        args=import_args(
            write(tmp_path / "b.csv", voter_rows_of(2)), "2027-01-01", "--allow-shrink"
        )
    )

    back = runner.invoke(args=["register", "activate", str(first)])
    again = runner.invoke(args=["register", "activate", str(first)])
    missing = runner.invoke(args=["register", "activate", "4242"])

    assert back.exit_code == 0 and f"Snapshot {first} of 2026-10-01 is the active register" in (
        back.output
    )
    assert active_id() == first
    assert again.exit_code == 0 and "already the active register" in again.output
    assert missing.exit_code == 1 and "no register snapshot 4242" in missing.output


def test_the_file_of_an_earlier_register_imported_again_becomes_active(app, runner, tmp_path):
    make_constituency(code="CLI-1")
    db.session.commit()
    first_file = write(tmp_path / "a.csv", voter_rows_of(10))
    runner.invoke(args=import_args(first_file))
    first = active_id()
    runner.invoke(args=import_args(write(tmp_path / "b.csv", voter_rows_of(11)), "2027-01-01"))

    result = runner.invoke(args=import_args(first_file))

    assert result.exit_code == 0 and "the active one again" in result.output
    assert active_id() == first


def test_the_operator_reads_the_guard_in_russian(app, runner, tmp_path):
    make_constituency(code="CLI-1")
    db.session.commit()
    app.config["BABEL_DEFAULT_LOCALE"] = "ru"  # the command line speaks the default language
    flask_babel.refresh()
    empty = write(tmp_path / "empty.csv", [])

    result = runner.invoke(args=import_args(empty))

    assert result.exit_code == 1 and "--allow-shrink" in result.output
    assert "ничего не изменено" in result.output and "no valid voter" not in result.output


def test_stations_loads_the_map_and_refuses_a_bad_one_with_its_line(app, runner, tmp_path):
    constituency = make_constituency(code="CLI-1")
    db.session.commit()
    body = constituency.body.code
    good = tmp_path / "stations.csv"
    good.write_text(f"station,body_code,constituency_code\n7,{body},CLI-1\n", encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text("station,body_code,constituency_code\n7,nobody,CLI-1\n", encoding="utf-8")

    loaded = runner.invoke(args=["register", "stations", str(good)])
    refused = runner.invoke(args=["register", "stations", str(bad)])

    assert loaded.exit_code == 0 and "stations: 1; bodies: 1" in loaded.output
    assert refused.exit_code == 1
    assert "bad.csv refused, nothing changed" in refused.output and "line 2" in refused.output
