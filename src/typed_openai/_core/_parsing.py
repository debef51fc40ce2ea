"""Turning a finished response into what the generated method promised (``cast_to``).

``cast_to`` may be a class, a union alias, ``object``/``dict`` (raw JSON), ``None`` (no body),
``str``, ``bytes``, ``httpx.Response`` (``httpx2.Response``: one built from the answer) or
``BinaryResponseContent``.

Every model or page a call returns carries the id of the request that produced it as
``result._request_id`` (the value of ``ClientConfig.request_id_header``, ``None`` when the server
sent none), for logging and support requests; ``tag_request_id`` is the one place that sets it.
"""

from __future__ import annotations

import sys
from abc import ABCMeta
from typing import Any, Final, TypeVar, get_args, get_origin

import httpx

from ._binary import BinaryResponseContent
from ._errors import APIResponseValidationError, json_decode_error
from ._types import from_httpx2

_T = TypeVar("_T")

__all__ = [
    "ParseSpec",
    "ResponseBuilder",
    "parse_response",
    "tag_request_id",
    "validates_strictly",
]


class ResponseBuilder:
    """A ``cast_to`` that builds the result itself from the response (e.g. a list page)."""

    __slots__ = ()

    def build(self, response: httpx.Response, strict: bool = False) -> Any:
        """The result; ``strict``: validated, ``APIResponseValidationError`` where it does not
        fit (see ``_validation``)."""
        raise NotImplementedError


class ParseSpec:
    """How to turn one call's response into its result (kept by raw responses for ``parse()``)."""

    __slots__ = ("asynchronous", "cast_to", "event_envelope", "stream", "stream_cls")

    def __init__(
        self,
        cast_to: Any,
        stream: bool = False,
        stream_cls: Any = None,
        event_envelope: bool = False,
        *,
        asynchronous: bool = False,  # a stream is an `AsyncStream` unless `stream_cls` says
    ) -> None:
        self.cast_to = cast_to
        self.stream = stream
        self.stream_cls = stream_cls
        self.event_envelope = event_envelope
        self.asynchronous = asynchronous


def split_stream_cls(stream_cls: Any, default_cls: type) -> tuple[type, Any]:
    """(stream class, item type) from ``Stream[X]`` or a bare stream class (raw JSON items);
    ``None`` is ``default_cls`` of raw items."""
    if stream_cls is None:
        return default_cls, object
    origin = get_origin(stream_cls)
    if not isinstance(origin or stream_cls, type):
        raise TypeError(f"stream_cls must be a stream class or Stream[Item], not {stream_cls!r}")
    if origin is not None:
        args = get_args(stream_cls)
        return origin, args[0] if args else object
    return stream_cls, object


def validates_strictly(client: object) -> bool:
    """Whether ``client`` (what a raw response or a stream was made by) validates its answers
    (``_strict_response_validation``); read when parsing, as the official SDK's do."""
    return bool(getattr(client, "_strict_response_validation", False))


def _is_json_response(response: httpx.Response, default: bool = False) -> bool:
    """Does the response's Content-Type say JSON (``application/json``, ``…+json``)?"""
    content_type = response.headers.get("content-type")
    if not content_type:
        return default
    media = content_type.split(";", 1)[0].strip().lower()
    return media == "application/json" or media.endswith("+json")


# the metaclasses of httpx2's classes (`Response`; `Headers`, a mapping, is an ABC)
_PLAIN_METACLASSES: Final = (type, ABCMeta)


def parse_response(response: httpx.Response, cast_to: Any, strict: bool = False) -> Any:
    """The non-streaming result for ``cast_to`` from a response whose body has been read;
    ``strict`` (the client's ``_strict_response_validation``): validated (see ``_validation``)
    instead of built leniently."""
    if isinstance(cast_to, ResponseBuilder):
        try:
            return cast_to.build(response, strict)
        except ValueError as exc:
            if strict:
                from ._validation import is_json_media, media_error

                if not is_json_media(response):
                    raise media_error(response) from None
            if _is_json_response(response):
                raise_json_decode_error(response)
            raise APIResponseValidationError(response, response.text, message=str(exc)) from exc
    if cast_to is None or cast_to is type(None):
        return None
    if cast_to is BinaryResponseContent:
        return BinaryResponseContent(response)
    if cast_to is httpx.Response:
        return response
    if cast_to is str:
        if _is_json_response(response):
            # a JSON `type: string` body is the string, not its quoted JSON text
            import jiter

            try:
                decoded = jiter.from_json(response.content)
            except ValueError:
                return response.text
            return decoded if isinstance(decoded, str) else response.text
        return response.text
    if cast_to is bytes:
        return response.content
    if type(cast_to) in _PLAIN_METACLASSES and from_httpx2(cast_to):
        # `cast_to=httpx2.Response` (the official SDK's README). Models (pydantic's metaclass),
        # the usual `cast_to`, are not even looked into.
        from ._httpx2 import httpx2_response

        return httpx2_response(response, cast_to)
    content = response.content
    try:
        if strict:
            from ._validation import validate_body

            return validate_body(response, cast_to)
        if cast_to is object or cast_to is dict or get_origin(cast_to) is dict:
            import jiter

            if not content:
                return None
            if cast_to is object and not _is_json_response(response, default=True):
                return response.text  # an untyped answer in another media type: its text
            return jiter.from_json(content)
        from ._models import parse_json

        if _is_plain_text(response):
            return _json_or_text(response, cast_to)
        return parse_json(cast_to, content)
    except ValueError as exc:
        # pydantic's ValidationError is a ValueError too; by now only malformed JSON is left.
        if _is_json_response(response):
            raise_json_decode_error(response)
        raise APIResponseValidationError(
            response,
            response.text,
            message=f"Could not decode the response body as JSON ({exc}); "
            f"status {response.status_code}, content-type {response.headers.get('content-type')!r}",
        ) from exc


def raise_json_decode_error(response: httpx.Response) -> None:
    """Raise ``JSONBodyDecodeError`` / ``JSONBodyUnicodeError`` (the standard library's error
    too, as the official SDK's there) if the body, labelled JSON, is none (malformed, or bytes
    that are no text); return otherwise (the caller's error)."""
    error = json_decode_error(response, response.content, what="the response body")
    if error is not None:
        raise error from None


def _is_plain_text(response: httpx.Response) -> bool:
    """A text answer other than HTML (an HTML page where JSON was due is a gateway's, an error),
    or one that names no media type at all (a server or proxy that sends no content-type)."""
    content_type = response.headers.get("content-type")
    if content_type is None:
        return True
    media = content_type.split(";", 1)[0].strip().lower()
    return media.startswith("text/") and media != "text/html"


def _json_or_text(response: httpx.Response, cast_to: Any) -> Any:
    """A typed answer that came in another media type (``text/plain`` for a transcription asked
    with ``response_format="text"``) or in none: parsed if its body is JSON all the same, else its
    text, as the official SDK hands it over, instead of a JSON decoding error on a valid answer.
    An empty body with no content-type (seen from proxies in front of self-hosted, compatible
    servers) is so ``''``, as with the official SDK."""
    import jiter

    from ._models import parse_json

    try:
        jiter.from_json(response.content)
    except ValueError:
        return response.text
    return parse_json(cast_to, response.content)


_MODELS_MODULE = __name__.rpartition(".")[0] + "._models"
_carriers: tuple[type, ...] = ()


def _request_id_carriers() -> tuple[type, ...]:
    """The result types that carry ``_request_id``: models (a page is one).

    Empty while the model module is not loaded: no model or page can exist before it is, and a
    call returning plain JSON or bytes should not import pydantic's model machinery just to check.
    """
    global _carriers
    if not _carriers and _MODELS_MODULE in sys.modules:
        from ._models import BaseModel

        _carriers = (BaseModel,)
    return _carriers


def tag_request_id(result: _T, request_id: str | None) -> _T:
    """``result``, with ``result._request_id = request_id`` when it is a model or a page.

    Stored in the instance ``__dict__`` beside the fields, not as a field: it is not part of
    ``model_dump()``, equality or ``repr``, and it survives ``copy``/``pickle`` with the object.
    Nested models do not get one; only what a call returns does.
    """
    if isinstance(result, _request_id_carriers()):
        object.__setattr__(result, "_request_id", request_id)
    return result
