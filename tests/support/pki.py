"""A test PKI of its own: a root (the trust anchor), an intermediate carried in each CMS, and
signing certificates for every case the EDS checks refuse, with CRLs written to a folder."""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from app import iin as iin_rules
from app.eds import issuing


def fixed_iin(year: int, serial: int) -> str:
    """A valid IIN born on 15 May of ``year`` (serial chosen so a check digit exists)."""
    for sex in (iin_rules.Sex.MALE, iin_rules.Sex.FEMALE):
        found = iin_rules.make(date(year, 5, 15), sex, serial)
        if found:
            return found
    raise ValueError(serial)


#: Who the certificates name: a voter of the petition's constituency, one of another, one not
#: on the register (each test puts the first two on its register).
VOTER_IIN = fixed_iin(1980, 101)
SECOND_VOTER_IIN = fixed_iin(1981, 102)
OTHER_PLACE_IIN = fixed_iin(1982, 103)
UNKNOWN_IIN = fixed_iin(1983, 104)


@dataclass
class TestPki:
    root: issuing.Issued
    intermediate: issuing.Issued
    stranger_root: issuing.Issued
    people: dict[str, issuing.Issued] = field(default_factory=dict)

    def cms(self, name: str, content: bytes, **kw) -> bytes:
        return issuing.sign_cms(
            content, self.people[name], chain=[self.intermediate.certificate], **kw
        )

    def write(self, folder: Path, *, stale: bool = False) -> tuple[Path, Path]:
        """Anchors (the root only) and a CRL folder; ``stale``: the intermediate's CRL is past
        its nextUpdate."""
        folder.mkdir(parents=True, exist_ok=True)
        anchors = folder / "anchors.pem"
        anchors.write_bytes(issuing.pem(self.root.certificate))
        crls = folder / "crl"
        crls.mkdir(exist_ok=True)
        now = datetime.now(UTC)
        root_crl = issuing.make_crl(self.root)
        if stale:
            intermediate_crl = issuing.make_crl(
                self.intermediate,
                [self.people["revoked"].certificate],
                last_update=now - timedelta(days=3),
                next_update=now - timedelta(days=1),
            )
        else:
            intermediate_crl = issuing.make_crl(
                self.intermediate, [self.people["revoked"].certificate]
            )
        from cryptography.hazmat.primitives import serialization

        (crls / "root.crl").write_bytes(root_crl.public_bytes(serialization.Encoding.DER))
        (crls / "intermediate.pem").write_bytes(
            intermediate_crl.public_bytes(serialization.Encoding.PEM)
        )
        return anchors, crls


def build_pki() -> TestPki:
    root = issuing.make_ca("Test root CA (fictional)")
    intermediate = issuing.make_ca("Test signing CA (fictional)", issuer=root)
    stranger = issuing.make_ca("Somebody else's CA")
    pki = TestPki(root, intermediate, stranger)
    person = issuing.issue_signing_certificate
    long_ago = datetime.now(UTC) - timedelta(days=800)
    pki.people = {
        "voter": person(intermediate, common_name="TESTOVA AIGERIM", iin=VOTER_IIN),
        "voter_ec": person(
            intermediate, common_name="TESTOVA AIGERIM", iin=VOTER_IIN, key=issuing.new_key("ec")
        ),
        "second_voter": person(intermediate, common_name="TESTOV ASKAR", iin=SECOND_VOTER_IIN),
        "other_place": person(intermediate, common_name="OTHER PLACE", iin=OTHER_PLACE_IIN),
        "unknown": person(intermediate, common_name="NOT ON REGISTER", iin=UNKNOWN_IIN),
        "no_iin": person(intermediate, common_name="NO IIN", iin=None),
        "expired": person(intermediate, common_name="EXPIRED", iin=VOTER_IIN, not_before=long_ago),
        "revoked": person(intermediate, common_name="REVOKED", iin=VOTER_IIN),
        "untrusted": person(stranger, common_name="UNTRUSTED", iin=VOTER_IIN),
        "not_for_signing": person(
            intermediate, common_name="KEY AGREEMENT", iin=VOTER_IIN, signing_usage=False
        ),
    }
    return pki


_built: list[TestPki] = []


def shared_pki() -> TestPki:
    """One PKI per test process (keys are slow to make; nothing in it changes)."""
    if not _built:
        _built.append(build_pki())
    return _built[0]
