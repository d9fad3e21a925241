"""The OpenAPI document covers every API route, its examples fit its schemas, and the human page
is rendered from it on the server."""

import re

import jsonschema_rs

ARGUMENT = re.compile(r"<(?:[^:<>]+:)?([^<>]+)>")


def document(client, **headers):
    answer = client.get("/api/v1/openapi.json", headers=headers)
    assert answer.status_code == 200
    return answer.get_json()


def test_every_api_route_and_method_is_in_the_document(client, app):
    paths = document(client)["paths"]
    missing = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/"):
            continue
        path = ARGUMENT.sub(r"{\1}", rule.rule.removeprefix("/api/v1"))
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            if method.lower() not in paths.get(path, {}):
                missing.append(f"{method} {rule.rule}")
    assert missing == []


def test_the_document_is_openapi_3_1_with_parameters_responses_and_errors(client, app):
    doc = document(client)
    proof = doc["paths"]["/log/proof"]["get"]

    assert doc["openapi"] == "3.1.0" and doc["servers"] == [{"url": "/api/v1"}]
    names = {parameter["name"]: parameter for parameter in proof["parameters"]}
    assert names["leaf_index"]["required"] and names["leaf_index"]["schema"]["minimum"] == 0
    assert proof["responses"]["400"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Error"
    }
    detail = doc["paths"]["/petitions/{petition_id}"]["get"]
    assert detail["parameters"][0] == {
        "name": "petition_id",
        "in": "path",
        "required": True,
        "schema": {"type": "integer", "minimum": 1, "maximum": 2147483647},
    }
    assert "404" in detail["responses"]
    assert "Link" in doc["paths"]["/petitions"]["get"]["responses"]["200"]["headers"]


def test_every_example_fits_its_schema(client, app):
    doc = document(client)
    checked = 0
    for item in doc["paths"].values():
        for operation in item.values():
            for response in operation["responses"].values():
                for content in response.get("content", {}).values():
                    if "example" not in content:
                        continue
                    schema = {"components": doc["components"], **content["schema"]}
                    jsonschema_rs.validator_for(schema).validate(content["example"])
                    checked += 1
    assert checked >= 5


def test_the_document_follows_the_language_asked_for(client, app):
    english = document(client)["paths"]["/log/sth"]["get"]["summary"]
    russian = document(client, **{"Accept-Language": "ru"})["paths"]["/log/sth"]["get"]

    assert english == "The signed tree head"
    assert russian["summary"] not in ("", english)


def test_the_docs_page_shows_every_operation_and_loads_nothing_from_elsewhere(client, app):
    doc = document(client)
    page = client.get("/api/docs").get_data(as_text=True)

    for path, item in doc["paths"].items():
        for method in item:
            assert f"{method.upper()} /api/v1{path}" in page
    assert "<script" not in page
    assert not re.search(r'(src|href)="https?://(?!creativecommons\.org)', page)
