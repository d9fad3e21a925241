"""Certifying a petition's result by two officers, and the recall vote that may follow.

Commands: ``commands`` (start verification, propose, confirm, reject; a confirmed sufficient
result vacates the seat where the rule set says so) and ``vote`` (schedule the recall vote and
record its result). Queries: ``queries`` (the figures a proposal would rest on, the proposals
made).
"""
