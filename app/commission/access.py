"""Guards for commission views: staff only, and only petitions in the officer's scope."""

from collections.abc import Callable
from functools import wraps

from flask import abort
from flask_login import current_user

from app.models import Role
from app.permissions import role_required
from app.services.accounts.officers import may_work_on

STAFF = (Role.COMMISSION, Role.ADMIN)


#: Administrators only (officers, assignments, bodies, deputy accounts, pauses).
admin_required = role_required(Role.ADMIN)


def staff_required(view: Callable) -> Callable:
    """Commission officers and admins; anonymous users go to sign-in, others get 403."""
    return role_required(*STAFF)(view)


def petition_scope_required(view: Callable) -> Callable:
    """Staff, and the ``petition_id`` in the URL must be in the officer's scope (else 403).

    An id that does not exist is also answered 403 for officers, so that an officer cannot probe
    which petitions exist outside their scope; admins get 404 from the view itself.
    """

    @wraps(view)
    def wrapped(*args, **kwargs):
        if (
            not may_work_on(current_user, kwargs["petition_id"])
            and current_user.role is not Role.ADMIN
        ):
            abort(403)
        return view(*args, **kwargs)

    guarded = role_required(*STAFF)(wrapped)
    guarded.petition_scoped = True
    return guarded
