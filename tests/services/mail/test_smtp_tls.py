"""The ``smtp`` backend over STARTTLS and implicit TLS, against real servers with a test CA.

The client always verifies the server's certificate: trusting our throwaway certificate takes
``SSL_CERT_FILE`` (read by OpenSSL when the client builds its default context).
"""

import ssl
from datetime import UTC, datetime, timedelta
from ipaddress import IPv4Address

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from app.extensions import db
from app.services.mail.delivery import deliver_pending
from app.services.mail.outbox import queue_mail
from tests.support.smtp import Collector, free_port

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def certificate(tmp_path):
    """A self-signed certificate for 127.0.0.1; returns (certificate path, key path)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(datetime.now(UTC) - timedelta(days=1))
        .not_valid_after(datetime.now(UTC) + timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(IPv4Address("127.0.0.1"))]), False
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


class Logins:
    def __init__(self) -> None:
        self.seen = []

    def __call__(self, server, session, envelope, mechanism, auth_data):
        self.seen.append((auth_data.login.decode(), auth_data.password.decode()))
        return AuthResult(success=auth_data.password == b"mail-password", handled=False)


def server_context(certificate) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*certificate)
    return context


@pytest.fixture
def tls_server(app, certificate):
    """Start a server in ``mode`` (starttls or ssl); returns (collector, logins)."""
    controllers = []

    def start(mode: str):
        collector, logins = Collector(), Logins()
        context = server_context(certificate)
        # Implicit TLS: aiosmtpd cannot tell the session is encrypted, so let AUTH through.
        options = (
            {"tls_context": context}
            if mode == "starttls"
            else {"ssl_context": context, "auth_require_tls": False}
        )
        controller = Controller(
            collector,
            hostname="127.0.0.1",
            port=free_port(),
            authenticator=logins,
            # smtplib's AUTH LOGIN with an initial response stalls aiosmtpd; PLAIN is enough.
            auth_exclude_mechanism=["LOGIN"],
            **options,
        )
        controller.start()
        controllers.append(controller)
        app.config.update(
            MAIL_BACKEND="smtp",
            MAIL_SMTP_HOST="127.0.0.1",
            MAIL_SMTP_PORT=controller.port,
            MAIL_SMTP_TLS=mode,
            MAIL_SMTP_USERNAME="mailer",
            MAIL_SMTP_PASSWORD="mail-password",
            MAIL_SMTP_TIMEOUT=5,
        )
        return collector, logins

    yield start
    for controller in controllers:
        controller.stop()


def queued():
    message = queue_mail("dana@example.org", "Over TLS", "body")
    message.created_at = message.next_attempt_at = NOW
    db.session.commit()
    return message


@pytest.mark.parametrize("mode", ["starttls", "ssl"])
def test_smtp_over_tls_signs_in_and_delivers(app, tls_server, certificate, monkeypatch, mode):
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))
    collector, logins = tls_server(mode)
    queued()

    report = deliver_pending(NOW)

    assert report.sent == 1
    assert logins.seen == [("mailer", "mail-password")]
    assert [message["Subject"] for message in collector.messages()] == ["Over TLS"]


@pytest.mark.parametrize("mode", ["starttls", "ssl"])
def test_smtp_refuses_a_server_whose_certificate_it_cannot_verify(app, tls_server, mode):
    collector, logins = tls_server(mode)
    message = queued()

    report = deliver_pending(NOW)

    assert report.failed == 1
    assert logins.seen == []  # the password never left
    assert collector.envelopes == []
    db.session.refresh(message)
    assert message.sent_at is None
    assert "CERTIFICATE_VERIFY_FAILED" in message.last_error


def test_a_wrong_smtp_password_is_a_failure_whose_text_does_not_hold_it(
    app, tls_server, certificate, monkeypatch
):
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))
    tls_server("starttls")
    app.config["MAIL_SMTP_PASSWORD"] = "wrong-password"
    message = queued()

    report = deliver_pending(NOW)

    assert report.failed == 1
    db.session.refresh(message)
    assert message.last_error.startswith("SMTPAuthenticationError")
    assert "wrong-password" not in message.last_error
