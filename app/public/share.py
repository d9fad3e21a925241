"""Sharing a petition: its address, plain share links, the card for link previews and its QR code.

No third-party script is loaded: WhatsApp and Telegram take a plain link, and the address is shown
in a field to copy. The QR code is drawn on the server (``segno``) as an SVG file, for posters.
"""

import io
from dataclasses import dataclass
from urllib.parse import quote, urlencode

import segno
from flask_babel import format_number, ngettext
from flask_babel import gettext as _

from app.routing import external_url


@dataclass(frozen=True)
class Share:
    url: str
    title: str
    #: One sentence for the link preview: the constituency and the count, where it is public.
    description: str
    whatsapp: str
    telegram: str
    #: Paper sheets are offered while the petition collects signatures.
    sheets: bool


def share_links(petition, counts, place_name: str, *, collecting: bool) -> Share:
    """How to share ``petition`` (``counts``: its public counts, None when counted at close;
    ``collecting``: it collects signatures now, so paper sheets may be printed)."""
    url = external_url("public.petition", petition_id=petition.id)
    title = _("Recall of %(name)s", name=petition.deputy.full_name)
    if counts is None:
        description = place_name
    elif petition.signatures_required:
        description = _(
            "%(place)s: %(valid)s of %(required)s valid signatures",
            place=place_name,
            valid=format_number(counts.valid),
            required=format_number(petition.signatures_required),
        )
    else:
        description = ngettext(
            "%(place)s: %(count)s valid signature",
            "%(place)s: %(count)s valid signatures",
            counts.valid,
            place=place_name,
            count=format_number(counts.valid),
        )
    return Share(
        url=url,
        title=title,
        description=description,
        whatsapp="https://wa.me/?" + urlencode({"text": f"{title} {url}"}, quote_via=quote),
        telegram="https://t.me/share/url?"
        + urlencode({"url": url, "text": title}, quote_via=quote),
        sheets=collecting,
    )


def qr_svg_file(url: str, title: str) -> bytes:
    """The QR code of ``url`` as an SVG file, large enough for a poster."""
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="svg", scale=10, title=title)
    return out.getvalue()
