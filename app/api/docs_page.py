"""The OpenAPI document itself (``/api/v1/openapi.json``) and a page for people that shows it
(``/api/docs``), rendered on the server from the same document: no script, no CDN."""

import json
from dataclasses import dataclass

from flask import Blueprint, render_template

from app.api.blueprint import bp
from app.api.openapi import ANY_OBJECT, documented, openapi_document
from app.api.params import N_

#: ``/api/docs``: the human page, outside the versioned API.
docs_bp = Blueprint("api_docs", __name__)


@bp.get("/openapi.json")
@documented(N_("This API's OpenAPI 3.1 description"), response=ANY_OBJECT, tag="meta")
def openapi_json():
    return openapi_document()


@dataclass(frozen=True)
class Field:
    name: str
    kind: str
    required: bool
    description: str


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    anchor: str
    summary: str
    description: str
    parameters: list[Field]
    responses: list[tuple[str, str, str]]
    example: str | None


def kind_of(schema: dict) -> str:
    """A short reading of a schema's type: ``integer``, ``array of Petition``, ``Named or null``."""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " | ".join(kind_of(option) for option in schema["anyOf"])
    if schema.get("type") == "array":
        return "array of " + kind_of(schema.get("items", {}))
    kind = schema.get("type", "any")
    if "enum" in schema:
        kind += " (" + ", ".join(str(value) for value in schema["enum"]) + ")"
    elif "format" in schema:
        kind += f" ({schema['format']})"
    return kind


def _operations(document: dict) -> list[Operation]:
    found = []
    for path, item in document["paths"].items():
        for method, operation in item.items():
            parameters = [
                Field(
                    p["name"],
                    f"{p['in']}: {kind_of(p['schema'])}",
                    p["required"],
                    p.get("description", ""),
                )
                for p in operation["parameters"]
            ]
            responses = []
            example = None
            for status, response in operation["responses"].items():
                media = response.get("content", {})
                for media_type, content in media.items():
                    responses.append(
                        (
                            status,
                            response["description"],
                            f"{media_type}: {kind_of(content['schema'])}",
                        )
                    )
                    if "example" in content:
                        example = json.dumps(content["example"], ensure_ascii=False, indent=2)
                if not media:
                    responses.append((status, response["description"], ""))
            found.append(
                Operation(method.upper(), path, operation["operationId"], operation["summary"],
                          operation.get("description", ""), parameters, responses, example)
            )  # fmt: skip
    return found


def _schemas(document: dict) -> list[tuple[str, str, list[Field]]]:
    found = []
    for name, schema in document["components"]["schemas"].items():
        required = set(schema.get("required", ()))
        fields = [
            Field(field, kind_of(prop), field in required, prop.get("description", ""))
            for field, prop in schema.get("properties", {}).items()
        ]
        found.append((name, schema.get("description", ""), fields))
    return found


@docs_bp.get("/docs")
def page():
    document = openapi_document()
    return render_template(
        "api/docs.html",
        document=document,
        operations=_operations(document),
        schemas=_schemas(document),
    )
