"""Paper signature sheets: batches, blind double keying, resolving differences, and accepted
sheets becoming signatures.

Commands: ``batches`` (registering a batch of sheets) and ``keying`` (keying a sheet twice,
resolving differences, accepting it); ``acceptance`` turns an accepted sheet into signatures
inside keying's transaction. Queries: ``queries`` (what the sheet pages show).
"""
