"""The deputy's formal reply: one per petition, each edit a new version, races refused."""

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import AuditEntry, DeputyReply, PetitionEvent, Role
from app.models.reply import REPLY_MAX_CHARS
from app.rules.lifecycle import PetitionStatus
from app.services.deputies import replies
from app.services.deputies.replies import ReplyError, current_reply, publish_reply, reply_versions
from tests.factories import make_petition, make_user
from tests.support.deputy import make_deputy_account

NOW = datetime(2026, 12, 20, 9, tzinfo=UTC)


@pytest.fixture
def petition(app):
    return make_petition(status=PetitionStatus.FILED, filed_at=NOW - timedelta(days=2))


@pytest.fixture
def deputy(petition):
    account = make_deputy_account(petition)
    db.session.commit()
    return account


def versions_in_database(petition) -> list[tuple[int, str]]:
    return db.session.execute(
        sa.select(DeputyReply.version, DeputyReply.body)
        .where(DeputyReply.petition_id == petition.id)
        .order_by(DeputyReply.version)
    ).all()


def test_each_edit_is_a_new_version_and_the_latest_is_current(petition, deputy):
    publish_reply(petition.id, deputy.id, "  First answer.  ", now=NOW)
    publish_reply(petition.id, deputy.id, "Second answer.", now=NOW + timedelta(hours=1))

    assert versions_in_database(petition) == [(1, "First answer."), (2, "Second answer.")]
    assert current_reply(petition.id).body == "Second answer."
    assert [reply.version for reply in reply_versions(petition.id)] == [2, 1]
    assert reply_versions(petition.id)[0].published_at == NOW + timedelta(hours=1)


def test_a_publication_is_audited_and_recorded_as_an_event(petition, deputy):
    publish_reply(petition.id, deputy.id, "First answer.", now=NOW)
    publish_reply(petition.id, deputy.id, "Second answer.", now=NOW)

    entries = db.session.scalars(
        sa.select(AuditEntry).where(AuditEntry.action == "reply.published").order_by(AuditEntry.id)
    ).all()
    assert [(e.details["before"], e.details["after"]["version"]) for e in entries] == [
        (None, 1),
        ({"version": 1}, 2),
    ]
    assert all(e.actor_id == deputy.id and e.object_id == str(petition.id) for e in entries)
    events = db.session.scalars(
        sa.select(PetitionEvent.detail).where(PetitionEvent.kind == "reply_published")
    ).all()
    assert sorted(events) == ["version:1", "version:2"]


@pytest.mark.parametrize(
    "body",
    ["", "   \n ", "x" * (REPLY_MAX_CHARS + 1), "ab\x00cd"],
    ids=["empty", "blank", "too-long", "nul"],
)
def test_an_empty_too_long_or_binary_reply_is_refused_and_changes_nothing(petition, deputy, body):
    publish_reply(petition.id, deputy.id, "First answer.", now=NOW)

    with pytest.raises(ReplyError):
        publish_reply(petition.id, deputy.id, body, now=NOW)

    assert versions_in_database(petition) == [(1, "First answer.")]


def test_a_reply_of_exactly_the_maximum_length_is_accepted(petition, deputy):
    publish_reply(petition.id, deputy.id, "y" * REPLY_MAX_CHARS, now=NOW)

    assert current_reply(petition.id).version == 1


def test_line_ends_are_unified_so_a_browser_resubmitting_the_text_changes_nothing(petition, deputy):
    publish_reply(petition.id, deputy.id, "Line one.\r\nLine two.", now=NOW)

    assert current_reply(petition.id).body == "Line one.\nLine two."
    with pytest.raises(ReplyError, match="already published"):
        publish_reply(petition.id, deputy.id, "Line one.\nLine two.", now=NOW)


def test_an_edit_identical_to_the_current_version_is_refused(petition, deputy):
    publish_reply(petition.id, deputy.id, "Same words.", now=NOW)

    with pytest.raises(ReplyError, match="already published"):
        publish_reply(petition.id, deputy.id, "  Same words.\n", now=NOW)

    assert versions_in_database(petition) == [(1, "Same words.")]


def test_an_edit_made_over_an_older_version_is_refused(petition, deputy):
    publish_reply(petition.id, deputy.id, "First.", now=NOW)
    publish_reply(petition.id, deputy.id, "Second, from another tab.", now=NOW)

    with pytest.raises(ReplyError, match="at the same time"):
        publish_reply(petition.id, deputy.id, "Edited from the first.", now=NOW, expected_version=1)

    assert len(versions_in_database(petition)) == 2


def test_two_edits_racing_for_the_same_version_leave_one_and_a_clear_error(
    petition, deputy, monkeypatch
):
    """The second writer read the state before the first one's version was saved: the unique
    (petition, version) key refuses its insert, and the error asks to reload."""
    publish_reply(petition.id, deputy.id, "First.", now=NOW)
    monkeypatch.setattr(replies, "_latest", lambda petition_id: None)  # the stale read

    with pytest.raises(ReplyError, match="at the same time"):
        publish_reply(petition.id, deputy.id, "Racing edit.", now=NOW)

    assert versions_in_database(petition) == [(1, "First.")]
    assert (
        db.session.scalar(
            sa.select(sa.func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.action == "reply.published")
        )
        == 1
    )


def test_only_the_deputy_concerned_may_reply(petition, deputy):
    other = make_deputy_account(make_petition(status=PetitionStatus.FILED))
    unlinked = make_deputy_account()
    citizen = make_user(role=Role.CITIZEN)
    admin = make_user(role=Role.ADMIN)
    db.session.commit()

    for user in (other, unlinked, citizen, admin):
        with pytest.raises(ReplyError, match="Only the deputy"):
            publish_reply(petition.id, user.id, "Not mine to say.", now=NOW)
    with pytest.raises(ReplyError):
        publish_reply(999_999, deputy.id, "No such petition.", now=NOW)

    assert versions_in_database(petition) == []


def test_no_reply_before_the_petition_is_public(app):
    draft = make_petition(status=PetitionStatus.GROUP_FORMING)
    account = make_deputy_account(draft)
    db.session.commit()

    with pytest.raises(ReplyError):
        publish_reply(draft.id, account.id, "Too early.", now=NOW)

    assert current_reply(draft.id) is None and reply_versions(draft.id) == []


def test_a_deactivated_deputy_account_may_not_reply(petition, deputy):
    deputy.active = False
    db.session.commit()

    with pytest.raises(ReplyError):
        publish_reply(petition.id, deputy.id, "Still here?", now=NOW)


def test_whether_the_user_speaks_for_the_deputy_is_checked_before_the_text(petition, deputy):
    other = make_deputy_account(make_petition(status=PetitionStatus.FILED))
    db.session.commit()

    # An empty text from the wrong deputy: refused as not theirs (the portal's 404), not as empty.
    for petition_id, user_id in ((petition.id, other.id), (999_999, deputy.id)):
        with pytest.raises(replies.NotTheDeputy):
            publish_reply(petition_id, user_id, "   ", now=NOW)

    assert versions_in_database(petition) == []
