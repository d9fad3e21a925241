"""Where a built message goes: ``console`` (stdout), ``file`` (.eml files) or ``smtp``.

``make_backend`` picks one from ``MAIL_BACKEND``; each has ``send(message)``, which raises on
failure. Messages never hold an IIN (see ``app.iin``), so printing them is safe.
"""

import os
import smtplib
import ssl
import sys
import tempfile
from contextlib import suppress
from email.message import EmailMessage
from pathlib import Path
from typing import Protocol

SMTP_TLS_MODES = ("none", "starttls", "ssl")


class MailConfigError(ValueError):
    """The MAIL_* settings cannot work; fix the configuration."""


class Backend(Protocol):
    def send(self, message: EmailMessage) -> None: ...


class ConsoleBackend:
    """Prints each message (headers and plain text) to stdout: for development."""

    def send(self, message: EmailMessage) -> None:
        body = message.get_body(("plain",))
        text = body.get_content() if body is not None else ""
        headers = "".join(f"{name}: {message[name]}\n" for name in ("From", "To", "Subject"))
        sys.stdout.write(f"{'-' * 72}\n{headers}\n{text}\n{'-' * 72}\n")
        sys.stdout.flush()


class FileBackend:
    """Writes each message as ``<directory>/<message id>.eml``, whole or not at all."""

    def __init__(self, directory: str | os.PathLike) -> None:
        self.directory = Path(directory)

    def send(self, message: EmailMessage) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        name = message["Message-ID"].strip("<>").partition("@")[0] + ".eml"
        # A temporary file in the same directory, renamed over the final name: readers see
        # either no file or the complete message, never a partial one.
        handle, temporary = tempfile.mkstemp(dir=self.directory, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(message.as_bytes())
                file.flush()
                os.fsync(file.fileno())
            os.replace(temporary, self.directory / name)
        except BaseException:
            with suppress(FileNotFoundError):
                os.unlink(temporary)
            raise


class SmtpBackend:
    """Hands each message to an SMTP server; ``MAIL_SMTP_TLS`` is none, starttls or ssl."""

    def __init__(self, config: dict) -> None:
        self.host = config["MAIL_SMTP_HOST"]
        self.tls = config["MAIL_SMTP_TLS"]
        self.username = config.get("MAIL_SMTP_USERNAME") or None
        self.password = config.get("MAIL_SMTP_PASSWORD") or ""
        if self.tls not in SMTP_TLS_MODES:
            raise MailConfigError(f"MAIL_SMTP_TLS must be one of {', '.join(SMTP_TLS_MODES)}")
        try:
            self.port = int(config["MAIL_SMTP_PORT"])
            self.timeout = float(config["MAIL_SMTP_TIMEOUT"])
        except (TypeError, ValueError):
            raise MailConfigError("MAIL_SMTP_PORT and MAIL_SMTP_TIMEOUT must be numbers") from None

    def _connect(self) -> smtplib.SMTP:
        if self.tls == "ssl":
            context = ssl.create_default_context()
            return smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout, context=context)
        return smtplib.SMTP(self.host, self.port, timeout=self.timeout)

    def send(self, message: EmailMessage) -> None:
        with self._connect() as client:
            if self.tls == "starttls":
                client.starttls(context=ssl.create_default_context())
            if self.username:
                client.login(self.username, self.password)
            client.send_message(message)


def make_backend(config: dict, instance_path: str) -> Backend:
    name = config["MAIL_BACKEND"]
    if name == "console":
        return ConsoleBackend()
    if name == "file":
        return FileBackend(config.get("MAIL_FILE_DIR") or Path(instance_path) / "mail")
    if name == "smtp":
        return SmtpBackend(config)
    raise MailConfigError("MAIL_BACKEND must be one of console, file, smtp")
