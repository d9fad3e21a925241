"""The JSON API: constituencies, deputies and petitions to read, and signing with an EDS."""

from flask import Flask

from app.api.blueprint import bp


def register(app: Flask, **options) -> None:
    """Attach the views to ``bp`` (importing a view module adds its routes) and register it,
    with the documentation page (``/api/docs``) and the conventions every answer follows."""
    from app.api import conventions, docs_page, eds_routes, log_routes, open_data, routes  # noqa: F401
    from app.extensions import csrf

    # The API's only writes are the EDS signing endpoints, where the signature itself is the
    # proof and a session merely links the result to an account; CSRF does not apply.
    csrf.exempt(bp)
    app.register_blueprint(bp, **options)
    app.register_blueprint(docs_page.docs_bp, url_prefix="/api")
    conventions.register(app)
