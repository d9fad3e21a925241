"""Whatever arrives, the account pages answer with a page, never a server error."""

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import User
from tests.support import pages

ODD_TOKENS = ["%00", "%FF", "%C3%A9", "a" * 5000, "..", "e30.aaa.bbb", "IiI.x.y"]


@pytest.mark.parametrize("token", ODD_TOKENS)
@pytest.mark.parametrize("kind", ["confirm", "reset"])
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_an_odd_link_gets_the_bad_link_page(client, kind, token, method):
    response = client.open(f"/auth/{kind}/{token}", method=method)

    assert response.status_code == 400
    assert "This link does not work" in pages.read(response, status=400)


def test_opening_the_resend_address_as_a_link_gets_the_bad_link_page(client):
    response = client.get("/auth/confirm/resend")

    assert response.status_code == 400
    assert "This link does not work" in pages.read(response, status=400)


@pytest.mark.parametrize(
    "email",
    ["dana\x00@example.org", "<script>@example.org", "dana@example.org\r\nBcc: x@example.org"],
)
@pytest.mark.parametrize("path", ["/auth/register", "/auth/reset", "/auth/login"])
def test_an_odd_address_is_refused_politely(client, path, email):
    password = "a long enough passphrase"
    data = {"email": email, "password": password, "password_confirm": password}

    response = client.post(path, data=data)

    assert response.status_code == 200
    assert 'aria-invalid="true"' in pages.read(response) or "incorrect" in pages.read(response)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 0


@pytest.mark.parametrize("email", ["Дана@пример.рф", "dana@пример.қаз", "ÅSA@Example.se"])
def test_an_internationalised_address_can_sign_up(client, mailbox, email):
    password = "a long enough passphrase"
    data = {"email": email, "password": password, "password_confirm": password}

    response = client.post("/auth/register", data=data)

    assert response.status_code == 302
    stored = db.session.scalar(sa.select(User.email))
    assert stored == email.lower()
