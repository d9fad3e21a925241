"""Keying a paper sheet twice, blind, resolving differences, and accepting its signatures."""

from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from app import iin as iin_rules
from app.crypto import vault
from app.extensions import db
from app.models import (
    AuditEntry,
    Channel,
    KeyingRound,
    PaperKeying,
    PaperLine,
    PaperSheet,
    SheetStatus,
    Signature,
    SignatureStatus,
)
from app.rules.checks import Check, ReviewReason, suggested_reason
from app.services.paper.batches import PaperError
from app.services.paper.keying import KeyedLine, key_sheet, resolve_sheet
from app.services.paper.queries import accepted_lines, mismatch_rows
from app.services.signing.commands import fetch_user_signatures
from tests.factories import make_officer, make_signature, make_user
from tests.support.paper import (
    NOW,
    SIGNED_ON,
    batch_of,
    line_of,
    paper_petition,
    signer,
)


@pytest.fixture
def setup(app):
    petition, first, second = paper_petition()
    batch_of(petition, first, first_sheet=1, last_sheet=2)
    sheet = db.session.scalar(
        sa.select(PaperSheet).where(PaperSheet.petition_id == petition.id, PaperSheet.number == 1)
    )
    return petition, sheet, first, second


def signatures(petition):
    return db.session.scalars(
        sa.select(Signature).where(Signature.petition_id == petition.id).order_by(Signature.id)
    ).all()


def status_of(sheet):
    db.session.expire_all()
    return db.session.get(PaperSheet, sheet.id).status


def test_the_first_keying_stores_the_lines_and_waits_for_a_second(setup):
    petition, sheet, first, _ = setup
    voter = signer(petition)

    result = key_sheet(petition.id, sheet.id, first.id, [line_of(1, voter)], now=NOW)

    assert result.round is KeyingRound.FIRST and status_of(sheet) is SheetStatus.KEYED_ONCE
    [line] = db.session.scalars(sa.select(PaperLine)).all()
    assert line.iin_hash == vault().lookup_hash(voter.iin)
    assert vault().decrypt(line.iin_encrypted) == voter.iin
    assert signatures(petition) == []  # a sheet counts only once accepted


def test_the_same_officer_cannot_key_both_rounds(setup):
    petition, sheet, first, _ = setup
    voter = signer(petition)
    key_sheet(petition.id, sheet.id, first.id, [line_of(1, voter)], now=NOW)

    with pytest.raises(PaperError, match="another officer must key it"):
        key_sheet(petition.id, sheet.id, first.id, [line_of(1, voter)], now=NOW)

    assert status_of(sheet) is SheetStatus.KEYED_ONCE
    assert db.session.scalar(sa.select(sa.func.count()).select_from(PaperKeying)) == 1


def test_the_database_refuses_one_officer_in_both_blind_rounds(setup):
    petition, sheet, first, _ = setup
    db.session.add(PaperKeying(sheet_id=sheet.id, round=1, officer_id=first.id, keyed_at=NOW))
    db.session.flush()
    db.session.add(PaperKeying(sheet_id=sheet.id, round=2, officer_id=first.id, keyed_at=NOW))

    with pytest.raises(sa.exc.IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_two_agreeing_keyings_accept_the_sheet_and_record_checked_signatures(setup):
    petition, sheet, first, second = setup
    aliya, bolat = signer(petition), signer(petition)
    lines = [line_of(1, aliya), line_of(2, bolat)]
    key_sheet(petition.id, sheet.id, first.id, lines, now=NOW)

    result = key_sheet(petition.id, sheet.id, second.id, lines, now=NOW)

    assert result.status is SheetStatus.ACCEPTED and result.mismatches == []
    one, two = signatures(petition)
    assert one.channel is Channel.PAPER and one.status is SignatureStatus.VALID
    assert one.signer_hash == aliya.iin_hash and one.voter_id == aliya.id
    assert vault().decrypt(one.iin_encrypted) == aliya.iin
    assert one.signed_at == datetime(2026, 12, 15, 7, tzinfo=UTC)  # noon in Almaty
    assert one.checked_at == NOW and one.checked_snapshot_id == aliya.snapshot_id
    assert one.paper_line_id is not None and one.receipt_code
    assert two.signer_hash == bolat.iin_hash
    accepted = db.session.scalar(
        sa.select(AuditEntry).where(AuditEntry.action == "paper.sheet_accepted")
    )
    assert accepted.details["signatures"] == 2 and accepted.actor_id == second.id


def test_a_paper_signature_runs_the_automatic_checks(setup):
    petition, sheet, first, second = setup
    voter = signer(petition)
    lines = [line_of(1, voter, signed_on=date(2027, 2, 1))]  # after collection closed
    key_sheet(petition.id, sheet.id, first.id, lines, now=NOW)
    key_sheet(petition.id, sheet.id, second.id, lines, now=NOW)

    [signature] = signatures(petition)
    assert signature.status is SignatureStatus.PENDING
    assert signature.failed_checks == Check.IN_PERIOD


def test_a_person_not_on_the_register_is_recorded_but_goes_to_review(setup):
    petition, sheet, first, second = setup
    iin = iin_rules.make(date(1990, 5, 17), iin_rules.Sex.MALE, 9_871)
    stranger = KeyedLine(1, iin, "Stranger", "Sam", date(1990, 5, 17), SIGNED_ON)
    key_sheet(petition.id, sheet.id, first.id, [stranger], now=NOW)
    key_sheet(petition.id, sheet.id, second.id, [stranger], now=NOW)

    [signature] = signatures(petition)
    assert signature.status is SignatureStatus.PENDING and signature.voter_id is None
    assert signature.failed_checks & Check.ON_REGISTER


def test_a_real_voters_iin_beside_another_name_goes_to_review_as_identity_disputed(setup):
    petition, sheet, first, second = setup
    voter, namesake = signer(petition), signer(petition, last_name="Королёва", first_name="Семён")
    lines = [
        line_of(1, voter, last_name="Someoneelse"),  # a valid IIN copied beside another name
        line_of(2, namesake, last_name="  КОРОЛЕВА ", first_name="семен"),
    ]
    key_sheet(petition.id, sheet.id, first.id, lines, now=NOW)
    key_sheet(petition.id, sheet.id, second.id, lines, now=NOW)

    disputed, matching = signatures(petition)
    assert disputed.status is SignatureStatus.PENDING and disputed.voter_id == voter.id
    assert disputed.failed_checks == Check.IDENTITY
    assert suggested_reason(disputed.failed_checks) is ReviewReason.IDENTITY_DISPUTED
    assert matching.status is SignatureStatus.VALID and matching.failed_checks == 0


def test_a_wrong_birth_date_beside_a_real_voters_iin_fails_the_identity_check(setup):
    petition, sheet, first, second = setup
    voter = signer(petition)
    lines = [line_of(1, voter, birth_date=date(1955, 3, 3))]
    key_sheet(petition.id, sheet.id, first.id, lines, now=NOW)
    key_sheet(petition.id, sheet.id, second.id, lines, now=NOW)

    [signature] = signatures(petition)
    assert signature.status is SignatureStatus.PENDING
    assert signature.failed_checks == Check.IDENTITY


def test_differing_keyings_list_the_mismatches_and_count_nothing(setup):
    petition, sheet, first, second = setup
    aliya, bolat = signer(petition), signer(petition)
    key_sheet(petition.id, sheet.id, first.id, [line_of(1, aliya), line_of(2, bolat)], now=NOW)

    result = key_sheet(
        petition.id,
        sheet.id,
        second.id,
        [line_of(1, aliya, first_name="Alia"), line_of(2, bolat), line_of(3, aliya)],
        now=NOW,
    )

    assert result.status is SheetStatus.MISMATCHED
    assert [(m.line_number, m.fields, m.only_in) for m in result.mismatches] == [
        (1, ("first_name",), None),
        (3, ("iin", "last_name", "first_name", "birth_date", "signed_on"), 2),
    ]
    rows = mismatch_rows(sheet.id)
    assert rows[0].first.first_name == aliya.first_name and rows[0].second.first_name == "Alia"
    assert rows[0].first.iin == aliya.iin  # full IINs for the officers comparing them
    assert rows[1].first.iin is None and rows[1].second.iin == aliya.iin
    assert signatures(petition) == []


def test_a_resolution_settles_the_mismatches_and_accepts_the_sheet(setup):
    petition, sheet, first, second = setup
    aliya, bolat = signer(petition), signer(petition)
    key_sheet(petition.id, sheet.id, first.id, [line_of(1, aliya), line_of(2, bolat)], now=NOW)
    key_sheet(
        petition.id,
        sheet.id,
        second.id,
        [line_of(1, aliya, first_name="Alia"), line_of(2, bolat), line_of(3, aliya)],
        now=NOW,
    )
    third = make_officer(bodies=[petition.constituency.body])
    db.session.commit()

    resolve_sheet(petition.id, sheet.id, third.id, [line_of(1, aliya), KeyedLine(3)], now=NOW)

    assert status_of(sheet) is SheetStatus.ACCEPTED
    assert [s.signer_hash for s in signatures(petition)] == [aliya.iin_hash, bolat.iin_hash]
    resolution = db.session.scalar(
        sa.select(PaperKeying).where(PaperKeying.round == KeyingRound.RESOLUTION)
    )
    assert resolution.officer_id == third.id
    shown = accepted_lines(sheet.id)
    assert [item.line.line_number for item in shown] == [1, 2, 3]
    assert shown[0].line.iin.endswith(aliya.iin[-1]) and aliya.iin not in shown[0].line.iin
    assert shown[2].signature is None  # line 3 is blank: no signature on it


def test_a_resolution_must_cover_exactly_the_mismatched_lines(setup):
    petition, sheet, first, second = setup
    aliya = signer(petition)
    key_sheet(petition.id, sheet.id, first.id, [line_of(1, aliya)], now=NOW)
    key_sheet(petition.id, sheet.id, second.id, [line_of(1, aliya, last_name="X")], now=NOW)

    with pytest.raises(PaperError, match="exactly the lines"):
        resolve_sheet(petition.id, sheet.id, first.id, [line_of(2, aliya)], now=NOW)

    assert status_of(sheet) is SheetStatus.MISMATCHED


def test_paper_and_online_signatures_of_one_person_count_once(setup):
    petition, sheet, first, second = setup
    voter = signer(petition)
    online = make_signature(petition, signer_hash=voter.iin_hash, voter_id=voter.id)
    db.session.commit()
    lines = [line_of(1, voter)]
    key_sheet(petition.id, sheet.id, first.id, lines, now=NOW)
    key_sheet(petition.id, sheet.id, second.id, lines, now=NOW)

    _, paper = signatures(petition)
    assert paper.duplicate_of_id == online.id
    assert paper.status is SignatureStatus.INVALID
    assert paper.invalid_reason == ReviewReason.DUPLICATE
    assert db.session.get(Signature, online.id).status is SignatureStatus.VALID


def test_the_same_person_on_two_sheets_counts_once(setup):
    petition, sheet, first, second = setup
    voter = signer(petition)
    other = db.session.scalar(
        sa.select(PaperSheet).where(PaperSheet.petition_id == petition.id, PaperSheet.number == 2)
    )
    for each in (sheet, other):
        key_sheet(petition.id, each.id, first.id, [line_of(4, voter)], now=NOW)
        key_sheet(petition.id, each.id, second.id, [line_of(4, voter)], now=NOW)

    earlier, later = signatures(petition)
    assert earlier.status is SignatureStatus.VALID
    assert later.duplicate_of_id == earlier.id and later.status is SignatureStatus.INVALID


def test_an_incomplete_line_is_kept_but_makes_no_signature(setup):
    petition, sheet, first, second = setup
    aliya, bolat = signer(petition), signer(petition)
    lines = [line_of(1, aliya), line_of(2, bolat, iin=None), line_of(3, aliya, signed_on=None)]
    key_sheet(petition.id, sheet.id, first.id, lines, now=NOW)
    key_sheet(petition.id, sheet.id, second.id, lines, now=NOW)

    assert [s.signer_hash for s in signatures(petition)] == [aliya.iin_hash]
    shown = accepted_lines(sheet.id)
    assert [item.signature is None for item in shown] == [False, True, True]
    entry = db.session.scalar(
        sa.select(AuditEntry).where(AuditEntry.action == "paper.sheet_accepted")
    )
    assert entry.details["incomplete"] == 2


def test_an_invalid_iin_refuses_the_keying_with_the_line_named_and_stores_nothing(setup):
    petition, sheet, first, _ = setup
    voter = signer(petition)
    bad = voter.iin[:11] + str((int(voter.iin[11]) + 1) % 10)

    with pytest.raises(PaperError) as refused:
        key_sheet(
            petition.id,
            sheet.id,
            first.id,
            [line_of(1, voter), line_of(2, voter, iin=bad)],
            now=NOW,
        )

    assert list(refused.value.line_errors) == [2]
    assert "check digit" in refused.value.line_errors[2]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(PaperLine)) == 0
    assert status_of(sheet) is SheetStatus.REGISTERED
    assert bad not in str(refused.value) and bad not in refused.value.line_errors[2]


def test_a_line_typed_without_its_number_is_refused_with_a_message(setup):
    petition, sheet, first, _ = setup
    unnumbered = KeyedLine(None, first_name="1")

    with pytest.raises(PaperError) as refused:
        key_sheet(
            petition.id, sheet.id, first.id, [line_of(1, signer(petition)), unnumbered], now=NOW
        )

    assert "line number" in refused.value.line_errors[0]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(PaperLine)) == 0


def test_an_empty_keying_is_refused(setup):
    petition, sheet, first, _ = setup
    with pytest.raises(PaperError, match="at least one line"):
        key_sheet(petition.id, sheet.id, first.id, [KeyedLine(1), KeyedLine(2)], now=NOW)


def test_a_sheet_of_another_petition_is_not_found(setup):
    petition, sheet, first, _ = setup
    other, other_officer, _ = paper_petition()
    voter = signer(petition)

    with pytest.raises(PaperError, match="No such sheet"):
        key_sheet(other.id, sheet.id, other_officer.id, [line_of(1, voter)], now=NOW)


def test_an_accepted_sheet_cannot_be_keyed_again(setup):
    petition, sheet, first, second = setup
    voter = signer(petition)
    for officer in (first, second):
        key_sheet(petition.id, sheet.id, officer.id, [line_of(1, voter)], now=NOW)
    third = make_officer(bodies=[petition.constituency.body])
    db.session.commit()

    with pytest.raises(PaperError, match="Both keyings"):
        key_sheet(petition.id, sheet.id, third.id, [line_of(1, voter)], now=NOW)
    assert len(signatures(petition)) == 1


def test_a_paper_line_revives_the_signature_the_person_withdrew_online(setup):
    """Withdrawn online, signed again on paper: the paper signature counts, on the person's row
    (one row per person), still linked to their account and receipt."""
    petition, sheet, first, second = setup
    voter = signer(petition)
    citizen = make_user(voter_hash=voter.iin_hash)
    online = make_signature(
        petition,
        signer_hash=voter.iin_hash,
        voter_id=voter.id,
        user_id=citizen.id,
        signed_at=datetime(2026, 12, 11, 9, tzinfo=UTC),
        status=SignatureStatus.WITHDRAWN,
    )
    receipt = online.receipt_code
    db.session.commit()
    for officer in (first, second):
        key_sheet(petition.id, sheet.id, officer.id, [line_of(1, voter)], now=NOW)

    db.session.expire_all()
    [revived] = signatures(petition)
    line = db.session.get(PaperLine, revived.paper_line_id)
    assert revived.id == online.id and line.line_number == 1
    assert revived.channel is Channel.PAPER and revived.duplicate_of_id is None
    assert revived.status is SignatureStatus.VALID and revived.withdrawn_at is None
    assert revived.failed_checks == 0 and revived.counts
    assert revived.signed_at == datetime(2026, 12, 15, 7, tzinfo=UTC)  # noon in Karaganda
    assert revived.user_id == citizen.id and revived.receipt_code == receipt
    assert [s.id for s in fetch_user_signatures(citizen.id)] == [online.id]
    entry = db.session.scalar(
        sa.select(AuditEntry).where(AuditEntry.action == "paper.sheet_accepted")
    )
    assert entry.details["revived_withdrawn_signatures"] == [online.id]
    assert entry.details["duplicates"] == 0


def test_a_revived_signature_is_checked_afresh(setup):
    """An officer's old decision on the withdrawn signature does not carry over to the paper one."""
    petition, sheet, first, second = setup
    voter = signer(petition)
    make_signature(
        petition,
        signer_hash=voter.iin_hash,
        voter_id=voter.id,
        status=SignatureStatus.WITHDRAWN,
        failed_checks=int(Check.NOT_WITHDRAWN),
        reviewed_by_id=first.id,
        reviewed_at=NOW,
        review_comment="looked at it",
    )
    db.session.commit()
    late = date(2027, 3, 1)  # after collection closed: fails the period check
    for officer in (first, second):
        key_sheet(petition.id, sheet.id, officer.id, [line_of(1, voter, signed_on=late)], now=NOW)

    db.session.expire_all()
    [revived] = signatures(petition)
    assert revived.status is SignatureStatus.PENDING
    assert revived.failed_checks == int(Check.IN_PERIOD)
    assert revived.reviewed_by_id is None and revived.review_comment is None
