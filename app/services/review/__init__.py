"""Verifying signatures: the automatic checks, the officers' review (one by one or in bulk)
and the re-check against a new register."""
