"""httpx clients with the defaults our API clients use, for passing as ``http_client=``.

An ``http_client`` replaces the one a client would make, and a bare ``httpx.Client()`` has httpx's
defaults (5 s timeout, no redirects, a small pool). These subclasses start from ours instead —
``DEFAULT_TIMEOUT``, ``DEFAULT_LIMITS``, redirects followed, the shared SSL context — and take any
httpx keyword to change them (``proxy=``, ``transport=``, ``event_hooks=``...)::

    client = Acme(http_client=DefaultHttpxClient(proxy="http://proxy.internal:8080"))

``DefaultAsyncHttpxClient`` also gets the linear-time connection pool of ``_async_pool`` when
nothing that shapes the transport was passed; ``DefaultAioHttpClient`` sends over aiohttp
(``_aiohttp``; needs the ``aiohttp`` extra). The async API client builds its own default client
with ``DefaultAsyncHttpxClient``, so both paths are the same.

Code written for the official SDK, which runs on ``httpx2`` (a fork of httpx with the same API),
passes httpx2 objects: ``DefaultHttpxClient(transport=httpx2.HTTPTransport(...))`` there builds
an httpx2 client. Here a keyword naming an httpx2 object (a transport, a mount, an auth, a
timeout...) does the same — an ``httpx2.Client`` with our defaults and those keywords — and the
result is a ``SyncHttpx2Client`` (``AsyncHttpx2Client``): an httpx client of ours that sends
every request through it (``_httpx2``). An API client given an ``httpx2.Client`` as
``http_client`` puts it behind one of those too (``SyncHttpx2Client.around(client)``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final, cast

import httpx
from typing_extensions import Self, override

from ._config import DEFAULT_LIMITS, DEFAULT_TIMEOUT, shared_ssl_context
from ._types import from_httpx2

if TYPE_CHECKING:
    import httpx2

__all__ = [
    "AsyncHttpx2Client",
    "DefaultAioHttpClient",
    "DefaultAsyncHttpxClient",
    "DefaultHttpxClient",
    "SyncHttpx2Client",
]

# Keywords that decide the transport: when one is given, httpx builds the transport from it.
_TRANSPORT_KEYWORDS: Final = frozenset(
    {"transport", "proxy", "mounts", "verify", "cert", "trust_env", "http1", "http2"}
)


def _with_defaults(kwargs: dict[str, Any]) -> dict[str, Any]:
    kwargs.setdefault("timeout", DEFAULT_TIMEOUT)
    kwargs.setdefault("limits", DEFAULT_LIMITS)
    kwargs.setdefault("follow_redirects", True)
    if not _TRANSPORT_KEYWORDS & kwargs.keys():
        # Loading the CA bundle costs milliseconds per context: share one.
        kwargs["verify"] = shared_ssl_context()
    return kwargs


def _names_httpx2(kwargs: dict[str, Any]) -> bool:
    """Whether a keyword (or a mount) is an httpx2 object."""
    mounts: object = kwargs.get("mounts")
    if isinstance(mounts, dict) and any(map(from_httpx2, mounts.values())):  # pyright: ignore[reportUnknownArgumentType, reportUnknownMemberType]
        return True
    return any(map(from_httpx2, kwargs.values()))


class DefaultHttpxClient(httpx.Client):
    """``httpx.Client`` with our defaults; every httpx keyword is accepted (with httpx2 objects:
    a ``SyncHttpx2Client``)."""

    def __new__(cls, **kwargs: Any) -> Self:
        if cls is DefaultHttpxClient and _names_httpx2(kwargs):
            # __init__ then runs on the subclass, which builds the httpx2 client
            return super().__new__(cast("type[Self]", SyncHttpx2Client))
        return super().__new__(cls)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**_with_defaults(kwargs))


class DefaultAsyncHttpxClient(httpx.AsyncClient):
    """``httpx.AsyncClient`` with our defaults (and our connection pool); every httpx keyword is
    accepted (with httpx2 objects: an ``AsyncHttpx2Client``)."""

    def __new__(cls, **kwargs: Any) -> Self:
        if cls is DefaultAsyncHttpxClient and _names_httpx2(kwargs):
            return super().__new__(cast("type[Self]", AsyncHttpx2Client))
        return super().__new__(cls)

    def __init__(self, **kwargs: Any) -> None:
        if not _TRANSPORT_KEYWORDS & kwargs.keys():
            from ._async_pool import fast_async_transport  # loads httpcore: first client only

            limits: httpx.Limits = kwargs.get("limits", DEFAULT_LIMITS)
            kwargs["transport"] = fast_async_transport(verify=shared_ssl_context(), limits=limits)
        super().__init__(**_with_defaults(kwargs))


class DefaultAioHttpClient(httpx.AsyncClient):
    """``httpx.AsyncClient`` with our defaults that sends over aiohttp instead of httpcore.

    Needs the ``aiohttp`` extra (a ``RuntimeError`` saying so otherwise). ``verify`` and
    ``limits`` configure aiohttp's pool; other transport keywords do not apply.
    """

    def __init__(self, **kwargs: Any) -> None:
        try:
            from ._aiohttp import AiohttpTransport
        except ImportError as exc:
            raise RuntimeError(
                "DefaultAioHttpClient needs aiohttp: install this package with its `aiohttp` extra"
            ) from exc

        unsupported = sorted((_TRANSPORT_KEYWORDS - {"verify", "transport"}) & kwargs.keys())
        if unsupported:
            raise TypeError(
                f"DefaultAioHttpClient sends over aiohttp; {', '.join(unsupported)} "
                "configure httpx's own transport and cannot apply"
            )
        verify = kwargs.pop("verify", None)
        limits: httpx.Limits = kwargs.setdefault("limits", DEFAULT_LIMITS)
        kwargs.setdefault(
            "transport",
            AiohttpTransport(
                verify=shared_ssl_context() if verify is None else verify, limits=limits
            ),
        )
        super().__init__(**_with_defaults(kwargs))


def _wrapper_keywords(client: httpx2.Client | httpx2.AsyncClient, transport: Any) -> dict[str, Any]:
    """The httpx client keywords that show an httpx2 client's settings: its timeout (which an
    API client adopts, as from any ``http_client``), headers and redirect policy (informative:
    the httpx2 client merges its headers and follows redirects itself)."""
    from ._httpx2 import httpx_timeout

    return {
        "transport": transport,
        "timeout": httpx_timeout(client.timeout),
        "headers": client.headers.raw,
        "follow_redirects": client.follow_redirects,
        "max_redirects": client.max_redirects,
        "trust_env": False,
    }


class SyncHttpx2Client(DefaultHttpxClient):
    """An httpx client that sends every request through an ``httpx2.Client`` (``.httpx2_client``):
    what ``DefaultHttpxClient`` gives for httpx2 keywords, and what an API client puts an
    ``httpx2.Client`` behind. Its ``event_hooks`` are the httpx2 client's; closing it closes
    that client."""

    httpx2_client: httpx2.Client

    def __init__(self, **kwargs: Any) -> None:
        import httpx2

        from ._httpx2 import httpx2_keywords

        self._wrap(httpx2.Client(**httpx2_keywords(_with_defaults(kwargs))))

    @classmethod
    def around(cls, client: httpx2.Client) -> Self:
        """An httpx client sending through ``client``."""
        self = cls.__new__(cls)
        self._wrap(client)
        return self

    def _wrap(self, client: httpx2.Client) -> None:
        from ._httpx2 import ClientTransport

        self.httpx2_client = client
        httpx.Client.__init__(self, **_wrapper_keywords(client, ClientTransport(client)))

    @override
    def send(
        self,
        request: httpx.Request,
        *,
        stream: bool = False,
        auth: Any = httpx.USE_CLIENT_DEFAULT,
        follow_redirects: bool | httpx._client.UseClientDefault = httpx.USE_CLIENT_DEFAULT,  # pyright: ignore[reportPrivateUsage]
    ) -> httpx.Response:
        # the httpx2 client follows redirects (its auth and hooks see each one, as under the
        # official SDK); a call's own choice travels with the request
        if isinstance(follow_redirects, bool):
            from ._httpx2 import FOLLOW_REDIRECTS

            request.extensions[FOLLOW_REDIRECTS] = follow_redirects
        return super().send(request, stream=stream, auth=auth, follow_redirects=False)

    @property
    @override
    def event_hooks(self) -> dict[str, list[Any]]:
        return self.httpx2_client.event_hooks

    @event_hooks.setter
    @override
    def event_hooks(self, event_hooks: dict[str, list[Any]]) -> None:
        self.httpx2_client.event_hooks = event_hooks


class AsyncHttpx2Client(DefaultAsyncHttpxClient):
    """The async ``SyncHttpx2Client``: sends every request through an ``httpx2.AsyncClient``."""

    httpx2_client: httpx2.AsyncClient

    def __init__(self, **kwargs: Any) -> None:
        import httpx2

        from ._httpx2 import httpx2_keywords

        self._wrap(httpx2.AsyncClient(**httpx2_keywords(_with_defaults(kwargs))))

    @classmethod
    def around(cls, client: httpx2.AsyncClient) -> Self:
        """An httpx client sending through ``client``."""
        self = cls.__new__(cls)
        self._wrap(client)
        return self

    def _wrap(self, client: httpx2.AsyncClient) -> None:
        from ._httpx2 import AsyncClientTransport

        self.httpx2_client = client
        httpx.AsyncClient.__init__(self, **_wrapper_keywords(client, AsyncClientTransport(client)))

    @override
    async def send(
        self,
        request: httpx.Request,
        *,
        stream: bool = False,
        auth: Any = httpx.USE_CLIENT_DEFAULT,
        follow_redirects: bool | httpx._client.UseClientDefault = httpx.USE_CLIENT_DEFAULT,  # pyright: ignore[reportPrivateUsage]
    ) -> httpx.Response:
        if isinstance(follow_redirects, bool):
            from ._httpx2 import FOLLOW_REDIRECTS

            request.extensions[FOLLOW_REDIRECTS] = follow_redirects
        return await super().send(request, stream=stream, auth=auth, follow_redirects=False)

    @property
    @override
    def event_hooks(self) -> dict[str, list[Any]]:
        return self.httpx2_client.event_hooks

    @event_hooks.setter
    @override
    def event_hooks(self, event_hooks: dict[str, list[Any]]) -> None:
        self.httpx2_client.event_hooks = event_hooks
