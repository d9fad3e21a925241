"""The public log of pauses of signing and the deadline extensions they caused."""

from flask import render_template

from app.public.blueprint import bp
from app.services.pauses import queries as pauses


@bp.get("/pauses")
def pauses_log():
    return render_template(
        "public/pauses.html", pauses=pauses.fetch_pauses(), extensions=pauses.fetch_extensions()
    )
