"""The deputy's portal: the petitions against their mandate, in aggregate, and a formal reply."""

from flask import Flask

from app.deputy.blueprint import bp


def register(app: Flask, **options) -> None:
    """Attach the views to ``bp`` (importing a view module adds its routes) and register it."""
    from app.deputy import routes  # noqa: F401

    app.register_blueprint(bp, **options)
