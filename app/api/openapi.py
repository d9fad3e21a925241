"""The OpenAPI 3.1 document of ``/api/v1``, built from the routes themselves.

Each view carries its description (``@documented``: summary, query model, response model,
errors, example) next to its code; the document walks the app's URL map, so a route that is not
documented is simply missing from it, and ``tests/api/test_openapi.py`` fails. Schemas come from
the pydantic models of ``app.api.schemas``, ``app.api.log_schemas`` and the query models of
``app.api.params`` (JSON Schema 2020-12, which OpenAPI 3.1 uses). Summaries and descriptions are
translated into the language asked for; the document is built once per language and process.
"""

import copy
import re
from dataclasses import dataclass
from typing import Any

from flask import current_app
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import gettext as translate  # for texts marked with N_ where they are written
from pydantic.json_schema import models_json_schema

from app.api.params import N_, Query
from app.api.schemas import Error
from app.routing import MAX_ID, IdConverter

PREFIX = "/api/v1"
#: A response schema for a document that is any JSON object (the OpenAPI document itself).
ANY_OBJECT = {"type": "object"}
CSV = "text/csv"


@dataclass(frozen=True)
class Doc:
    summary: str
    description: str = ""
    query: type[Query] | None = None
    #: A model, ``[Model]`` for an array of them, a raw schema dict, or None for CSV text.
    response: Any = None
    media_type: str = "application/json"
    #: Error statuses the operation may answer besides success, 304 and 400 (404, 409...).
    errors: tuple[int, ...] = ()
    example: Any = None
    paginated: bool = False
    tag: str = "directory"
    #: A JSON request body (a pydantic model), for operations that take one.
    body: Any = None
    #: The success status (201 for an operation that creates something).
    status: int = 200
    #: The shape of its error answers, if not ``Error`` (EDS signing names its refusals by word).
    error: Any = None


def documented(summary: str, **details: Any):
    """Attach the OpenAPI description of a view (its ``summary`` and ``Doc`` fields)."""

    def attach(view):
        view.api_doc = Doc(summary, **details)
        return view

    return attach


TAGS = {
    "directory": N_("Constituencies and deputies."),
    "petitions": N_("Recall petitions and their counts."),
    "open-data": N_("Bulk downloads in CSV and JSON, under an open licence."),
    "transparency-log": N_(
        "The transparency log: every signature event in an append-only Merkle tree (RFC 9162), "
        "with signed tree heads and proofs."
    ),
    "eds-signing": N_(
        "Signing a petition with an electronic digital signature (EDS): a challenge, then the "
        "CMS signature of its data. No session is needed: the certificate names the signer."
    ),
    "meta": N_("This description."),
}
ERRORS = {
    400: N_("A parameter is missing, malformed or out of range; nothing was changed."),
    404: N_("There is no such item."),
}
REFUSED = N_("The request was refused; the message says why.")
_ARGUMENT = re.compile(r"<(?:[^:<>]+:)?([^<>]+)>")


def openapi_document() -> dict:
    """The document in the current language (built once per language and app)."""
    cache = current_app.extensions.setdefault("openapi_documents", {})
    locale = str(get_locale())
    if locale not in cache:
        cache[locale] = _build()
    return cache[locale]


def documented_routes() -> list[tuple[Any, Doc | None]]:
    """Every ``/api/v1`` rule with its view's description (None: undocumented)."""
    found = []
    for rule in current_app.url_map.iter_rules():
        if rule.rule.startswith(PREFIX + "/"):
            found.append(
                (rule, getattr(current_app.view_functions[rule.endpoint], "api_doc", None))
            )
    return sorted(found, key=lambda pair: pair[0].rule)


def _build() -> dict:
    routes = [(rule, doc) for rule, doc in documented_routes() if doc is not None]
    models = {Error} | {_model(doc.response) for _, doc in routes} | {doc.body for _, doc in routes}
    models |= {doc.error for _, doc in routes}
    models.discard(None)
    refs, top = models_json_schema(
        [(model, "serialization") for model in sorted(models, key=lambda m: m.__name__)],
        ref_template="#/components/schemas/{model}",
    )
    refs = {model: ref for (model, _mode), ref in refs.items()}
    paths: dict[str, dict] = {}
    for rule, doc in routes:
        path = _ARGUMENT.sub(r"{\1}", rule.rule[len(PREFIX) :])
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            paths.setdefault(path, {})[method.lower()] = _operation(rule, doc, refs, method)
    licence = current_app.config["OPEN_DATA_LICENCE"]
    return {
        "openapi": "3.1.0",
        "info": {
            "title": _("Deputy recall: public API"),
            "version": "1",
            "description": _(
                "Read-only public data of the deputy recall petitions, open data downloads and "
                "the transparency log, and signing a petition with an EDS. No personal data. "
                "Reads carry an ETag (send it back in If-None-Match to get 304), Cache-Control "
                "with how long they stay fresh, and Access-Control-Allow-Origin: *. Messages "
                "follow Accept-Language or ?lang=."
            ),
            "license": {"name": licence["name"], "url": licence["url"]},
        },
        "servers": [{"url": PREFIX}],
        "tags": [{"name": name, "description": translate(text)} for name, text in TAGS.items()],
        "paths": dict(sorted(paths.items())),
        "components": {"schemas": _translated(top.get("$defs", {}))},
    }


def _model(response):
    if isinstance(response, list):
        return response[0]
    return response if isinstance(response, type) else None


def _schema(response, refs: dict) -> dict:
    if isinstance(response, list):
        return {"type": "array", "items": refs[response[0]]}
    if isinstance(response, dict):
        return response
    if response is None:
        return {"type": "string"}
    return refs[response]


def _operation(rule, doc: Doc, refs: dict, method: str) -> dict:
    content: dict = {"schema": _schema(doc.response, refs)}
    if doc.example is not None:
        content["example"] = doc.example
    headers = {
        "ETag": {"schema": {"type": "string"}, "description": _("A tag of this answer.")},
        "Cache-Control": {
            "schema": {"type": "string"},
            "description": _("How long it stays fresh."),
        },
    }
    if doc.paginated:
        headers["Link"] = {
            "schema": {"type": "string"},
            "description": _('The next page, as <URL>; rel="next" (absent on the last page).'),
        }
    responses = {
        str(doc.status): {
            "description": translate(doc.summary),
            "headers": headers,
            "content": {doc.media_type: content},
        },
    }
    if method == "GET":
        responses["304"] = {
            "description": _("Not modified: the ETag in If-None-Match still matches.")
        }
    # Any operation answers 400 to a ``lang`` it does not know.
    for status in sorted({400, *doc.errors}):
        responses[str(status)] = {
            "description": translate(ERRORS.get(status, REFUSED)),
            "content": {"application/json": {"schema": refs[doc.error or Error]}},
        }
    operation = {
        "operationId": rule.endpoint.removeprefix("api."),
        "summary": translate(doc.summary),
        **({"description": translate(doc.description)} if doc.description else {}),
        "tags": [doc.tag],
        "parameters": _path_parameters(rule) + _query_parameters(doc.query) + [_LANG()],
        "responses": responses,
    }
    if doc.body is not None:
        body = {"schema": refs[doc.body]}
        operation["requestBody"] = {"required": True, "content": {"application/json": body}}
    return operation


def _path_parameters(rule) -> list[dict]:
    parameters = []
    for name in sorted(rule.arguments):
        schema = {"type": "string"}
        if isinstance(rule._converters.get(name), IdConverter):
            schema = {"type": "integer", "minimum": 1, "maximum": MAX_ID}
        parameters.append({"name": name, "in": "path", "required": True, "schema": schema})
    return parameters


def _query_parameters(model: type[Query] | None) -> list[dict]:
    if model is None:
        return []
    schema = model.model_json_schema()
    required = set(schema.get("required", ()))
    parameters = []
    for name, prop in schema["properties"].items():
        prop = {key: value for key, value in prop.items() if key != "title"}
        description = prop.pop("description", None)
        # Optional parameters are absent, never null: keep the non-null branch.
        options = [option for option in prop.pop("anyOf", []) if option.get("type") != "null"]
        if options:
            prop = {**options[0], **prop}
        if prop.get("default", 0) is None:
            del prop["default"]
        parameter = {"name": name, "in": "query", "required": name in required, "schema": prop}
        if description:
            parameter["description"] = translate(description)
        parameters.append(parameter)
    return parameters


def _LANG() -> dict:
    return {
        "name": "lang",
        "in": "query",
        "required": False,
        "schema": {"type": "string", "enum": list(current_app.config["LANGUAGES"])},
        "description": _("Language of messages; without it, Accept-Language decides."),
    }


def _translated(schemas: dict) -> dict:
    """The component schemas with translated descriptions and without pydantic's titles."""
    result = copy.deepcopy(schemas)

    def walk(node):
        if isinstance(node, dict):
            node.pop("title", None)
            if isinstance(node.get("description"), str):
                node["description"] = translate(node["description"])
            for key, value in node.items():
                if key == "properties":
                    for child in value.values():
                        walk(child)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(result)
    return result
