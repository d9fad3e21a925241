"""The sampling page: seed, draw and verdicts through the browser's forms; the public data."""

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import Role, SampleDraw, SampleItem, Verdict
from app.rules.draw import draw_sample
from tests.support.certification import add_signatures, make_closed_petition


@pytest.fixture
def ca_petition(app):
    petition = make_closed_petition(rule_set_code="ca-local", required=4)
    add_signatures(petition, 5)
    db.session.commit()
    return petition


def seed_and_draw(client, petition):
    client.post(f"/commission/petitions/{petition.id}/sampling/seed")
    client.post(f"/commission/petitions/{petition.id}/sampling/draw")


def test_an_officer_publishes_the_seed_draws_and_records_verdicts(client, ca_petition, auth):
    auth.sign_in_new(Role.COMMISSION, petition=ca_petition)
    url = f"/commission/petitions/{ca_petition.id}/sampling"
    assert "Publish the seed" in client.get(url).get_data(as_text=True)

    seed_and_draw(client, ca_petition)
    item = db.session.scalars(sa.select(SampleItem).order_by(SampleItem.position)).first()
    response = client.post(f"{url}/items/{item.id}", data={"verdict": "valid", "reason": ""})

    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(SampleItem, item.id).verdict is Verdict.VALID
    page = client.get(url).get_data(as_text=True)
    assert "1 / 5" in page and "Projected valid signatures" in page
    assert "confidence interval" in page


def test_the_public_can_rederive_the_sample(client, ca_petition, auth):
    auth.sign_in_new(Role.COMMISSION, petition=ca_petition)
    client.post(f"/commission/petitions/{ca_petition.id}/sampling/seed")
    seed = db.session.scalar(sa.select(SampleDraw.seed))
    auth.sign_out()
    assert seed in client.get(f"/petitions/{ca_petition.id}").get_data(as_text=True)

    auth.sign_in_new(Role.COMMISSION, petition=ca_petition)
    client.post(f"/commission/petitions/{ca_petition.id}/sampling/draw")
    auth.sign_out()
    data = client.get(f"/petitions/{ca_petition.id}/sample.json").get_json()

    assert data["seed"] == seed and data["population_size"] == 5
    assert data["sample"] == draw_sample(seed, data["population"], data["sample_size"])


def test_a_bad_verdict_is_explained_and_changes_nothing(client, ca_petition, auth):
    auth.sign_in_new(Role.COMMISSION, petition=ca_petition)
    seed_and_draw(client, ca_petition)
    item = db.session.scalars(sa.select(SampleItem)).first()
    url = f"/commission/petitions/{ca_petition.id}/sampling/items/{item.id}"

    client.post(url, data={"verdict": "invalid", "reason": ""})
    page = client.get(f"/commission/petitions/{ca_petition.id}/sampling").get_data(as_text=True)
    assert "Give the reason why the signature is invalid." in page
    response = client.post(url, data={"verdict": "nonsense", "reason": ""})
    assert response.status_code == 302

    db.session.expire_all()
    assert db.session.get(SampleItem, item.id).verdict is None


def test_an_item_of_another_petitions_sample_is_not_found(client, ca_petition, auth):
    other = make_closed_petition(rule_set_code="ca-local", required=1)
    add_signatures(other, 1)
    db.session.commit()
    auth.sign_in_new(Role.ADMIN)
    seed_and_draw(client, other)
    client.post(f"/commission/petitions/{ca_petition.id}/sampling/seed")
    foreign = db.session.scalar(sa.select(SampleItem))

    response = client.post(
        f"/commission/petitions/{ca_petition.id}/sampling/items/{foreign.id}",
        data={"verdict": "valid"},
    )

    assert response.status_code == 404


def test_a_full_count_petition_says_so(client, auth):
    petition = make_closed_petition(rule_set_code="kz-maslikhat-2023")
    db.session.commit()
    auth.sign_in_new(Role.COMMISSION, petition=petition)

    page = client.get(f"/commission/petitions/{petition.id}/sampling").get_data(as_text=True)

    assert "full count" in page
    assert client.get(f"/petitions/{petition.id}/sample.json").status_code == 404


def test_an_officer_of_another_body_is_refused(client, ca_petition, auth):
    auth.sign_in_new(Role.COMMISSION)
    assert client.get(f"/commission/petitions/{ca_petition.id}/sampling").status_code == 403
    client.post(f"/commission/petitions/{ca_petition.id}/sampling/seed")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SampleDraw)) == 0
