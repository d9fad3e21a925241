"""The EDS signing API end to end, on both databases: a challenge, a CMS signature made with
the tests' own PKI, and every refusal with its code."""

import base64
import json
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import AuditEntry, EdsChallenge, EdsSignature, Signature, SignatureStatus
from app.models.signature import SignatureProof
from tests.factories import (
    make_collecting_petition,
    make_constituency,
    make_deputy,
    make_verified_citizen,
    make_voter,
)
from tests.support import pki as test_pki


@pytest.fixture
def pki():
    return test_pki.shared_pki()


@pytest.fixture
def world(app, pki, tmp_path):
    """A petition collecting now, the voter and a second voter of its constituency on the
    register, a voter of another constituency, and the site trusting the test root."""
    petition = make_collecting_petition(opened_at=datetime.now(UTC) - timedelta(days=1))
    make_voter(constituency=petition.constituency, iin=test_pki.VOTER_IIN)
    make_voter(constituency=petition.constituency, iin=test_pki.SECOND_VOTER_IIN)
    elsewhere = make_constituency()
    make_deputy(constituency=elsewhere)
    make_voter(constituency=elsewhere, iin=test_pki.OTHER_PLACE_IIN)
    db.session.commit()
    anchors, crls = pki.write(tmp_path / "trust")
    app.config.update(EDS_TRUST_ANCHORS=str(anchors), EDS_CRL_DIR=str(crls))
    return petition


def another_petition(opened_days_ago=1, **kw):
    """A second collecting petition in the same register snapshot."""
    from app.models import RegisterCount, RegisterSnapshot
    from app.rules.lifecycle import PetitionStatus
    from app.services.petitions.commands import change_status
    from tests.factories import make_petition

    opened = datetime.now(UTC) - timedelta(days=opened_days_ago)
    petition = make_petition(status=PetitionStatus.FILED, filed_at=opened - timedelta(days=7), **kw)
    snapshot = db.session.scalar(sa.select(RegisterSnapshot).where(RegisterSnapshot.is_active))
    db.session.add(
        RegisterCount(snapshot_id=snapshot.id, constituency_id=petition.constituency_id, voters=100)
    )
    db.session.commit()
    return change_status(
        petition.id, PetitionStatus.COLLECTING, now=opened, reason="registered", actor_label="test"
    )


def challenge(client, petition_id):
    answer = client.post(f"/api/v1/petitions/{petition_id}/eds/challenge")
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()


def post_signature(client, petition_id, challenge_id, cms: bytes | str):
    text = cms if isinstance(cms, str) else base64.b64encode(cms).decode()
    return client.post(
        f"/api/v1/petitions/{petition_id}/eds/signatures",
        json={"challenge_id": challenge_id, "cms": text},
    )


def sign(client, pki, petition_id, who="voter", **kw):
    found = challenge(client, petition_id)
    data = base64.b64decode(found["data_to_sign"])
    return post_signature(client, petition_id, found["challenge_id"], pki.cms(who, data, **kw))


def error_code(answer) -> str:
    return answer.get_json()["error"]["code"]


def test_a_challenge_is_canonical_json_of_the_petition_valid_ten_minutes(client, world):
    found = challenge(client, world.id)

    data = base64.b64decode(found["data_to_sign"])
    document = json.loads(data)
    assert data == json.dumps(document, sort_keys=True, separators=(",", ":")).encode()
    assert sorted(document) == [
        "constituency",
        "issued_at",
        "nonce",
        "petition_id",
        "statement_sha256",
    ]
    assert document["petition_id"] == world.id
    assert document["statement_sha256"] == world.statement_sha256
    assert document["constituency"] == world.constituency.code
    issued = datetime.fromisoformat(found["issued_at"])
    assert datetime.fromisoformat(found["expires_at"]) - issued == timedelta(minutes=10)
    assert found["signatures_url"].endswith(f"/api/v1/petitions/{world.id}/eds/signatures")
    # Only the challenge id's hash is stored.
    stored = db.session.scalar(sa.select(EdsChallenge))
    assert found["challenge_id"].encode() not in stored.token_hash


def test_two_challenges_carry_different_nonces(client, world):
    first, second = challenge(client, world.id), challenge(client, world.id)

    assert first["challenge_id"] != second["challenge_id"]
    assert first["data_to_sign"] != second["data_to_sign"]


def test_a_valid_signature_counts_once_with_its_proof_and_evidence(client, world, pki):
    answer = sign(client, pki, world.id)

    assert answer.status_code == 201, answer.get_json()
    receipt = answer.get_json()
    assert receipt["petition_id"] == world.id and len(receipt["receipt_code"]) == 11
    assert receipt["proof"] == "eds" and receipt["linked_to_account"] is False
    signature = db.session.scalar(sa.select(Signature))
    assert signature.proof is SignatureProof.EDS and signature.status is SignatureStatus.VALID
    assert signature.user_id is None and signature.receipt_code == receipt["receipt_code"]
    evidence = db.session.scalar(sa.select(EdsSignature))
    certificate = pki.people["voter"].certificate
    assert evidence.certificate_serial == format(certificate.serial_number, "x")
    assert "Test signing CA" in evidence.certificate_issuer
    assert len(evidence.certificate_sha256) == 64 and evidence.cms[:1] == b"\x30"
    # Never the IIN in clear: not in the evidence row, not in the audit entry.
    entry = db.session.scalar(
        sa.select(AuditEntry).where(AuditEntry.action == "signature.eds_signed")
    )
    assert entry is not None and test_pki.VOTER_IIN not in json.dumps(entry.details)
    assert test_pki.VOTER_IIN.encode() not in evidence.certificate_issuer.encode()


def test_ecdsa_and_rsa_pss_signatures_verify_too(client, world, pki):
    assert sign(client, pki, world.id, who="voter_ec").status_code == 201
    assert sign(client, pki, world.id, who="second_voter", pss=True).status_code == 201


def test_the_same_person_signing_again_is_told_already_signed_409(client, world, pki):
    assert sign(client, pki, world.id).status_code == 201

    again = sign(client, pki, world.id, who="voter_ec")

    assert again.status_code == 409 and error_code(again) == "already_signed"
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Signature)) == 1


def test_a_used_challenge_is_refused(client, world, pki):
    found = challenge(client, world.id)
    cms = pki.cms("voter", base64.b64decode(found["data_to_sign"]))
    assert post_signature(client, world.id, found["challenge_id"], cms).status_code == 201

    again = post_signature(client, world.id, found["challenge_id"], cms)

    assert again.status_code == 409 and error_code(again) == "challenge_used"


def test_an_expired_challenge_is_refused(client, world, pki):
    found = challenge(client, world.id)
    db.session.execute(
        sa.update(EdsChallenge).values(
            issued_at=datetime.now(UTC) - timedelta(minutes=11),
            expires_at=datetime.now(UTC) - timedelta(minutes=1),
        )
    )
    db.session.commit()
    cms = pki.cms("voter", base64.b64decode(found["data_to_sign"]))

    answer = post_signature(client, world.id, found["challenge_id"], cms)

    assert answer.status_code == 410 and error_code(answer) == "challenge_expired"


def test_an_unknown_challenge_or_one_of_another_petition_is_refused(client, world, pki):
    other = another_petition()
    found = challenge(client, other.id)
    cms = pki.cms("voter", base64.b64decode(found["data_to_sign"]))

    assert error_code(post_signature(client, world.id, "no-such-challenge", cms)) == (
        "unknown_challenge"
    )
    answer = post_signature(client, world.id, found["challenge_id"], cms)
    assert answer.status_code == 404 and error_code(answer) == "unknown_challenge"


def test_content_other_than_the_challenge_is_a_content_mismatch(client, world, pki):
    found = challenge(client, world.id)
    cms = pki.cms("voter", b'{"petition_id":1}')

    answer = post_signature(client, world.id, found["challenge_id"], cms)

    assert answer.status_code == 422 and error_code(answer) == "content_mismatch"


def test_tampered_content_or_signature_does_not_verify(client, world, pki):
    from asn1crypto import cms as asn1_cms

    found = challenge(client, world.id)
    data = base64.b64decode(found["data_to_sign"])
    good = pki.cms("voter", data)
    info = asn1_cms.ContentInfo.load(good)
    info["content"]["encap_content_info"]["content"] = data.replace(b'"nonce":"', b'"nonce":"X')
    tampered_content = info.dump(force=True)
    info = asn1_cms.ContentInfo.load(good)
    signer = info["content"]["signer_infos"][0]
    signature = bytearray(signer["signature"].native)
    signature[10] ^= 0xFF
    signer["signature"] = bytes(signature)
    tampered_signature = info.dump(force=True)

    for cms in (tampered_content, tampered_signature):
        answer = post_signature(client, world.id, found["challenge_id"], cms)
        assert answer.status_code == 422 and error_code(answer) == "bad_signature"
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Signature)) == 0


@pytest.mark.parametrize(
    ("who", "status", "code"),
    [
        ("untrusted", 422, "untrusted_certificate"),
        ("not_for_signing", 422, "untrusted_certificate"),
        ("expired", 422, "certificate_expired"),
        ("revoked", 422, "certificate_revoked"),
        ("no_iin", 422, "no_iin_in_certificate"),
        ("unknown", 403, "not_a_voter"),
        ("other_place", 403, "wrong_constituency"),
    ],
)
def test_each_certificate_problem_has_its_code(client, world, pki, who, status, code):
    answer = sign(client, pki, world.id, who=who)

    assert (answer.status_code, error_code(answer)) == (status, code)
    assert answer.get_json()["error"]["message"]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Signature)) == 0


def test_a_crl_past_its_next_update_refuses_clearly(app, client, world, pki, tmp_path):
    anchors, crls = pki.write(tmp_path / "stale", stale=True)
    app.config.update(EDS_TRUST_ANCHORS=str(anchors), EDS_CRL_DIR=str(crls))

    answer = sign(client, pki, world.id)

    assert answer.status_code == 503 and error_code(answer) == "revocation_unavailable"
    assert "out of date" in answer.get_json()["error"]["message"]


@pytest.mark.parametrize(
    "body",
    [
        None,
        {"challenge_id": "x"},
        {"challenge_id": "x", "cms": "not base64!"},
        {"challenge_id": 5, "cms": "AAAA"},
    ],
)
def test_a_malformed_request_is_a_bad_request(client, world, body):
    answer = client.post(f"/api/v1/petitions/{world.id}/eds/signatures", json=body)

    assert answer.status_code == 400 and error_code(answer) == "bad_request"


def test_bytes_that_are_no_cms_are_a_bad_request(client, world):
    found = challenge(client, world.id)

    answer = post_signature(client, world.id, found["challenge_id"], b"\x30\x03\x02\x01\x01")

    assert answer.status_code == 400 and error_code(answer) == "bad_request"


def test_a_petition_not_collecting_gives_no_challenge(client, world, pki):
    closed = another_petition(opened_days_ago=60)

    answer = client.post(f"/api/v1/petitions/{closed.id}/eds/challenge")

    assert answer.status_code == 409 and error_code(answer) == "not_collecting"
    assert error_code(client.post("/api/v1/petitions/999999/eds/challenge")) == "not_collecting"


def test_a_rule_set_without_eds_gives_no_challenge(client, world):
    california = another_petition(rule_set_code="ca-local")

    answer = client.post(f"/api/v1/petitions/{california.id}/eds/challenge")

    assert answer.status_code == 403 and error_code(answer) == "proof_not_accepted"


def test_a_signed_in_voter_gets_the_signature_on_their_account_and_a_receipt_mail(
    client, auth, world, pki
):
    from app.crypto import vault
    from app.models import OutboxMessage, Voter

    voter = db.session.scalar(
        sa.select(Voter).where(Voter.iin_hash == vault().lookup_hash(test_pki.VOTER_IIN))
    )
    user = make_verified_citizen(voter)
    auth.sign_in(user)

    answer = sign(client, pki, world.id)

    assert answer.status_code == 201 and answer.get_json()["linked_to_account"] is True
    assert db.session.scalar(sa.select(Signature.user_id)) == user.id
    mail = db.session.scalar(sa.select(OutboxMessage).where(OutboxMessage.to_address == user.email))
    assert mail is not None and answer.get_json()["receipt_code"] in mail.body_text


def test_a_signed_in_account_of_another_voter_is_not_linked(client, auth, world, pki):
    someone = make_verified_citizen(make_voter(constituency=world.constituency))
    auth.sign_in(someone)

    answer = sign(client, pki, world.id)

    assert answer.status_code == 201 and answer.get_json()["linked_to_account"] is False
    assert db.session.scalar(sa.select(Signature.user_id)) is None


def test_the_challenge_state_shows_the_receipt_once_signed(client, world, pki):
    found = challenge(client, world.id)
    state = client.get(f"/api/v1/eds/challenges/{found['challenge_id']}").get_json()
    assert state["state"] == "open" and state["data_to_sign"] == found["data_to_sign"]

    cms = pki.cms("voter", base64.b64decode(found["data_to_sign"]))
    receipt = post_signature(client, world.id, found["challenge_id"], cms).get_json()

    state = client.get(f"/api/v1/eds/challenges/{found['challenge_id']}").get_json()
    assert state["state"] == "signed" and state["receipt_code"] == receipt["receipt_code"]
    assert client.get("/api/v1/eds/challenges/unknown").status_code == 404


def test_refusals_speak_the_visitors_language(client, world):
    answer = client.post(
        f"/api/v1/petitions/{world.id}/eds/signatures",
        json={},
        headers={"Accept-Language": "ru"},
    )

    assert error_code(answer) == "bad_request"
    assert "JSON" in answer.get_json()["error"]["message"]
    assert answer.get_json()["error"]["message"] != (
        "Send JSON with “challenge_id” and “cms”: the base64 of a DER CMS SignedData "
        "with the signed data attached."
    )


def test_the_receipt_names_the_signature_s_entry_in_the_transparency_log(client, world, pki):
    from app.models import LogEntry

    receipt = sign(client, pki, world.id).get_json()

    entry = db.session.scalar(
        sa.select(LogEntry).where(LogEntry.leaf_index == receipt["log_index"])
    )
    assert entry.event == "signature.signed"
    assert entry.signature_id == db.session.scalar(sa.select(Signature.id))
    assert f'"signature":"{receipt["log_pseudonym"]}"' in entry.leaf_input
    assert f"leaf_index={receipt['log_index']}" in receipt["log_proof_url"]


def test_the_challenge_state_is_never_stored_by_a_cache(client, world):
    found = challenge(client, world.id)

    answer = client.get(f"/api/v1/eds/challenges/{found['challenge_id']}")

    assert answer.status_code == 200
    assert answer.headers["Cache-Control"] == "no-store" and "ETag" not in answer.headers
