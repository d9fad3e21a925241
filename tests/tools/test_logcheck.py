"""The observers' verifier against a running site (a real HTTP server on a free port)."""

import ast
import json
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.extensions import db
from app.services.signing.commands import sign_petition
from app.tools import logcheck
from tests.factories import make_collecting_petition, make_verified_citizen, make_voter
from tests.support.transparency import tamper


@pytest.fixture
def site(app, live_server):
    app.config["SIGNATURE_COUNT_INTERVAL"] = 0
    petition = make_collecting_petition(opened_at=datetime.now(UTC) - timedelta(days=1))
    return live_server, petition


def sign(petition, count):
    for _ in range(count):
        user = make_verified_citizen(make_voter(constituency=petition.constituency))
        db.session.commit()
        sign_petition(petition.id, user.id, now=datetime.now(UTC))


def test_a_sound_log_checks_and_a_saved_head_is_kept_by_the_next_one(site, tmp_path, capsys):
    url, petition = site
    sign(petition, 5)
    saved = tmp_path / "head.json"

    assert logcheck.main([url, "--save", str(saved), "--lang", "en"]) == 0
    sign(petition, 4)
    assert logcheck.main([url, "--previous", str(saved), "--lang", "en"]) == 0

    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("OK: 6 leaves, root ")
    assert lines[1].startswith("OK: 10 leaves, root ")
    assert json.loads(saved.read_text())["tree_size"] == 6


def test_a_changed_leaf_and_a_rewritten_history_are_named(site, tmp_path, capsys):
    url, petition = site
    sign(petition, 4)
    saved = tmp_path / "head.json"
    logcheck.main([url, "--save", str(saved), "--lang", "en"])
    tamper("UPDATE log_entries SET leaf_input = :text WHERE leaf_index = 1", text="{}")

    assert logcheck.main([url, "--previous", str(saved), "--lang", "en"]) == 1

    errors = capsys.readouterr().err
    assert "FAILED: the entries do not make the signed root" in errors


def test_a_head_that_was_never_signed_by_the_site_is_refused(site, tmp_path, capsys):
    url, petition = site
    sign(petition, 2)
    saved = tmp_path / "head.json"
    logcheck.main([url, "--save", str(saved), "--lang", "en"])
    forged = json.loads(saved.read_text()) | {"root_hash": "ab" * 32}
    saved.write_text(json.dumps(forged))

    assert logcheck.main([url, "--previous", str(saved), "--lang", "en"]) == 1

    errors = capsys.readouterr().err
    assert "the signature of the saved tree head does not verify" in errors
    assert "the tree of 3 leaves is not kept in the new one" in errors


def test_it_speaks_russian_and_kazakh(site, capsys):
    url, petition = site
    sign(petition, 1)

    logcheck.main([url, "--lang", "ru"])
    logcheck.main([url, "--lang", "kk"])

    russian, kazakh = capsys.readouterr().out.splitlines()
    assert not russian.startswith("OK:") and not kazakh.startswith("OK:")
    assert russian != kazakh


def test_an_unreachable_site_exits_2(capsys):
    assert logcheck.main(["http://127.0.0.1:9", "--lang", "en"]) == 2
    assert "could not read the log" in capsys.readouterr().err


def test_it_imports_nothing_but_the_standard_library_and_cryptography():
    tree = ast.parse(Path(logcheck.__file__).read_text())
    modules = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            modules.add(node.module.split(".")[0])
    assert modules - sys.stdlib_module_names == {"cryptography"}
