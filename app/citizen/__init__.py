"""Citizen pages: voter verification, starting a recall, signing and "My signatures".

The views live in one module per area; ``register`` imports them, which attaches them to ``bp``.
"""

from flask import Flask

from app.citizen.blueprint import bp


def register(app: Flask, **options) -> None:
    """Attach the views to ``bp`` (importing a view module adds its routes) and register it."""
    from app.citizen import (  # noqa: F401
        errors,
        initiative_views,
        objection_views,
        signing_views,
        verification_views,
    )

    app.register_blueprint(bp, **options)
