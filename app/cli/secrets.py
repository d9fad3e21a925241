"""``flask --app wsgi secrets ...``: the keys that protect personal data."""

import click
from flask.cli import AppGroup
from flask_babel import gettext as _

from app.services.operations.data_keys import RotationError, rotate_data_key

secrets_group = AppGroup("secrets", help="Keys protecting personal data: rotation.")


@secrets_group.command("rotate-data-key")
def rotate_data_key_command() -> None:
    """Re-encrypt every stored IIN under DATA_ENCRYPTION_KEY (one transaction).

    First set DATA_ENCRYPTION_KEY to the new secret and DATA_ENCRYPTION_OLD_KEYS to the old one
    for every process and restart them; run this; then drop the old key (README, Operations).
    """
    try:
        result = rotate_data_key()
    except RotationError as error:
        raise click.ClickException(str(error)) from None
    for column in sorted(set(result.rotated) | set(result.current)):
        click.echo(
            _(
                "%(column)s: %(rotated)d re-encrypted, %(current)d already under the current key",
                column=column,
                rotated=result.rotated[column],
                current=result.current[column],
            )
        )
    if not result.old_key_ids and not result.total:
        click.echo(
            _(
                "No earlier key is configured (DATA_ENCRYPTION_OLD_KEYS), so there was nothing "
                "to re-encrypt."
            )
        )
    click.echo(
        _(
            "Every stored IIN is under key %(key)s. Once every process runs with this key, "
            "remove DATA_ENCRYPTION_OLD_KEYS.",
            key=result.key_id,
        )
    )
