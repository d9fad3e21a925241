import click
from flask.cli import AppGroup

seed_group = AppGroup("seed", help="Demo data.")
