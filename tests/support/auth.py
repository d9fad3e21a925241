"""Signing in and out in tests, through the app's own sign-in form (as flaskr's ``AuthActions``).

``AuthActions`` works a Flask test client (the ``auth`` fixture is the one of ``client``);
``PageAuth`` does the same for a Playwright page in a browser test (the ``page_auth`` fixture);
``session_cookie`` signs in over real HTTP, for clients of a live server.
"""

import http.client
from urllib.parse import urlencode, urlsplit

from flask import g
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from app.extensions import db
from app.models import Role, User
from tests.factories import DEFAULT_PASSWORD, make_officer, make_user
from tests.support.pages import csrf_token_of

SIGN_IN = "/auth/login"
SIGN_OUT = "/auth/logout"


def email_of(user_or_email: User | str) -> str:
    return user_or_email if isinstance(user_or_email, str) else user_or_email.email


class AuthActions:
    """Signs users in and out of one test client."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client

    def on(self, client: FlaskClient) -> "AuthActions":
        """The same actions for another client (a second visitor in the same test)."""
        return AuthActions(client)

    def try_sign_in(
        self, email: str, password: str = DEFAULT_PASSWORD, *, query: str = ""
    ) -> TestResponse:
        """Post the sign-in form (``query``: e.g. ``"?next=/path"``) and return the answer,
        whatever it is: for the tests of the form itself (wrong passwords, odd emails, next)."""
        data = {"email": email, "password": password}
        return self.client.post(SIGN_IN + query, data=data | self._csrf(SIGN_IN + query))

    def sign_in(
        self,
        user_or_email: User | str,
        password: str = DEFAULT_PASSWORD,
        *,
        query: str = "",
    ) -> TestResponse:
        """Sign in through the form and check that it worked; returns the form's redirect.

        The session is committed first (the request would roll back what is only flushed), and
        whoever is signed in on this client is signed out first (the form ignores a signed-in
        visitor)."""
        db.session.commit()
        if self.user_id() is not None:
            self.sign_out()
        # Flask-Login caches the user on the app context, which an app of the test's own (not
        # the ``app`` fixture's, which drops it before each request) keeps across requests.
        g.pop("_login_user", None)
        response = self.try_sign_in(email_of(user_or_email), password, query=query)
        signed_in = self.user_id()
        expected = None if isinstance(user_or_email, str) else str(user_or_email.id)
        assert response.status_code == 302 and signed_in is not None, (
            f"signing in {email_of(user_or_email)} failed ({response.status_code})"
        )
        assert expected in (None, signed_in), f"signed in as user {signed_in}, not {expected}"
        return response

    def sign_in_new(self, role: Role, *, petition=None) -> User:
        """Sign in a new user of ``role``; an officer is assigned to ``petition``'s body."""
        if role is Role.COMMISSION and petition is not None:
            user = make_officer(bodies=[petition.constituency.body])
        else:
            user = make_user(role=role)
        self.sign_in(user)
        return user

    def sign_out(self) -> TestResponse:
        response = self.client.post(SIGN_OUT, data=self._csrf("/"))
        g.pop("_login_user", None)
        return response

    def fresh_session(self, user: User | None) -> None:
        """Start a new session for ``user`` (anonymous for None) the way Flask-Login's session
        cookie holds it, without the form: for walks that switch users hundreds of times and
        need a session with nothing else in it (no flashed messages)."""
        with self.client.session_transaction() as session:
            session.clear()
            if user is not None:
                session["_user_id"] = user.get_id()
                session["_fresh"] = True
        g.pop("_login_user", None)

    def _csrf(self, url: str) -> dict[str, str]:
        """The CSRF token of the page at ``url``, if the client's app checks them."""
        if not self.client.application.config.get("WTF_CSRF_ENABLED"):
            return {}
        return {"csrf_token": csrf_token_of(self.client.get(url).get_data(as_text=True))}

    def user_id(self) -> str | None:
        """The id of the user signed in on this client, as the session holds it."""
        with self.client.session_transaction() as session:
            stored = session.get("_user_id")
        return stored.partition(":")[0] if stored else None


class PageAuth:
    """Signs users in on Playwright pages of the app served at ``base_url``."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url

    def sign_in(self, page, user_or_email: User | str, password: str = DEFAULT_PASSWORD) -> None:
        """Fill in and send the sign-in form; returns once the browser has left it (signed in)."""
        db.session.commit()
        page.goto(self.base_url + SIGN_IN)
        page.fill("input[name=email]", email_of(user_or_email))
        page.fill("input[name=password]", password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(lambda url: SIGN_IN not in url)


def session_cookie(base_url: str, user: User, password: str = DEFAULT_PASSWORD) -> str:
    """Sign ``user`` in on the live server at ``base_url``; the ``session=…`` cookie to send."""
    db.session.commit()
    host = urlsplit(base_url)
    connection = http.client.HTTPConnection(host.hostname, host.port, timeout=30)
    body = urlencode({"email": user.email, "password": password})
    connection.request(
        "POST",
        SIGN_IN,
        body=body,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    response = connection.getresponse()
    response.read()
    cookie = next(
        v
        for k, v in response.getheaders()
        if k.lower() == "set-cookie" and v.startswith("session=")
    )
    return cookie.split(";", 1)[0]
