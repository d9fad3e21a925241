"""The README's operator's quick start names only commands the app has."""

import re

from tests.support.readme import text


def quick_start() -> str:
    body = text()
    start = body.index("## Operator's quick start (production)")
    return body[start : body.index("\n## ", start + 1)]


def test_the_quick_start_has_five_steps_each_one_command():
    section = quick_start()
    steps = re.findall(r"^\d\. \*\*([^*]+)\*\*", section, re.M)
    assert steps == ["Secrets", "Database", "Web", "The clock", "Backups"]
    assert section.count("```sh") == 5


def test_every_flask_command_in_the_quick_start_exists(app):
    commands = re.findall(r"flask --app wsgi ([a-z-]+) ([a-z-]+)", quick_start())
    assert {group for group, _ in commands} >= {"db", "recall", "backup", "users"}
    for group, name in commands:
        assert name in app.cli.commands[group].commands, (group, name)


def test_the_quick_start_serves_with_the_projects_gunicorn_settings():
    assert "gunicorn -c gunicorn.conf.py" in quick_start()
