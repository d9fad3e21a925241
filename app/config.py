"""Configuration classes; ``create_app`` picks one by name (``APP_ENV``).

Precedence, lowest first: class defaults, ``instance/config.py``, environment variables,
explicit overrides passed to ``create_app`` (tests).
"""

import os
import tempfile
import uuid
from pathlib import Path

from app.instance_secrets import MIN_SECRET_LENGTH, instance_secret, weak_secret

ENV_KEYS = (
    "SECRET_KEY",
    "DATA_KEY",
    "DATA_ENCRYPTION_KEY",
    "DATA_ENCRYPTION_OLD_KEYS",
    "DATABASE_URL",
    "REDIS_URL",
    "PUBLIC_BASE_URL",
    "SIGNATURE_COUNT_INTERVAL",
    "SQLITE_SYNCHRONOUS",
    "MAIL_BACKEND",
    "MAIL_DELIVERY",
    "MAIL_FROM",
    "MAIL_FILE_DIR",
    "MAIL_SMTP_HOST",
    "MAIL_SMTP_PORT",
    "MAIL_SMTP_TLS",
    "MAIL_SMTP_USERNAME",
    "MAIL_SMTP_PASSWORD",
    "MAIL_SMTP_TIMEOUT",
    "PDF_FONT_PATH",
    "EDS_TRUST_ANCHORS",
    "EDS_CRL_DIR",
    "EDS_NCALAYER_URL",
    "REGISTER_MIN_KEPT_SHARE",
    "PROXY_COUNT",
    "RATELIMIT_ENABLED",
)
#: Where ``flask seed demo`` puts the fictional demo certification authority (instance folder).
DEMO_EDS_DIR = "eds"


def normalise_database_url(url: str) -> str:
    """Map the usual ``postgres://`` spellings to the psycopg 3 driver we ship."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


class BaseConfig:
    TESTING = False
    SECRET_KEY: str | None = None
    #: Secret for personal data: keys the IIN lookup hash (never changed) and, unless
    #: ``DATA_ENCRYPTION_KEY`` is set, the encryption of stored IINs.
    DATA_KEY: str | None = None
    #: The secret stored IINs are encrypted under, when it is not ``DATA_KEY`` (after a rotation).
    DATA_ENCRYPTION_KEY: str | None = None
    #: Earlier encryption secrets, still read during a rotation: a list, or comma-separated text.
    DATA_ENCRYPTION_OLD_KEYS: tuple[str, ...] | str = ()
    DATABASE_URL: str | None = None
    #: Redis shared by every app node (rate limits and caches); None: one process's memory.
    REDIS_URL: str | None = None
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    #: Kazakh first (the state language), then Russian and English: the switcher's order.
    LANGUAGES = ("kk", "ru", "en")
    #: What a visitor who has chosen nothing reads (pages, CLI); see ``app.i18n.select_locale``.
    BABEL_DEFAULT_LOCALE = "kk"
    BABEL_DEFAULT_TIMEZONE = "Asia/Almaty"
    BABEL_TRANSLATION_DIRECTORIES = "translations"
    #: WTForms' own messages ("Not a valid integer value.") in the reader's language, from the
    #: ru and kk catalogs WTForms ships (Flask-WTF's default, stated because it matters here).
    WTF_I18N_ENABLED = True
    #: Largest request body accepted (413 beyond it): forms are small, and the voter register
    #: is imported from disk by the command line, never uploaded.
    MAX_CONTENT_LENGTH = 2 * 1024 * 1024
    #: Werkzeug's own cap on the form fields kept in memory (500 kB by default) follows it.
    MAX_FORM_MEMORY_SIZE = MAX_CONTENT_LENGTH
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    #: Where the recall rule sets live (one TOML file per rule set, see app/rules/sets).
    RULE_SET_DIR = Path(__file__).parent / "rules" / "sets"
    #: Public signature counts may be this many seconds old (0: exact); commission pages are exact.
    SIGNATURE_COUNT_INTERVAL = 10
    #: Answer anonymous public pages and API reads from the shared cache (app/caching.py).
    PUBLIC_READ_CACHE = True
    #: SQLite durability: FULL survives power loss, NORMAL only application crashes.
    SQLITE_SYNCHRONOUS = "FULL"
    #: The licence of the open data downloads (named in their Link header and JSON body).
    OPEN_DATA_LICENCE = {
        "name": "CC BY 4.0",
        "url": "https://creativecommons.org/licenses/by/4.0/",
    }
    #: Where the site is reached from outside; links in mail start with it.
    PUBLIC_BASE_URL = "http://127.0.0.1:5000"
    #: Abuse limits per endpoint and key (app/limits.py); counted in Redis when ``REDIS_URL``
    #: is set, else in this process's memory. ``limits`` syntax: "N per minute;M per hour".
    RATELIMIT_ENABLED = True
    RATELIMIT_HEADERS_ENABLED = True
    RATELIMIT_HEADER_RETRY_AFTER_VALUE = "delta-seconds"
    RATELIMIT_KEY_PREFIX = "recall-limits"
    #: With Redis unreachable, count in this process's memory rather than answer 500.
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    RATE_LIMITS = {
        "auth.login": {"ip": "30 per minute;300 per hour", "email": "10 per minute;60 per hour"},
        "auth.register": {"ip": "10 per hour;50 per day", "email": "3 per hour"},
        "auth.reset_request": {"ip": "10 per hour;50 per day", "email": "3 per hour"},
        "auth.resend_confirmation": {"ip": "10 per hour", "account": "3 per hour"},
        "citizen.verify": {
            "ip": "30 per hour",
            "account": "20 per hour",
            "failed_ip": "10 per hour",
            "failed_iin": "5 per hour",
        },
        "citizen.verify_and_sign": {
            "ip": "30 per hour",
            "account": "20 per hour",
            "failed_ip": "10 per hour",
            "failed_iin": "5 per hour",
        },
        "citizen.sign": {"ip": "60 per minute", "account": "10 per minute"},
        "api.eds_challenge": {"ip": "30 per minute"},
        "api.eds_signatures": {"ip": "30 per minute"},
        "public.eds_mobile_start": {"ip": "20 per minute"},
        "citizen.start": {"ip": "20 per hour", "account": "5 per hour"},
        "blueprint:api": {"ip": "300 per minute"},
    }
    #: Sign-in: from this many failures in a row an account is locked, first for
    #: ``LOGIN_FIRST_LOCK`` seconds, doubling with each further failure (at most a day).
    LOGIN_LOCK_AFTER = 5
    LOGIN_FIRST_LOCK = 60
    #: Reverse proxies in front of the app that set X-Forwarded-For (nginx: 1); 0: none, the
    #: peer address is the client's. Rate limits per address depend on it.
    PROXY_COUNT = 0
    #: Staff sessions (commission, admin, deputy) end after this many seconds without a request.
    STAFF_IDLE_TIMEOUT = 30 * 60
    #: Rows per INSERT batch in the voter register import.
    REGISTER_IMPORT_BATCH = 20_000
    #: An import or activation keeping fewer of the active register's voters is refused unless
    #: the operator passes ``--allow-shrink`` (app/services/register/guard.py).
    REGISTER_MIN_KEPT_SHARE = 0.9
    #: How long links in mail stay valid, in seconds: email confirmation, password reset.
    CONFIRM_TOKEN_MAX_AGE = 3 * 24 * 3600
    RESET_TOKEN_MAX_AGE = 3600
    #: How mail leaves: ``console`` (stdout), ``file`` (.eml files) or ``smtp``.
    MAIL_BACKEND = "console"
    #: ``immediate``: a request sends the mail it queued once it commits; ``queue``: only
    #: ``flask mail send-queued`` sends.
    MAIL_DELIVERY = "immediate"
    MAIL_FROM = "Deputy recall <noreply@localhost>"
    #: For the ``file`` backend; default: ``instance/mail``.
    MAIL_FILE_DIR: str | None = None
    #: A Unicode TTF for the PDF exports (Cyrillic and Kazakh letters).
    PDF_FONT_PATH = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    MAIL_SMTP_HOST = "localhost"
    MAIL_SMTP_PORT = 587
    #: ``none``, ``starttls`` or ``ssl`` (implicit TLS, usually port 465).
    MAIL_SMTP_TLS = "starttls"
    MAIL_SMTP_USERNAME: str | None = None
    MAIL_SMTP_PASSWORD: str | None = None
    #: Seconds to wait for the SMTP server before giving up on this attempt.
    MAIL_SMTP_TIMEOUT = 10
    #: EDS signing: a PEM bundle of the trusted root and intermediate CA certificates (unset:
    #: no EDS signing), and a folder of the CAs' CRLs (DER or PEM), read at each verification.
    EDS_TRUST_ANCHORS: str | None = None
    EDS_CRL_DIR: str | None = None
    #: Where the browser finds NCALayer (its documented local WebSocket).
    EDS_NCALAYER_URL = "wss://127.0.0.1:13579"
    #: The demo certification authority's folder (default: ``instance/eds``).
    EDS_DEMO_DIR: str | None = None

    @classmethod
    def finalise(cls, config: dict, instance_path: str) -> None:
        """Fill in what the class could not know until the instance folder and env were read."""
        if not config.get("DATABASE_URL"):
            config["DATABASE_URL"] = "sqlite:///" + str(Path(instance_path) / "recall.sqlite3")
        if not config.get("EDS_DEMO_DIR"):
            config["EDS_DEMO_DIR"] = str(Path(instance_path) / DEMO_EDS_DIR)
        config["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(config["DATABASE_URL"])
        if not config.get("RATELIMIT_STORAGE_URI"):
            config["RATELIMIT_STORAGE_URI"] = config.get("REDIS_URL") or "memory://"
        config["PROXY_COUNT"] = int(config.get("PROXY_COUNT") or 0)
        if isinstance(enabled := config.get("RATELIMIT_ENABLED"), str):  # from the environment
            config["RATELIMIT_ENABLED"] = enabled.strip().lower() not in ("0", "false", "no", "off")


class DevelopmentConfig(BaseConfig):
    @classmethod
    def finalise(cls, config: dict, instance_path: str) -> None:
        # A fresh clone must work without any setup, so secrets are generated once into
        # instance/ and reused; they never leave this machine.
        for key, filename in (("SECRET_KEY", "secret_key"), ("DATA_KEY", "data_key")):
            if not config.get(key):
                config[key] = instance_secret(instance_path, filename)
        super().finalise(config, instance_path)
        # The demo certification authority, once ``seed demo`` has made it, is trusted here.
        demo = Path(config["EDS_DEMO_DIR"])
        if not config.get("EDS_TRUST_ANCHORS") and (demo / "demo-ca.pem").exists():
            config["EDS_TRUST_ANCHORS"] = str(demo / "demo-ca.pem")
            config["EDS_CRL_DIR"] = config.get("EDS_CRL_DIR") or str(demo / "crl")


class TestingConfig(BaseConfig):
    TESTING = True
    SQLITE_SYNCHRONOUS = "OFF"  # test databases are thrown away
    WTF_CSRF_ENABLED = False
    SECRET_KEY = "testing-secret-key-not-for-production-use"
    DATA_KEY = "testing-data-key-not-for-production-use-000"
    DATABASE_URL = "sqlite://"
    #: Tests of views see each change at once; tests/test_caching.py turns the cache on.
    PUBLIC_READ_CACHE = False
    #: Off so that tests signing in and out many times trip nothing; the limit tests turn it on.
    RATELIMIT_ENABLED = False
    # Most tests check behaviour and read English text; the tests of the language choice (and
    # the browser walks in kk and ru) build their apps with the real default, Kazakh.
    BABEL_DEFAULT_LOCALE = "en"

    @classmethod
    def finalise(cls, config: dict, instance_path: str) -> None:
        # Tests never write a demo CA into the working tree's instance folder.
        if not config.get("EDS_DEMO_DIR"):
            config["EDS_DEMO_DIR"] = str(
                Path(tempfile.gettempdir()) / f"recall-eds-demo-{uuid.uuid4().hex}"
            )
        super().finalise(config, instance_path)


class ProductionConfig(BaseConfig):
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    MAIL_BACKEND = "smtp"
    MAIL_DELIVERY = "queue"

    @classmethod
    def finalise(cls, config: dict, instance_path: str) -> None:
        # Raised before the app (and its translations) exists, so in English like a traceback.
        for key in ("SECRET_KEY", "DATA_KEY", "DATA_ENCRYPTION_KEY"):
            value = config.get(key)
            if key == "DATA_ENCRYPTION_KEY" and not value:
                continue  # optional: DATA_KEY encrypts until a rotation
            if (problem := weak_secret(value)) is not None:
                raise RuntimeError(
                    f"{key} must be set (environment or instance/config.py) to a random value "
                    f"of at least {MIN_SECRET_LENGTH} characters in production; the value given "
                    f"is {'missing' if not value else problem}. Generate one with: python -c "
                    '"import secrets; print(secrets.token_urlsafe(48))"'
                )
        super().finalise(config, instance_path)


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def environment_overrides() -> dict:
    """The settings given as environment variables (empty values are ignored)."""
    return {key: os.environ[key] for key in ENV_KEYS if os.environ.get(key)}
