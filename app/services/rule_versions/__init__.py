"""Official values without code: versions of a rule set proposed and confirmed by two admins."""
