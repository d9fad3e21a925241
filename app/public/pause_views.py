"""The public log of pauses of signing and the deadline extensions they caused."""

from datetime import UTC, datetime

from flask import render_template

from app.public.blueprint import bp
from app.services.pauses import queries as pauses


@bp.get("/pauses")
def pauses_log():
    return render_template(
        "public/pauses.html", pauses=pauses.fetch_pauses(), extensions=pauses.fetch_extensions()
    )


@bp.app_context_processor
def site_pause_banner() -> dict:
    """Every page says so while signing is paused site-wide (one indexed query per page)."""
    return {"site_pause": pauses.open_site_pause(datetime.now(UTC))}
