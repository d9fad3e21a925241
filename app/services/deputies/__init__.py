"""The deputy's side: the portal's aggregate view of petitions, and the formal reply."""
