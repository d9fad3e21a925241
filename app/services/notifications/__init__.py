"""Notifications: petition events turned into outbox messages, in each recipient's language."""
