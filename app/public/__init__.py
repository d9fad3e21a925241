"""Public pages, no sign-in: constituencies, deputies, petitions, the recall rules, pauses, and
the eGov Mobile signing page."""

from flask import Flask

from app.public.blueprint import bp


def register(app: Flask, **options) -> None:
    """Attach the views to ``bp`` (importing a view module adds its routes) and register it."""
    from app.public import eds_views, info_views, pause_views, print_views, routes  # noqa: F401

    app.register_blueprint(bp, **options)
