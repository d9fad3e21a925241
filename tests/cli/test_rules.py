from datetime import UTC, date, datetime

from app.extensions import db
from app.models import Role
from app.services.rule_versions.commands import confirm_version, propose_version
from tests.factories import make_user


def test_rules_show_prints_each_value_with_its_source(runner):
    result = runner.invoke(args=["rules", "show", "kz-mazhilis-2023"])

    assert result.exit_code == 0, result.output
    assert "kz-mazhilis-2023 version 1: from 2022-11-05, until 2026-07-01" in result.output
    assert "initiative_group_min = 10 [not confirmed]" in result.output
    assert "[Elections Law, Art. 113-16(3)-(4)]" in result.output


def test_rules_diff_prints_what_a_confirmed_version_changed(app, runner):
    first, second = make_user(role=Role.ADMIN), make_user(role=Role.ADMIN)
    db.session.commit()
    change = {
        "name": "initiative_group_min",
        "value": "15",
        "confirmed": True,
        "law": "Elections Law",
        "article": "Art. 113-13(1)",
    }
    now = datetime(2026, 12, 3, tzinfo=UTC)
    row = propose_version(
        "kz-maslikhat-2023",
        [change],
        valid_from=date(2027, 1, 1),
        admin_id=first.id,
        comment="Official text",
        now=now,
    )
    confirm_version(row.id, second.id, now=now)

    result = runner.invoke(args=["rules", "diff", "kz-maslikhat-2023"])

    assert result.exit_code == 0, result.output
    assert "version 1 -> 2 (from 2027-01-01):" in result.output
    assert (
        "initiative_group_min: 10 [not confirmed] -> 15 [Elections Law, Art. 113-13(1)]"
        in result.output
    )
    assert "threshold" not in result.output


def test_an_unknown_rule_set_exits_2(runner):
    assert runner.invoke(args=["rules", "show", "xx-none"]).exit_code == 2
