"""``flask seed demo``."""

import sqlalchemy as sa

from app.cli.seed import demo_command
from app.demo.constituencies import FICTIONAL_ELECTORATE
from app.demo.newcomers import NEWCOMERS
from app.demo.people import DEMO_ACCOUNTS
from app.demo.seed import DEFAULT_VOTERS, database_has_regions, seed_demo
from app.extensions import db
from app.latin import to_latin
from app.models import AuditEntry, Region, User
from tests.factories import make_user


def count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_voters_option_defaults_to_the_full_demo_register():
    (voters,) = [param for param in demo_command.params if param.name == "voters"]
    assert voters.default == DEFAULT_VOTERS >= 20_000


def test_seed_demo_prints_summary_and_every_demo_credential(runner):
    result = runner.invoke(args=["seed", "demo", "--voters", "300"])

    assert result.exit_code == 0, result.output
    assert "created 20 regions" in result.output
    # The fictional wards' voters and the voters for newcomers come on top.
    fictional = sum(FICTIONAL_ELECTORATE.values()) + len(NEWCOMERS)
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


def test_seed_accounts_prints_the_accounts_the_newcomers_and_the_url_once_the_demo_is_loaded(
    runner,
):
    assert runner.invoke(args=["seed", "accounts"]).output == ""
    seed_demo(voters=300)

    result = runner.invoke(args=["seed", "accounts", "--url", "http://127.0.0.1:5123"])

    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:5123" in result.output
    for account in DEMO_ACCOUNTS:
        assert f"{account.email}  " in result.output
    for person in NEWCOMERS:
        line = next(line for line in result.output.splitlines() if person.iin in line)
        assert line.split() == [
            person.iin,
            person.last_name,
            f"({to_latin(person.last_name)})",
            person.birth_date.isoformat(),
            person.constituency_code,
        ]


def test_seed_reset_asks_first_and_a_no_changes_nothing(runner):
    seed_demo(voters=0)
    db.session.execute(sa.delete(User).where(User.email == DEMO_ACCOUNTS[0].email))
    db.session.commit()

    result = runner.invoke(args=["seed", "reset", "--voters", "0"], input="n\n")

    assert result.exit_code == 1
    assert count(User) == len(DEMO_ACCOUNTS) - 1


def test_seed_reset_empties_the_database_and_loads_the_demo_again(runner):
    seed_demo(voters=0)
    make_user(email="someone@example.org")
    db.session.commit()

    result = runner.invoke(args=["seed", "reset", "--voters", "0", "--yes"])

    assert result.exit_code == 0, result.output
    db.session.remove()
    emails = set(db.session.scalars(sa.select(User.email)))
    assert emails == {account.email for account in DEMO_ACCOUNTS}
    assert count(Region) == 20


def test_seed_reset_is_refused_in_production_without_force(runner, app):
    app.config["APP_ENV"] = "production"
    seed_demo(voters=0)

    result = runner.invoke(args=["seed", "reset", "--yes", "--voters", "0"])

    assert result.exit_code == 1
    assert "production" in result.output
    assert count(User) == len(DEMO_ACCOUNTS)
