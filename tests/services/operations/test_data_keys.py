"""Rotating the encryption key of stored IINs: every ciphertext re-encrypted, lookups intact."""

import pytest
import sqlalchemy as sa

from app.crypto import IdentifierVault, key_id, vault
from app.extensions import db
from app.models import AuditEntry, LogKey, PaperLine, PaperSheet, Signature, Voter
from app.services.audit.chain import verify_chain
from app.services.operations.data_keys import (
    RotationError,
    encrypted_columns,
    rotate_data_key,
)
from app.services.paper.keying import key_sheet
from app.services.transparency.keys import current_key, signing_key
from app.services.voters import active_voter
from tests.support.paper import NOW, batch_of, line_of, paper_petition, signer

NEW_KEY = "Vq3_new-encryption-secret-kZ8pW2rTb7yXe4nHu6mLc9dFg1sJ"


@pytest.fixture
def stored(app):
    """Voters, a sheet keyed twice (lines and signatures with encrypted IINs), committed."""
    petition, first, second = paper_petition()
    voters = [signer(petition) for _ in range(3)]
    batch_of(petition, first)
    sheet = db.session.scalar(sa.select(PaperSheet).where(PaperSheet.petition_id == petition.id))
    lines = [line_of(number, voter) for number, voter in enumerate(voters, start=1)]
    key_sheet(petition.id, sheet.id, first.id, lines, now=NOW)
    key_sheet(petition.id, sheet.id, second.id, lines, now=NOW)
    db.session.commit()
    return voters


def ciphertexts() -> dict[str, list[bytes]]:
    db.session.expire_all()
    return {
        f"{c.table.name}.{c.name}": list(
            db.session.scalars(sa.select(c).where(c.is_not(None)).order_by(c))
        )
        for c in encrypted_columns()
    }


def use_keys(app, current: str | None, old: list[str] | str = ()) -> None:
    app.config["DATA_ENCRYPTION_KEY"] = current
    app.config["DATA_ENCRYPTION_OLD_KEYS"] = old
    app.extensions.pop("identifier_vault", None)


def test_every_encrypted_column_is_found():
    names = {f"{c.table.name}.{c.name}" for c in encrypted_columns()}

    assert names == {
        "voters.iin_encrypted",
        "signatures.iin_encrypted",
        "paper_lines.iin_encrypted",
    }


def test_rotation_re_encrypts_every_stored_iin_and_lookups_still_work(app, stored):
    before = ciphertexts()
    assert all(before.values())
    old = app.config["DATA_KEY"]
    use_keys(app, NEW_KEY, [old])

    result = rotate_data_key(actor_label="cli:test")

    after = ciphertexts()
    assert result.rotated == {name: len(values) for name, values in before.items()}
    assert all(not set(after[name]) & set(before[name]) for name in before)
    only_new = IdentifierVault(old, [NEW_KEY])
    use_keys(app, NEW_KEY)  # the old key is gone from the ring
    for voter in stored:
        row = active_voter(vault().lookup_hash(voter.iin))
        assert row is not None and vault().decrypt(row.iin_encrypted) == voter.iin
    for column in encrypted_columns():
        for blob in db.session.scalars(sa.select(column).where(column.is_not(None))):
            only_new.decrypt(blob)
    with pytest.raises(Exception):  # noqa: B017  (InvalidTag: the old key opens none)
        IdentifierVault(old).decrypt(after["voters.iin_encrypted"][0])
    entry = db.session.scalar(
        sa.select(AuditEntry).where(AuditEntry.action == "secrets.data_key_rotated")
    )
    assert entry.details["key_id"] == key_id(NEW_KEY) and entry.details["old_key_ids"]
    assert NEW_KEY not in str(entry.details) and old not in str(entry.details)
    assert verify_chain().intact


def test_a_second_run_has_nothing_left_to_do(app, stored):
    use_keys(app, NEW_KEY, app.config["DATA_KEY"])  # comma-separated text works too
    rotate_data_key()

    again = rotate_data_key()

    assert again.total == 0 and sum(again.current.values()) == sum(map(len, ciphertexts().values()))


def test_new_iins_are_encrypted_under_the_new_key_while_old_ones_still_read(app, stored):
    old_blob = ciphertexts()["voters.iin_encrypted"][0]
    use_keys(app, NEW_KEY, [app.config["DATA_KEY"]])

    fresh = vault().encrypt("850314300004")

    assert vault().opened(fresh)[1] == 0 and vault().opened(old_blob)[1] == 1


def test_a_value_no_key_opens_stops_the_rotation_with_nothing_changed(app, stored):
    stranger = IdentifierVault("an entirely different data key, not in the ring").encrypt("1")
    db.session.execute(
        sa.update(Signature)
        .where(Signature.iin_encrypted.is_not(None))
        .values(iin_encrypted=stranger)
    )
    db.session.commit()
    before = ciphertexts()
    use_keys(app, NEW_KEY, [app.config["DATA_KEY"]])

    with pytest.raises(RotationError, match="signatures.iin_encrypted"):
        rotate_data_key()

    assert ciphertexts() == before
    assert (
        db.session.scalar(
            sa.select(sa.func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.action == "secrets.data_key_rotated")
        )
        == 0
    )


def test_the_lookup_hashes_do_not_depend_on_the_encryption_key(app, stored):
    hashes = sorted(db.session.scalars(sa.select(Voter.iin_hash)))
    lines = sorted(db.session.scalars(sa.select(PaperLine.iin_hash)))
    use_keys(app, NEW_KEY, [app.config["DATA_KEY"]])

    rotate_data_key()

    db.session.expire_all()
    assert sorted(db.session.scalars(sa.select(Voter.iin_hash))) == hashes
    assert sorted(db.session.scalars(sa.select(PaperLine.iin_hash))) == lines


def test_rotation_leaves_the_transparency_log_signing_key_as_it_is(app, stored):
    log_key = current_key(NOW)
    db.session.commit()
    sealed = log_key.private_key_encrypted
    use_keys(app, NEW_KEY, [app.config["DATA_KEY"]])

    rotate_data_key(actor_label="cli:test")

    db.session.expire_all()
    kept = db.session.get(LogKey, log_key.id)
    assert kept.private_key_encrypted == sealed and signing_key(kept) is not None
