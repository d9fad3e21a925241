"""``flask --app wsgi log ...``: the transparency log's checks, published heads and keys."""

import json
import os
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup
from flask_babel import gettext as _
from flask_babel import ngettext

from app.services.transparency import heads, keys
from app.services.transparency.backfill import log_unlogged_signatures
from app.services.transparency.verify import Problem, verify_log

log_group = AppGroup("log", help="The transparency log of signatures (RFC 9162).")


def _problem(problem: Problem) -> str:
    values = problem.values
    messages = {
        "missing_leaf": lambda: _("BROKEN: leaf %(index)s is missing", **values),
        "leaf_hash": lambda: _("BROKEN: the stored hash of leaf %(index)s is wrong", **values),
        "node": lambda: _(
            "BROKEN: the stored subtree at level %(level)s, position %(position)s is not the "
            "hash of its children",
            **values,
        ),
        "node_count": lambda: _(
            "BROKEN: level %(level)s holds %(found)s subtrees instead of %(expected)s", **values
        ),
        "head_root": lambda: _(
            "BROKEN: the signed head of size %(size)s does not match the leaves", **values
        ),
        "head_signature": lambda: _(
            "BROKEN: the signature of the head of size %(size)s does not verify with key %(key)s",
            **values,
        ),
        "head_row": lambda: _(
            "BROKEN: the head row (size %(size)s) does not match the leaves", **values
        ),
    }
    return messages[problem.kind]()


@log_group.command("verify")
def verify_command() -> None:
    """Rebuild the tree from the stored leaves and check every stored hash and signed head;
    exit 1 and name what is broken otherwise."""
    report = verify_log()
    for problem in report.problems:
        click.echo(_problem(problem), err=True)
    if not report.intact:
        sys.exit(1)
    click.echo(
        _(
            "intact: %(leaves)s leaves, root %(root)s, %(heads)s signed heads checked",
            leaves=report.leaves,
            root=report.root,
            heads=report.heads,
        )
    )


@log_group.command("publish")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), default=None)
def publish_command(output: Path | None) -> None:
    """Sign a head of the whole log now and write it, with the key, to a JSON file (default
    instance/tree-head-SIZE.json), for publishing elsewhere."""
    now = datetime.now(UTC)
    head = heads.signed_head(now, max_age=timedelta(0))
    key = keys.current_key(now)
    record = {
        **head.as_served(),
        "signed_at": head.signed_at.isoformat(),
        "key_id": key.key_id,
        "algorithm": keys.ALGORITHM,
        "public_key": keys.public_key_b64(key),
        "site": current_app.config["PUBLIC_BASE_URL"],
    }
    path = output or Path(current_app.instance_path) / f"tree-head-{head.tree_size}.json"
    _write(path, json.dumps(record, indent=2, sort_keys=True) + "\n")
    click.echo(
        _(
            "tree head of %(size)s leaves, root %(root)s, written to %(path)s",
            size=head.tree_size,
            root=head.root_hash,
            path=str(path),
        )
    )


def _write(path: Path, text: str) -> None:
    """Written to a temporary file and renamed: a reader never sees half a head."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(temporary, path)


@log_group.command("rotate-key")
def rotate_command() -> None:
    """Retire the current signing key now and make a new one (both stay in the key history)."""
    old, new = keys.rotate_key(datetime.now(UTC), actor_label="cli")
    click.echo(
        _(
            "signing key rotated: %(old)s retired, %(new)s signs from now on",
            old=old.key_id if old else "-",
            new=new.key_id,
        )
    )


@log_group.command("backfill")
def backfill_command() -> None:
    """Append a leaf for every signature that has none (signatures older than the log)."""
    count = log_unlogged_signatures(datetime.now(UTC), actor_label="cli")
    click.echo(
        ngettext(
            "%(num)s signature without a leaf was logged",
            "%(num)s signatures without a leaf were logged",
            count,
        )
    )


@log_group.command("keys")
def keys_command() -> None:
    """List every signing key with its validity (the history the API publishes)."""
    for key in keys.key_history():
        until = key.valid_until.isoformat() if key.valid_until else _("current")
        click.echo(
            f"{key.key_id}  {keys.public_key_b64(key)}  {key.valid_from.isoformat()}  {until}"
        )
