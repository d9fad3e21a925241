"""Helpers for the account page tests: reading pages, signing in, reading mail."""

import re
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from html import unescape
from pathlib import Path
from urllib.parse import urlsplit

from tests.factories import DEFAULT_PASSWORD


def page(response) -> str:
    return unescape(response.get_data(as_text=True))


def sign_in(client, email, password=DEFAULT_PASSWORD, query=""):
    return client.post(f"/auth/login{query}", data={"email": email, "password": password})


def signed_in_user_id(client) -> str | None:
    with client.session_transaction() as session:
        stored = session.get("_user_id")
    return stored.partition(":")[0] if stored else None


def csrf_token_of(html: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)


class Mailbox:
    """The messages the ``file`` mail backend wrote, oldest first."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def files(self) -> list[Path]:
        return sorted(self.directory.iterdir()) if self.directory.exists() else []

    def messages(self) -> list[EmailMessage]:
        def outbox_id(path: Path) -> int:
            return int(path.name.split(".")[1])

        paths = sorted(self.directory.glob("*.eml"), key=outbox_id)
        return [BytesParser(policy=policy.default).parsebytes(path.read_bytes()) for path in paths]

    def to(self, address: str) -> list[EmailMessage]:
        return [message for message in self.messages() if message["To"] == address]


def body(message: EmailMessage) -> str:
    return message.get_body(("plain",)).get_content()


def link_path(message: EmailMessage, prefix: str) -> str:
    """The path of the first link in the message whose path starts with ``prefix``."""
    for url in re.findall(r"https?://\S+", body(message)):
        path = urlsplit(url).path
        if path.startswith(prefix):
            return path
    raise AssertionError(f"no {prefix} link in {body(message)!r}")
