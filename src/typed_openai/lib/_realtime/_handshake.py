"""Where a realtime connection goes and what its opening handshake carries.

The URL is the client's ``websocket_base_url``, else its ``base_url`` with ``http`` turned into
``ws`` (anything else into ``wss``), plus ``/realtime``; its query is the client's default query,
then the connection's own parameters (``model``, ``call_id``) and ``extra_query`` over them. The
headers are the api key's, the client's default headers, the API flavour's own (the beta
interface's ``OpenAI-Beta``) and ``extra_headers``, each overriding the earlier ones whatever the
case of the name; an ``Omit`` value removes a header.
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, cast

import httpx

from typed_openai._core import NotGiven, Omit
from typed_openai._core._urls import flatten_query

if TYPE_CHECKING:
    from typed_openai._core import AsyncAPIClient, SyncAPIClient

__all__ = ["MISSING_EXTRA", "handshake_headers", "realtime_url", "refresh_api_key"]

MISSING_EXTRA = (
    "The Realtime API's websocket connection needs the `websockets` package: "
    "install it with `pip install typed_openai[realtime]`"
)


def realtime_url(client: SyncAPIClient | AsyncAPIClient, query: Mapping[str, object]) -> httpx.URL:
    """The ``ws(s)://…/realtime?…`` URL of a connection with ``query`` (its own parameters and
    ``extra_query``, in that order)."""
    configured = cast("str | httpx.URL | None", getattr(client, "websocket_base_url", None))
    if configured is not None:
        base = httpx.URL(str(configured))
    else:
        base = client.base_url
        base = base.copy_with(scheme="ws" if base.scheme == "http" else "wss")
    path, separator, own_query = base.raw_path.partition(b"?")
    url = base.copy_with(raw_path=path.rstrip(b"/") + b"/realtime" + separator + own_query)
    config = client._client_config  # pyright: ignore[reportPrivateUsage]
    params = flatten_query({**client.default_query, **query}, config.query_array_format)
    return url.copy_merge_params(httpx.QueryParams(tuple(params))) if params else url


def handshake_headers(
    client: SyncAPIClient | AsyncAPIClient, *layers: Mapping[str, object]
) -> dict[str, str]:
    """The handshake's headers: the api key's and the client's defaults, then ``layers`` in
    order (a later spelling of a name replaces an earlier one; ``Omit`` removes it)."""
    merged: dict[str, tuple[str, str]] = {}
    for layer in (client.auth_headers, client.default_headers, *layers):
        for name, value in layer.items():
            if isinstance(value, (Omit, NotGiven)):
                merged.pop(name.lower(), None)
            else:
                merged[name.lower()] = (name, str(value))
    return dict(merged.values())


def refresh_api_key(client: SyncAPIClient | AsyncAPIClient) -> object:
    """Ask a callable ``api_key`` for a fresh key before the handshake, as before a request.
    Returns an awaitable when an async client's function gave one (the caller awaits it)."""
    provider = client._api_key_provider  # pyright: ignore[reportPrivateUsage]
    if provider is None:
        return None
    value = provider()
    if inspect.isawaitable(value):
        return _use_later(client, cast("Any", value))
    client._use_api_key(value)  # pyright: ignore[reportPrivateUsage]
    return None


async def _use_later(client: SyncAPIClient | AsyncAPIClient, pending: Any) -> None:
    client._use_api_key(await pending)  # pyright: ignore[reportPrivateUsage]
