"""The deputy portal's queries: own public petitions only, counts as the public sees them,
small polling stations merged into one row."""

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from werkzeug.exceptions import NotFound

from app.extensions import db
from app.models import PollingStation, Role, Signature, SignatureStatus
from app.rules.lifecycle import PetitionStatus
from app.services.deputies import queries as deputy_portal
from app.services.deputies.replies import publish_reply
from app.services.law import petition_rules
from tests.factories import (
    make_collecting_petition,
    make_constituency,
    make_petition,
    make_signature,
    make_user,
    make_voter,
)
from tests.support.deputy import (
    OPENED,
    Signers,
    add_signers,
    make_deputy_account,
    petition_with_signers,
    station,
)

NOW = datetime.now(UTC)


def test_a_deputy_lists_every_public_petition_against_them_past_ones_too(app):
    old = make_petition(status=PetitionStatus.INSUFFICIENT)
    petition = make_collecting_petition(deputy=old.deputy, opened_at=OPENED)
    make_signature(petition)
    make_signature(petition, status=SignatureStatus.PENDING)
    make_petition(status=PetitionStatus.FILED)  # someone else's
    account = make_deputy_account(petition)

    rows = deputy_portal.petitions_against(account, NOW)

    assert [row.petition.id for row in rows] == [petition.id, old.id]
    assert rows[0].counts.toward_threshold == 1  # the valid one; the pending one waits
    assert rows[0].status is PetitionStatus.COLLECTING


def test_a_draft_against_the_deputy_is_not_listed(app):
    draft = make_petition(status=PetitionStatus.GROUP_FORMING)

    assert deputy_portal.petitions_against(make_deputy_account(draft), NOW) == []


def test_an_account_without_a_deputy_record_sees_nothing(app):
    petition, _ = petition_with_signers(big=1, small=0)

    assert deputy_portal.petitions_against(make_deputy_account(), NOW) == []
    with pytest.raises(NotFound):
        deputy_portal.petition_for_deputy(make_deputy_account(), petition.id, NOW)


def test_another_deputys_petition_or_a_draft_is_not_found(app):
    petition, _ = petition_with_signers(big=1, small=0)
    draft = make_petition(status=PetitionStatus.DRAFT)
    other = make_deputy_account(make_petition(status=PetitionStatus.FILED))

    for account, wanted in ((other, petition.id), (make_deputy_account(draft), draft.id)):
        with pytest.raises(NotFound):
            deputy_portal.petition_for_deputy(account, wanted, NOW)
    with pytest.raises(NotFound):
        deputy_portal.petition_for_deputy(make_user(role=Role.CITIZEN), petition.id, NOW)


def published(page) -> tuple:
    """The station table as the deputy reads it: shown rows, merged stations and their sum."""
    table = page.stations
    shown = [(row.number, row.count) for row in table.rows]
    return shown, table.merged, table.merged_elsewhere, table.merged_count


def test_a_station_with_three_signers_is_merged_with_the_next_smallest_until_ten(app):
    petition, _ = petition_with_signers(big=12, small=3)
    add_signers(petition, station(petition, "104"), 25, Signers())
    db.session.commit()

    page = deputy_portal.petition_for_deputy(make_deputy_account(petition), petition.id, NOW)

    # 3 + 0 + 0 (and nobody from elsewhere) is under 10: station 101's 12 joins the row, so
    # the total (40) minus the shown 25 leaves 15 that nobody can split.
    assert published(page) == ([("104", 25)], ["101", "102", "103"], True, 15)
    assert page.counts.toward_threshold == 40 and page.stations.total == 40


def test_only_valid_signatures_count_and_a_small_row_takes_the_next_smallest_station(app):
    petition, _ = petition_with_signers(big=15, small=0)
    add_signers(petition, station(petition, "104"), 11, Signers())
    yesterday = OPENED + timedelta(hours=1)
    # No register row: neither the invalid nor the pending one counts toward the threshold.
    make_signature(petition, status=SignatureStatus.INVALID, signed_at=yesterday)
    make_signature(petition, status=SignatureStatus.PENDING, signed_at=yesterday)
    db.session.commit()

    page = deputy_portal.petition_for_deputy(make_deputy_account(petition), petition.id, NOW)

    assert published(page) == ([("101", 15)], ["102", "103", "104"], True, 11)
    assert page.stations.total == 26 == page.counts.toward_threshold


def test_the_station_table_counts_signatures_made_before_today_only(app):
    petition, _ = petition_with_signers(big=12, small=0)
    today = deputy_portal.start_of_day(NOW, petition_rules(petition))
    add_signers(petition, station(petition, "104"), 10, Signers())
    db.session.commit()
    late = db.session.scalars(
        sa.select(Signature).where(Signature.petition_id == petition.id).order_by(Signature.id)
    ).all()[-10:]
    for signature in late:
        signature.signed_at = today  # made today, at midnight
    db.session.commit()

    account = make_deputy_account(petition)
    page = deputy_portal.petition_for_deputy(account, petition.id, NOW)
    tomorrow = deputy_portal.petition_for_deputy(
        account, petition.id, today + timedelta(days=1, minutes=1)
    )

    assert page.stations_as_of == today and page.counts.toward_threshold == 22
    assert (page.stations.total, tomorrow.stations.total) == (12, 22)
    # Before today only station 101 had signers: the whole table is one row, its total.
    assert published(page) == ([], ["101", "102", "103", "104"], True, 12)
    assert published(tomorrow) == ([("101", 12)], ["102", "103", "104"], True, 10)


def test_counts_stations_and_chart_are_hidden_where_the_public_sees_no_running_count(app):
    petition = make_petition(
        status=PetitionStatus.COLLECTING,
        rule_set_code="uk-2015",
        opened_at=NOW - timedelta(days=1),
        closes_at=NOW + timedelta(days=30),
    )
    make_signature(petition)
    db.session.commit()

    account = make_deputy_account(petition)
    page = deputy_portal.petition_for_deputy(account, petition.id, NOW)
    [row] = deputy_portal.petitions_against(account, NOW)

    assert (page.counts, page.per_day, page.stations, row.counts) == (None, None, None, None)


def test_past_its_deadline_a_collecting_petition_reads_closed(app):
    petition, _ = petition_with_signers(big=1, small=0)
    later = petition.closes_at + timedelta(minutes=1)

    page = deputy_portal.petition_for_deputy(make_deputy_account(petition), petition.id, later)

    assert page.status is PetitionStatus.COLLECTION_CLOSED and page.time_left is None


def test_a_station_of_another_constituency_is_never_named_even_with_ten_signers_from_there(app):
    petition, _ = petition_with_signers(big=15, small=7)
    add_signers(petition, station(petition, "104"), 4, Signers())
    elsewhere = make_constituency()
    far = PollingStation(constituency_id=elsewhere.id, number="999")
    db.session.add(far)
    db.session.flush()
    for _n in range(6):
        voter = make_voter(constituency=elsewhere, polling_station_id=far.id)
        make_signature(petition, voter_id=voter.id, signed_at=OPENED + timedelta(hours=1))
    for _n in range(6):  # not matched to the register
        make_signature(petition, signed_at=OPENED)
    db.session.commit()

    page = deputy_portal.petition_for_deputy(make_deputy_account(petition), petition.id, NOW)

    # 6 from station 999 and 6 unmatched, in one cell; 7 + 0 + 4 merged.
    assert published(page) == ([("101", 15), (None, 12)], ["102", "103", "104"], False, 11)
    assert page.stations.total == 15 + 12 + 11


def test_the_cell_for_signers_from_elsewhere_is_listed_when_nobody_from_elsewhere_signed(app):
    petition, _ = petition_with_signers(big=15, small=12)

    page = deputy_portal.petition_for_deputy(make_deputy_account(petition), petition.id, NOW)

    # Always part of the table whatever happened elsewhere: its presence tells nothing.
    assert published(page) == ([("101", 15)], ["102", "103"], True, 12)


def test_the_deputy_helpers_signatures_precede_the_start_of_today_in_every_time_zone(app):
    petition, _ = petition_with_signers(big=3, small=3)

    latest = db.session.scalar(
        sa.select(sa.func.max(Signature.signed_at)).where(Signature.petition_id == petition.id)
    )

    # Local midnight is less than a day ago anywhere; signatures older than that are counted by
    # the station table whatever the hour the tests run at.
    assert latest.replace(tzinfo=UTC) < datetime.now(UTC) - timedelta(days=1)


def test_the_page_holds_every_version_of_the_reply_newest_first(app):
    petition, _ = petition_with_signers(big=1, small=0)
    account = make_deputy_account(petition)
    db.session.commit()
    publish_reply(petition.id, account.id, "First.", now=OPENED + timedelta(days=1))
    publish_reply(petition.id, account.id, "Second.", now=OPENED + timedelta(days=2))

    page = deputy_portal.petition_for_deputy(account, petition.id, NOW)

    assert [(v.version, v.body) for v in page.reply_versions] == [(2, "Second."), (1, "First.")]
