"""Following and opting out are idempotent: a double click or a race cannot fail."""

import sqlalchemy as sa

from app.database import transaction
from app.extensions import db
from app.models import MailOptOut, PetitionFollower
from app.services.notifications import preferences
from app.services.notifications.audiences import Category
from tests.factories import make_collecting_petition, make_signature
from tests.support.notice_world import NOW, citizen, make_world


def followers(petition_id: int, user_id: int) -> int:
    return db.session.scalar(
        sa.select(sa.func.count())
        .select_from(PetitionFollower)
        .where(PetitionFollower.petition_id == petition_id, PetitionFollower.user_id == user_id)
    )


def opt_out_rows(user_id: int) -> list[str]:
    return list(
        db.session.scalars(sa.select(MailOptOut.category).where(MailOptOut.user_id == user_id))
    )


def test_following_twice_keeps_one_follow(app):
    petition, signer = make_collecting_petition(), citizen()
    make_signature(petition, user_id=signer.id)
    db.session.commit()

    preferences.set_following(petition.id, signer.id, True, now=NOW)
    preferences.set_following(petition.id, signer.id, True, now=NOW)

    assert followers(petition.id, signer.id) == 1


def test_a_follow_that_another_request_wrote_meanwhile_is_not_an_error(app, monkeypatch):
    """The race: both requests checked, found no follow, and both insert."""
    world = make_world()
    monkeypatch.setattr(preferences, "is_following", lambda petition_id, user_id: False)

    preferences.set_following(world.petition.id, world.signer_follower.id, True, now=NOW)

    assert followers(world.petition.id, world.signer_follower.id) == 1


def test_opting_out_of_a_category_already_refused_is_not_an_error(app):
    user = citizen()
    db.session.commit()

    for _ in range(2):
        with transaction():
            preferences._opt_out(user.id, Category.RESULTS, NOW)
    preferences.save_preferences(user.id, language="en", wanted=set(), now=NOW)
    preferences.save_preferences(user.id, language="en", wanted=set(), now=NOW)

    assert sorted(opt_out_rows(user.id)) == ["progress", "results", "updates"]


def test_saving_preferences_while_another_request_opted_out_is_not_an_error(app, monkeypatch):
    """The race: the other request's opt-out lands after any check of ours, before our insert."""
    user = citizen()
    db.session.add(MailOptOut(user_id=user.id, category="progress", created_at=NOW))
    db.session.commit()
    scalar = db.session.scalar

    def blind_to_opt_outs(statement, *args, **kwargs):
        if MailOptOut.__table__ in getattr(statement, "froms", ()):
            return None  # what a check made before the other request committed would see
        return scalar(statement, *args, **kwargs)

    monkeypatch.setattr(db.session, "scalar", blind_to_opt_outs)

    preferences.save_preferences(user.id, language="ru", wanted={"results"}, now=NOW)

    monkeypatch.undo()
    assert sorted(opt_out_rows(user.id)) == ["progress", "updates"]
