from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade

from app.extensions import db, migrate


def schema_differences():
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, db.metadata)


def test_migrations_build_exactly_the_schema_the_models_describe(app):
    assert schema_differences() == []


def test_migrations_have_one_head_and_sequential_names(app):
    config = migrate.get_config()
    scripts = ScriptDirectory.from_config(config)
    assert len(scripts.get_heads()) == 1
    for revision in scripts.walk_revisions():
        assert revision.revision.isdigit() and len(revision.revision) == 4


def test_downgrade_to_base_and_upgrade_again_restores_the_schema(app):
    downgrade(revision="base")
    upgrade()
    assert schema_differences() == []
