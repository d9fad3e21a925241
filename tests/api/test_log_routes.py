"""The transparency log, checked from its public endpoints only by an independent RFC 9162
verifier (``tests/support/rfc9162.py``, which shares no code with the app)."""

import itertools
from datetime import UTC, datetime, timedelta

import pytest

from app.extensions import db
from app.services.signing.commands import sign_petition
from app.services.transparency.record import pseudonym
from tests.factories import make_collecting_petition, make_verified_citizen, make_voter
from tests.support import rfc9162
from tests.support.transparency import hexes, public_log

OPENED = datetime.now(UTC) - timedelta(days=1)


@pytest.fixture
def petition(app):
    app.config["SIGNATURE_COUNT_INTERVAL"] = 0  # every head exact
    return make_collecting_petition(opened_at=OPENED)


def sign(petition, count: int) -> list:
    signatures = []
    for _ in range(count):
        user = make_verified_citizen(make_voter(constituency=petition.constituency))
        db.session.commit()
        signatures.append(sign_petition(petition.id, user.id, now=datetime.now(UTC)))
    return signatures


def test_an_independent_verifier_checks_root_proofs_signature_and_consistency(client, petition):
    sign(petition, 6)
    first = public_log(client)
    sign(petition, 5)
    second = public_log(client)

    for log in (first, second):
        head, entries = log["head"], [text.encode() for text in log["entries"]]
        assert rfc9162.verify_tree_head(head, log["key"]["public_key"])
        assert rfc9162.mth(entries).hex() == head["root_hash"]
        for index, entry in enumerate(entries):
            answer = client.get(f"/api/v1/log/proof?leaf_index={index}&tree_size={len(entries)}")
            proof = answer.get_json()
            assert (proof["leaf_index"], proof["tree_size"]) == (index, len(entries))
            assert rfc9162.verify_inclusion(
                index,
                len(entries),
                rfc9162.hash_leaf(entry),
                hexes(proof["audit_path"]),
                bytes.fromhex(head["root_hash"]),
            )
    old, new = first["head"], second["head"]
    assert second["entries"][: old["tree_size"]] == first["entries"]
    answer = client.get(
        f"/api/v1/log/consistency?first={old['tree_size']}&second={new['tree_size']}"
    ).get_json()
    assert rfc9162.verify_consistency(
        old["tree_size"],
        new["tree_size"],
        bytes.fromhex(old["root_hash"]),
        bytes.fromhex(new["root_hash"]),
        hexes(answer["consistency_path"]),
    )


def test_every_consistency_proof_between_two_sizes_verifies(client, petition):
    sign(petition, 8)
    entries = [text.encode() for text in public_log(client)["entries"]]

    for first, second in itertools.combinations_with_replacement(range(1, len(entries) + 1), 2):
        path = client.get(f"/api/v1/log/consistency?first={first}&second={second}").get_json()
        assert rfc9162.verify_consistency(
            first,
            second,
            rfc9162.mth(entries[:first]),
            rfc9162.mth(entries[:second]),
            hexes(path["consistency_path"]),
        ), (first, second)


def test_a_tampered_answer_would_not_verify(client, petition):
    sign(petition, 3)
    log = public_log(client)
    head = dict(log["head"], tree_size=log["head"]["tree_size"] + 1)

    assert not rfc9162.verify_tree_head(head, log["key"]["public_key"])
    assert (
        rfc9162.mth([text.encode() for text in log["entries"][:-1]]).hex()
        != (log["head"]["root_hash"])
    )


def test_a_new_signature_is_in_the_signed_log_at_once(client, petition):
    before = client.get("/api/v1/log/sth").get_json()["tree_size"]
    [signature] = sign(petition, 1)

    head = client.get("/api/v1/log/sth").get_json()
    entries = client.get(f"/api/v1/log/entries?start={before}&end={before + 1}").get_json()

    assert head["tree_size"] == before + 1
    assert pseudonym(signature.id) in entries["entries"][0]["leaf_input"]


def test_a_stored_head_is_served_while_it_is_younger_than_the_interval(client, petition, app):
    app.config["SIGNATURE_COUNT_INTERVAL"] = 3600
    first = client.get("/api/v1/log/sth").get_json()
    sign(petition, 1)

    again = client.get("/api/v1/log/sth")

    assert again.get_json() == first
    assert again.headers["Cache-Control"].startswith("public")
    app.config["SIGNATURE_COUNT_INTERVAL"] = 0
    assert client.get("/api/v1/log/sth").get_json()["tree_size"] == first["tree_size"] + 1


def test_entries_come_in_pages_of_at_most_a_thousand_and_stop_at_the_end(client, petition):
    sign(petition, 2)
    answer = client.get("/api/v1/log/entries?start=0&end=5000")

    assert [entry["index"] for entry in answer.get_json()["entries"]] == [0, 1, 2]
    assert "immutable" not in answer.headers["Cache-Control"]
    whole = client.get("/api/v1/log/entries?start=1&end=3")
    assert "immutable" in whole.headers["Cache-Control"]


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("entries?start=0", "end", "The parameter end is required."),
        ("entries?start=x&end=2", "start", "start must be a whole number."),
        ("entries?start=-1&end=2", "start", "start must be at least 0."),
        ("entries?start=5&end=9", "start", "start must be less than the size of the log, 3."),
        ("entries?start=2&end=2", "end", "end must be greater than start."),
        ("proof?leaf_index=3&tree_size=3", "leaf_index", "leaf_index must be less than tree_size."),
        ("proof?leaf_index=0&tree_size=4", "tree_size",
         "tree_size must not exceed the size of the log, 3."),
        ("proof?leaf_index=0&tree_size=99999999999999999999", "tree_size",
         "tree_size must be at most 2147483647."),
        ("proof?leaf_index=1.5&tree_size=2", "leaf_index", "leaf_index must be a whole number."),
        ("consistency?first=0&second=2", "first", "first must be at least 1."),
        ("consistency?first=3&second=2", "first", "first must not exceed second."),
        ("consistency?first=1&second=9", "second",
         "second must not exceed the size of the log, 3."),
    ],
)  # fmt: skip
def test_bad_or_out_of_range_parameters_are_a_400_naming_the_parameter(
    client, petition, query, field, message
):
    sign(petition, 2)

    answer = client.get(f"/api/v1/log/{query}")

    assert answer.status_code == 400
    assert answer.get_json() == {"error": {"code": 400, "field": field, "message": message}}
    assert answer.headers["Cache-Control"] == "no-store"


def test_messages_follow_lang_and_accept_language(client, petition):
    russian = client.get("/api/v1/log/proof?leaf_index=5&tree_size=1&lang=ru").get_json()
    kazakh = client.get(
        "/api/v1/log/proof?leaf_index=0", headers={"Accept-Language": "kk"}
    ).get_json()

    assert russian["error"]["message"] != "leaf_index must be less than tree_size."
    assert "leaf_index" in russian["error"]["message"]
    assert kazakh["error"]["message"] != "The parameter tree_size is required."
    assert "tree_size" in kazakh["error"]["message"]


def test_the_key_history_lists_every_key_with_its_validity(client, petition, runner):
    current = client.get("/api/v1/log/key").get_json()
    runner.invoke(args=["log", "rotate-key"])
    keys = client.get("/api/v1/log/keys").get_json()["keys"]

    assert [key["public_key"] for key in keys][0] == current["public_key"]
    assert keys[0]["valid_until"] == keys[1]["valid_from"] and keys[1]["valid_until"] is None
    head = client.get("/api/v1/log/sth").get_json()
    assert rfc9162.verify_tree_head(head, client.get("/api/v1/log/key").get_json()["public_key"])
    assert not rfc9162.verify_tree_head(head, current["public_key"])
