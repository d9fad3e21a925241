"""The petition: its lifecycle moves, its status and counts at a moment, and the page models
of the public petition pages."""
