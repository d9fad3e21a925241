"""The recall petition tracker: application factory."""

import logging
import os

from flask import Flask

from app.config import CONFIGS, environment_overrides
from app.routing import IdConverter


def create_app(config_name: str | None = None, **overrides) -> Flask:
    """Build the app for ``config_name`` (default: ``APP_ENV`` or ``development``)."""
    name = config_name or os.environ.get("APP_ENV", "development")
    if name not in CONFIGS:
        raise RuntimeError(f"APP_ENV must be one of {', '.join(CONFIGS)}, not {name!r}")
    config_class = CONFIGS[name]

    app = Flask(__name__, template_folder="../templates", instance_relative_config=True)
    app.url_map.converters["id"] = IdConverter
    app.config.from_object(config_class)
    if not app.config["TESTING"]:
        app.config.from_pyfile("config.py", silent=True)
        app.config.update(environment_overrides())
    app.config.update(overrides)
    app.config["APP_ENV"] = name
    config_class.finalise(app.config, app.instance_path)

    register_extensions(app)
    register_rule_sets(app)
    register_blueprints(app)
    register_protections(app)
    register_error_handlers(app)
    register_mail(app)
    register_commands(app)
    register_template_helpers(app)
    configure_logging(app)
    return app


def register_extensions(app: Flask) -> None:
    from app import (
        caching,
        database,
        models,  # noqa: F401  (every table on the metadata, for Alembic)
    )
    from app.extensions import babel, csrf, db, login_manager, migrate
    from app.i18n import select_locale

    db.init_app(app)
    database.configure_engine(app)
    migrate.init_app(
        app,
        db,
        directory=os.path.join(app.root_path, "..", "migrations"),
        render_as_batch=True,
        compare_type=True,
    )
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    # Flask-Login's "basic" protection only marks a session not fresh, which nothing here reads
    # (no fresh_login_required); it would rewrite every anonymous visitor's language session once
    # and so keep that page out of the public cache. Sign-out ends sessions on the server instead
    # (User.session_version, app/auth/loader.py).
    login_manager.session_protection = None
    from app.auth.loader import load_user  # noqa: F401  (registers the user loader)

    # Before the blueprints: its hooks must run first (lookup) and last (store).
    caching.configure(app)


def register_rule_sets(app: Flask) -> None:
    from app.services.law import init_rule_sets

    init_rule_sets(app)


def register_blueprints(app: Flask) -> None:
    """One blueprint per audience; each package's ``register`` imports its views first."""
    from app import api, auth, citizen, commission, deputy, public

    public.register(app)
    auth.register(app, url_prefix="/auth")
    citizen.register(app)
    commission.register(app, url_prefix="/commission")
    deputy.register(app, url_prefix="/deputy")
    api.register(app, url_prefix="/api/v1")


def register_protections(app: Flask) -> None:
    """Abuse limits, security headers, session rules; after the blueprints, whose endpoints the
    limits wrap by name."""
    from app import limits, security

    if app.config["PROXY_COUNT"]:
        from werkzeug.middleware.proxy_fix import ProxyFix

        count = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count)  # type: ignore[method-assign]
    limits.init_app(app)
    security.init_app(app)


def register_mail(app: Flask) -> None:
    """With MAIL_DELIVERY "immediate", a request that queued mail and committed sends it now."""
    from app.services.mail.delivery import deliver_after_request
    from app.services.notifications import dispatch_after_request

    # Flask runs after_request functions in reverse order: events are dispatched, then delivered.
    app.after_request(deliver_after_request)
    app.after_request(dispatch_after_request)


def register_error_handlers(app: Flask) -> None:
    from app.errors import register_error_handlers as register

    register(app)


def register_commands(app: Flask) -> None:
    from app.cli import register_commands as register

    register(app)


def register_template_helpers(app: Flask) -> None:
    from app.i18n import register_template_helpers as register
    from app.views import demo_panel, site_pause_banner

    register(app)
    app.context_processor(site_pause_banner)
    app.context_processor(demo_panel)


def configure_logging(app: Flask) -> None:
    from app import logs

    if not app.debug and not app.testing and not app.logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        app.logger.addHandler(handler)
        app.logger.setLevel(logging.INFO)
    # No token of a link that acts for someone may reach a log line (app/logs.py).
    logs.install(app)
