"""Open data: the public figures in bulk (petitions, daily counts, per-constituency totals)."""
