"""Paper signature sheets: batches, blind double keying, resolving differences, and accepted
sheets becoming signatures."""
