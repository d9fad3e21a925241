"""Verifying signatures: the automatic checks, the officers' review (one by one or in bulk)
and the re-check against a new register.

Commands: ``commands`` (one decision on a signature; the review page's model is read there too),
``bulk`` (one decision over a filter, after a preview) and ``recheck`` (the checks of open
petitions re-run against a new register). ``checks`` runs the automatic checks on one signature
and settles its status, for paper acceptance and the demo.
"""
