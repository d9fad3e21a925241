"""How citizen pages answer a petition that does not exist (404) or is not the user's (403)."""

from werkzeug.exceptions import Forbidden, NotFound

from app.citizen.blueprint import bp
from app.errors import handle_http_error
from app.services.initiative.common import NoSuchPetition, NotInitiator


@bp.errorhandler(NoSuchPetition)
def no_such_petition(error: NoSuchPetition):
    return handle_http_error(NotFound())


@bp.errorhandler(NotInitiator)
def not_initiator(error: NotInitiator):
    return handle_http_error(Forbidden())
