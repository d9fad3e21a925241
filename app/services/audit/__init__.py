"""The append-only, hash-chained audit log: writing entries, checking the chain, reading it."""
