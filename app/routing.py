"""URL converters shared by every blueprint."""

from werkzeug.routing import IntegerConverter

#: Largest id a URL may carry: beyond it SQLite and PostgreSQL integers overflow.
MAX_ID = 2**31 - 1


class IdConverter(IntegerConverter):
    """``<id:name>``: a database id, 1 to MAX_ID; anything else is a 404, never an overflow."""

    def __init__(self, url_map) -> None:
        super().__init__(url_map, min=1, max=MAX_ID)
