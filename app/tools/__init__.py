"""Tools for people outside the site: they import nothing of the app (see each module)."""
