"""Bases of generated resource classes.

A resource holds its client and exposes the client's verbs as ``_get`` / ``_post`` / ``_put`` /
``_patch`` / ``_delete`` / ``_head`` / ``_options`` / ``_trace`` / ``_get_api_list``, bound once at
construction (no extra call hop per request). ``_sleep`` is the seam helpers (polling) use to wait; tests can override it.
"""

from __future__ import annotations

import time
from functools import partial

from ._client import AsyncAPIClient, SyncAPIClient

__all__ = ["AsyncAPIResource", "SyncAPIResource"]


class SyncAPIResource:
    _client: SyncAPIClient

    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client
        # a generated method passes `security=` only where its operation differs from the API's
        # default requirement; a custom request (`client.get(...)`) has none and may use any
        # credential that is set, so the resource's verbs carry the default themselves
        security = client._client_config.security  # pyright: ignore[reportPrivateUsage]
        self._get = partial(client.get, security=security)
        self._post = partial(client.post, security=security)
        self._put = partial(client.put, security=security)
        self._patch = partial(client.patch, security=security)
        self._delete = partial(client.delete, security=security)
        # verbs without a named client method: a client attribute called `options` or `head`
        # could be a resource of the API, so these go through `request` itself
        self._head = partial(client.request, "HEAD", security=security)
        self._options = partial(client.request, "OPTIONS", security=security)
        self._trace = partial(client.request, "TRACE", security=security)
        self._get_api_list = partial(client.get_api_list, security=security)

    def _sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class AsyncAPIResource:
    _client: AsyncAPIClient

    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client
        # a generated method passes `security=` only where its operation differs from the API's
        # default requirement; a custom request (`client.get(...)`) has none and may use any
        # credential that is set, so the resource's verbs carry the default themselves
        security = client._client_config.security  # pyright: ignore[reportPrivateUsage]
        self._get = partial(client.get, security=security)
        self._post = partial(client.post, security=security)
        self._put = partial(client.put, security=security)
        self._patch = partial(client.patch, security=security)
        self._delete = partial(client.delete, security=security)
        # verbs without a named client method: a client attribute called `options` or `head`
        # could be a resource of the API, so these go through `request` itself
        self._head = partial(client.request, "HEAD", security=security)
        self._options = partial(client.request, "OPTIONS", security=security)
        self._trace = partial(client.request, "TRACE", security=security)
        self._get_api_list = partial(client.get_api_list, security=security)

    async def _sleep(self, seconds: float) -> None:
        import anyio

        await anyio.sleep(seconds)
