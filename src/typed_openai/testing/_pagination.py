"""Cursor pagination as the API does it: ``limit``, ``order``, ``after``, ``before``."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ._errors import ApiError

JsonObject = dict[str, Any]


def parse_limit(query: Mapping[str, str], *, default: int = 20, maximum: int = 100) -> int:
    raw = query.get("limit")
    if raw is None or raw == "":
        return default
    try:
        limit = int(raw)
    except ValueError:
        raise ApiError(
            400, f"Invalid 'limit': expected an integer, got '{raw}'.", param="limit"
        ) from None
    if not 1 <= limit <= maximum:
        raise ApiError(
            400,
            f"Invalid 'limit': integer must be between 1 and {maximum}, got {limit}.",
            param="limit",
            code="integer_out_of_range",
        )
    return limit


def parse_order(query: Mapping[str, str], *, default: str = "desc") -> str:
    order = query.get("order") or default
    if order not in ("asc", "desc"):
        raise ApiError(
            400,
            f"Invalid 'order': expected one of 'asc' or 'desc', got '{order}'.",
            param="order",
            code="invalid_value",
        )
    return order


def cursor_page(
    items: Sequence[JsonObject],
    query: Mapping[str, str],
    *,
    render: Callable[[JsonObject], JsonObject],
    default_order: str = "desc",
    max_limit: int = 100,
) -> JsonObject:
    """One page of ``items`` (given oldest first) as a list object with ``first_id``/``last_id``."""
    limit = parse_limit(query, maximum=max_limit)
    order = parse_order(query, default=default_order)
    ordered = list(items) if order == "asc" else list(reversed(items))
    ids = [item["id"] for item in ordered]
    after, before = query.get("after"), query.get("before")
    if after:
        # An unknown cursor yields an empty page rather than restarting, so clients cannot loop.
        ordered = ordered[ids.index(after) + 1 :] if after in ids else []
    elif before:
        ordered = ordered[: ids.index(before)] if before in ids else []
        page = ordered[-limit:]
        return _page([render(item) for item in page], has_more=len(ordered) > limit)
    page = ordered[:limit]
    return _page([render(item) for item in page], has_more=len(ordered) > limit)


def _page(data: list[JsonObject], *, has_more: bool) -> JsonObject:
    return {
        "object": "list",
        "data": data,
        "first_id": data[0]["id"] if data else None,
        "last_id": data[-1]["id"] if data else None,
        "has_more": has_more,
    }


def public(obj: JsonObject) -> JsonObject:
    """The object without the server's bookkeeping fields (names starting with ``_``)."""
    return {key: value for key, value in obj.items() if not key.startswith("_")}
