"""The public blueprint; each view module of the package attaches its routes to it."""

from flask import Blueprint

bp = Blueprint("public", "app.public")
