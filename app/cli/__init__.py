"""Operations commands: ``flask --app wsgi <group> <command>``."""

from flask import Flask


def register_commands(app: Flask) -> None:
    from app.cli.audit import audit_group
    from app.cli.backup import backup_group
    from app.cli.eds import eds_group
    from app.cli.log import log_group
    from app.cli.mail import mail_group
    from app.cli.recall import recall_group
    from app.cli.register import register_group
    from app.cli.secrets import secrets_group
    from app.cli.seed import seed_group
    from app.cli.users import users_group

    app.cli.add_command(audit_group)
    app.cli.add_command(backup_group)
    app.cli.add_command(eds_group)
    app.cli.add_command(log_group)
    app.cli.add_command(mail_group)
    app.cli.add_command(recall_group)
    app.cli.add_command(register_group)
    app.cli.add_command(secrets_group)
    app.cli.add_command(seed_group)
    app.cli.add_command(users_group)
