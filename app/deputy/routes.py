"""Deputy portal views (issue 6: being built)."""

from app.deputy import bp  # noqa: F401
