"""Use case: re-encrypt every stored IIN under the current encryption key (a key rotation).

The IIN lookup hashes stay as they are: their key derives from ``DATA_KEY``, which never changes
(see ``app/crypto.py``), so every lookup keeps working. Only the ciphertexts change: every
column named ``*iin_encrypted`` (voters, signatures, paper lines, and any added later) is read, and
each value still under an earlier key (``DATA_ENCRYPTION_OLD_KEYS``) is decrypted and encrypted
again under the current one (``DATA_ENCRYPTION_KEY``). Other encrypted columns, such as the
transparency log's signing keys (under a key derived from ``DATA_KEY``), are not IINs and stay
as they are. One transaction: a value that no key of
the ring opens stops the rotation with nothing changed.
"""

from collections import Counter
from dataclasses import dataclass, field

import sqlalchemy as sa
from cryptography.exceptions import InvalidTag
from flask_babel import gettext as _

from app.crypto import vault
from app.database import transaction
from app.extensions import db
from app.services.audit import chain as audit

BATCH = 5_000


class RotationError(Exception):
    """Some stored value opens under no key of the ring; nothing was changed."""


@dataclass
class RotationResult:
    #: The current key's id, and the earlier keys' ids.
    key_id: str
    old_key_ids: list[str]
    #: "table.column" -> values re-encrypted / already under the current key.
    rotated: Counter = field(default_factory=Counter)
    current: Counter = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return sum(self.rotated.values())


def encrypted_columns() -> list[sa.Column]:
    """Every column of the schema holding an encrypted IIN, in a stable order."""
    return [
        column
        for table in db.metadata.sorted_tables
        for column in table.columns
        if column.name.endswith("iin_encrypted")
    ]


def rotate_data_key(*, actor_label: str = "cli") -> RotationResult:
    """Re-encrypt every stored IIN that is not under the current key; one transaction."""
    keys = vault()
    result = RotationResult(keys.key_ids[0], keys.key_ids[1:])
    with transaction():
        for column in encrypted_columns():
            _rotate_column(column, keys, result)
        audit.record(
            "secrets.data_key_rotated",
            "dataset",
            None,
            actor_label=actor_label,
            details={
                "key_id": result.key_id,
                "old_key_ids": result.old_key_ids,
                "rotated": dict(result.rotated),
                "already_current": dict(result.current),
            },
        )
    return result


def _rotate_column(column: sa.Column, keys, result: RotationResult) -> None:
    table, name = column.table, f"{column.table.name}.{column.name}"
    (key,) = table.primary_key.columns
    last = None
    while True:
        query = sa.select(key, column).where(column.is_not(None)).order_by(key).limit(BATCH)
        if last is not None:
            query = query.where(key > last)
        rows = db.session.execute(query).all()
        if not rows:
            return
        last = rows[-1][0]
        changes = []
        for row_id, blob in rows:
            try:
                iin, position = keys.opened(blob)
            except InvalidTag:
                raise RotationError(
                    _(
                        "%(column)s of row %(id)s opens under no key of DATA_ENCRYPTION_KEY and "
                        "DATA_ENCRYPTION_OLD_KEYS; nothing was changed.",
                        column=name,
                        id=row_id,
                    )
                ) from None
            if position == 0:
                result.current[name] += 1
            else:
                changes.append({"row_id": row_id, "blob": keys.encrypt(iin)})
        if changes:
            db.session.execute(
                sa.update(table)
                .where(key == sa.bindparam("row_id"))
                .values({column.name: sa.bindparam("blob")}),
                changes,
                execution_options={"synchronize_session": False},
            )
            result.rotated[name] += len(changes)
