"""Accounts: sign-up, email confirmation, sign-in and password reset, and the staff's accounts.

Commands: ``commands`` (sign-up, confirmation, sign-in, reset), ``officers`` (an admin's work on
officers, their bodies and regions, and a body's rule set) and ``deputies`` (deputy accounts).
Queries: ``queries`` (the user a signed-in session stands for); ``officers`` also answers which
petitions an officer may work on (``scope_filter``, ``may_work_on``), which every commission
workflow asks, and ``deputies`` lists the deputies an admin may link. ``tokens`` signs the mailed
links; ``mail`` queues the messages.
"""
