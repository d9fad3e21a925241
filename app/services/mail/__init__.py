"""Mail: the outbox filled inside use cases, the backends, and delivery of what is due."""
