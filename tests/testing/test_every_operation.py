"""The server answers every operation of the spec, the ones without hand-written behaviour from the
spec's schemas: JSON bodies valid against the declared response, event streams whose events are
valid members of the declared event union, binary bodies with the declared media type.

The same check runs over the upstream OpenAI document (when it is available next to the
repository), so the server keeps up with operations before they reach ``spec/openapi.yml``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import httpx
import pytest

from codegen.api_facts import build_facts
from tests.api_resources._values import Values
from tests.support.yaml_files import load_yaml_file
from typed_openai.testing import LocalOpenAIServer
from typed_openai.testing._api import _generic
from typed_openai.testing._api_facts import ApiFacts, Operation, shipped_facts
from typed_openai.testing._app import App, ServerConfig
from typed_openai.testing._errors import ApiError
from typed_openai.testing._store import MemoryStore
from typed_openai.testing._wire import Request, Response, StreamResponse

from .conftest import HEADERS
from .schema_check import violations_in

ROOT = Path(__file__).resolve().parents[2]
SPEC_PATH = ROOT / "spec" / "openapi.yml"
# ../shared next to the repository (a worktree sits one level deeper)
UPSTREAM_CANDIDATES = [p / "shared" / "openapi" / "openai-openapi.yaml" for p in ROOT.parents[:2]]
SSE = "text/event-stream"


@cache
def spec() -> dict[str, Any]:
    return load_yaml_file(SPEC_PATH)


@cache
def upstream() -> dict[str, Any] | None:
    for path in UPSTREAM_CANDIDATES:
        if path.exists():
            return load_yaml_file(path)
    return None


def _is_generic(app: App, operation: Operation) -> bool:
    path, _, query = operation.path.partition("?")
    concrete = re.sub(r"\{(\w+)\}", lambda m: f"x_{m.group(1)}", path)
    matched = app.router.match(operation.method, concrete, dict(_query(query)))
    assert matched is not None, operation.operation_id
    return matched[0].handler.__name__.startswith("generic_")


def _query(text: str) -> list[tuple[str, str]]:
    return [tuple(part.split("=", 1)) for part in text.split("&") if part]  # type: ignore[misc]


class Caller:
    """Builds a valid request for an operation from the document and checks the answer."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        self.values = Values(document)

    def operation(self, operation: Operation) -> dict[str, Any]:
        return self.document["paths"][operation.path][operation.method.lower()]

    def request(self, operation: Operation, *, stream: bool) -> dict[str, Any]:
        """``httpx`` request arguments: path, query, and a JSON or multipart body."""
        path, _, query = operation.path.partition("?")
        out: dict[str, Any] = {
            "url": re.sub(r"\{(\w+)\}", lambda m: f"x_{m.group(1)}", path),
            "params": dict(_query(query)),
        }
        parameters = self.operation(operation).get("parameters") or []
        if stream and any(p.get("in") == "query" and p.get("name") == "stream" for p in parameters):
            out["params"]["stream"] = "true"  # a GET's switch (`retrieve(id, stream=True)`)
        body = self.operation(operation).get("requestBody")
        if body is None:
            return out
        media, content = next(iter(body["content"].items()))
        schema = content["schema"]
        if media == "application/json":
            value = self.values.value(schema)
            if stream:
                value.update(self._stream_switch(schema))
            out["json"] = value
        elif media == "multipart/form-data":
            properties, required = _shape(self.document, schema)
            files, data = {}, {}
            for name in sorted(required):
                prop = _resolve(self.document, properties.get(name, {}))
                if _is_binary(self.document, prop):
                    files[name] = ("upload.bin", b"local bytes", "application/octet-stream")
                else:
                    value = self.values.value(prop)
                    data[name] = value if isinstance(value, str) else json.dumps(value)
            if stream:
                data.update({k: str(v).lower() for k, v in self._stream_switch(schema).items()})
            out["files"] = files or {"_": ("e", b"")}
            out["data"] = data
        else:
            out["content"] = b"v=0\r\n"
            out["headers"] = {"content-type": media}
        return out

    def _stream_switch(self, schema: Any) -> dict[str, Any]:
        properties, _ = _shape(self.document, schema)
        if "stream" in properties:
            return {"stream": True}
        if "stream_format" in properties:
            return {"stream_format": "sse"}
        return {}

    def problems(
        self, operation: Operation, status: int, media: str, body: bytes, *, stream: bool
    ) -> list[str]:
        """What is wrong with an answer (empty when it is what the spec declares)."""
        responses = self.operation(operation)["responses"]
        declared = next(v for k, v in sorted(responses.items()) if str(k).startswith("2"))
        content = _resolve(self.document, declared).get("content") or {}
        name = operation.operation_id
        if not 200 <= status < 300:
            return [f"{name}: status {status}: {body[:300]!r}"]
        if stream:
            return self._stream_problems(name, media, body, content[SSE]["schema"])
        expected = next((m for m in content if m != SSE), None)
        if expected is None:
            return [] if not body else [f"{name}: a body where the spec declares none"]
        if media.split(";")[0] != expected:
            return [f"{name}: content type {media!r}, expected {expected!r}"]
        if expected == "application/json":
            schema = content[expected]["schema"]
            found = violations_in(json.loads(body), schema, self.document, exact_one_of=False)
            return [f"{name}: {p}" for p in found]
        return [] if body else [f"{name}: empty {expected} body"]

    def _stream_problems(self, name: str, media: str, body: bytes, schema: Any) -> list[str]:
        if not media.startswith(SSE):
            return [f"{name}: content type {media!r} for a stream"]
        blocks = [b for b in body.decode().split("\n\n") if b.strip()]
        if not blocks or blocks[-1] != "data: [DONE]":
            return [f"{name}: the stream does not end with [DONE]"]
        events = [json.loads(block.removeprefix("data: ")) for block in blocks[:-1]]
        if not events:
            return [f"{name}: a stream without events"]
        found = []
        for event in events:
            found += violations_in(event, schema, self.document, exact_one_of=False)
        return [f"{name} (stream): {p}" for p in found]


def _resolve(document: dict[str, Any], node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        target: Any = document
        for part in str(node["$ref"]).removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def _shape(document: dict[str, Any], schema: Any) -> tuple[dict[str, Any], set[str]]:
    schema = _resolve(document, schema)
    properties = dict(schema.get("properties") or {})
    required = set(schema.get("required") or [])
    for part in schema.get("allOf") or []:
        more, more_required = _shape(document, part)
        properties.update(more)
        required |= more_required
    return properties, required


def _is_binary(document: dict[str, Any], schema: Any) -> bool:
    schema = _resolve(document, schema)
    if schema.get("format") == "binary":
        return True
    variants = schema.get("anyOf") or schema.get("oneOf") or []
    items = schema.get("items")
    return any(_is_binary(document, v) for v in variants) or (
        items is not None and _is_binary(document, items)
    )


def _streams(operation: Operation) -> list[bool]:
    return (
        [False, True]
        if SSE in operation.responses and len(operation.responses) > 1
        else [SSE in operation.responses]
    )


# -- the repository's spec, over HTTP ----------------------------------------------------------


@pytest.fixture(scope="module")
def server() -> Iterator[LocalOpenAIServer]:
    with LocalOpenAIServer() as running:
        yield running


@pytest.fixture(scope="module")
def http(server: LocalOpenAIServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.base_url, headers=HEADERS, timeout=30) as client:
        yield client


GENERIC = [
    op for op in shipped_facts().operations if _is_generic(App(ServerConfig(), MemoryStore()), op)
]


def test_the_shipped_facts_are_the_spec() -> None:
    """The packaged facts are the current spec's (codegen writes them; --check compares)."""
    assert json.loads(json.dumps(build_facts(spec()), default=str)) == json.loads(
        (ROOT / "src" / "typed_openai" / "_generated" / "_api_facts.json").read_text()
    )


def test_every_operation_is_served(capsys: pytest.CaptureFixture[str]) -> None:
    app = App(ServerConfig(), MemoryStore())
    operations = shipped_facts().operations
    generic = [op for op in operations if _is_generic(app, op)]
    in_spec = sum(
        1
        for item in spec()["paths"].values()
        for method in item
        if method in ("get", "post", "put", "patch", "delete")
    )
    assert len(operations) == in_spec
    with capsys.disabled():
        print(
            f"\nlocal server: {len(operations)} operations served, "
            f"{len(operations) - len(generic)} by hand-written behaviour, "
            f"{len(generic)} from the spec's schemas"
        )


def test_every_generic_answer_matches_the_spec(http: httpx.Client) -> None:
    """Each operation answered from the schemas, over HTTP, plain and (where declared) streamed."""
    caller = Caller(spec())
    problems: list[str] = []
    for operation in GENERIC:
        for stream in _streams(operation):
            response = http.request(operation.method, **caller.request(operation, stream=stream))
            media = response.headers.get("content-type", "")
            problems += caller.problems(
                operation, response.status_code, media, response.content, stream=stream
            )
    assert problems == []


def test_a_list_answer_ends_pagination() -> None:
    page = {
        "type": "object",
        "required": ["data", "has_more"],
        "properties": {
            "data": {"type": "array", "items": {"type": "string"}},
            "has_more": {"type": "boolean"},
        },
    }
    facts = _one_operation(
        {"application/json": {"$ref": "#/components/schemas/Page"}}, schemas={"Page": page}
    )
    for seed in range(8):  # the synthesised boolean would otherwise vary with the request
        request = Request("GET", "/things", {}, {}, body=str(seed).encode())
        reply = _generic.answer(facts, facts.operations[0], request)
        assert isinstance(reply, Response)
        assert json.loads(reply.body)["has_more"] is False


def test_a_missing_required_field_is_a_clear_error() -> None:
    facts = _one_operation(
        {"application/json": {"type": "object"}},
        request={
            "required": True,
            "content": {
                "application/json": {
                    "type": "object",
                    "required": ["name"],
                    "properties": {"name": {}},
                }
            },
        },
    )
    request = Request("POST", "/things", {}, {}, b'{"other": 1}', "application/json")
    with pytest.raises(ApiError) as raised:
        _generic.answer(facts, facts.operations[0], request)
    assert (raised.value.status, raised.value.param) == (400, "name")
    assert raised.value.code == "missing_required_parameter"


def _one_operation(
    responses: dict[str, Any],
    *,
    request: dict[str, Any] | None = None,
    schemas: dict[str, Any] | None = None,
) -> ApiFacts:
    operation = {
        "id": "thing",
        "method": "POST" if request else "GET",
        "path": "/things",
        "request": request,
        "status": 200,
        "responses": responses,
    }
    return ApiFacts.from_json({"operations": [operation], "schemas": schemas or {}})


def test_a_hand_written_route_overrides_the_generic_one() -> None:
    app = App(ServerConfig(), MemoryStore())
    matched = app.router.match("POST", "/chat/completions")
    assert matched is not None and not matched[0].handler.__name__.startswith("generic_")


# -- the upstream document, in process ---------------------------------------------------------


def test_every_upstream_operation_gets_a_valid_answer() -> None:
    document = upstream()
    if document is None:
        pytest.skip("the upstream OpenAI document (../shared) is not available")
    facts = ApiFacts.from_json(json.loads(json.dumps(build_facts(document), default=str)))
    # Only the generic behaviour: hand-written endpoints need objects created first.
    app = App(ServerConfig(), MemoryStore(), facts)
    caller = Caller(document)
    problems: list[str] = []
    answered = 0
    for operation in facts.operations:
        for stream in _streams(operation):
            arguments = caller.request(operation, stream=stream)
            reply = _generic.answer(facts, operation, _request(app, operation, arguments))
            if isinstance(reply, StreamResponse):
                body, media = b"".join(reply.events), SSE
            else:
                body, media = reply.body, reply.content_type
            status = reply.status
            problems += caller.problems(operation, status, media, body, stream=stream)
            answered += 1
    assert problems == []
    assert len(facts.operations) >= 288 and answered > len(facts.operations)


def _request(app: App, operation: Operation, arguments: dict[str, Any]) -> Request:
    """The parsed request ``httpx`` would send with ``arguments``."""
    built = httpx.Request(
        operation.method,
        "http://local" + arguments["url"],
        params=arguments.get("params"),
        json=arguments.get("json"),
        data=arguments.get("data"),
        files=arguments.get("files"),
        content=arguments.get("content"),
        headers=arguments.get("headers"),
    )
    body = built.read()
    request = Request(
        operation.method,
        built.url.path,
        dict(built.url.params),
        dict(built.headers),
        body,
        built.headers.get("content-type", ""),
    )
    if request.content_type.startswith("multipart/form-data"):
        from typed_openai.testing._multipart import parse_multipart

        request.form, request.files = parse_multipart(body, request.content_type)
    matched = app.router.match(operation.method, request.path, request.query)
    assert matched is not None
    request.path_params = matched[1]
    return request
