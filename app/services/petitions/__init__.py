"""The petition: its lifecycle moves, its status and counts at a moment, and the page models
of the public petition pages.

Commands: ``commands`` (lifecycle moves, each with its audit entry: ``change_status``,
``record_transition``). Queries: ``queries`` (public lists, the petition page, the API),
``counts`` (signature counts, cached for the public, exact for the commission) and
``calendar`` (the legal calendar, open petitions). ``status`` is the one place that says what a
petition's status is at ``now`` (``shown_status``, and ``status_shown_at`` in SQL).
"""
