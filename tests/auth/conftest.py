import pytest

from app import create_app
from app.extensions import db
from tests.support.mail import Mailbox


@pytest.fixture
def mailbox(app, tmp_path) -> Mailbox:
    """Mail goes out as each request ends, as .eml files in a directory of this test's own."""
    directory = tmp_path / "mail"
    app.config.update(MAIL_BACKEND="file", MAIL_FILE_DIR=str(directory), MAIL_DELIVERY="immediate")
    return Mailbox(directory)


@pytest.fixture
def csrf_client(app, database_url):
    """A client of an app that checks CSRF tokens, as production does."""
    checked = create_app("testing", DATABASE_URL=database_url, WTF_CSRF_ENABLED=True)
    yield checked.test_client()
    with checked.app_context():
        db.engine.dispose()
