"""The JSON shapes the API answers with, as pydantic models: the OpenAPI document's schemas.

``app.api.serializers`` builds the answers; these models describe them (the test suite checks
every answer against them, with Schemathesis). Descriptions are marked with ``N_`` and
translated when the document is built.
"""

from pydantic import BaseModel, Field

from app.api.params import N_
from app.models import DeputyStatus
from app.rules.lifecycle import PetitionStatus


class Shape(BaseModel):
    pass


class ErrorDetail(Shape):
    code: int = Field(description=N_("The HTTP status code."))
    message: str = Field(description=N_("What went wrong, in the language asked for."))
    field: str | None = Field(None, description=N_("The parameter at fault, if one is."))


class Error(Shape):
    error: ErrorDetail


class Named(Shape):
    code: str
    name: str


class DeputySummary(Shape):
    id: int
    name: str
    party: str | None = Field(description=N_("Null for a self-nominated deputy."))
    self_nominated: bool


class Constituency(Shape):
    code: str
    number: int
    name: str
    body: Named
    region: Named
    registered_voters: int | None = Field(
        description=N_("Voters in the active register; null when no register is loaded.")
    )
    deputy: DeputySummary | None = Field(description=N_("The serving deputy; null if vacant."))


class Deputy(DeputySummary):
    status: str = Field(json_schema_extra={"enum": [status.value for status in DeputyStatus]})
    election_date: str | None = Field(json_schema_extra={"format": "date"})
    mandate_start: str | None = Field(json_schema_extra={"format": "date"})
    mandate_end: str | None = Field(json_schema_extra={"format": "date"})
    constituency: Named
    body: Named
    region: Named


# Counts by status; all null where the rule set forbids a running count.
class Signatures(Shape):
    valid: int | None
    pending: int | None
    invalid: int | None
    withdrawn: int | None
    counted: int | None = Field(description=N_("Valid and pending: what counts now."))


class DeputyRef(Shape):
    id: int
    name: str


class Petition(Shape):
    id: int
    status: str = Field(
        description=N_("The status shown now (a deadline passed closes it)."),
        json_schema_extra={"enum": [status.value for status in PetitionStatus]},
    )
    rule_set: str
    deputy: DeputyRef
    constituency: Named
    body: Named
    region: Named
    signatures: Signatures
    signatures_required: int | None
    opened_at: str | None = Field(json_schema_extra={"format": "date-time"})
    collection_ends_at: str | None = Field(json_schema_extra={"format": "date-time"})
    counted_at: str | None = Field(
        description=N_("When the counts were taken (they may be a few seconds old)."),
        json_schema_extra={"format": "date-time"},
    )


class DeputyReply(Shape):
    text: str
    version: int
    published_at: str = Field(json_schema_extra={"format": "date-time"})


class PetitionDetail(Petition):
    statement: str
    statement_sha256: str | None = Field(
        description=N_("SHA-256 of the statement, frozen when the petition was filed.")
    )
    deputy_reply: DeputyReply | None


class Licence(Shape):
    name: str
    url: str
    statement: str


class PetitionsDownload(Shape):
    licence: Licence
    generated_at: str = Field(json_schema_extra={"format": "date-time"})
    petitions: list[Petition]


class Day(Shape):
    date: str = Field(json_schema_extra={"format": "date"})
    signatures: int = Field(description=N_("Counted signatures signed that day."))
    cumulative: int


class DailyCounts(Shape):
    licence: Licence
    petition_id: int
    time_zone: str
    days: list[Day] | None = Field(
        description=N_("Null where the rule set forbids a running count.")
    )


class ConstituencyTotal(Shape):
    code: str
    name: str
    body: Named
    region: Named
    registered_voters: int | None
    petitions: int = Field(description=N_("Public petitions in the constituency, ever."))
    petitions_collecting: int
    signatures_counted: int = Field(
        description=N_("Counted signatures of its petitions whose counts are public.")
    )


class ConstituencyTotals(Shape):
    licence: Licence
    generated_at: str = Field(json_schema_extra={"format": "date-time"})
    constituencies: list[ConstituencyTotal]
