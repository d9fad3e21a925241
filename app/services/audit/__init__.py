"""The append-only, hash-chained audit log that every use case writes to.

Commands: ``chain`` (``record`` appends an entry inside the caller's transaction;
``verify_chain`` checks the chain). Queries: ``queries`` (the log page with its filters, a
petition's history, an entry's details in words).
"""
