"""Commission pages: review (see issue 5)."""

from app.commission import bp  # noqa: F401
