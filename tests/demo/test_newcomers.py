"""The README's demo voters for newcomers: on the register, free, and usable from sign-up on."""

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from app import iin
from app.crypto import vault
from app.demo.newcomers import NEWCOMERS
from app.extensions import db
from app.models import Constituency, RegisterSnapshot, Signature, User, Voter
from app.services.audit.queries import demo_tour
from app.services.initiative.common import Refusal
from app.services.initiative.start import start_page
from tests.factories import make_user
from tests.support.auth import AuthActions
from tests.support.mail import link_path
from tests.support.readme import newcomer_rows

NOW = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
#: The demo the newcomers use is loaded at the real time (their requests run on the real clock):
#: this moment, once per session, so that both tests share one seeded database.
LOADED_AT = datetime.now(UTC)
PASSWORD = "a long enough password"


def test_every_newcomer_has_a_valid_iin_with_their_birth_date():
    for person in NEWCOMERS:
        assert iin.is_valid(person.iin), person
        assert iin.birth_date(person.iin) == person.birth_date


def test_the_readme_table_lists_exactly_the_demo_newcomers():
    listed = newcomer_rows()
    assert [row["IIN"] for row in listed] == [person.iin for person in NEWCOMERS]
    for row, person in zip(listed, NEWCOMERS, strict=True):
        assert row["surname"] == person.last_name
        assert row["first name"] == person.first_name
        assert row["birth date"] == person.birth_date.isoformat()
        assert row["constituency"] == person.constituency_code
        assert row["may sign"] == person.may_sign


def registered(person) -> Voter | None:
    return db.session.scalar(
        sa.select(Voter)
        .join(RegisterSnapshot, RegisterSnapshot.id == Voter.snapshot_id)
        .join(Constituency, Constituency.id == Voter.constituency_id)
        .where(
            RegisterSnapshot.is_active,
            Voter.iin_hash == vault().lookup_hash(person.iin),
            Constituency.code == person.constituency_code,
        )
    )


@pytest.mark.seeded(voters=300, now=NOW)
def test_seed_demo_puts_the_newcomers_on_the_register_and_leaves_them_free(app):
    for person in NEWCOMERS:
        voter = registered(person)
        assert voter is not None, person
        assert (voter.last_name, voter.birth_date) == (person.last_name, person.birth_date)
        owners = sa.select(User.id).where(User.voter_hash == voter.iin_hash)
        signed = sa.select(Signature.id).where(Signature.signer_hash == voter.iin_hash)
        assert db.session.scalar(owners) is None
        assert db.session.scalar(signed) is None
    assert demo_tour() is not None


def sign_up_and_confirm(client, mailbox, email: str) -> None:
    client.post(
        "/auth/register",
        data={"email": email, "password": PASSWORD, "password_confirm": PASSWORD},
    )
    (message,) = mailbox.to(email)
    confirm = link_path(message, "/auth/confirm/")
    client.post(confirm)
    user = db.session.scalar(sa.select(User).where(User.email == email))
    assert user.email_confirmed_at is not None
    AuthActions(client).sign_in(email, PASSWORD)


@pytest.mark.seeded(voters=300, now=LOADED_AT)
def test_each_listed_newcomer_signs_up_confirms_verifies_and_signs_where_the_readme_says(
    app, mailbox
):
    collecting = demo_tour()["collecting"]
    for index, (person, row) in enumerate(zip(NEWCOMERS, newcomer_rows(), strict=True)):
        client = app.test_client()
        email = f"newcomer{index}@example.org"
        sign_up_and_confirm(client, mailbox, email)
        # The surname in the Latin letters the README shows works as well as the Cyrillic one.
        surname = row["surname (latin)"] if index % 2 else person.last_name
        born = f"{person.birth_date:%d.%m.%Y}"
        client.post(
            "/account/voter", data={"iin": person.iin, "last_name": surname, "birth_date": born}
        )

        user = db.session.scalar(sa.select(User).where(User.email == email))
        db.session.refresh(user)
        assert user.voter_hash == vault().lookup_hash(person.iin), person
        client.post(f"/petitions/{collecting}/sign", data={"confirm": "y"})
        signed = db.session.scalar(
            sa.select(Signature.id).where(
                Signature.petition_id == collecting, Signature.signer_hash == user.voter_hash
            )
        )
        # Only the voters of petition No. 1's constituency may sign it, as the README says; one
        # of them through the station map, her register row naming a Temirtau constituency.
        assert (signed is not None) == person.may_sign.startswith("No. 1"), person


@pytest.mark.seeded(voters=300, now=LOADED_AT)
def test_olga_is_offered_both_her_deputies_and_may_start_against_the_temirtau_one(app):
    now = LOADED_AT
    [olga] = [person for person in NEWCOMERS if person.constituency_code == "TEMIRTAU-CM-01"]
    user = make_user(email_confirmed_at=now, voter_hash=vault().lookup_hash(olga.iin))
    db.session.commit()

    page = start_page(user.id, now=now)

    # Her register row's constituency first, then the regional one through her station.
    assert [check.constituency.code for check in page.checks] == [
        "TEMIRTAU-CM-01",
        "KARAGANDA-RM-01",
    ]
    # As the README says: she may start against the deputy of Temirtau No. 1; the regional
    # deputy is already the subject of petition No. 1, which she may sign instead.
    assert [check.constituency.code for check in page.open] == ["TEMIRTAU-CM-01"]
    regional = page.checks[1].refusal
    assert regional.reason is Refusal.ACTIVE_PETITION
    assert regional.petition.id == demo_tour()["collecting"]
