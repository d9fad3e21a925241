"""Words for the audit log: what each recorded action means, and what kind of object it is about."""

from flask_babel import lazy_gettext as _l

#: What each audited action means, for people; the code stays in the log and in the exports.
AUDIT_ACTION = {
    "account.created": _l("Account created"),
    "account.email_confirmed": _l("Email address confirmed"),
    "account.language": _l("Language of the account changed"),
    "account.mail_preferences": _l("Mail preferences changed"),
    "account.password_reset": _l("Password reset"),
    "account.sign_in_locked": _l("Sign-in paused after wrong passwords"),
    "account.signed_out_everywhere": _l("Signed out everywhere"),
    "backup.restored": _l("Database restored from a backup"),
    "body.rule_set_changed": _l("Body's rule set changed"),
    "certification.confirmed": _l("Result confirmed"),
    "certification.corrected": _l("Certified result corrected by an upheld objection"),
    "certification.proposed": _l("Result proposed"),
    "certification.rejected": _l("Proposed result rejected"),
    "demo.seeded": _l("Demo data loaded"),
    "demo.tour": _l("Demo marked as loaded (its petitions listed)"),
    "deputy.recalled": _l("Deputy recalled"),
    "log.backfilled": _l("Transparency log entries added for older signatures"),
    "log.key_rotated": _l("Transparency log signing key replaced"),
    "mail.unsubscribed": _l("Unsubscribed from optional mail"),
    "objection.dismissed": _l("Objection to an invalidation dismissed"),
    "objection.filed": _l("Objection to an invalidation filed"),
    "objection.upheld": _l("Objection to an invalidation upheld"),
    "objection.uphold_proposed": _l("Upholding an objection proposed (a second officer decides)"),
    "objection.uphold_rejected": _l("Proposal to uphold an objection rejected"),
    "officer.assigned": _l("Officer assigned"),
    "officer.unassigned": _l("Officer assignment removed"),
    "pause.ended": _l("Pause of signing ended"),
    "pause.started": _l("Signing paused"),
    "paper.batch_registered": _l("Paper sheet batch registered"),
    "paper.sheet_accepted": _l("Paper sheet accepted"),
    "paper.sheet_keyed": _l("Paper sheet keyed"),
    "paper.sheet_resolved": _l("Paper sheet differences resolved"),
    "petition.created": _l("Petition created"),
    "petition.deadline_extended": _l("Collection deadline extended after a pause"),
    "petition.exported": _l("Official record downloaded"),
    "petition.invitation_renewed": _l("Initiative group invitation renewed"),
    "petition.member_joined": _l("Initiative group member joined"),
    "petition.statement_changed": _l("Statement changed"),
    "petition.status_changed": _l("Petition status changed"),
    "reply.published": _l("Deputy's reply published"),
    "register.activated": _l("Earlier voter register made active again"),
    "register.imported": _l("Voter register imported"),
    "register.stations_loaded": _l("Polling station map loaded"),
    "rule_version.confirmed": _l("New version of the recall rules confirmed"),
    "rule_version.proposed": _l("New version of the recall rules proposed"),
    "rule_version.rejected": _l("Proposed version of the recall rules rejected"),
    "sampling.drawn": _l("Sample drawn"),
    "sampling.seed_published": _l("Sampling seed published"),
    "sampling.verdict": _l("Sample verdict recorded"),
    "secrets.data_key_rotated": _l("Stored IINs re-encrypted under a new key"),
    "signature.eds_signed": _l("Signed with an EDS"),
    "signature.reviewed": _l("Signature reviewed"),
    "signatures.bulk_reviewed": _l("Signatures reviewed in bulk"),
    "signatures.rechecked": _l("Signatures re-checked against a new register"),
    "user.created": _l("User created"),
    "vote.recorded": _l("Recall vote result recorded"),
    "vote.scheduled": _l("Recall vote scheduled"),
    "voter.verification_conflict": _l("Voter verification conflict"),
    "voter.verification_failed": _l("Voter verification failed"),
    "voter.verified": _l("Voter verified"),
}

AUDIT_OBJECT = {
    "body": _l("Body"),
    "dataset": _l("Data set"),
    "deputy": _l("Deputy"),
    "log_key": _l("Transparency log signing key"),
    "objection": _l("Objection"),
    "officer_assignment": _l("Officer assignment"),
    "paper_sheet": _l("Paper sheet"),
    "pause": _l("Pause of signing"),
    "petition": _l("Petition"),
    "register_snapshot": _l("Register snapshot"),
    "rule_set_version": _l("Version of the recall rules"),
    "sample_item": _l("Sampled signature"),
    "signature": _l("Signature"),
    "transparency_log": _l("Transparency log"),
    "user": _l("User"),
}


def action_label(code: str) -> str:
    """The action in words; an action without a label shows its code."""
    return str(AUDIT_ACTION.get(code, code))


def object_label(code: str) -> str:
    """The kind of object in words; one without a label shows its code."""
    return str(AUDIT_OBJECT.get(code, code))


#: The fields of an audit entry's details, for the exports that put them into words.
DETAIL_FIELD = {
    "at": _l("When"),
    "batch": _l("Batch"),
    "category": _l("Category"),
    "checked": _l("Checked"),
    "cleared": _l("Cleared"),
    "collector": _l("Collector"),
    "comment": _l("Comment"),
    "constituency": _l("Constituency"),
    "count": _l("Number"),
    "deputy_id": _l("Deputy"),
    "electorate": _l("Voters on the list"),
    "extended": _l("Extended"),
    "file": _l("File"),
    "filter": _l("Filter"),
    "flagged": _l("Flagged"),
    "format": _l("Format"),
    "held_by": _l("Held by"),
    "id": _l("Number"),
    "imported": _l("Imported"),
    "invalid_reason": _l("Reason"),
    "lines": _l("Lines"),
    "mandate_end": _l("End of the mandate"),
    "no": _l("Against the recall"),
    "not_extended": _l("Not extended"),
    "petition_id": _l("Petition"),
    "petitions": _l("Petitions"),
    "population": _l("Population"),
    "reason": _l("Reason"),
    "reason_code": _l("Reason"),
    "reasons": _l("Reasons"),
    "received_on": _l("Received on"),
    "rejected": _l("Rejected"),
    "reply_id": _l("Reply"),
    "result": _l("Result"),
    "role": _l("Role"),
    "rows": _l("Rows"),
    "rule_set": _l("Rule set"),
    "rule_set_code": _l("Rule set"),
    "rule_set_version": _l("Rule set version"),
    "sample_size": _l("Sample size"),
    "scope": _l("Scope"),
    "seed": _l("Seed"),
    "sheets": _l("Sheets"),
    "signature_id": _l("Signature"),
    "signature_ids": _l("Signatures"),
    "snapshot_date": _l("Register date"),
    "status": _l("Status"),
    "statuses": _l("Statuses"),
    "turnout": _l("Voters who took part"),
    "user_id": _l("User"),
    "verdict": _l("Verdict"),
    "version": _l("Version"),
    "voting_day": _l("Voting day"),
    "yes": _l("For the recall"),
}


def detail_field_label(key: str) -> str:
    """A field of an audit entry's details in words; an unknown one reads as its name."""
    found = DETAIL_FIELD.get(key)
    return str(found) if found is not None else key.replace("_", " ")


#: Audit actors that are no person: the command line, the deadline clock, the app itself.
SYSTEM_ACTORS = frozenset({"cli", "system"})


def actor_label(code: str) -> str:
    """Who acted, when no account did: "the system" for the app's own actors, else the code."""
    return str(_l("the system")) if code in SYSTEM_ACTORS else code
