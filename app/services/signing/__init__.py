"""Signing online: verifying as a voter, signing once, withdrawing, and what a person may do
about a petition.

Commands: ``verification`` (binding an account to its row on the register), ``commands``
(signing and withdrawing; ``check_signer`` is the one eligibility check, ``check_voter`` its
part that EDS signing shares), ``eds_challenges`` and ``eds`` (signing with an electronic
digital signature: the data to sign, then the verified CMS signature; ``eds_refusals`` names
its error codes) and ``receipts`` (the receipt code and its mail). Queries: ``queries`` (what a
person can do about a petition, "My signatures", the voter page).
"""
