"""Pauses of signing, site-wide or for one petition, and the deadline extensions they cause."""
