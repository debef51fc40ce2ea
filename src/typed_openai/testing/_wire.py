"""Requests and responses as the endpoint handlers see them, independent of the socket layer."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ._errors import ApiError, invalid_type, missing_parameter

# One shared encoder: ``json.dumps`` with non-default options builds a new encoder per call,
# which dominated the cost of streaming many small chunks.
_COMPACT = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False)


def compact_json(obj: Any) -> str:
    return _COMPACT.encode(obj)


@dataclass
class UploadedFile:
    filename: str
    content_type: str
    data: bytes


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, str]
    headers: Mapping[str, str]
    body: bytes = b""
    content_type: str = ""
    form: dict[str, str] = field(default_factory=dict)
    files: dict[str, UploadedFile] = field(default_factory=dict)
    path_params: dict[str, str] = field(default_factory=dict)
    # Azure OpenAI's layout: the request came under /openai (``azure``), and under
    # /openai/deployments/{name} when ``deployment`` is set
    azure: bool = False
    deployment: str | None = None
    _json: Any = None
    _json_parsed: bool = False

    def json(self) -> dict[str, Any]:
        """The JSON body as an object; ``{}`` when empty. Malformed bodies are a 400."""
        if not self._json_parsed:
            self._json_parsed = True
            if not self.body.strip():
                self._json = {}
            else:
                try:
                    self._json = json.loads(self.body)
                except ValueError:
                    raise ApiError(
                        400,
                        "We could not parse the JSON body of your request. The body must be "
                        "valid JSON.",
                    ) from None
            if not isinstance(self._json, dict):
                raise ApiError(400, "The request body must be a JSON object.")
        return self._json


def require(body: Mapping[str, Any], name: str, expected: type | tuple[type, ...] = object) -> Any:
    """``body[name]``, or a 400 shaped like the API's when it is missing or of the wrong type."""
    if name not in body or body[name] is None:
        raise missing_parameter(name)
    value = body[name]
    if expected is not object and not isinstance(value, expected):
        names = expected if isinstance(expected, tuple) else (expected,)
        raise invalid_type(name, " or ".join(_json_type_name(t) for t in names))
    return value


def optional(
    body: Mapping[str, Any], name: str, expected: type | tuple[type, ...], default: Any
) -> Any:
    value = body.get(name)
    if value is None:
        return default
    if isinstance(value, bool) and expected in (int, float, (int, float)):
        raise invalid_type(name, "a number")
    if not isinstance(value, expected):
        names = expected if isinstance(expected, tuple) else (expected,)
        raise invalid_type(name, " or ".join(_json_type_name(t) for t in names))
    return value


def object_at(value: Any, *keys: str) -> dict[str, Any]:
    """``value[k1][k2]…`` when every step is an object, else ``{}`` (for loosely shaped input)."""
    for key in keys:
        value = value.get(key) if isinstance(value, dict) else None
    return value if isinstance(value, dict) else {}


def _json_type_name(kind: type) -> str:
    return {
        str: "a string",
        int: "an integer",
        float: "a number",
        bool: "a boolean",
        list: "an array",
        dict: "an object",
    }.get(kind, kind.__name__)


@dataclass
class Response:
    status: int = 200
    body: bytes = b""
    content_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class StreamResponse:
    """A ``text/event-stream`` body sent with chunked transfer encoding, one chunk per event.

    ``incremental`` sends each event as soon as the iterable yields it (for streams that follow
    something still happening); otherwise, without a ``stream_delay``, all are sent in one write.
    """

    events: Iterable[bytes]
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    incremental: bool = False


def json_response(
    obj: Any, *, status: int = 200, headers: dict[str, str] | None = None
) -> Response:
    body = compact_json(obj).encode()
    return Response(status=status, body=body, headers=dict(headers or {}))


def sse_data(payload: Any) -> bytes:
    """A ``data:``-only event (the chat completions style)."""
    text = payload if isinstance(payload, str) else compact_json(payload)
    return f"data: {text}\n\n".encode()


def sse_event(name: str, payload: Any) -> bytes:
    """An event with an ``event:`` line (the Assistants style)."""
    text = payload if isinstance(payload, str) else compact_json(payload)
    return f"event: {name}\ndata: {text}\n\n".encode()
