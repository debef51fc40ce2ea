"""The httpx client behind an API client, created on first use.

Building an ``httpx.Client`` imports its transport stack (httpcore, h11, anyio, certifi) and
sets up TLS, which is most of what a fresh API client would otherwise cost at
start-up. API clients that are built and never send anything (configuration objects, tests, CLIs
that exit early) should not pay it, so an API client holds a ``LazyHTTPClient`` and asks it for
the httpx client when a request is built.

Copies made by ``with_options`` share the holder, so they share one pool whether or not it
exists yet. An injected ``http_client`` is simply held. Closing a holder whose client was never
made only records the fact: a later request fails the way httpx fails on a closed client.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Final, Generic, TypeVar

import httpx

__all__ = ["LazyHTTPClient"]

_C = TypeVar("_C", httpx.Client, httpx.AsyncClient)

# One lock for every holder: it is taken only while a client is being created, once per pool.
_create_lock: Final = threading.Lock()


class LazyHTTPClient(Generic[_C]):
    """An httpx client made by ``factory`` on the first ``get()`` (or the one given).

    Along with the client it caches what request building needs to know about it: its default
    headers (lowercased) and whether requests can be built without its ``build_request`` merging
    (no cookies, no default params).
    """

    __slots__ = ("_client", "_closed", "_factory", "default_headers", "direct_build")

    def __init__(self, factory: Callable[[], _C], client: _C | None = None) -> None:
        self._factory = factory
        self._client: _C | None = None
        self._closed = False
        self.default_headers: dict[str, str] = {}
        self.direct_build = False
        if client is not None:
            self._adopt(client)

    def _adopt(self, client: _C) -> None:
        self.default_headers = {k.lower(): v for k, v in client.headers.items()}
        self.direct_build = not client.cookies and not client.params
        self._client = client

    @property
    def created(self) -> bool:
        return self._client is not None

    def get(self) -> _C:
        """The httpx client, created now if needed."""
        client = self._client
        if client is not None:
            return client
        with _create_lock:
            if self._client is None:
                if self._closed:
                    # Same error httpx raises for a request on a closed client.
                    raise RuntimeError("Cannot send a request, as the client has been closed.")
                self._adopt(self._factory())
            assert self._client is not None
            return self._client

    @property
    def is_closed(self) -> bool:
        client = self._client
        return client.is_closed if client is not None else self._closed

    def mark_closed(self) -> _C | None:
        """Record the close; returns the client to close, or ``None`` when none was made."""
        with _create_lock:
            self._closed = True
            return self._client
