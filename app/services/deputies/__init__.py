"""The deputy's side: the portal's aggregate view of petitions, and the formal reply.

Queries: ``queries`` (the petitions against the signed-in deputy, in aggregate only, never a
signer). Commands: ``replies`` (publishing the formal reply, every edit a new version; the
versions are read there too, for the public petition page).
"""
