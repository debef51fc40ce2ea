"""Where a realtime connection goes and what its opening handshake carries.

The URL is the client's ``websocket_base_url``, else its ``base_url`` with ``http`` turned into
``ws`` (anything else into ``wss``; the beta interface, as the official SDK's, always takes
``wss``), plus ``/realtime``; its query is the client's default query,
then the connection's own parameters (``model``, ``call_id``) and ``extra_query`` over them (an
Azure OpenAI client: ``api-version`` and ``deployment`` instead of ``model``, under its endpoint,
on ``wss``). The headers are the credentials a request would carry, the client's default headers, the API flavour's own (the beta
interface's ``OpenAI-Beta``) and ``extra_headers``, each overriding the earlier ones whatever the
case of the name; an ``Omit`` value removes a header.
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from typing import TYPE_CHECKING, cast

import httpx

from typed_openai._core import NotGiven, Omit, OpenAIError
from typed_openai._core._urls import flatten_query

if TYPE_CHECKING:
    from typed_openai._core import AsyncAPIClient, SyncAPIClient
    from typed_openai._core._types import Security

__all__ = [
    "MISSING_EXTRA",
    "async_credential_headers",
    "credential_headers",
    "handshake_headers",
    "realtime_url",
]

MISSING_EXTRA = (
    "The Realtime API's websocket connection needs the `websockets` package: "
    "install it with `pip install typed_openai[realtime]`"
)


def realtime_url(
    client: SyncAPIClient | AsyncAPIClient,
    model: object,
    query: Mapping[str, object],
    *,
    tls_only: bool = False,
    path: str = "/realtime",
) -> httpx.URL:
    """The ``ws(s)://…/realtime?…`` URL (``path`` other than ``/realtime`` for another
    interface) of a connection to ``model`` with ``query`` (its other parameters and
    ``extra_query``, in that order); ``tls_only``: ``wss`` whatever the ``base_url``'s
    scheme."""
    from typed_openai.lib.azure import BaseAzureClient

    configured = cast("str | httpx.URL | None", getattr(client, "websocket_base_url", None))
    if isinstance(client, BaseAzureClient):
        # Azure OpenAI names the deployment (the model's, unless the client is bound to one)
        # and the API version; its websocket is under the endpoint, not a deployment, on TLS
        if not isinstance(model, str) or not model:
            raise OpenAIError("`model` is required for a realtime connection to Azure OpenAI")
        api_version = client._api_version  # pyright: ignore[reportPrivateUsage]
        deployment = client._azure_deployment or model  # pyright: ignore[reportPrivateUsage]
        query = {**query, "api-version": api_version, "deployment": deployment}
        unscoped = client._unscoped_base  # pyright: ignore[reportPrivateUsage]
        base = httpx.URL(unscoped + "/") if unscoped is not None else client.base_url
        base = base.copy_with(scheme="wss")
    else:
        query = {"model": model, **query}
        base = client.base_url
        plain = base.scheme == "http" and not tls_only
        base = base.copy_with(scheme="ws" if plain else "wss")
    if configured is not None:
        base = httpx.URL(str(configured))
    base_path, separator, own_query = base.raw_path.partition(b"?")
    raw_path = base_path.rstrip(b"/") + path.encode() + separator + own_query
    url = base.copy_with(raw_path=raw_path)
    config = client._client_config  # pyright: ignore[reportPrivateUsage]
    params = flatten_query({**client.default_query, **query}, config.query_array_format)
    return url.copy_merge_params(httpx.QueryParams(tuple(params))) if params else url


def handshake_headers(
    client: SyncAPIClient | AsyncAPIClient,
    credentials: Mapping[str, str],
    *layers: Mapping[str, object],
) -> dict[str, str]:
    """The handshake's headers: ``credentials`` and the client's defaults, then ``layers`` in
    order (a later spelling of a name replaces an earlier one; ``Omit`` removes it)."""
    merged: dict[str, tuple[str, str]] = {}
    for layer in (credentials, client.default_headers, *layers):
        for name, value in layer.items():
            if isinstance(value, (Omit, NotGiven)):
                merged.pop(name.lower(), None)
            else:
                merged[name.lower()] = (name, str(value))
    return dict(merged.values())


def _security(client: SyncAPIClient | AsyncAPIClient) -> Security | None:
    config = client._client_config  # pyright: ignore[reportPrivateUsage]
    return client._call_security(config.security)  # pyright: ignore[reportPrivateUsage]


def credential_headers(client: SyncAPIClient) -> dict[str, str]:
    """The credential headers a request would carry (the api key's, or Azure's key or Entra ID
    token), a credential function (a callable ``api_key``, a token provider) asked first."""
    security = _security(client)
    for name, provide in client._credential_functions(security):  # pyright: ignore[reportPrivateUsage]
        client._use_credential(name, provide())  # pyright: ignore[reportPrivateUsage]
    return client._credential_headers(security)  # pyright: ignore[reportPrivateUsage]


async def async_credential_headers(client: AsyncAPIClient) -> dict[str, str]:
    """``credential_headers`` for an async client, whose functions may return awaitables."""
    security = _security(client)
    for name, provide in client._credential_functions(security):  # pyright: ignore[reportPrivateUsage]
        value = provide()
        if inspect.isawaitable(value):
            value = await value
        client._use_credential(name, value)  # pyright: ignore[reportPrivateUsage]
    return client._credential_headers(security)  # pyright: ignore[reportPrivateUsage]
