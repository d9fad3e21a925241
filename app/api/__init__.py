"""The read-only JSON API: constituencies, deputies and petitions."""

from flask import Flask

from app.api.blueprint import bp


def register(app: Flask, **options) -> None:
    """Attach the views to ``bp`` (importing a view module adds its routes) and register it,
    with the documentation page (``/api/docs``) and the conventions every answer follows."""
    from app.api import conventions, docs_page, log_routes, open_data, routes  # noqa: F401
    from app.extensions import csrf

    # The API is JSON without cookie-based writes, so CSRF does not apply.
    csrf.exempt(bp)
    app.register_blueprint(bp, **options)
    app.register_blueprint(docs_page.docs_bp, url_prefix="/api")
    conventions.register(app)
