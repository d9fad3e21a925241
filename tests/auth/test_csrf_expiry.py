"""A form sent after its CSRF token expired: a page that keeps what was typed and sends it again,
never a bare "400 Bad Request"."""

from tests.support import pages


def test_an_expired_form_keeps_the_typed_text_and_sends_it_again_with_a_fresh_token(
    csrf_client, app
):
    response = csrf_client.post(
        "/auth/register?next=/petitions/1",
        data={
            "email": "aliya@example.org",
            "display_name": "Алия",
            "password": "a long enough password",
            "password_confirm": "a long enough password",
            "csrf_token": "expired",
        },
    )

    page = pages.read(response, status=400)
    assert "The page was open too long — press the button again" in page
    form = page.one("form#send-again")
    assert form["action"] == "/auth/register?next=/petitions/1"
    kept = {field["name"]: field["value"] for field in form.select("input[type=hidden]")}
    assert kept["email"] == "aliya@example.org" and kept["display_name"] == "Алия"
    assert "password" not in kept and "password_confirm" not in kept
    assert kept["csrf_token"] and kept["csrf_token"] != "expired"
    assert "Passwords and IINs are not kept" in page


def test_an_iin_is_never_written_back(csrf_client, app):
    response = csrf_client.post(
        "/account/voter", data={"iin": "850314300123", "last_name": "Ахметова"}
    )

    page = pages.read(response, status=400)
    assert "850314300123" not in page and 'value="Ахметова"' in page
