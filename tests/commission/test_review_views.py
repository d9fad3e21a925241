import re

import pytest

from app.extensions import db
from app.models import Role, Signature, SignatureStatus
from app.rules.checks import Check
from tests.factories import make_collecting_petition, make_petition, make_signature, make_voter
from tests.support import pages
from tests.support.review import flagged, sign_as


@pytest.fixture
def petition(app):
    return make_collecting_petition()


@pytest.fixture
def moved(petition):
    signatures = [
        flagged(petition, make_voter(constituency=petition.constituency), Check.IN_CONSTITUENCY)
        for _ in range(2)
    ]
    db.session.commit()
    return signatures


def queue_url(petition, **args):
    query = "&".join(f"{key}={value}" for key, value in args.items())
    return f"/commission/petitions/{petition.id}/review" + (f"?{query}" if query else "")


def status_of(signature) -> SignatureStatus:
    return db.session.get(Signature, signature.id, populate_existing=True).status


def test_the_queue_names_the_failed_check(client, petition, moved, auth):
    auth.sign_in_new(Role.COMMISSION, petition=petition)

    page = pages.get(client, queue_url(petition))

    assert "Voter of the petition's constituency" in page
    assert f"signature-{moved[0].id}" in page and "2 signatures" in page


def test_the_petition_page_links_to_the_queue(client, petition, auth):
    auth.sign_in_new(Role.COMMISSION, petition=petition)

    page = pages.get(client, f"/commission/petitions/{petition.id}")

    assert queue_url(petition) in page


def test_an_officer_of_another_body_is_refused(client, petition, auth):
    auth.sign_in_new(Role.COMMISSION, petition=make_petition())
    assert client.get(queue_url(petition)).status_code == 403


def test_the_filter_by_check_narrows_the_list(client, petition, moved, auth):
    young = flagged(petition, make_voter(constituency=petition.constituency), Check.OF_AGE)
    db.session.commit()
    auth.sign_in_new(Role.COMMISSION, petition=petition)

    page = pages.get(client, queue_url(petition, check=int(Check.OF_AGE)))

    assert f"signature-{young.id}" in page and f"signature-{moved[0].id}" not in page


def test_a_bad_filter_value_is_ignored_not_a_500(client, petition, moved, auth):
    auth.sign_in_new(Role.COMMISSION, petition=petition)
    response = client.get(queue_url(petition, check="x", signed_from="yesterday", page="z"))
    assert response.status_code == 200 and "2 signatures" in pages.read(response)


def decide(client, petition, signature, **fields):
    prefix = f"s{signature.id}-"
    data = {prefix + key: value for key, value in fields.items()}
    url = f"/commission/petitions/{petition.id}/review/{signature.id}"
    return client.post(url, data=data)


def test_an_officer_marks_one_signature_invalid(client, petition, moved, auth):
    auth.sign_in_new(Role.COMMISSION, petition=petition)

    response = decide(
        client, petition, moved[0], decision="invalid", reason="other_constituency", comment="x"
    )

    assert response.status_code == 302
    assert status_of(moved[0]) is SignatureStatus.INVALID
    assert f"signature-{moved[0].id}" not in pages.get(client, queue_url(petition))


def test_invalid_without_a_reason_changes_nothing(client, petition, moved, auth):
    auth.sign_in_new(Role.COMMISSION, petition=petition)

    decide(client, petition, moved[0], decision="invalid", reason="")

    assert status_of(moved[0]) is SignatureStatus.PENDING
    assert "Give the reason" in pages.get(client, queue_url(petition))


def test_a_signature_of_another_petition_is_404(client, petition, auth):
    other = make_petition()
    signature = sign_as(other, make_voter(constituency=petition.constituency))
    db.session.commit()
    auth.sign_in_new(Role.COMMISSION, petition=petition)

    response = decide(client, petition, signature, decision="valid")

    assert response.status_code == 404


BULK = {
    "bulk-check": str(int(Check.IN_CONSTITUENCY)),
    "bulk-decision": "invalid",
    "bulk-reason": "other_constituency",
    "bulk-comment": "moved away",
}


def test_a_bulk_decision_shows_the_count_first_and_then_applies_it(client, petition, moved, auth):
    auth.sign_in_new(Role.COMMISSION, petition=petition)
    base = f"/commission/petitions/{petition.id}/review/bulk"

    preview = pages.post(client, base, data=BULK)

    assert "2 signatures will be marked invalid: Voter of another constituency." in preview
    assert all(status_of(s) is SignatureStatus.PENDING for s in moved)
    confirm = {key.removeprefix("bulk-"): value for key, value in BULK.items()}
    response = client.post(base + "/confirm", data=confirm | {"expected": "2"})
    assert response.status_code == 302
    assert all(status_of(s) is SignatureStatus.INVALID for s in moved)


def test_a_bulk_confirmation_with_a_stale_count_is_refused(client, petition, moved, auth):
    auth.sign_in_new(Role.COMMISSION, petition=petition)
    confirm = {key.removeprefix("bulk-"): value for key, value in BULK.items()}

    response = client.post(
        f"/commission/petitions/{petition.id}/review/bulk/confirm",
        data=confirm | {"expected": "3"},
        follow_redirects=True,
    )

    assert "changed since the preview" in pages.read(response)
    assert all(status_of(s) is SignatureStatus.PENDING for s in moved)


def test_a_tampered_bulk_filter_is_a_400(client, petition, moved, auth):
    auth.sign_in_new(Role.COMMISSION, petition=petition)
    response = client.post(
        f"/commission/petitions/{petition.id}/review/bulk", data=BULK | {"bulk-check": "x"}
    )
    assert response.status_code == 400


def test_each_flagged_signature_comes_with_the_reason_of_its_failed_check_preselected(
    client, app, auth
):
    petition = make_collecting_petition()
    make_signature(
        petition, status=SignatureStatus.PENDING, failed_checks=int(Check.IN_CONSTITUENCY)
    )
    db.session.commit()
    auth.sign_in_new(Role.COMMISSION, petition=petition)

    page = client.get(f"/commission/petitions/{petition.id}/review").get_data(as_text=True)

    assert re.search(r'<option selected value="other_constituency">', page) or re.search(
        r'<option value="other_constituency" selected>', page
    )


def test_a_disputed_identity_comes_with_identity_disputed_preselected(client, app, auth):
    petition = make_collecting_petition()
    make_signature(petition, status=SignatureStatus.PENDING, failed_checks=int(Check.IDENTITY))
    db.session.commit()
    auth.sign_in_new(Role.COMMISSION, petition=petition)

    page = pages.get(client, f"/commission/petitions/{petition.id}/review")

    assert "Name and birth date as keyed match the register" in page
    assert re.search(r'<option selected value="identity_disputed">', page) or re.search(
        r'<option value="identity_disputed" selected>', page
    )


@pytest.mark.parametrize(
    "query",
    ["check=+", "station=+", "check=%00", "station=%C2%B2", "check=99999999999", "page=-3"],
)
def test_a_blank_or_odd_filter_counts_as_no_filter(client, petition, moved, query, auth):
    auth.sign_in_new(Role.COMMISSION, petition=petition)

    response = client.get(f"/commission/petitions/{petition.id}/review?{query}")

    assert response.status_code == 200 and "2 signatures" in pages.read(response)
