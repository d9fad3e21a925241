"""What the views of every blueprint share.

``site_pause_banner`` is the context processor that the factory registers for every page.
"""

from datetime import UTC, datetime

from app.services.pauses import queries as pauses


def site_pause_banner() -> dict:
    """Every page says so while signing is paused site-wide (one indexed query per page)."""
    return {"site_pause": pauses.open_site_pause(datetime.now(UTC))}
