"""The audit log page and the ``audit verify`` command: the chain's state comes first."""

import re

import pytest

from app.extensions import db
from app.models import Role
from app.services.audit import chain as audit
from tests.factories import make_petition
from tests.support.audit import behind_the_triggers_back


def steps(page: str) -> list[int]:
    """The numbers of the entries listed on the page, in order (each entry's details cell)."""
    return [int(n) for n in re.findall(r">step (\d+)</code></td>", page)]


@pytest.fixture
def entries(app):
    for n in range(1, 61):
        action = "petition.status_changed" if n % 2 else "signature.reviewed"
        object_type = "petition" if n % 2 else "signature"
        audit.record(action, object_type, n, actor_label="cli", details={"reason": f"step {n}"})
    db.session.commit()


def test_an_admin_sees_an_intact_chain_and_the_newest_entries_first(client, entries, auth):
    auth.sign_in_new(Role.ADMIN)

    page = client.get("/commission/audit").get_data(as_text=True)

    assert "The chain is intact" in page and "All 60 entries were checked" in page
    assert steps(page) == list(range(60, 10, -1))  # 50 per page, newest first
    assert "page 1 of 2" in page


def test_an_officer_sees_the_whole_chain_checked_but_only_their_petitions_entries(
    client, app, auth
):
    mine, theirs = make_petition(), make_petition()
    db.session.commit()
    for petition, label in ((mine, "mine"), (theirs, "theirs")):
        audit.record("petition.status_changed", "petition", petition.id, details={"reason": label})
        audit.record(
            "signature.reviewed",
            "signature",
            1000 + petition.id,
            details={"petition_id": petition.id, "reason": f"{label} signature"},
        )
    db.session.commit()
    auth.sign_in_new(Role.COMMISSION, petition=mine)

    page = client.get("/commission/audit").get_data(as_text=True)

    assert "All 4 entries were checked" in page
    assert "mine" in page and "mine signature" in page
    assert "theirs" not in page


def test_the_log_of_one_petition_includes_its_signatures_entries(client, app, auth):
    petition = make_petition()
    db.session.commit()
    audit.record("petition.status_changed", "petition", petition.id, details={"reason": "step 1"})
    audit.record(
        "signature.reviewed",
        "signature",
        7,
        details={"petition_id": petition.id, "reason": "step 2"},
    )
    audit.record(
        "signature.reviewed", "signature", 8, details={"petition_id": 0, "reason": "step 3"}
    )
    db.session.commit()
    auth.sign_in_new(Role.ADMIN)

    page = client.get(f"/commission/audit?object_type=petition&object_id={petition.id}")

    text = page.get_data(as_text=True)
    assert "step 1" in text and "step 2" in text and "step 3" not in text


def test_the_second_page_holds_the_older_entries(client, entries, auth):
    auth.sign_in_new(Role.ADMIN)

    page = client.get("/commission/audit?page=2").get_data(as_text=True)

    assert steps(page) == list(range(10, 0, -1))
    assert "Newer entries" in page and "Older entries" not in page


def test_filters_keep_only_the_matching_entries(client, entries, auth):
    auth.sign_in_new(Role.ADMIN)

    page = client.get(
        "/commission/audit?action=signature.reviewed&object_type=signature&object_id=42"
    ).get_data(as_text=True)

    assert steps(page) == [42]


def test_a_tampered_row_is_shown_as_the_first_break(client, entries, auth):
    behind_the_triggers_back("UPDATE audit_log SET action = 'forged' WHERE seq = 17")
    auth.sign_in_new(Role.COMMISSION)

    page = client.get("/commission/audit").get_data(as_text=True)

    assert "The chain is broken at entry № 17" in page and "Altered" in page
    assert "16 entries before it are intact" in page


def test_a_deleted_row_is_shown_as_missing(client, entries, auth):
    behind_the_triggers_back("DELETE FROM audit_log WHERE seq = 5")
    auth.sign_in_new(Role.ADMIN)

    page = client.get("/commission/audit").get_data(as_text=True)

    assert "The chain is broken at entry № 5" in page and "Missing" in page


@pytest.mark.parametrize("role", [Role.CITIZEN, Role.DEPUTY])
def test_other_roles_are_refused(client, role, auth):
    auth.sign_in_new(role)
    assert client.get("/commission/audit").status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get("/commission/audit")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_the_command_reports_an_intact_chain(runner, entries):
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 0 and "intact: 60 entries" in result.output


def test_the_command_fails_and_names_the_break(runner, entries):
    behind_the_triggers_back(f"UPDATE audit_log SET prev_hash = '{'0' * 64}' WHERE seq = 9")

    result = runner.invoke(args=["audit", "verify"])

    assert result.exit_code == 1 and "BROKEN at seq 9: relinked" in result.output


def test_every_audit_action_written_by_the_app_has_a_label():
    from pathlib import Path

    from app.labels import AUDIT_ACTION

    source = "\n".join(p.read_text() for p in Path("app").rglob("*.py"))
    # An action code is the first argument of audit.record(...), possibly on its own line.
    written = set(re.findall(r'record\(\s*"([a-z_]+\.[a-z_]+)"', source))
    written |= set(re.findall(r'^\s+"([a-z_]+\.[a-z_]+)",\n\s+"[a-z_]+",\n', source, re.M))

    assert "pause.started" in written  # the scan finds codes written on their own line too
    assert written - set(AUDIT_ACTION) == set()


@pytest.mark.parametrize(
    "query",
    [
        "page=99999999999999999999",
        "page=-5",
        "object_type=petition&object_id=99999999999999999999",
        "object_type=petition&object_id=%C2%B2",  # a superscript two: a digit, not a number
        "object_type=petition&object_id=+",
        "action=%00&object_type=+",
    ],
)
def test_odd_filters_and_pages_answer_the_log_not_a_500(client, entries, query, auth):
    auth.sign_in_new(Role.ADMIN)

    response = client.get(f"/commission/audit?{query}")

    assert response.status_code == 200
