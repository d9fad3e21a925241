"""Accounts: sign-in and out, sign-up, email confirmation, password reset, mail preferences."""

from flask import Flask

from app.auth.blueprint import bp


def register(app: Flask, **options) -> None:
    """Attach the views to ``bp`` (importing a view module adds its routes) and register it."""
    from app.auth import language, mail_views, routes  # noqa: F401

    app.register_blueprint(bp, **options)
    language.register(app)
