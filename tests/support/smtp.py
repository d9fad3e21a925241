"""A real SMTP server (aiosmtpd) for the mail tests, on a free local port."""

import asyncio
import socket
from email import policy
from email.parser import BytesParser


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Collector:
    """Accepts messages (or refuses them with ``reply``) and keeps what it accepted."""

    def __init__(self) -> None:
        self.envelopes = []
        self.reply = "250 OK"
        self.delay = 0.0

    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(self.delay)
        if self.reply.startswith("250"):
            self.envelopes.append(envelope)
        return self.reply

    def messages(self):
        parser = BytesParser(policy=policy.default)
        return [parser.parsebytes(envelope.content) for envelope in self.envelopes]
