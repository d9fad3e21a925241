"""Election-commission pages: the registration queue and decision, signature review, paper
sheets, sampling, certification and the recall vote, exports, the audit log, and the admin pages.

The views live in one module per area; ``register`` imports them, which attaches them to ``bp``.
"""

from flask import Flask

from app.commission.blueprint import bp


def register(app: Flask, **options) -> None:
    """Attach the views to ``bp`` (importing a view module adds its routes) and register it."""
    from app.commission import (  # noqa: F401
        admin_views,
        audit_views,
        certification_views,
        export_views,
        objection_views,
        paper_views,
        pause_views,
        review_views,
        routes,
        rule_version_views,
        sampling_views,
    )

    app.register_blueprint(bp, **options)
