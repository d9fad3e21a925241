"""Query parameters of the API: declared once as pydantic models, which both validate a request
and describe the parameters in the OpenAPI document (``app.api.openapi``).

A value that does not fit gives ``BadParameter``, answered 400 with a message in the caller's
language that names the parameter; an empty value counts as absent (``?body=`` means no filter).
"""

import base64
import binascii
import json
from datetime import date
from typing import Annotated

from flask import request
from flask_babel import gettext as _
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from app.routing import MAX_ID

#: The largest index or size a parameter may name (the log's columns are 32-bit integers).
MAX_INDEX = MAX_ID
DEFAULT_PAGE = 100
MAX_PAGE = 1000


def N_(text: str) -> str:
    """Marks a description for translation; it is translated when the document is built."""
    return text


class BadParameter(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class Query(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


Index = Annotated[int, Field(ge=0, le=MAX_INDEX)]
Size = Annotated[int, Field(ge=1, le=MAX_INDEX)]


class Paging(Query):
    cursor: str | None = Field(
        None,
        max_length=400,
        description=N_(
            "Where the page starts: the cursor from the Link header (rel=next) of the page "
            "before. Leave it out for the first page."
        ),
    )
    limit: int = Field(
        DEFAULT_PAGE, ge=1, le=MAX_PAGE, description=N_("Items per page, 1 to 1000.")
    )


def bad_request(field: str, message: str):
    """The 400 answer naming the parameter at fault."""
    return {"error": {"code": 400, "field": field, "message": message}}, 400


def parse(model: type[Query]) -> Query:
    """``model`` filled from the query string; raises ``BadParameter`` for the first misfit."""
    values = {
        name: request.args[name] for name in model.model_fields if request.args.get(name, "") != ""
    }
    try:
        return model.model_validate(values)
    except ValidationError as error:
        first = error.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else ""
        raise BadParameter(field, message(field, first)) from None


def message(field: str, error: dict) -> str:
    """A translated message for one pydantic error about ``field``."""
    kind, context = error["type"], error.get("ctx") or {}
    if kind == "missing":
        return _("The parameter %(field)s is required.", field=field)
    if kind.startswith("int_"):
        return _("%(field)s must be a whole number.", field=field)
    if kind == "greater_than_equal":
        return _("%(field)s must be at least %(limit)s.", field=field, limit=context["ge"])
    if kind == "less_than_equal":
        return _("%(field)s must be at most %(limit)s.", field=field, limit=context["le"])
    if kind == "string_too_long":
        return _("%(field)s is too long.", field=field)
    return _("%(field)s is not valid.", field=field)


def encode_cursor(key: tuple) -> str:
    """An opaque cursor for the item with sort key ``key`` (the last item of a page)."""
    values = [value.isoformat() if isinstance(value, date) else value for value in key]
    text = json.dumps(values, separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None, types: tuple[type, ...]) -> tuple | None:
    """The sort key in ``cursor``, each part of the type in ``types``; None for no cursor."""
    if cursor is None:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()))
        if not isinstance(values, list) or len(values) != len(types):
            raise ValueError(cursor)
        return tuple(_typed(value, kind) for value, kind in zip(values, types, strict=True))
    except (ValueError, TypeError, binascii.Error, UnicodeError):
        raise BadParameter(
            "cursor", _("This cursor is not valid: start again from the first page.")
        ) from None


def _typed(value, kind: type):
    if kind is date and isinstance(value, str):
        return date.fromisoformat(value)
    if kind is int and type(value) is int and 0 <= value <= MAX_ID:
        return value
    if kind is str and isinstance(value, str) and value.isprintable():
        return value
    raise ValueError(value)
