"""Flask extensions, created unbound; ``create_app`` attaches them to an app."""

from flask_babel import Babel
from flask_caching import Cache
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect

from app.models.base import Base

# Objects stay loaded after a commit: a use case's result is read right after it commits, and
# reloading every attribute would cost one query per object on the hot signing path.
db = SQLAlchemy(model_class=Base, session_options={"expire_on_commit": False})
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
#: Shared by every node through Redis when ``REDIS_URL`` is set (app/caching.py).
cache = Cache()
