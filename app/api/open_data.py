"""Open data downloads: petitions, their daily counts and per-constituency totals, in CSV and
JSON, under the licence named by ``OPEN_DATA_LICENCE`` (JSON carries it in the body; every
download names it in a ``Link: <…>; rel="license"`` header). No personal data: a deputy's name
is public, nothing about signers is given but counts.
"""

import csv
import io
from datetime import UTC, datetime

from flask import Response, current_app
from flask_babel import gettext as _

from app.api import schemas as shapes
from app.api import serializers
from app.api.blueprint import bp
from app.api.openapi import CSV, documented
from app.api.params import N_
from app.services.open_data import queries

BULK = {"tag": "open-data"}
PETITION_COLUMNS = (
    "id", "status", "rule_set", "deputy_id", "deputy_name", "constituency_code",
    "constituency_name", "body_code", "body_name", "region_code", "region_name",
    "signatures_valid", "signatures_pending", "signatures_invalid", "signatures_withdrawn",
    "signatures_counted", "signatures_required", "opened_at", "collection_ends_at", "counted_at",
)  # fmt: skip
TOTAL_COLUMNS = (
    "code", "name", "body_code", "body_name", "region_code", "region_name",
    "registered_voters", "petitions", "petitions_collecting", "signatures_counted",
)  # fmt: skip


def licence() -> dict:
    chosen = current_app.config["OPEN_DATA_LICENCE"]
    statement = _(
        "Open data of the deputy recall site under %(licence)s (%(url)s): you may copy, share "
        "and adapt it if you name the source.",
        licence=chosen["name"],
        url=chosen["url"],
    )
    return {"name": chosen["name"], "url": chosen["url"], "statement": statement}


def _licensed(body, *, filename: str | None = None):
    headers = {"Link": f'<{current_app.config["OPEN_DATA_LICENCE"]["url"]}>; rel="license"'}
    if filename is None:
        return body, 200, headers
    headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return Response(body, mimetype=CSV, headers=headers)


def _csv(columns: tuple[str, ...], rows) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return out.getvalue()


def _petitions() -> list[dict]:
    return [
        serializers.petition(item.petition, item.rule_set, item.counts, status=item.status)
        for item in queries.all_petitions(datetime.now(UTC))
    ]


@bp.get("/petitions.json")
@documented(N_("Every public petition with its counts"), response=shapes.PetitionsDownload, **BULK)
def petitions_json():
    generated = datetime.now(UTC).isoformat(timespec="seconds")
    body = {"licence": licence(), "generated_at": generated, "petitions": _petitions()}
    return _licensed(body)


@bp.get("/petitions.csv")
@documented(N_("Every public petition with its counts, as CSV"), media_type=CSV, **BULK)
def petitions_csv():
    rows = []
    for item in _petitions():
        named = [
            item[key][part]
            for key in ("constituency", "body", "region")
            for part in ("code", "name")
        ]
        counts = [
            item["signatures"][key]
            for key in ("valid", "pending", "invalid", "withdrawn", "counted")
        ]
        deputy = item["deputy"]
        rows.append(
            [item["id"], item["status"], item["rule_set"], deputy["id"], deputy["name"], *named,
             *counts, item["signatures_required"], item["opened_at"], item["collection_ends_at"],
             item["counted_at"]]
        )  # fmt: skip
    return _licensed(_csv(PETITION_COLUMNS, rows), filename="petitions.csv")


def _daily(petition_id: int) -> dict:
    found = queries.daily_counts(petition_id, datetime.now(UTC))
    days = None
    if found.days is not None:
        days = [
            {"date": day.isoformat(), "signatures": number, "cumulative": total}
            for day, number, total in found.days
        ]
    return {"petition_id": found.petition_id, "time_zone": found.time_zone, "days": days}


@bp.get("/petitions/<id:petition_id>/daily.json")
@documented(
    N_("Counted signatures of a petition per day"),
    description=N_(
        "Days in the time zone of the petition's rule set; null where counts are hidden."
    ),
    response=shapes.DailyCounts,
    errors=(404,),
    **BULK,
)
def daily_json(petition_id: int):
    return _licensed({"licence": licence(), **_daily(petition_id)})


@bp.get("/petitions/<id:petition_id>/daily.csv")
@documented(
    N_("Counted signatures of a petition per day, as CSV"),
    description=N_("Only the header row where the rule set hides the count until the end."),
    media_type=CSV,
    errors=(404,),
    **BULK,
)
def daily_csv(petition_id: int):
    days = _daily(petition_id)["days"] or []
    rows = [[day["date"], day["signatures"], day["cumulative"]] for day in days]
    text = _csv(("date", "signatures", "cumulative"), rows)
    return _licensed(text, filename=f"petition-{petition_id}-daily.csv")


def _totals() -> list[dict]:
    return [
        {
            "code": total.seat.constituency.code,
            "name": total.seat.constituency.name,
            "body": serializers.named(total.seat.constituency.body),
            "region": serializers.named(total.seat.constituency.region),
            "registered_voters": total.seat.registered_voters,
            "petitions": total.petitions,
            "petitions_collecting": total.collecting,
            "signatures_counted": total.counted,
        }
        for total in queries.constituency_totals(datetime.now(UTC))
    ]


@bp.get("/constituencies.json")
@documented(N_("Totals per constituency"), response=shapes.ConstituencyTotals, **BULK)
def totals_json():
    generated = datetime.now(UTC).isoformat(timespec="seconds")
    return _licensed({"licence": licence(), "generated_at": generated, "constituencies": _totals()})


@bp.get("/constituencies.csv")
@documented(N_("Totals per constituency, as CSV"), media_type=CSV, **BULK)
def totals_csv():
    rows = [
        [t["code"], t["name"], t["body"]["code"], t["body"]["name"], t["region"]["code"],
         t["region"]["name"], t["registered_voters"], t["petitions"], t["petitions_collecting"],
         t["signatures_counted"]]
        for t in _totals()
    ]  # fmt: skip
    return _licensed(_csv(TOTAL_COLUMNS, rows), filename="constituencies.csv")
