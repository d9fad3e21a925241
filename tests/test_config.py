import pytest

from app import create_app


def test_production_refuses_to_start_without_real_secrets(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("DATA_KEY", raising=False)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/x.sqlite3")
    with pytest.raises(RuntimeError, match="SECRET_KEY must be set"):
        create_app("production")


def test_production_refuses_a_short_data_key(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", "s" * 40)
    monkeypatch.setenv("DATA_KEY", "short")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/x.sqlite3")
    with pytest.raises(RuntimeError, match="DATA_KEY must be set"):
        create_app("production")


def test_production_starts_with_secrets_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", "s" * 40)
    monkeypatch.setenv("DATA_KEY", "d" * 40)
    monkeypatch.setenv("DATABASE_URL", f"postgres://u@localhost/{tmp_path.name}")
    app = create_app("production")
    assert app.config["SECRET_KEY"] == "s" * 40
    assert app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql+psycopg://")


def test_development_generates_secrets_once_into_the_instance_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("DATA_KEY", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setattr("flask.Flask.auto_find_instance_path", lambda self: str(tmp_path))

    first = create_app("development")
    second = create_app("development")

    assert first.config["SECRET_KEY"] == second.config["SECRET_KEY"]
    assert len(first.config["DATA_KEY"]) >= 32
    assert first.config["DATA_KEY"] != first.config["SECRET_KEY"]
    assert (tmp_path / "data_key").stat().st_mode & 0o077 == 0
    assert first.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path}/recall.sqlite3"


def test_an_unknown_app_env_is_refused(monkeypatch):
    monkeypatch.setenv("APP_ENV", "staging")
    with pytest.raises(RuntimeError, match="APP_ENV"):
        create_app()
