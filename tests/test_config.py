import pytest

from app import create_app


def test_production_refuses_to_start_without_real_secrets(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("DATA_KEY", raising=False)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/x.sqlite3")
    with pytest.raises(RuntimeError, match="SECRET_KEY must be set"):
        create_app("production")


def test_production_refuses_a_short_data_key(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", "k7Qz-2pWm_R9vXc4Ty8bNh3Js6Lf1Ge5Da0Uo")
    monkeypatch.setenv("DATA_KEY", "short")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/x.sqlite3")
    with pytest.raises(RuntimeError, match="DATA_KEY must be set"):
        create_app("production")


STRONG_SECRET = "k7Qz-2pWm_R9vXc4Ty8bNh3Js6Lf1Ge5Da0Uo"
STRONG_DATA_KEY = "Hb4_nT9qEw2-Zy7rKp1sXm6Lc3Vj8Fd5Ga0Uo"


def test_production_starts_with_secrets_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", STRONG_SECRET)
    monkeypatch.setenv("DATA_KEY", STRONG_DATA_KEY)
    monkeypatch.setenv("DATABASE_URL", f"postgres://u@localhost/{tmp_path.name}")
    app = create_app("production")
    assert app.config["SECRET_KEY"] == STRONG_SECRET
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


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("s" * 40, "fewer than 8 distinct characters"),
        ("abcdefghabcdefghabcdefghabcdefghabcdefgh", "repeated or sequential"),
        ("HIJKLMNOPQRSTUVWXYZ[]^_abcdefghijklmnopq", "repeated or sequential"),
        ("testing-secret-key-not-for-production-use", "known default"),
        ("please-change-me-before-going-live-2026!", "known default"),
        ("aabbccddeeffgghhaabbccddeeffgghhaabbccdd", "repeated or sequential"),
        ("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab1234567", "repeated or sequential"),
        ("aaaaxaaaaqaaaazaaaamaaaawaaaakaaaapaaaag", "low in entropy"),
    ],
)
def test_production_refuses_a_secret_low_in_entropy(monkeypatch, tmp_path, value, problem):
    monkeypatch.setenv("SECRET_KEY", value)
    monkeypatch.setenv("DATA_KEY", STRONG_DATA_KEY)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/x.sqlite3")

    with pytest.raises(RuntimeError, match=f"SECRET_KEY must be set.*{problem}"):
        create_app("production")


def test_production_judges_a_separate_encryption_key_too(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", STRONG_SECRET)
    monkeypatch.setenv("DATA_KEY", STRONG_DATA_KEY)
    monkeypatch.setenv("DATA_ENCRYPTION_KEY", "x" * 48)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/x.sqlite3")

    with pytest.raises(RuntimeError, match="DATA_ENCRYPTION_KEY must be set"):
        create_app("production")


def test_random_secrets_of_the_usual_kinds_are_accepted():
    import secrets

    from app.instance_secrets import weak_secret

    for _ in range(2000):
        assert weak_secret(secrets.token_urlsafe(48)) is None
        assert weak_secret(secrets.token_urlsafe(24)) is None
        assert weak_secret(secrets.token_hex(32)) is None
