"""The read-only JSON API: constituencies, deputies and petitions."""

from flask import Flask

from app.api.blueprint import bp


def register(app: Flask, **options) -> None:
    """Attach the views to ``bp`` (importing a view module adds its routes) and register it."""
    from app.api import routes  # noqa: F401
    from app.extensions import csrf

    # The API is read-only JSON without cookies-based writes, so CSRF does not apply.
    csrf.exempt(bp)
    app.register_blueprint(bp, **options)
