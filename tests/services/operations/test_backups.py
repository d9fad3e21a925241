"""Backups of the whole database and their restore, on SQLite and PostgreSQL alike."""

from datetime import timedelta
from pathlib import Path

import sqlalchemy as sa

from app.extensions import db
from app.models import AuditEntry, Signature
from app.services.audit.chain import verify_chain
from app.services.signing.commands import sign_petition, withdraw_signature
from tests.factories import make_collecting_petition, make_verified_citizen, make_voter


def signatures() -> list[tuple]:
    db.session.expire_all()
    return db.session.execute(
        sa.select(
            Signature.id,
            Signature.receipt_code,
            Signature.signer_hash,
            Signature.status,
            Signature.withdrawn_at,
        ).order_by(Signature.id)
    ).all()


def audit_actions() -> list[str]:
    return list(db.session.scalars(sa.select(AuditEntry.action).order_by(AuditEntry.seq)))


def signed_petition(count: int = 5):
    petition = make_collecting_petition()
    citizens = [
        make_verified_citizen(make_voter(constituency=petition.constituency)) for _ in range(count)
    ]
    db.session.commit()
    now = petition.opened_at + timedelta(days=1)
    signed = [sign_petition(petition.id, citizen.id, now=now) for citizen in citizens]
    return petition, citizens, signed, now


def test_a_backup_restored_keeps_every_signature_and_the_audit_chain(app, runner, tmp_path):
    petition, citizens, signed, now = signed_petition()
    kept, actions = signatures(), audit_actions()
    assert len(kept) == 5 and verify_chain().intact

    created = runner.invoke(args=["backup", "create", str(tmp_path / "backups")])
    [backup] = list((tmp_path / "backups").iterdir())
    # After the backup: one more signature, one withdrawn.
    late = make_verified_citizen(make_voter(constituency=petition.constituency))
    db.session.commit()
    sign_petition(petition.id, late.id, now=now + timedelta(hours=1))
    withdraw_signature(signed[0].id, citizens[0].id, now=now + timedelta(hours=2))
    assert signatures() != kept
    restored = runner.invoke(args=["backup", "restore", str(backup), "--yes"])

    assert created.exit_code == 0 and str(backup) in created.output, created.output
    assert restored.exit_code == 0, restored.output
    assert "Audit log intact" in restored.output
    assert signatures() == kept
    assert audit_actions() == [*actions, "backup.restored"]
    report = verify_chain()
    assert report.intact and report.entries == len(actions) + 1


def test_restore_asks_first_and_a_no_changes_nothing(app, runner, tmp_path):
    signed_petition(2)
    runner.invoke(args=["backup", "create", str(tmp_path / "backups")])
    [backup] = list((tmp_path / "backups").iterdir())
    before = audit_actions()

    answered = runner.invoke(args=["backup", "restore", str(backup)], input="n\n")

    assert answered.exit_code == 1 and "Every change made since this backup" in answered.output
    assert audit_actions() == before


def test_a_file_that_is_no_backup_is_refused_with_nothing_changed(app, runner, tmp_path):
    signed_petition(2)
    kept = signatures()
    suffix = ".sqlite3" if db.engine.dialect.name == "sqlite" else ".pgdump"
    bogus = Path(tmp_path / f"bogus{suffix}")
    bogus.write_bytes(b"not a database at all" * 100)

    result = runner.invoke(args=["backup", "restore", str(bogus), "--yes"])

    assert result.exit_code == 1 and "not restored, nothing changed" in result.output
    assert signatures() == kept and verify_chain().intact
