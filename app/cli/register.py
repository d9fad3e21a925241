import click
from flask.cli import AppGroup

register_group = AppGroup("register", help="Voter register: import, generate, list.")
