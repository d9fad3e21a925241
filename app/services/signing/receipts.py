"""A signature's receipt: the code a signer keeps to check that their signature was counted, and
the mail that gives it, with the signature's entry in the transparency log, to a signer with an
account (signing online or with an EDS). Paper signatures get a code too."""

import secrets

from flask_babel import force_locale, get_locale
from flask_babel import gettext as _

from app.i18n import shown_moment
from app.models import Petition, Signature, User
from app.routing import external_url
from app.services.law import petition_rules
from app.services.mail.outbox import queue_mail
from app.services.transparency.record import pseudonym

#: Receipt codes avoid letters and digits that are easy to confuse (0/O, 1/I/L).
RECEIPT_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_receipt_code() -> str:
    """A fresh code of ten unambiguous characters, ``XXXXX-XXXXX``."""
    code = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(10))
    return f"{code[:5]}-{code[5:]}"


def queue_receipt(user: User, petition: Petition, signature: Signature, leaf_index: int) -> None:
    """The receipt mail, in the signer's language, written in plain strings: this runs on
    every signature. ``leaf_index``: the signature's entry in the transparency log."""
    with force_locale(user.language or "en"):
        _queue_receipt_text(user, petition, signature, leaf_index)


def _queue_receipt_text(
    user: User, petition: Petition, signature: Signature, leaf_index: int
) -> None:
    zone = petition_rules(petition).zone
    signed_at = signature.signed_at.astimezone(zone)
    lines = [
        _(
            "You signed recall petition № %(id)s against %(name)s.",
            id=petition.id,
            name=petition.deputy.full_name,
        ),
        "",
        _("Receipt code: %(code)s", code=signature.receipt_code),
        _("Signed at: %(when)s", when=shown_moment(signed_at, zone)),
        "",
        _("Keep this code: it lets you check that your signature was counted."),
        external_url("public.petition", petition_id=petition.id),
        "",
        _(
            "Transparency log entry № %(index)s, pseudonym %(pseudonym)s. The proof that the "
            "public log holds it:",
            index=leaf_index,
            pseudonym=pseudonym(signature.id),
        ),
        external_url("api.log_proof", leaf_index=leaf_index, tree_size=leaf_index + 1),
    ]
    queue_mail(
        user.email,
        _("Your signature on recall petition № %(id)s", id=petition.id),
        "\n".join(lines) + "\n",
        language=str(get_locale()),
    )
