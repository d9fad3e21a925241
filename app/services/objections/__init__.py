"""Objections to the invalidation of a signature: filed by the signer or an initiator, decided
by an officer in scope; certification waits for open ones."""
