"""``flask seed demo``."""

import sqlalchemy as sa

from app.cli.seed import demo_command
from app.demo.constituencies import FICTIONAL_ELECTORATE
from app.demo.people import DEMO_ACCOUNTS
from app.demo.seed import DEFAULT_VOTERS, database_has_regions, seed_demo
from app.extensions import db
from app.models import AuditEntry, Region, User


def count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_voters_option_defaults_to_the_full_demo_register():
    (voters,) = [param for param in demo_command.params if param.name == "voters"]
    assert voters.default == DEFAULT_VOTERS >= 20_000


def test_seed_demo_prints_summary_and_every_demo_credential(runner):
    result = runner.invoke(args=["seed", "demo", "--voters", "300"])

    assert result.exit_code == 0, result.output
    assert "created 20 regions" in result.output
    fictional = sum(FICTIONAL_ELECTORATE.values())  # the fictional wards' voters, on top
    assert f"{300 + fictional:,} voters imported, 0 rejected" in result.output
    for account in DEMO_ACCOUNTS:
        line = next(line for line in result.output.splitlines() if account.email in line)
        assert line.split() == [account.email, account.password, account.role.value]
    assert count(User) == len(DEMO_ACCOUNTS)


def test_seed_demo_twice_says_nothing_changed(runner):
    runner.invoke(args=["seed", "demo", "--voters", "0"])

    result = runner.invoke(args=["seed", "demo", "--voters", "0"])

    assert result.exit_code == 0, result.output
    assert "nothing changed" in result.output
    assert "admin@demo.recall.kz" in result.output


def test_if_empty_skips_a_populated_database(runner):
    seed_demo(voters=0)
    regions, audit_entries = count(Region), count(AuditEntry)

    result = runner.invoke(args=["seed", "demo", "--if-empty", "--voters", "0"])

    assert result.exit_code == 0, result.output
    assert "already has regions" in result.output
    assert "demo-admin-pass" not in result.output
    assert (count(Region), count(AuditEntry)) == (regions, audit_entries)


def test_if_empty_seeds_an_empty_database(runner):
    result = runner.invoke(args=["seed", "demo", "--if-empty", "--voters", "0"])

    assert result.exit_code == 0, result.output
    assert count(Region) == 20
    assert "Voter register: not loaded" in result.output


def test_seed_demo_refuses_production_without_force(app, runner):
    app.config["APP_ENV"] = "production"

    result = runner.invoke(args=["seed", "demo", "--voters", "0"])

    assert result.exit_code == 1 and "production" in result.output
    assert not database_has_regions()
