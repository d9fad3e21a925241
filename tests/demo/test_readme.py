"""What the README says about the demo is what ``seed demo`` loads and what the clock then does.

Each test reads its figures out of the README's own sentences (``tests.support.readme``), so a
README edit that drifts from the data, or a data change the README does not follow, fails here.
Figures that need the full 20,000-voter register are compared with the data set's constants.
"""

import re
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from app.demo import commission_cases, constituencies, people, petitions, rule_cases
from app.demo.newcomers import NEWCOMERS
from app.demo.seed import DEFAULT_VOTERS
from app.extensions import db
from app.models import OutboxMessage, Petition, PetitionEvent, Region
from app.rules.lifecycle import PetitionStatus
from app.services.audit.queries import demo_tour
from app.services.clock import tick
from app.services.petitions.counts import exact_counts_for
from tests.support.readme import table_after, text

NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
WORDS = {"five": 5, "three": 3, "forty": 40, "four": 4, "nine": 9, "two": 2}


def said(pattern: str) -> tuple[str, ...]:
    """The groups of the README's one sentence matching ``pattern`` (spaces match line ends)."""
    found = re.findall(pattern.replace(" ", r"\s+"), text())
    assert len(found) == 1, (pattern, found)
    return found[0] if isinstance(found[0], tuple) else (found[0],)


def number(word: str) -> int:
    return WORDS[word] if word in WORDS else int(word.replace(",", ""))


def test_the_readme_accounts_table_is_the_demo_accounts():
    rows = table_after("## Demo accounts")
    listed = [(row["email"], row["password"], row["role"].split()[0].rstrip(",")) for row in rows]
    expected = [(a.email, a.password, a.role.value) for a in people.DEMO_ACCOUNTS]
    assert listed == expected


def test_the_readme_figures_of_the_register_and_the_fictional_wards_are_the_data_sets():
    (voters,) = said(r"a synthetic register of ([\d,]+) voters")
    assert number(voters) == DEFAULT_VOTERS
    ca, uk = said(r"ward DEMO-CA-01, ([\d,]+) voters\).*?ward DEMO-UK-01, ([\d,]+) voters")
    assert {"DEMO-CA-01": number(ca), "DEMO-UK-01": number(uk)} == (
        constituencies.FICTIONAL_ELECTORATE
    )
    on_top, five = said(
        r"their ([\d,]+) voters and the (\w+) demo voters for newcomers come on top"
    )
    assert number(on_top) == sum(constituencies.FICTIONAL_ELECTORATE.values())
    assert number(five) == len(NEWCOMERS)
    (signers,) = said(r"constituency No\. 1 .*?; (\w+) voters have signed it")
    assert number(signers) == petitions.SIGNERS


def test_the_readme_figures_of_the_rule_engine_petitions_are_the_data_sets():
    total, valid, outsiders, duplicates = said(
        r"with (\d+) signatures \((\d+) valid, (\d+) from voters of another constituency, "
        r"(\d+) paper"
    )
    assert number(valid) == rule_cases.CA_SIGNERS
    assert number(outsiders) == rule_cases.CA_OUTSIDERS
    assert number(duplicates) == rule_cases.CA_DUPLICATES
    assert number(total) == number(valid) + number(outsiders) + number(duplicates)
    uk_valid, uk_required = said(r"\((\d+) valid of (\d+) required\)")
    assert number(uk_valid) == rule_cases.UK_SIGNERS
    assert number(uk_required) * 10 == constituencies.FICTIONAL_ELECTORATE["DEMO-UK-01"]
    (rejected,) = said(r"rejected (\w+) signatures of voters from another constituency")
    assert number(rejected) == rule_cases.UK_OUTSIDERS


@pytest.mark.seeded(voters=300, now=NOW)
def test_the_petitions_the_readme_numbers_are_in_the_states_it_gives(app):
    tour = demo_tour()
    regions, cities = said(r"all (\d+) regions and (\d) cities")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Region)) == (
        number(regions) + number(cities)
    )

    # The README calls them No. 1 to No. 4: on a fresh database those are their ids.
    assert [tour[part] for part in ("collecting", "filed", "closed", "vote")] == [1, 2, 3, 4]
    states = {petition.id: petition.status for petition in db.session.scalars(sa.select(Petition))}
    assert states[1] is PetitionStatus.COLLECTING
    (filed_days,) = said(r"No\. 2 was filed (\w+) days ago")
    filed = db.session.get(Petition, 2)
    assert states[2] is PetitionStatus.FILED
    assert filed.filed_at.astimezone(UTC) == NOW - timedelta(days=number(filed_days))
    closed_days, closed_signatures, flagged = said(
        r"No\. 3 closed its collection (\w+) days ago with (\d+) signatures, (\w+) of them flagged"
    )
    assert states[3] is PetitionStatus.COLLECTION_CLOSED
    # 60 signers need the full register; the 300 voters here give fewer, the flagged ones all.
    assert number(closed_signatures) == commission_cases.CLOSED_SIGNERS
    assert exact_counts_for([3], NOW)[3].pending == number(flagged) == commission_cases.FLAGGED
    closed = db.session.get(Petition, 3)
    assert (NOW - closed.closed_at.astimezone(UTC)).days == number(closed_days)
    assert states[4] is PetitionStatus.VOTE_SCHEDULED
    assert states[tour["sampling"]] is PetitionStatus.VERIFICATION
    assert states[tour["vacating"]] is PetitionStatus.VERIFICATION


#: A Monday, four days after petition No. 2 was filed on a Thursday: its registration decision
#: is 3 working days away. A Friday, filed on a Monday: 1 working day away ("due soon").
MONDAY = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
FRIDAY = datetime(2026, 11, 6, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "now, due_soon",
    [
        pytest.param(MONDAY, False, marks=pytest.mark.seeded(voters=300, now=MONDAY)),
        pytest.param(FRIDAY, True, marks=pytest.mark.seeded(voters=300, now=FRIDAY)),
    ],
)
def test_the_first_tick_mails_only_what_the_readme_says(app, now, due_soon):
    """ "The demo's back story is not mailed"; the first tick tells the Karaganda officers that
    petition No. 2's decision is due when it is within two working days, and nothing else."""
    (working_days,) = said(r"when it comes within (\w+) working days of its deadline")
    assert number(working_days) == 2

    tick(now + timedelta(minutes=1))

    mailed_events = db.session.execute(
        sa.select(PetitionEvent.petition_id, PetitionEvent.kind).where(
            PetitionEvent.id.in_(sa.select(OutboxMessage.event_id))
        )
    ).all()
    assert set(mailed_events) == ({(2, "task_due_soon")} if due_soon else set())
    karaganda = {a.email for a in people.DEMO_ACCOUNTS if a.region_code == "karaganda"}
    admins = {a.email for a in people.DEMO_ACCOUNTS if a.role.value == "admin"}
    mailed = set(db.session.scalars(sa.select(OutboxMessage.to_address)))
    if due_soon:
        assert karaganda <= mailed <= karaganda | admins
    else:
        assert mailed == set()
