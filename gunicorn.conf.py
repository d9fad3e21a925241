"""Gunicorn settings for production: ``gunicorn -c gunicorn.conf.py``.

Besides the web workers, the master starts the deadline clock (``flask --app wsgi recall
worker``) as a child process once it is ready, and stops it when gunicorn exits, so one service
runs both. Environment:

- ``GUNICORN_BIND`` (default ``127.0.0.1:8000``), ``WEB_CONCURRENCY`` (web workers, default 2);
- ``RECALL_WORKER=0`` leaves the clock out (run ``recall tick`` from cron or a systemd timer
  instead); ``RECALL_WORKER_INTERVAL`` seconds between ticks (default 60).

Running the clock here and from cron at once is harmless (a tick is idempotent), only wasteful.

The access log goes to stdout. No line of it, nor of the error log, carries the secret of a
link that acts for someone (reset, confirmation, unsubscribe, invitation): ``RedactingLogger``
gives both loggers the filter of ``app/logs.py``, which replaces the secret of every route with
a ``<token>`` by ``[token]`` (the routes are read from the app's URL map when a worker loads it).
"""

import os
import signal
import subprocess
import sys

from gunicorn.glogging import Logger

# The master reads this file before it imports the app; the app's package lies beside it.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from app.logs import guard


class RedactingLogger(Logger):
    """Gunicorn's logger, with the secrets of links kept out of the access and error logs."""

    def setup(self, cfg) -> None:
        super().setup(cfg)
        for log in (self.access_log, self.error_log):
            guard(log)
            for handler in log.handlers:
                guard(handler)


wsgi_app = "wsgi:app"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
accesslog = "-"
logger_class = RedactingLogger
# A slow client must not hold a worker for long; uploads of voter registers are the slowest.
timeout = 120
graceful_timeout = 30

#: Seconds the clock may take to finish its tick after SIGTERM before it is killed.
CLOCK_STOP_TIMEOUT = 60

_clock: subprocess.Popen | None = None


def clock_enabled() -> bool:
    return os.environ.get("RECALL_WORKER", "1").strip().lower() not in ("0", "false", "no", "off")


def clock_command() -> list[str]:
    interval = os.environ.get("RECALL_WORKER_INTERVAL", "60")
    return [
        sys.executable,
        "-m",
        "flask",
        "--app",
        "wsgi",
        "recall",
        "worker",
        "--interval",
        interval,
    ]


def when_ready(server) -> None:
    """The master is up: start the clock worker next to the web workers."""
    global _clock
    if not clock_enabled():
        server.log.info("RECALL_WORKER=0: the deadline clock is not started here")
        return
    _clock = subprocess.Popen(clock_command())
    server.log.info("deadline clock started (pid %s)", _clock.pid)


def on_exit(server) -> None:
    """Gunicorn is stopping: let the clock finish its tick, then end it."""
    if _clock is None or _clock.poll() is not None:
        return
    _clock.send_signal(signal.SIGTERM)
    try:
        _clock.wait(timeout=CLOCK_STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        server.log.warning("deadline clock did not stop in time; killing it")
        _clock.kill()
        _clock.wait()
