"""Notifications: petition events turned into outbox messages, in each recipient's language.

``dispatch_pending(now)`` is run by ``flask recall tick``; ``dispatch_after_request`` does the
same at once for the events of a request where mail is delivered immediately (development).
"""

from app.services.notifications.dispatch import dispatch_after_request, dispatch_pending

__all__ = ["dispatch_after_request", "dispatch_pending"]
