"""EDS verification throughput: CMS signatures (RSA-2048, SHA-256, attached content, signer
under an intermediate CA) verified per second on one core, through the same path the signing
API takes (trust store loaded from files, chain, validity, key usage, CRLs, IIN).

Goal: at least 300 per second per core, so that verification never becomes the bottleneck of
signing (``bench/signing.py`` measures the whole signing request).
"""

import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

from cryptography.hazmat.primitives import serialization

from app import iin as iin_rules
from app.eds import issuing
from app.eds.cms import verify_cms
from app.eds.store import load_trust

SIGNATURES = 200
SECONDS = 5.0
GOAL = 300


def run(**_) -> dict:
    root = issuing.make_ca("Bench root CA")
    intermediate = issuing.make_ca("Bench signing CA", issuer=root)
    iin = iin_rules.make(date(1980, 5, 15), iin_rules.Sex.MALE, 7)
    person = issuing.issue_signing_certificate(intermediate, common_name="BENCH", iin=iin)
    # Distinct contents, as challenges are: nothing can be cached across signatures.
    contents = [f'{{"nonce":"{n:08d}","petition_id":1}}'.encode() for n in range(SIGNATURES)]
    signed = [
        (content, issuing.sign_cms(content, person, chain=[intermediate.certificate]))
        for content in contents
    ]
    with tempfile.TemporaryDirectory() as folder:
        anchors = Path(folder) / "anchors.pem"
        anchors.write_bytes(issuing.pem(root.certificate))
        crls = Path(folder) / "crl"
        crls.mkdir()
        for name, ca in (("root", root), ("intermediate", intermediate)):
            der = issuing.make_crl(ca).public_bytes(serialization.Encoding.DER)
            (crls / f"{name}.crl").write_bytes(der)
        done, started = 0, time.perf_counter()
        while time.perf_counter() - started < SECONDS:
            content, der = signed[done % SIGNATURES]
            trust = load_trust(anchors, crls)
            verify_cms(der, expected_content=content, trust=trust, at=datetime.now(UTC))
            done += 1
        elapsed = time.perf_counter() - started
    rate = done / elapsed
    figures = {
        "verifications": done,
        "seconds": round(elapsed, 2),
        "per_second_per_core": round(rate, 1),
        "goal_per_second": GOAL,
        "goal_met": rate >= GOAL,
    }
    print(
        f"EDS verification (RSA-2048, chain of 2, 2 CRLs): {rate:,.0f}/s on one core "
        f"(goal ≥ {GOAL}/s: {'met' if rate >= GOAL else 'NOT met'})"
    )
    return figures
