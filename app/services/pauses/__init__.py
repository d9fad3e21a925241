"""Pauses of signing, site-wide or for one petition, and the deadline extensions they cause.

Commands: ``commands`` (start and end a pause). Queries: ``queries`` (the pause pages, the
site-wide pause open now). Whether a pause holds a petition's collection open is part of the
petition's status, ``petitions.status``.
"""
