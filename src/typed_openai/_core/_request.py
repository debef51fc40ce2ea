"""Pure pieces of request building: the prepared call, header checks and merging, body encoding.

Nothing here does I/O; ``BaseClient._prepare`` strings these together once per call, and the
retry loops reuse the resulting ``PreparedCall`` for every attempt.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import IO, Any, Final, cast

from ._types import Headers, NotGiven, Omit, Security, Timeout

__all__ = [
    "PreparedCall",
    "check_header_value",
    "chunk_bytes",
    "dump_json",
    "is_raw_body",
    "merge_headers",
    "raw_bytes",
]


# An HTTP header name is a "token" (RFC 9110 5.1, 5.6.2).
_HEADER_NAME: Final = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")


def check_header_value(name: str, value: str) -> None:
    """Reject what could split or corrupt the request head, before anything is sent.

    CR/LF in a value (header injection), NUL in a value, and a name that is not a token (a CR,
    LF, space or colon in it) are local mistakes: a ``ValueError`` here, rather than the transport
    refusing them later as if the connection had failed. The value is never echoed.
    """
    if not isinstance(cast(object, value), str):  # untyped callers: `extra_headers={"X": 5}`
        raise TypeError(
            f"Header {name!r} must have a str (or bytes) value, got {type(value).__name__}"
        )
    if "\r" in value or "\n" in value:
        raise ValueError(f"Header {name!r} has a value containing a CR or LF character")
    if "\x00" in value:
        raise ValueError(f"Header {name!r} has a value containing a NUL character")
    if _HEADER_NAME.fullmatch(name) is None:
        raise ValueError(f"{name!r} is not a valid HTTP header name")


class PreparedCall:
    """One prepared call, reused unchanged across its retries."""

    __slots__ = (
        "content",
        "files",
        "follow_redirects",
        "form",
        "headers",
        "max_retries",
        "method",
        "params",
        "providers",
        "security",
        "timeout",
        "url",
    )

    def __init__(
        self,
        method: str,
        url: str,
        headers: dict[str, str],
        params: list[tuple[str, str]] | None,
        content: bytes | None,
        form: dict[str, str | list[str]] | None,
        files: list[tuple[str, Any]] | None,
        timeout: Timeout,
        max_retries: int,
        follow_redirects: bool | None = None,
    ) -> None:
        self.method = method
        self.url = url
        self.headers = headers
        self.params = params
        self.content = content
        self.form = form
        self.files = files
        self.timeout = timeout
        self.max_retries = max_retries
        self.follow_redirects = follow_redirects  # None: the httpx client's setting
        # the credential functions this call asked (option name, function) and its security
        # requirement: each retry asks them again, since a token may expire meanwhile
        self.providers: tuple[tuple[str, Callable[[], object]], ...] = ()
        self.security: Security | None = None


def is_raw_body(body: object) -> bool:
    return isinstance(body, (bytes, bytearray, memoryview)) or hasattr(body, "read")


def raw_bytes(body: object) -> bytes:
    if hasattr(body, "read"):
        return cast("IO[bytes]", body).read()
    return bytes(cast("bytes", body))


def chunk_bytes(chunk: object) -> bytes:
    if isinstance(chunk, str):
        return chunk.encode()
    if isinstance(chunk, (bytes, bytearray, memoryview)):
        return bytes(cast("bytes", chunk))
    raise TypeError(f"A raw body's chunks must be bytes or str, got {type(chunk).__name__}")


def merge_headers(target: dict[str, str], headers: Headers, *, none_unset: bool = True) -> None:
    """``headers`` over ``target`` (lower-case names). ``Omit()`` removes a header, ``NOT_GIVEN``
    leaves it alone, and so does ``None`` where ``none_unset`` (an operation's optional header
    parameter); in the caller's ``extra_headers`` (``none_unset=False``) None is no header value:
    a ``TypeError``, as the official SDK raises (httpx refuses it there)."""
    for name, value in headers.items():
        key = name.lower()
        if isinstance(value, Omit):
            target.pop(key, None)
        elif isinstance(value, NotGiven) or (value is None and none_unset):
            continue  # an optional header parameter that was not set
        else:
            given = cast(object, value)  # generated methods also pass lists (array headers)
            if isinstance(given, bytes):
                given = given.decode("latin-1")  # as httpx takes them: the bytes as sent
            elif isinstance(given, Iterable) and not isinstance(given, str):
                # an array header parameter (a list, a tuple, any iterable of texts): OpenAPI's
                # only header style ("simple") sends the items comma-separated in one value
                given = ",".join(str(item) for item in cast("Iterable[object]", given))
            text = cast(str, given)
            check_header_value(name, text)
            target[key] = text


def dump_json(data: object, class_hints: tuple[tuple[str, str], ...] = ()) -> bytes:
    """`data` as JSON bytes. A value JSON cannot hold is a mistake in the arguments: a TypeError
    (as json.dumps, and so the official SDK, raises), not an error type of our serializer; a class
    given as a top-level field is named, with the advice `class_hints` has for that field."""
    # pydantic-core's serializer is ~5x faster than json.dumps with compact separators. Imported
    # here, on the first body sent, not with the client: loading it (~15 ms, 17 modules) is most
    # of what building a client would otherwise cost beyond httpx.
    from pydantic_core import PydanticSerializationError, to_json

    try:
        dumped = to_json(data)
    except PydanticSerializationError as exc:
        raise TypeError(_not_serializable(data, exc, class_hints)) from None
    # NaN and ±Infinity have no JSON form (the serializer writes them as bare words, which no
    # server parses): a ValueError before sending, as the official SDK raises. The words appear
    # in a dump only in such a number or in a string, which the second dump tells apart.
    if (b"NaN" in dumped or b"Infinity" in dumped) and dumped != to_json(data, inf_nan_mode="null"):
        raise ValueError(
            "The request body holds a NaN or infinite number, which JSON cannot represent"
        )
    return dumped


def _not_serializable(
    data: object, error: Exception, class_hints: tuple[tuple[str, str], ...]
) -> str:
    if isinstance(data, Mapping):
        for key, value in cast("Mapping[str, object]", data).items():
            if isinstance(value, type):
                message = (
                    f"`{key}` is the class {value.__qualname__}, but the request body takes "
                    "JSON values, not classes"
                )
                hint = dict(class_hints).get(key)
                return f"{message}; {hint}" if hint else message
    return f"The request body is not JSON serializable: {error}"
