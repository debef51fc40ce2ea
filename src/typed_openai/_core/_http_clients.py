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
"""

from __future__ import annotations

from typing import Any, Final

import httpx

from ._config import DEFAULT_LIMITS, DEFAULT_TIMEOUT, shared_ssl_context

__all__ = ["DefaultAioHttpClient", "DefaultAsyncHttpxClient", "DefaultHttpxClient"]

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


class DefaultHttpxClient(httpx.Client):
    """``httpx.Client`` with our defaults; every httpx keyword is accepted."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**_with_defaults(kwargs))


class DefaultAsyncHttpxClient(httpx.AsyncClient):
    """``httpx.AsyncClient`` with our defaults (and our connection pool); every httpx keyword is
    accepted."""

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
