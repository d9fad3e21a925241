import pytest

from app import create_app
from app.extensions import db


@pytest.fixture
def csrf_client(app, database_url):
    """A client of an app that checks CSRF tokens, as production does."""
    checked = create_app("testing", DATABASE_URL=database_url, WTF_CSRF_ENABLED=True)
    yield checked.test_client()
    with checked.app_context():
        db.engine.dispose()
