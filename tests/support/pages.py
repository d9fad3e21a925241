"""Reading the pages the app answers a test client: one status check, the HTML to search, the
visible text, and CSS selection (Beautiful Soup).

    page = pages.get(client, f"/petitions/{petition.id}")
    assert "Collecting signatures" in page            # the HTML, entities decoded
    assert page.one("h1").get_text(strip=True) == "…"  # an element by CSS selector
"""

import re
from functools import cached_property
from html import unescape

from bs4 import BeautifulSoup, Tag
from flask.testing import FlaskClient
from werkzeug.test import TestResponse


class Page(str):
    """A page's HTML with character references decoded (``&#39;`` reads ``'``), so that
    ``in``, regular expressions and the other ``str`` methods read it as its reader would; plus
    its ``response``, its ``text`` and elements by CSS selector."""

    response: TestResponse

    def __new__(cls, response: TestResponse) -> "Page":
        page = super().__new__(cls, unescape(response.get_data(as_text=True)))
        page.response = response
        return page

    @cached_property
    def soup(self) -> BeautifulSoup:
        return BeautifulSoup(self.response.get_data(as_text=True), "html.parser")

    @property
    def text(self) -> str:
        """The text of the page without its tags, runs of white space made one space."""
        return " ".join(self.soup.get_text(" ").split())

    def select(self, selector: str) -> list[Tag]:
        """The elements ``selector`` matches, in document order."""
        return self.soup.select(selector)

    def one(self, selector: str) -> Tag:
        """The one element ``selector`` matches (an assertion error if none or several do)."""
        found = self.select(selector)
        assert len(found) == 1, f"{len(found)} elements match {selector!r}"
        return found[0]


def read(response: TestResponse, status: int = 200) -> Page:
    """``response`` as a page, after checking its status code (``status``)."""
    assert response.status_code == status, (
        f"expected {status}, got {response.status_code} for {response.request.path}"
    )
    return Page(response)


def get(client: FlaskClient, url: str, *, status: int = 200, **kw) -> Page:
    """GET ``url`` and read the page (``kw`` go to the client, e.g. ``follow_redirects``)."""
    return read(client.get(url, **kw), status)


def post(client: FlaskClient, url: str, data=None, *, status: int = 200, **kw) -> Page:
    """POST ``data`` to ``url`` and read the page that answers."""
    return read(client.post(url, data=data, **kw), status)


def csrf_token_of(html: str) -> str:
    """The CSRF token a form on the page carries."""
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)
