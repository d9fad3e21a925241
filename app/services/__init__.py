"""Use cases. Each public function is one transaction: it commits on success, rolls back on error."""
