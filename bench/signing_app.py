"""The app as the signing benchmark serves it under gunicorn, plus a bare ceiling endpoint.

``/bench/insert`` inserts one row into SQLite on the same engine (same durability settings) and
does nothing else: what the server and the database can do at best, to compare signing with;
``/bench/bare`` answers a GET with no work at all, the ceiling of the read benchmarks.
It exists only in this module, never in the real app.
"""

import os

import sqlalchemy as sa
from flask import Blueprint

from app import create_app
from app.extensions import csrf, db

bench_bp = Blueprint("bench", __name__)


@bench_bp.get("/bench/bare")
def bare():
    """The ceiling of a read: a Flask route doing nothing, under the same gunicorn."""
    return "ok"


@bench_bp.post("/bench/insert")
def insert_one():
    db.session.execute(sa.text("INSERT INTO bench_rows (payload) VALUES (:p)"), {"p": "x" * 32})
    db.session.commit()
    return "ok"


app = create_app(
    "development",
    DATABASE_URL=os.environ["BENCH_DATABASE_URL"],
    SECRET_KEY="benchmark-secret-key-0123456789abcdef",
    DATA_KEY=os.environ["BENCH_DATA_KEY"],
    MAIL_DELIVERY="queue",
    MAIL_BACKEND="console",
    SIGNATURE_COUNT_INTERVAL=10,
    # The load comes from one address: the per-address abuse limits would refuse most of it.
    RATELIMIT_ENABLED=False,
)
csrf.exempt(bench_bp)
app.register_blueprint(bench_bp)
