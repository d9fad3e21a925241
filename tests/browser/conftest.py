"""A headless Debian Chromium for browser tests (no browser is downloaded)."""

import os

import pytest

from tests.support.auth import PageAuth
from tests.support.requirements import missing

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        missing(f"{CHROMIUM} is not installed (Debian package chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser):
    """Opens pages, each in a browser context of its own (a visitor of their own); closes them."""
    contexts = []

    def open_one():
        context = browser.new_context(locale="en-US")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    yield open_one
    for context in contexts:
        context.close()


@pytest.fixture
def page(open_page):
    return open_page()


@pytest.fixture
def lenient_page(browser):
    """A page in a Chromium of its own that accepts self-signed certificates (a local stand-in's,
    as a fresh NCALayer's is until the user trusts it); the session's browser stays strict."""
    lenient = browser.browser_type.launch(
        executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, "--ignore-certificate-errors"]
    )
    page = lenient.new_context(locale="en-US").new_page()
    page.set_default_timeout(15_000)
    yield page
    lenient.close()


@pytest.fixture
def page_auth(live_server) -> PageAuth:
    """Sign users in on pages of the live server: ``page_auth.sign_in(page, user)``."""
    return PageAuth(live_server)
