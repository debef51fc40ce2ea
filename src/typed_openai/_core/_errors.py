"""Errors raised by a generated client, named and shaped like the official SDK's.

The hierarchy follows *when* a call failed::

    OpenAIError                      any error raised by the client (also bad configuration)
    └── APIError                     a request was made; carries ``message``, ``request``, ``body``,
        │                            and ``code`` / ``param`` / ``type`` read from an error body
        ├── APIStatusError           a response came back with a 4xx/5xx status; adds
        │   │                        ``status_code``, ``response``, ``request_id``
        │   ├── BadRequestError            400
        │   ├── AuthenticationError        401
        │   ├── PermissionDeniedError      403
        │   ├── NotFoundError              404
        │   ├── ConflictError              409
        │   ├── UnprocessableEntityError   422
        │   ├── RateLimitError             429
        │   └── InternalServerError        >= 500
        ├── APIConnectionError       no usable response: refused, reset, cut mid-body/mid-stream
        │   └── APITimeoutError      a connect/read/write/pool timeout expired
        └── APIResponseValidationError   a response came back but its body is not what was expected

``OpenAIError`` keeps the official SDK's name so code catching that base class keeps working;
nothing in this module knows about that API otherwise.

``translate_transport_error`` is the single place where httpx exceptions become ours, so no httpx
exception escapes a client call (the original is kept as ``__cause__``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any, Final, Literal, cast

import httpx

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "InternalServerError",
    "InvalidWebhookSignatureError",
    "JSONBodyDecodeError",
    "JSONBodyUnicodeError",
    "NotFoundError",
    "OAuthError",
    "OpenAIError",
    "PermissionDeniedError",
    "RateLimitError",
    "StreamAlreadyConsumed",
    "UnprocessableEntityError",
    "WebSocketConnectionClosedError",
    "WebSocketQueueFullError",
    "json_decode_error",
]


class OpenAIError(Exception):
    """Base of every error raised by the client."""


class APIError(OpenAIError):
    """A request was made and failed. ``body`` is the decoded error body (or raw text), if any."""

    message: str
    request: httpx.Request
    body: object | None
    code: str | None
    param: str | None
    type: str | None

    def __init__(self, message: str, request: httpx.Request, *, body: object | None) -> None:
        super().__init__(message)
        self.message = message
        self.request = request
        self.body = body
        details: Mapping[str, Any] | None = _as_mapping(body)
        # as the official SDK reads them: a code as text whatever its JSON type (servers speaking
        # the API send numbers too, e.g. `"code": 400`); `param` and `type` as the server sent
        # them (text from the API itself; another JSON value from another server is kept, so
        # code comparing or logging them sees what came)
        code = details.get("code") if details is not None else None
        self.code = None if code is None else str(code)
        self.param = details.get("param") if details is not None else None
        self.type = details.get("type") if details is not None else None


class APIStatusError(APIError):
    """The server answered with an error status."""

    response: httpx.Response
    status_code: int
    request_id: str | None

    def __init__(
        self,
        message: str,
        *,
        response: httpx.Response,
        body: object | None,
        request_id_header: str = "x-request-id",
    ) -> None:
        super().__init__(message, response.request, body=body)
        self.response = response
        self.status_code = response.status_code
        self.request_id = response.headers.get(request_id_header)


class BadRequestError(APIStatusError):
    status_code: Literal[400] = 400  # pyright: ignore[reportIncompatibleVariableOverride]


class AuthenticationError(APIStatusError):
    status_code: Literal[401] = 401  # pyright: ignore[reportIncompatibleVariableOverride]


class PermissionDeniedError(APIStatusError):
    status_code: Literal[403] = 403  # pyright: ignore[reportIncompatibleVariableOverride]


class NotFoundError(APIStatusError):
    status_code: Literal[404] = 404  # pyright: ignore[reportIncompatibleVariableOverride]


class ConflictError(APIStatusError):
    status_code: Literal[409] = 409  # pyright: ignore[reportIncompatibleVariableOverride]


class UnprocessableEntityError(APIStatusError):
    status_code: Literal[422] = 422  # pyright: ignore[reportIncompatibleVariableOverride]


class RateLimitError(APIStatusError):
    status_code: Literal[429] = 429  # pyright: ignore[reportIncompatibleVariableOverride]


class InternalServerError(APIStatusError):
    """Any status >= 500."""


class APIConnectionError(APIError):
    """No usable response: the connection failed, was reset, or was cut before the body ended."""

    def __init__(self, *, message: str = "Connection error.", request: httpx.Request) -> None:
        super().__init__(message, request, body=None)


class APITimeoutError(APIConnectionError):
    """A connect, read, write or pool timeout expired."""

    def __init__(self, request: httpx.Request) -> None:
        super().__init__(message="Request timed out.", request=request)


class APIResponseValidationError(APIError):
    """The response arrived but its body could not be decoded into the expected shape."""

    response: httpx.Response
    status_code: int

    def __init__(
        self, response: httpx.Response, body: object | None, *, message: str | None = None
    ) -> None:
        super().__init__(
            message or "Data returned by API invalid for expected schema.",
            response.request,
            body=body,
        )
        self.response = response
        self.status_code = response.status_code


class _DecodeErrorBase(json.JSONDecodeError):
    # `json.JSONDecodeError` wants (msg, doc, pos); in `JSONBodyDecodeError` the API error's
    # constructor runs first and hands on its message alone, the position is filled in after.
    def __init__(self, message: str) -> None:
        ValueError.__init__(self, message)


class JSONBodyDecodeError(APIResponseValidationError, _DecodeErrorBase):
    """A body (or a stream event's data) that had to be JSON and is none.

    An ``APIResponseValidationError``, as this client documents, and a ``json.JSONDecodeError``,
    which the official SDK raises there (from its ``json.loads``), so that code written for either
    catches it. ``msg`` / ``doc`` / ``pos`` / ``lineno`` / ``colno`` are the standard library
    decoder's; pickled (a task queue), it comes back as that plain ``json.JSONDecodeError``, as the
    official SDK's does: the response it holds does not travel."""

    def __init__(self, response: httpx.Response, found: json.JSONDecodeError, *, what: str) -> None:
        super().__init__(
            response,
            found.doc,
            message=f"Could not decode {what} as JSON ({found}); status {response.status_code}, "
            f"content-type {response.headers.get('content-type')!r}",
        )
        self.msg, self.doc, self.pos = found.msg, found.doc, found.pos
        self.lineno, self.colno = found.lineno, found.colno

    def __reduce__(self) -> tuple[Any, ...]:
        return (json.JSONDecodeError, (self.msg, self.doc, self.pos))


class _UnicodeErrorBase(UnicodeDecodeError):
    # As `_DecodeErrorBase`: the API error's constructor hands on its message alone; the codec's
    # fields (encoding, object, start, end, reason) are filled in after.
    def __init__(self, message: str) -> None:
        ValueError.__init__(self, message)


class JSONBodyUnicodeError(APIResponseValidationError, _UnicodeErrorBase):
    """A body labelled JSON whose bytes are not text in the encoding JSON is read in (UTF-8,
    or the UTF-16/32 its first bytes show).

    An ``APIResponseValidationError``, as this client documents, and a ``UnicodeDecodeError``,
    which the official SDK raises there (its ``json.loads`` decodes the bytes first), with the
    codec's ``encoding`` / ``object`` / ``start`` / ``end`` / ``reason``; pickled, it comes back
    as that plain ``UnicodeDecodeError``."""

    def __init__(self, response: httpx.Response, found: UnicodeDecodeError, *, what: str) -> None:
        super().__init__(
            response,
            response.text,
            message=f"Could not decode {what} as JSON ({found}); status {response.status_code}, "
            f"content-type {response.headers.get('content-type')!r}",
        )
        self.encoding, self.object = found.encoding, found.object
        self.start, self.end, self.reason = found.start, found.end, found.reason

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> tuple[Any, ...]:
        return (UnicodeDecodeError, (self.encoding, self.object, self.start, self.end, self.reason))


def json_decode_error(
    response: httpx.Response, data: bytes | str, *, what: str
) -> JSONBodyDecodeError | JSONBodyUnicodeError | None:
    """The error for ``data`` (``what``: "the response body", ...) that had to be JSON and that
    our decoder refused, where the official SDK's ``json.loads`` raises the standard library's
    error too: a ``JSONBodyDecodeError`` (malformed JSON) or a ``JSONBodyUnicodeError`` (bytes
    that are no text); None where it raises another error (nesting too deep) or takes the data
    (NaN), the caller's own error then."""
    try:
        json.loads(data)
    except json.JSONDecodeError as found:
        return JSONBodyDecodeError(response, found, what=what)
    except UnicodeDecodeError as found:
        return JSONBodyUnicodeError(response, found, what=what)
    except (ValueError, RecursionError):
        pass
    return None


class StreamAlreadyConsumed(OpenAIError):
    """A body asked for whole (``read()``, ``text()``, ``json()``) after it was streamed away
    (``iter_bytes()``, ``iter_lines()``, ``stream_to_file()`` under ``with_streaming_response``):
    keep the chunks while iterating, or read first and iterate the bytes read."""

    def __init__(self) -> None:
        super().__init__(
            "The response body was already streamed (iter_bytes / iter_lines / stream_to_file), "
            "so it cannot be read whole now: collect the chunks while streaming, or call read() "
            "before iterating."
        )


class InvalidWebhookSignatureError(ValueError):
    """A webhook's signature (or its timestamp) does not verify with the webhook secret."""


class OAuthError(AuthenticationError):
    """An OAuth token exchange was refused (401).

    Defined so code written for the official SDK can name it; this client authenticates with an
    API key only, so it does not raise it.
    """


class WebSocketConnectionClosedError(OpenAIError):
    """A realtime websocket connection ended with messages still queued, never sent (raised by
    iterating it, lib/_realtime/connection.py). ``unsent_frames``: those frames in order, text
    (``str``) and binary (``bytes``); ``unsent_messages``: the text ones, binary frames that are
    UTF-8 included as text (as in the official SDK)."""

    unsent_frames: list[str | bytes]
    unsent_messages: list[str]

    def __init__(self, message: str, *, unsent_messages: Sequence[str | bytes]) -> None:
        super().__init__(message)
        self.unsent_frames = list(unsent_messages)
        self.unsent_messages = [
            text for text in map(_as_text, self.unsent_frames) if text is not None
        ]


def _as_text(frame: str | bytes) -> str | None:
    if isinstance(frame, str):
        return frame
    try:
        return frame.decode("utf-8")
    except UnicodeDecodeError:
        return None  # opaque binary: in unsent_frames only


class WebSocketQueueFullError(OpenAIError):
    """A realtime websocket connection's send queue (``max_queue_size`` bytes) has no room for
    a message, which is not queued (lib/_realtime/_send_queue.py)."""


_STATUS_ERRORS: Final[dict[int, type[APIStatusError]]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def status_error_class(status_code: int) -> type[APIStatusError]:
    """The error class for an error status (unlisted 4xx give ``APIStatusError``)."""
    if status_code >= 500:
        return InternalServerError
    return _STATUS_ERRORS.get(status_code, APIStatusError)


def translate_transport_error(exc: Exception, request: httpx.Request) -> APIConnectionError:
    """The one boundary where an httpx (or socket) failure becomes a client error.

    The message is the official SDK's ("Connection error.", "Request timed out."), which code
    written for it may compare; what went wrong (refused, reset, a corrupt body) is the
    ``__cause__`` the caller raises it from, shown in the traceback.
    """
    if isinstance(exc, httpx.TimeoutException):
        return APITimeoutError(request)
    return APIConnectionError(request=request)


def _as_mapping(body: object) -> Mapping[str, Any] | None:
    if not isinstance(body, Mapping):
        return None
    mapping = cast("Mapping[str, Any]", body)
    inner: object = mapping.get("error")
    if isinstance(inner, Mapping):
        return cast("Mapping[str, Any]", inner)
    return mapping


SHORTEST_SECRET = 8
"""Values shorter than this are placeholders, not credentials (API keys, tokens and Azure keys
run to 32 characters and more): unit tests build clients with ``api_key="test"`` or
``"sk-fake"`` and assert on the messages their mocks answer, where redacting such a value would
mangle ordinary words ("<redacted> error")."""


class RedactFn:
    """Replaces known secret values in text meant for messages (never shows the secret)."""

    __slots__ = ("_secrets",)

    def __init__(self, secrets: tuple[str, ...]) -> None:
        self._secrets = tuple(s for s in secrets if len(s) >= SHORTEST_SECRET)

    def __call__(self, text: str) -> str:
        for secret in self._secrets:
            if secret in text:
                text = text.replace(secret, "<redacted>")
        return text
