"""The api blueprint; each view module of the package attaches its routes to it."""

from flask import Blueprint

bp = Blueprint("api", "app.api")
