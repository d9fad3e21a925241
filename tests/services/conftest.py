import pytest
from aiosmtpd.controller import Controller

from tests.support.smtp import Collector, free_port


@pytest.fixture
def smtp_server(app):
    """A real SMTP server on a free local port, and the app's ``smtp`` backend pointed at it;
    yields the server's ``Collector``."""
    collector = Collector()
    controller = Controller(collector, hostname="127.0.0.1", port=free_port())
    controller.start()
    app.config.update(
        MAIL_BACKEND="smtp",
        MAIL_SMTP_HOST="127.0.0.1",
        MAIL_SMTP_PORT=controller.port,
        MAIL_SMTP_TLS="none",
        MAIL_SMTP_TIMEOUT=5,
        MAIL_FROM="Deputy recall <noreply@recall.example>",
    )
    yield collector
    controller.stop()
