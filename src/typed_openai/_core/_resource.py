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
        self._get = client.get
        self._post = client.post
        self._put = client.put
        self._patch = client.patch
        self._delete = client.delete
        # verbs without a named client method: a client attribute called `options` or `head`
        # could be a resource of the API, so these go through `request` itself
        self._head = partial(client.request, "HEAD")
        self._options = partial(client.request, "OPTIONS")
        self._trace = partial(client.request, "TRACE")
        self._get_api_list = client.get_api_list

    def _sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class AsyncAPIResource:
    _client: AsyncAPIClient

    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client
        self._get = client.get
        self._post = client.post
        self._put = client.put
        self._patch = client.patch
        self._delete = client.delete
        # verbs without a named client method: a client attribute called `options` or `head`
        # could be a resource of the API, so these go through `request` itself
        self._head = partial(client.request, "HEAD")
        self._options = partial(client.request, "OPTIONS")
        self._trace = partial(client.request, "TRACE")
        self._get_api_list = client.get_api_list

    async def _sleep(self, seconds: float) -> None:
        import anyio

        await anyio.sleep(seconds)
