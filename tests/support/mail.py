"""Reading the mail the app sent: the ``file`` backend's messages, their text and links."""

import re
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path
from urllib.parse import urlsplit


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
