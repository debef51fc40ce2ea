"""Strict response validation, for a client made with ``_strict_response_validation=True``.

By default an answer is built leniently (``_models``): what does not fit the declared type is
kept as it came, so a field the API renamed or a value of a new kind never breaks a call. A
client made with ``_strict_response_validation=True`` validates instead, as the official SDK's
does: every result (plain results, pages, ``parse()`` of a raw response, each event of a stream)
is validated against the type its method declares, and an answer that does not fit (a required
field missing, a value of another type, an enum value the client does not know) raises
``APIResponseValidationError`` carrying the response and the decoded body, with pydantic's error
as its cause.

The validation is pydantic's usual (lax) one, on the decoded JSON: ``"123"`` for an integer field
passes as ``123``. A validated answer is left as pydantic built it; the construct rules that
``_as_constructed`` applies to lenient answers are the official SDK's for those only.

Which media types count as JSON follows the official SDK too: a Content-Type whose media type
ends in ``json``. An answer of another media type is still read as JSON for a model (a server
that labels its JSON ``text/plain``); anything else there is an error naming what came.

This module is imported only by a strict client, so the default path does not load it.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, cast

import httpx
import pydantic

from ._errors import APIResponseValidationError

__all__ = ["is_json_media", "media_error", "validate_body", "validate_value"]


@lru_cache(maxsize=1024)
def _cached_adapter(tp: Any) -> pydantic.TypeAdapter[Any]:
    return pydantic.TypeAdapter(tp)


def _validator(tp: Any) -> Any:
    """What validates plain data as ``tp``: a model's own ``model_validate``, else an adapter."""
    if isinstance(tp, type) and issubclass(tp, pydantic.BaseModel):
        return tp.model_validate
    annotation = cast(Any, tp)  # a union, a container type, `dict`...
    try:
        return _cached_adapter(annotation).validate_python
    except TypeError:  # an unhashable annotation: built each time (no method declares one)
        return pydantic.TypeAdapter(annotation).validate_python


def validate_value(tp: Any, value: object, response: httpx.Response) -> Any:
    """``value`` (decoded JSON) validated as ``tp``, or ``APIResponseValidationError`` holding
    ``response`` and ``value`` as its body."""
    try:
        return _validator(tp)(value)
    except pydantic.ValidationError as exc:
        raise APIResponseValidationError(response, value) from exc


def _media_type(response: httpx.Response) -> str:
    """The response's media type as given (``*`` without a Content-Type header)."""
    return response.headers.get("content-type", "*").split(";", 1)[0]


def is_json_media(response: httpx.Response) -> bool:
    return _media_type(response).endswith("json")


def media_error(response: httpx.Response) -> APIResponseValidationError:
    """The error for an answer that is no JSON where JSON was due, naming its Content-Type."""
    return APIResponseValidationError(
        response,
        response.text,
        message="Expected Content-Type response header to be `application/json` "
        f"but received `{_media_type(response)}` instead.",
    )


def validate_body(response: httpx.Response, cast_to: Any) -> Any:
    """The JSON body of ``response`` (read) validated as ``cast_to``: a model, a union or
    container type, ``dict`` or ``object`` (the JSON as it came).

    Raises ``ValueError`` when a body labelled JSON is not JSON at all (the caller's error).
    """
    import jiter

    content = response.content
    if not is_json_media(response):
        if isinstance(cast_to, type) and issubclass(cast_to, pydantic.BaseModel):
            try:
                data = jiter.from_json(content)
            except ValueError:
                pass
            else:
                return validate_value(cast_to, data, response)
        raise media_error(response)
    data = jiter.from_json(content)
    if data is None or cast_to is object:
        return data
    return validate_value(cast_to, data, response)
