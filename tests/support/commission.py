"""Commission staff for the tests."""

from app.extensions import db
from tests.factories import make_officer


def officer_of(petition):
    """A new officer assigned to ``petition``'s body; committed."""
    officer = make_officer(bodies=[petition.constituency.body])
    db.session.commit()
    return officer
