"""A citizen initiative: starting a recall petition, its initiative group, the statement,
filing and withdrawal.

Commands: ``start`` (may the user start a recall now, and starting it) and ``group``
(invitations, joining, the statement, filing, withdrawal; the group pages' reads are there
too). ``common`` holds what they share (refusals, who may take part, the statement's limits,
the invitation secret); ``time_bars`` explains a rule set's time bars to a citizen.
"""
