"""What the sign box offers each visitor (``signing.queries.sign_state``) and how its partial
shows it."""

from datetime import UTC, date, datetime, timedelta
from html import unescape

import pytest
from flask import render_template
from flask_login import AnonymousUserMixin

from app.extensions import db
from app.models import Role
from app.services.pauses import commands as pauses
from app.services.signing.commands import sign_petition, withdraw_signature
from app.services.signing.queries import SignKind, sign_state
from tests.factories import make_deputy, make_petition, make_user
from tests.support.citizen import citizen_of, collecting_petition


@pytest.fixture
def petition(app):
    return collecting_petition()


def now():
    return datetime.now(UTC)


def box(app, petition, user) -> str:
    state = sign_state(petition, user, now())
    with app.test_request_context(f"/petitions/{petition.id}"):
        return unescape(
            render_template("partials/_sign_box.html", petition=petition, sign_state=state)
        )


def test_an_anonymous_visitor_may_create_an_account_or_sign_in_and_come_back(app, petition):
    assert sign_state(petition, AnonymousUserMixin(), now()).kind is SignKind.ANONYMOUS
    html = box(app, petition, AnonymousUserMixin())
    assert f'href="/auth/register?next=/petitions/{petition.id}">Create an account</a>' in html
    assert f'href="/auth/login?next=/petitions/{petition.id}">Sign in</a>' in html


def test_an_eligible_voter_gets_the_form_with_the_confirmation_box(app, petition):
    user = citizen_of(petition.constituency)

    html = box(app, petition, user)

    assert sign_state(petition, user, now()).kind is SignKind.ELIGIBLE
    assert f'action="/petitions/{petition.id}/sign"' in html and 'method="post"' in html
    assert 'name="csrf_token"' in html and 'type="checkbox" name="confirm"' in html
    assert "I sign in person and of my own free will" in html


def test_a_voter_who_signed_sees_the_receipt_code_instead(app, petition):
    user = citizen_of(petition.constituency)
    signature = sign_petition(petition.id, user.id, now=now())

    state = sign_state(petition, user, now())

    assert state.kind is SignKind.SIGNED and state.receipt_code == signature.receipt_code
    assert f"You signed: receipt {signature.receipt_code}" in box(app, petition, user)


def test_a_withdrawn_signature_may_be_given_again(app, petition):
    user = citizen_of(petition.constituency)
    signature = sign_petition(petition.id, user.id, now=now())
    withdraw_signature(signature.id, user.id, now=now())

    assert sign_state(petition, user, now()).kind is SignKind.ELIGIBLE


def test_a_voter_of_another_constituency_sees_their_own_seat(app, petition):
    elsewhere = make_deputy(full_name="Their Own Deputy")
    user = citizen_of(elsewhere.constituency)

    html = box(app, petition, user)

    assert sign_state(petition, user, now()).kind is SignKind.OTHER_CONSTITUENCY
    assert f'href="/deputies/{elsewhere.id}">Their Own Deputy</a>' in html
    assert 'name="confirm"' not in html


def test_an_unverified_citizen_gets_one_form_to_verify_and_sign(app, petition):
    user = make_user(email_confirmed_at=now())
    db.session.commit()

    html = box(app, petition, user)

    assert sign_state(petition, user, now()).kind is SignKind.UNVERIFIED
    assert f'action="/petitions/{petition.id}/verify-and-sign"' in html
    for name in ("iin", "last_name", "birth_date", "confirm", "csrf_token"):
        assert f'name="{name}"' in html


def test_an_unconfirmed_citizen_is_asked_to_confirm_the_email(app, petition):
    user = make_user()
    db.session.commit()

    assert sign_state(petition, user, now()).kind is SignKind.UNCONFIRMED
    assert "Confirm your email address first" in box(app, petition, user)


def test_a_minor_is_told_the_minimum_age(app, petition):
    user = citizen_of(petition.constituency, birth_date=date.today() - timedelta(days=365 * 17))

    assert sign_state(petition, user, now()).kind is SignKind.UNDER_AGE
    assert "Signers must be 18 or older" in box(app, petition, user)


def test_staff_accounts_are_not_offered_the_form(app, petition):
    user = make_user(role=Role.COMMISSION)
    db.session.commit()

    assert sign_state(petition, user, now()).kind is SignKind.NOT_CITIZEN
    assert 'name="confirm"' not in box(app, petition, user)


def test_a_petition_not_collecting_says_so_to_everyone(app):
    filed = make_petition(status="filed")
    user = citizen_of(filed.constituency)

    for person in (AnonymousUserMixin(), user):
        assert sign_state(filed, person, now()).kind is SignKind.CLOSED
        assert "not collecting signatures now" in box(app, filed, person)


def test_during_a_pause_everyone_is_told_why_and_since_when_and_gets_no_form(app, petition):
    admin = make_user(role=Role.ADMIN)
    db.session.commit()
    pauses.start_pause(
        admin.id, "Register link is down", petition_id=petition.id, now=now() - timedelta(hours=1)
    )
    voter = citizen_of(petition.constituency)

    for person in (AnonymousUserMixin(), voter):
        state = sign_state(petition, person, now())
        html = box(app, petition, person)
        assert state.kind is SignKind.PAUSED and state.paused_since is not None
        assert "Register link is down" in html and "Paused since" in html
        assert "<form" not in html and "/auth/register" not in html
