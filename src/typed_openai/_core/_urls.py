"""URL building: path parameters as single percent-encoded segments, and query flattening."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Final, Literal, cast
from urllib.parse import quote

from ._transform import to_wire
from ._types import NotGiven, Omit

__all__ = ["ArrayFormat", "delimited", "flatten_query", "path_template"]

ArrayFormat = Literal["repeat", "brackets", "comma"]

_PLACEHOLDER: Final = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
# RFC 3986 `pchar` beyond the unreserved characters (which `quote` keeps anyway)
_SEGMENT_SAFE: Final = "!$&'()*+,;=:@"


def encode_segment(value: object, name: str = "value") -> str:
    """``value`` as exactly one path segment: the characters that end or split a segment (``/``,
    ``?``, ``#``), ``%`` and everything outside RFC 3986's segment characters are percent-encoded.

    The sub-delimiters, ``:`` and ``@`` stay literal: they are segment characters, and ids carry
    them (``ft:gpt-4o-mini:org::id``); the official SDK sends them as they are, so a mock that
    matches its URLs matches ours. ``True`` is ``true``, as in a query.

    Rejected with a ``ValueError`` naming the parameter, before anything is sent (as the official
    SDK does): an empty value (``""``, ``None``, ``False``, ``0``), which would address another
    endpoint, and ``"."`` / ``".."``, which URL normalisation (ours, a proxy's or the server's)
    would read as "this directory" / "parent directory".
    """
    if not value:
        raise ValueError(f"Expected a non-empty value for `{name}` but received {value!r}")
    text = "true" if value is True else value if isinstance(value, str) else str(value)
    if text in (".", ".."):
        raise ValueError(
            f"`{name}` cannot be {text!r}: a path segment of dots would address another "
            "endpoint once the URL is normalised"
        )
    return quote(text, safe=_SEGMENT_SAFE)


def path_template(template: str, /, **values: object) -> str:
    """Fill ``{name}`` placeholders of ``template`` with single, percent-encoded path segments.

    >>> path_template("/files/{file_id}/content", file_id="a/../b")
    '/files/a%2F..%2Fb/content'
    """

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            raise KeyError(f"path_template: no value for placeholder {{{name}}}")
        return encode_segment(values[name], name)

    return _PLACEHOLDER.sub(fill, template)


def _scalar(value: object) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return ""
    return str(value)


def flatten_query(
    query: Mapping[str, object], array_format: ArrayFormat = "repeat"
) -> list[tuple[str, str]]:
    """Query params as ordered ``(key, value)`` pairs.

    Lists follow ``array_format`` (``a=1&a=2``, ``a[]=1&a[]=2`` or ``a=1,2``); nested mappings
    become ``a[b]=1``; booleans are ``true``/``false``; ``None``, ``NOT_GIVEN`` and ``Omit``
    entries are dropped (a query has no null: the official SDK sends nothing for ``None`` too).
    """
    pairs: list[tuple[str, str]] = []
    _flatten_into(pairs, "", query, array_format)
    return pairs


def _flatten_into(
    pairs: list[tuple[str, str]], key: str, value: object, array_format: ArrayFormat
) -> None:
    if value is None or isinstance(value, (NotGiven, Omit)):
        return
    if isinstance(value, Mapping):
        for sub_key, sub_value in cast("Mapping[str, object]", value).items():
            _flatten_into(pairs, f"{key}[{sub_key}]" if key else sub_key, sub_value, array_format)
        return
    if isinstance(value, (list, tuple)):
        items: list[object] = list(cast("Iterable[object]", value))
        if array_format == "comma":
            pairs.append((key, ",".join(_scalar(to_wire(item)) for item in items)))
            return
        # a parameter the spec already names `include[]` keeps its name (no `include[][]`)
        brackets = array_format == "brackets" and not key.endswith("[]")
        item_key = f"{key}[]" if brackets else key
        for item in items:
            _flatten_into(pairs, item_key, item, array_format)
        return
    wire = to_wire(value)
    if wire is not value and isinstance(wire, (list, dict)):
        _flatten_into(pairs, key, cast(object, wire), array_format)
        return
    pairs.append((key, _scalar(wire)))


def delimited(value: object, separator: str) -> object:
    """A list (or mapping) as one delimited value, for parameters the spec does not explode.

    OpenAPI's ``style: form, explode: false`` joins with ``,``, ``pipeDelimited`` with ``|`` and
    ``spaceDelimited`` with a space; a mapping becomes ``key,value,key,value``. Anything else, and
    ``NOT_GIVEN``, pass through unchanged.
    """
    wire = to_wire(value)
    if isinstance(wire, Mapping):
        mapping = cast("Mapping[str, object]", wire)
        return separator.join(f"{k}{separator}{_scalar(v)}" for k, v in mapping.items())
    if isinstance(wire, list):
        return separator.join(_scalar(item) for item in cast("list[object]", wire))
    return value
