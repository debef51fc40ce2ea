"""Every operation of the spec that has no hand-written behaviour, answered from its schemas.

For such an operation the server checks what the spec makes checkable without knowing the
operation (a JSON object body, its required top-level properties, the required parts of a
multipart form) and answers with a body built from the declared success response:

- JSON: a deterministic instance of the response schema (the same request gives the same body);
  a list's ``has_more`` is false, so auto-pagination ends, and an object fetched by id carries
  the id of the request path;
- ``text/event-stream`` when the request asks for it (``stream: true``, ``stream_format: "sse"``,
  or the operation only streams): one event per member of the event union, then ``[DONE]``;
- binary types (audio, video, zip, ``application/octet-stream``): deterministic bytes;
- other text types (``application/sdp``): a short text.

Hand-written endpoint modules take precedence: a route of theirs with the same method and path
replaces the generic one, which is how an operation gets real behaviour.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from .._api_facts import ApiFacts, Operation
from .._app import Route
from .._errors import ApiError, missing_parameter
from .._schema_instance import instance_for
from .._wire import Request, Response, StreamResponse, compact_json, json_response, sse_data

if TYPE_CHECKING:
    from .._app import App, Handler, Reply

_SSE = "text/event-stream"
_TEXT_TYPES = ("text/", "application/sdp")


def generic_routes(facts: ApiFacts) -> list[Route]:
    return [Route(op.method, op.path, _handler(facts, op)) for op in facts.operations]


def _handler(facts: ApiFacts, operation: Operation) -> Handler:
    def handle(app: App, request: Request) -> Response | StreamResponse:
        return answer(facts, operation, request)

    handle.__name__ = f"generic_{operation.operation_id}"
    return handle


def answer(facts: ApiFacts, operation: Operation, request: Request) -> Response | StreamResponse:
    """The generic answer to ``request`` for ``operation``."""
    body = _checked_body(facts, operation, request)
    seed = _seed(operation, request)
    if _wants_stream(operation, body, request.query):
        return StreamResponse(_events(facts, operation.responses[_SSE], seed))
    media = next((m for m in operation.responses if m != _SSE), None)
    if media is None:
        return Response(status=operation.status, body=b"", content_type="text/plain")
    schema = operation.responses[media]
    if media == "application/json" or media.endswith("+json"):
        value = instance_for(schema, seed=seed, root=facts.document)
        _settle(facts, schema, value, request)
        return json_response(value, status=operation.status)
    if media.startswith(_TEXT_TYPES):
        text = f"{operation.operation_id} answered by the local server\n"
        return Response(status=operation.status, body=text.encode(), content_type=media)
    return Response(status=operation.status, body=binary_payload(seed), content_type=media)


def answer_as_declared(app: App, request: Request, method: str, template: str) -> Reply:
    """What the spec declares for ``method template``, for a hand-written handler to fall back
    on for the variants it does not model (a stream, say)."""
    for operation in app.facts.operations:
        if operation.method == method and operation.path == template:
            return answer(app.facts, operation, request)
    raise ApiError(404, f"Invalid URL ({method} /v1{request.path})")


def binary_payload(seed: str, size: int = 256) -> bytes:
    """Deterministic bytes standing in for a file, audio or video body."""
    out = bytearray()
    counter = 0
    while len(out) < size:
        out += hashlib.sha256(f"{counter}:{seed}".encode()).digest()
        counter += 1
    return bytes(out[:size])


def _seed(operation: Operation, request: Request) -> str:
    digest = hashlib.sha256(request.body).hexdigest()[:16]
    return f"{operation.operation_id}|{request.path}|{digest}"


def _checked_body(facts: ApiFacts, operation: Operation, request: Request) -> dict[str, Any]:
    """The request's fields (JSON body or multipart form), required ones checked."""
    spec = operation.request
    if spec is None:
        return {}
    forms: dict[str, Any] = spec.get("content") or {}
    sent = request.content_type.split(";")[0].strip().lower()
    if not request.body.strip() and not spec.get("required"):
        return {}
    if sent not in forms:
        if not sent and "application/json" in forms:
            sent = "application/json"  # a bare body is read as JSON, as the API does
        else:
            raise ApiError(
                400,
                f"This endpoint takes a body of type {' or '.join(forms)}, not {sent or 'none'}.",
            )
    if sent == "application/json":
        fields: dict[str, Any] = request.json()
        present = {name for name, value in fields.items() if value is not None}
    elif sent == "multipart/form-data":
        fields = {**request.form, **{name: True for name in request.files}}
        # arrays travel as repeated `name[]` parts
        present = {name.removesuffix("[]") for name in fields}
    else:
        return {}
    _, required = facts.object_shape(forms[sent])
    for name in sorted(required):
        if name not in present:
            raise missing_parameter(name)
    return fields


def _wants_stream(operation: Operation, body: dict[str, Any], query: dict[str, str]) -> bool:
    if _SSE not in operation.responses:
        return False
    if all(media == _SSE for media in operation.responses):
        return True
    # the flag is a body field, or a query parameter for a GET (`retrieve(id, stream=True)`)
    stream = body.get("stream", query.get("stream"))
    return stream is True or stream in ("true", "True", "1") or body.get("stream_format") == "sse"


def _events(facts: ApiFacts, schema: Any, seed: str) -> Iterator[bytes]:
    resolved = facts.resolve(schema)
    variants = (
        (resolved.get("oneOf") or resolved.get("anyOf")) if isinstance(resolved, dict) else None
    )
    for index, variant in enumerate(variants or [schema]):
        event = instance_for(variant, seed=f"{seed}|{index}", root=facts.document)
        # An event whose payload holds an error makes every client raise; a generic stream is a
        # successful one.
        if isinstance(event, dict) and (
            event.get("type") == "error" or isinstance(event.get("error"), dict)
        ):
            continue
        yield sse_data(compact_json(event))
    yield sse_data("[DONE]")


def _settle(facts: ApiFacts, schema: Any, value: Any, request: Request) -> None:
    """Make a synthesised body consistent with the request where the schema cannot say so."""
    if not isinstance(value, dict):
        return
    properties, _ = facts.object_shape(schema)
    if isinstance(value.get("has_more"), bool):
        value["has_more"] = False  # a generic list is complete: auto-pagination stops
    if request.path_params and "id" in value and _plain_string(facts, properties.get("id")):
        value["id"] = list(request.path_params.values())[-1]


def _plain_string(facts: ApiFacts, schema: Any) -> bool:
    schema = facts.resolve(schema)
    return (
        isinstance(schema, dict)
        and schema.get("type") == "string"
        and not any(k in schema for k in ("enum", "const", "pattern", "format", "maxLength"))
    )
