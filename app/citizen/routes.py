"""Citizen pages: voter verification, starting a recall, signing and "My signatures".

The views live in one module per area; importing them here attaches them to the blueprint.
"""

from werkzeug.exceptions import Forbidden, NotFound

from app.citizen import bp, initiative_views, signing_views, verification_views  # noqa: F401
from app.errors import handle_http_error
from app.services.initiative.common import NoSuchPetition, NotInitiator


@bp.errorhandler(NoSuchPetition)
def no_such_petition(error: NoSuchPetition):
    return handle_http_error(NotFound())


@bp.errorhandler(NotInitiator)
def not_initiator(error: NotInitiator):
    return handle_http_error(Forbidden())
