"""Words for people and their accounts: a deputy's status, an account's role, a member's place in
an initiative group, and the kinds of optional mail one may refuse."""

from flask_babel import lazy_gettext as _l

from app.models import DeputyStatus, MemberRole, Role

DEPUTY_STATUS = {
    DeputyStatus.SERVING: _l("Serving"),
    DeputyStatus.RECALLED: _l("Recalled"),
    DeputyStatus.ENDED: _l("Mandate ended"),
}

ROLE = {
    Role.CITIZEN: _l("citizen"),
    Role.COMMISSION: _l("election commission"),
    Role.DEPUTY: _l("deputy"),
    Role.ADMIN: _l("administrator"),
}

MEMBER_ROLE = {
    MemberRole.INITIATOR: _l("Initiator"),
    MemberRole.MEMBER: _l("Member"),
}

#: The optional mail a user may refuse (``app.services.notifications.audiences.Category``).
MAIL_CATEGORY = {
    "progress": _l(
        "Progress of petitions I started or that concern me (milestones, closing soon, replies)"
    ),
    "results": _l("The final result of petitions I signed"),
    "updates": _l("Updates about petitions I follow"),
}


def mail_category_label(category: str) -> str:
    return str(MAIL_CATEGORY[category])
