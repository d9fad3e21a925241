"""Mail, the plumbing every workflow shares: the outbox, the backends, and delivery.

``outbox.queue_mail`` queues a message inside the caller's transaction; ``delivery`` sends what
is due (after the request or from ``flask mail send-queued``) through a ``backends`` backend
(console, file or SMTP). The messages themselves are written by their workflows.
"""
