"""What a petition's supporters print: the QR code of its page and the paper signature sheet."""

from datetime import UTC, datetime

from flask import Response, abort, request
from flask_babel import get_locale

from app.public import share
from app.public.blueprint import bp
from app.routing import external_url
from app.services.exports import sheet_pdf as sheets
from app.services.petitions import queries as petition_queries


@bp.get("/petitions/<id:petition_id>/qr.svg")
def petition_qr(petition_id: int):
    petition = petition_queries.get_public_petition(petition_id)
    url = external_url("public.petition", petition_id=petition.id)
    svg = share.qr_svg_file(url, url)
    return Response(svg, mimetype="image/svg+xml")


@bp.get("/petitions/<id:petition_id>/sheet.pdf")
def petition_sheet(petition_id: int):
    """Numbered paper signature sheets: ``?language=kk|ru&first=N&count=K`` (the language of
    the page by default, Kazakh if that is neither)."""
    wanted = sheets.sheet_request(
        request.args.get("language", str(get_locale())),
        request.args.get("first"),
        request.args.get("count"),
    )
    try:
        content = sheets.signature_sheets(petition_id, wanted, now=datetime.now(UTC))
    except sheets.SheetRefused:
        abort(404)
    response = Response(content, mimetype="application/pdf")
    name = f"petition-{petition_id}-sheets-{wanted.first}-{wanted.language}.pdf"
    response.headers["Content-Disposition"] = f'inline; filename="{name}"'
    return response
