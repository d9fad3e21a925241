"""Public pages: what the service is, constituencies, deputies, petitions and the recall rules.
Read-only, no sign-in."""

from datetime import UTC, datetime
from pathlib import Path

from flask import Response, abort, current_app, render_template, request
from flask_login import current_user

from app.i18n import localized
from app.labels import petition_status_label
from app.public import petition_display, rule_display, share
from app.public.blueprint import bp
from app.public.forms import ConstituencyFilterForm, PetitionFilterForm
from app.rules.lifecycle import PetitionStatus
from app.services import law
from app.services.deputies import replies
from app.services.directory import queries as directory
from app.services.petitions import queries as petition_queries
from app.services.sampling import queries as sampling_results
from app.services.signing.queries import sign_state as compute_sign_state


@bp.get("/")
def index():
    return render_template(
        "public/index.html",
        collecting=petition_queries.collecting_listings(datetime.now(UTC)),
        bodies=directory.fetch_body_summaries(),
    )


@bp.get("/constituencies")
def constituencies():
    form = ConstituencyFilterForm(request.args)
    form.set_choices(directory.fetch_bodies(), directory.fetch_regions())
    try:
        seats = directory.fetch_seats(body_code=form.body.data, region_code=form.region.data)
        unknown = None
    except directory.UnknownFilter as error:
        seats, unknown = [], error
    return render_template("public/constituencies.html", form=form, seats=seats, unknown=unknown)


@bp.get("/constituencies/<code>")
def constituency(code: str):
    seat = directory.get_seat_detail(code, datetime.now(UTC).date())
    return render_template("public/constituency.html", seat=seat)


@bp.get("/deputies/<id:deputy_id>")
def deputy(deputy_id: int):
    return render_template(
        "public/deputy.html",
        deputy=directory.get_deputy(deputy_id),
        petitions=petition_queries.public_petitions_of(deputy_id, datetime.now(UTC)),
    )


@bp.get("/rules")
def rules():
    home, others = rule_display.summaries(list(law.rule_sets().values()))
    return render_template("public/rules.html", home=home, others=others)


@bp.get("/rules/<code>")
def rule_set(code: str):
    try:
        found = law.get_rule_set(code)
    except law.UnknownRuleSet:
        abort(404)
    return render_template(
        "public/rule_set.html",
        summary=rule_display.summary(found),
        rows=rule_display.rows(found),
    )


@bp.get("/petitions", endpoint="petitions")
def petition_list():
    form = PetitionFilterForm(request.args)
    form.set_choices(
        directory.fetch_bodies(),
        directory.fetch_regions(),
        petition_queries.PUBLIC_STATUSES,
        petition_status_label,
    )
    try:
        listings = petition_queries.fetch_listings(
            datetime.now(UTC),
            query=form.q.data,
            body_code=form.body.data,
            region_code=form.region.data,
            status=form.status.data,
        )
        unknown = None
    except directory.UnknownFilter as error:
        listings, unknown = [], error
    return render_template("public/petitions.html", form=form, listings=listings, unknown=unknown)


@bp.get("/petitions/<id:petition_id>")
def petition(petition_id: int):
    now = datetime.now(UTC)
    page = petition_queries.petition_page(petition_id, now)
    shared = share.share_links(
        page.petition,
        page.counts,
        localized(page.petition.constituency),
        collecting=page.status is PetitionStatus.COLLECTING,
    )
    return render_template(
        "public/petition.html",
        page=page,
        shown_status=page.status,
        petition=page.petition,
        rule_set=page.rule_set,
        calendar=page.calendar,
        time_left=page.time_left and petition_display.time_left_text(page.time_left),
        countdown_template=petition_display.countdown_template(),
        countdown_units=petition_display.countdown_units(),
        chart=page.per_day and petition_display.signatures_chart(page.per_day),
        sign_state=compute_sign_state(page.petition, current_user, now),
        sample=sampling_results.public_sample(petition_id),
        reply_versions=replies.reply_versions(petition_id),
        share=shared,
    )


@bp.get("/petitions/<id:petition_id>/sample.json")
def petition_sample(petition_id: int):
    """The published seed, population and sample, so that anyone can re-derive the draw."""
    return sampling_results.public_sample(petition_id, with_population=True) or abort(404)


@bp.get("/favicon.ico")
def favicon():
    """The site's icon where browsers look for it first (the file lives in ``static/img``)."""
    # The bytes, not a file stream: a client that never reads the body leaves no file open.
    icon = Path(current_app.static_folder, "img", "favicon.ico").read_bytes()
    response = Response(icon, mimetype="image/vnd.microsoft.icon")
    response.cache_control.public, response.cache_control.max_age = True, 86_400
    return response
