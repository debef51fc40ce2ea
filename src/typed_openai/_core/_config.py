"""What a generated client declares about its API, plus shared connection defaults.

``_core`` names no API: the generated root client sets ``_client_config`` to a ``ClientConfig``
carrying the base URL, the environment-variable names to read, the auth header and the extra
client options. Example (what the generator emits for a config like ``spec/config.yml``)::

    class Acme(SyncAPIClient):
        _client_config = ClientConfig(
            default_base_url="https://api.acme.test/v1",
            base_url_env="ACME_BASE_URL",
            log_env="ACME_LOG",
            api_key_env="ACME_API_KEY",
            api_key_header="Authorization",
            api_key_format="Bearer {api_key}",
            options=(ClientOption("organization", env="ACME_ORG_ID", header="Acme-Organization"),),
        )

Connection defaults: one SSL context is built lazily and shared by every client we create
(loading the CA bundle costs milliseconds per context), and the timeout default matches the
official SDK's: 600 s per phase, 5 s to connect.
"""

from __future__ import annotations

import logging
import ssl
import threading
from typing import Any, Final, Literal

import httpx
from typing_extensions import override

from ._logging import logger as _engine_logger
from ._types import NotGiven
from ._urls import ArrayFormat

__all__ = [
    "DEFAULT_TIMEOUT",
    "AuthScheme",
    "ClientConfig",
    "ClientOption",
    "NamedBaseURLs",
    "shared_ssl_context",
]

DEFAULT_TIMEOUT: Final = httpx.Timeout(timeout=600, connect=5.0)  # repr as the official SDK
DEFAULT_MAX_RETRIES: Final = 2
DEFAULT_LIMITS: Final = httpx.Limits(max_connections=1000, max_keepalive_connections=100)


class ClientOption:
    """An extra client option (constructor keyword ``name``), read from ``env`` when not passed,
    and sent as header ``header`` when set."""

    __slots__ = ("env", "header", "name")

    def __init__(self, name: str, env: str | None = None, header: str | None = None) -> None:
        self.name = name
        self.env = env
        self.header = header

    @override
    def __repr__(self) -> str:
        return f"ClientOption({self.name!r}, env={self.env!r}, header={self.header!r})"


class NamedBaseURLs:
    """A client option (``option``, also declared in ``options``) that picks the base URL by
    name, e.g. a region: ``urls`` holds the accepted ``(name, base URL)`` pairs. Given, it takes
    the place of ``base_url`` and the environment's base URL, so passing it together with
    ``base_url`` or with one of the ``excludes`` options is a ``ValueError``."""

    __slots__ = ("excludes", "option", "urls")

    def __init__(
        self, option: str, urls: tuple[tuple[str, str], ...], excludes: tuple[str, ...] = ()
    ) -> None:
        self.option = option
        self.urls = dict(urls)
        self.excludes = tuple(excludes)

    def base_url(self, name: object, base_url: object, options: dict[str, object]) -> str:
        """The base URL `name` selects; ValueError (naming the conflict) when `base_url` or an
        excluded option is given too, or the name is not one of ``urls``."""
        if not isinstance(base_url, NotGiven):
            raise ValueError(f"The `{self.option}` and `base_url` arguments are mutually exclusive")
        for other in self.excludes:
            if options.get(other) is not None:
                raise ValueError(
                    f"The `{self.option}` and `{other}` arguments are mutually exclusive"
                )
        if not isinstance(name, str) or name not in self.urls:
            expected = ", ".join(repr(n) for n in self.urls)
            raise ValueError(f"Invalid `{self.option}` {name!r}; expected one of {expected}")
        return self.urls[name]

    @override
    def __repr__(self) -> str:
        return f"NamedBaseURLs({self.option!r}, {tuple(self.urls.items())!r}, excludes={self.excludes!r})"


AuthKind = Literal["basic", "bearer", "header", "query", "cookie"]


class AuthScheme:
    """One security scheme of the API: where its credential goes, and the client options that hold
    it (``("username", "password")`` for ``basic``, one option for the others).

    ``bearer`` also stands for OAuth2 and OpenID Connect: the caller supplies the access token (or
    a callable returning a fresh one per request); ``header``/``query``/``cookie`` are API keys
    sent under the name ``param``."""

    __slots__ = ("kind", "name", "options", "param")

    def __init__(
        self, name: str, kind: AuthKind, options: tuple[str, ...], param: str | None = None
    ) -> None:
        self.name = name
        self.kind: AuthKind = kind
        self.options = tuple(options)
        self.param = param

    @override
    def __repr__(self) -> str:
        return f"AuthScheme({self.name!r}, {self.kind!r}, options={self.options!r}, param={self.param!r})"


class ClientConfig:
    """Everything API-specific the engine needs; set as ``_client_config`` on the generated client.

    - ``default_base_url`` / ``base_url_env``: where requests go when ``base_url`` is not passed.
    - ``headers_env``: a variable of ``Name: value`` lines (one a line), headers sent with every
      request under the ``default_headers`` a client is given (the client's own win).
    - ``api_key_env`` / ``api_key_header`` / ``api_key_format``: when ``api_key_header`` is set,
      an API key is required (argument, else ``$api_key_env``) and sent as
      ``api_key_format.format(api_key=...)``. A missing key raises at construction.
    - ``options``: extra keyword options such as an organization id.
    - ``log_env``: variable switching on logging (``debug``/``info``/...): it sets the level of
      the top-level logger of ``log_name``'s hierarchy.
    - ``log_name``: the logger requests, responses and retries are logged by (default: this
      engine's package logger); ``logger`` is that ``logging.Logger``.
    - ``default_headers``: sent with every request (e.g. a user agent).
    - ``query_array_format``: how list query params are encoded.
    - ``retry_count_header`` / ``idempotency_header`` / ``idempotency_prefix``: headers set per
      attempt (``None`` disables them). ``request_id_header``: read into ``request_id``.
    - ``initial_retry_delay`` / ``max_retry_delay``: backoff bounds in seconds.
    - ``auth``: the API's security schemes (``AuthScheme``); ``security``: the requirement every
      operation has unless it names its own, as alternatives of scheme-name sets (OpenAPI's
      ``security``; ``None``: every scheme whose credentials are set).
    - ``named_base_urls``: an option picking the base URL by name (``NamedBaseURLs``).
    - ``class_argument_hints``: ``(field, advice)`` pairs; a class passed as that top-level body
      field (where the API takes JSON) raises a ``TypeError`` carrying the advice.

    Read-only by convention; ``replace(**changes)`` returns a modified copy. (A plain class, not a
    dataclass: defining dataclasses costs milliseconds of import time.)
    """

    __slots__ = (
        "api_key_env",
        "api_key_format",
        "api_key_header",
        "auth",
        "base_url_env",
        "class_argument_hints",
        "default_base_url",
        "default_headers",
        "headers_env",
        "idempotency_header",
        "idempotency_prefix",
        "initial_retry_delay",
        "log_env",
        "log_name",
        "logger",
        "max_retry_delay",
        "named_base_urls",
        "options",
        "query_array_format",
        "request_id_header",
        "retry_count_header",
        "security",
    )

    def __init__(
        self,
        *,
        default_base_url: str | None = None,
        base_url_env: str | None = None,
        headers_env: str | None = None,
        log_env: str | None = None,
        log_name: str | None = None,
        api_key_env: str | None = None,
        api_key_header: str | None = None,
        api_key_format: str = "{api_key}",
        options: tuple[ClientOption, ...] = (),
        default_headers: tuple[tuple[str, str], ...] = (),
        query_array_format: ArrayFormat = "repeat",
        retry_count_header: str | None = "x-retry-count",
        idempotency_header: str | None = "Idempotency-Key",
        idempotency_prefix: str = "retry-",
        request_id_header: str = "x-request-id",
        initial_retry_delay: float = 0.5,
        max_retry_delay: float = 8.0,
        auth: tuple[AuthScheme, ...] = (),
        security: tuple[tuple[str, ...], ...] | None = None,
        class_argument_hints: tuple[tuple[str, str], ...] = (),
        named_base_urls: NamedBaseURLs | None = None,
    ) -> None:
        self.default_base_url = default_base_url
        self.base_url_env = base_url_env
        self.headers_env = headers_env
        self.log_env = log_env
        self.log_name = log_name
        # resolved once: the engine asks it `isEnabledFor` on every request
        self.logger = logging.getLogger(log_name) if log_name else _engine_logger
        self.api_key_env = api_key_env
        self.api_key_header = api_key_header
        self.api_key_format = api_key_format
        self.options = tuple(options)
        self.default_headers = tuple(default_headers)
        self.query_array_format: ArrayFormat = query_array_format
        self.retry_count_header = retry_count_header
        self.idempotency_header = idempotency_header
        self.idempotency_prefix = idempotency_prefix
        self.request_id_header = request_id_header
        self.initial_retry_delay = initial_retry_delay
        self.max_retry_delay = max_retry_delay
        self.auth = tuple(auth)
        self.security = security
        self.class_argument_hints = tuple(class_argument_hints)
        self.named_base_urls = named_base_urls

    def replace(self, **changes: Any) -> ClientConfig:
        """A copy with ``changes`` applied (e.g. tiny retry delays in tests)."""
        values: dict[str, Any] = {
            name: getattr(self, name) for name in self.__slots__ if name != "logger"
        }
        values.update(changes)
        return ClientConfig(**values)

    @override
    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"ClientConfig({fields})"


_ssl_lock: Final = threading.Lock()
_ssl_context: ssl.SSLContext | None = None


def shared_ssl_context() -> ssl.SSLContext:
    """The process-wide verifying SSL context, built on first use."""
    global _ssl_context
    if _ssl_context is None:
        with _ssl_lock:
            if _ssl_context is None:
                _ssl_context = httpx.create_ssl_context()
    return _ssl_context
