"""Signing online: verifying as a voter, signing once, withdrawing, and what a person may do
about a petition.

Commands: ``verification`` (binding an account to its row on the register) and ``commands``
(signing and withdrawing; ``check_signer`` is the one eligibility check). Queries: ``queries``
(what a person can do about a petition, "My signatures").
"""
