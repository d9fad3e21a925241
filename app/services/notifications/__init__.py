"""Notifications: petition events turned into outbox messages, in each recipient's language.

Commands: ``dispatch`` (``dispatch_pending(now)`` is run by ``flask recall tick``;
``dispatch_after_request`` does the same at once for the events of a request where mail is
delivered immediately, in development) and ``preferences`` (unsubscribing, opting out,
following; their reads are there too). ``audiences`` finds who hears of an event and
``render`` writes one notice in the recipient's language. Events are recorded by the workflows
themselves (``app.services.events``).
"""

from app.services.notifications.dispatch import dispatch_after_request, dispatch_pending

__all__ = ["dispatch_after_request", "dispatch_pending"]
