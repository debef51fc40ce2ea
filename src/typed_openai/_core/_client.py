"""The HTTP engine: ``SyncAPIClient`` and ``AsyncAPIClient`` over httpx.

``BaseClient`` does all the pure work once for both: reading options (arguments, else the
environment variables the generated subclass names in ``_client_config``), building the request
(base URL + already-encoded path, flattened query, JSON or multipart body, merged headers,
timeout), making errors, and parsing results. The two subclasses add only the sending: one retry
loop each, a dozen lines, deciding with the pure functions in ``_retries``.

Header precedence, lowest first: client defaults (config, auth, options, ``default_headers``),
operation headers passed by the generated method, ``extra_headers``; ``Omit()`` removes a header.
Header names are compared case-insensitively (stored lowercase).

Generated root clients subclass these and declare ``_client_config``; see ``_config``.
"""

from __future__ import annotations

import contextlib
import inspect
import os
import time
from collections.abc import Callable, Iterator, Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    ClassVar,
    Final,
    Generic,
    Literal,
    NoReturn,
    SupportsIndex,
    TypeVar,
    cast,
    overload,
)

import httpx
from typing_extensions import Self, override

from ._auth import needed_options, place_credentials
from ._config import DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT, ClientConfig
from ._custom_request import async_custom_request, sync_custom_request
from ._errors import (
    APIStatusError,
    OpenAIError,
    RedactFn,
    status_error_class,
    translate_transport_error,
)
from ._files import FormPart, encode_multipart_fields, to_form_fields, to_httpx_files
from ._http_clients import (
    AsyncHttpx2Client,
    DefaultAsyncHttpxClient,
    DefaultHttpxClient,
    SyncHttpx2Client,
)
from ._http_pool import LazyHTTPClient
from ._logging import (
    hide_query_params,
    redact_headers,
    redact_query,
    setup_logging_from_env,
)
from ._parsing import ParseSpec, parse_response, split_stream_cls, tag_request_id
from ._request import (
    PreparedCall,
    check_header_value,
    chunk_bytes,
    dump_json,
    is_raw_body,
    merge_headers,
    raw_bytes,
)
from ._response import raw_response_class, response_mode
from ._retries import retry_delay, should_retry_status
from ._timeouts import bound_body_time
from ._transform import to_wire
from ._types import (
    NOT_GIVEN,
    AsyncHttpx2ClientProtocol,
    Headers,
    Httpx2ClientProtocol,
    NotGiven,
    Omit,
    Query,
    RequestFiles,
    RequestOptions,
    RequestOptionsDict,
    Security,
    Timeout,
    from_httpx2,
)
from ._urls import flatten_query

if TYPE_CHECKING:
    from ._pagination import AsyncPaginator

__all__ = ["AsyncAPIClient", "BaseClient", "SyncAPIClient"]

_R = TypeVar("_R")
_HttpxClientT = TypeVar("_HttpxClientT", httpx.Client, httpx.AsyncClient)

_JSON_CONTENT_TYPE = "application/json"
_HTTPX_DEFAULT_TIMEOUT = httpx.Timeout(5.0)
_PARSED_URLS_KEPT: Final = 256  # per client; far more than the operations a program calls


def _with_environment_headers(
    variable: str | None, given: Mapping[str, str] | None
) -> dict[str, str]:
    """``given`` (a client's ``default_headers``) over the headers ``$variable`` lists, one
    ``Name: value`` a line (lines without a colon are skipped), as the official SDK merges them:
    by name as spelled, except that an Authorization given (in any case) drops the listed one."""
    headers = dict(given or {})
    text = os.environ.get(variable) if variable else None
    if not text:
        return headers
    own_authorization = any(name.lower() == "authorization" for name in headers)
    found: dict[str, str] = {}
    for line in text.split("\n"):
        name, colon, value = line.partition(":")
        name = name.strip()
        if colon and name and not (own_authorization and name.lower() == "authorization"):
            found[name] = value.strip()
    return {**found, **headers}


def _error_object(body: object) -> object:
    """The API's error object in a decoded error body: its ``error`` member when it has one."""
    if isinstance(body, dict):
        body_dict = cast("dict[str, object]", body)
        return body_dict.get("error", body_dict)
    return body


class BaseClient(Generic[_HttpxClientT]):
    """Options, request building, errors and parsing: everything but the sending."""

    _client_config: ClassVar[ClientConfig] = ClientConfig()

    _api_key: str | None
    timeout: Timeout
    max_retries: int
    _pool: LazyHTTPClient[_HttpxClientT]
    # The httpx client class an injected ``http_client`` must be (set by each engine).
    _http_client_class: ClassVar[type[httpx.Client] | type[httpx.AsyncClient]]

    # Set for a subclass that overrides the `default_headers` / `default_query` property (a
    # tracing or multi-tenant wrapper): its requests are built from them, as the official SDK's.
    _headers_from_property: ClassVar[bool] = False
    _query_from_property: ClassVar[bool] = False

    # Whether a credential replaces a `default_headers` entry of the same name. Not by default:
    # as the official SDK's clients, `default_headers={"Authorization": ...}` (a gateway's own
    # token) is what a call sends, and only the call's own headers replace it. Azure's clients
    # place their key or token per call, over `default_headers`, as the official Azure ones.
    _credentials_over_default_headers: ClassVar[bool] = False

    # Whether a client without any credential is refused when built. The module-level client is
    # built without one, as the official SDK's: what needs no request works (verifying a webhook
    # with only `webhook_secret` set), and a call is refused when sent (the TypeError of
    # `_check_caller_authenticates`) unless it sends its own credential header.
    _credentials_required_when_built: ClassVar[bool] = True

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for name, flag in (
            ("default_headers", "_headers_from_property"),
            ("default_query", "_query_from_property"),
        ):
            if inspect.getattr_static(cls, name) is not BaseClient.__dict__[name]:
                setattr(cls, flag, True)
        # Each client option is an attribute users read and assign (`client.organization =
        # ...`), as on the official clients: assigning one changes what the next call sends.
        for option in cls._client_config.options:
            if not isinstance(inspect.getattr_static(cls, option.name, None), property):
                setattr(cls, option.name, cls._option_attribute(option.name))

    @staticmethod
    def _option_attribute(name: str) -> property:
        """The client attribute of the option ``name``: its value, assignable."""

        def get(self: BaseClient[Any]) -> object:
            return self._option_values.get(name)

        def set(self: BaseClient[Any], value: object) -> None:
            self._set_option(name, value)

        return property(get, set, doc=f"The ``{name}`` client option (assignable).")

    def __reduce_ex__(self, protocol: SupportsIndex) -> NoReturn:
        # A client holds a connection pool and locks, which no other process can use. As with
        # the official SDK's clients, pickling one (handing it to a multiprocessing worker) and
        # deep-copying one are a TypeError, whatever the Python version's own error would be;
        # code that probes whether an object pickles catches that.
        raise TypeError(
            f"cannot pickle {type(self).__name__!r} object: a client holds open connections; "
            "build a client in each process instead (or pass its options)"
        )

    def __copy__(self) -> Self:
        # copy.copy() stays what it was before `__reduce_ex__` refused pickling: a new client
        # of this class sharing every attribute (and so the connection pool) with this one
        twin = type(self).__new__(type(self))
        twin.__dict__.update(self.__dict__)
        return twin

    def __init__(
        self,
        *,
        api_key: str | Callable[[], object] | None = None,
        base_url: str | httpx.URL | NotGiven | None = NOT_GIVEN,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Mapping[str, str] | None = None,
        default_query: Mapping[str, object] | None = None,
        http_client: _HttpxClientT | Httpx2ClientProtocol | AsyncHttpx2ClientProtocol | None = None,
        _strict_response_validation: bool = False,
        **options: object,
    ) -> None:
        config = self._client_config
        # Validate every answer against its declared type (`_validation`) instead of building
        # it leniently; as on the official clients, copies do not inherit it.
        self._strict_response_validation = _strict_response_validation
        _check_max_retries(max_retries)
        own_client = None if http_client is None else self._own_http_client(http_client)
        setup_logging_from_env(config.log_env, config.logger)
        # A callable api_key is asked for the key before every request (short-lived tokens);
        # sync clients take a function returning str, async ones may also return an awaitable.
        self._api_key_provider: Callable[[], object] | None = None
        if callable(api_key):
            self._api_key_provider = api_key
            api_key = ""
        if api_key is None and config.api_key_env is not None:
            api_key = os.environ.get(config.api_key_env)
        if api_key is None and config.api_key_header is not None:
            # an API that takes a key shows `""` for a client without one (an admin-key-only
            # client), as the official SDK, whose `api_key` is always a str
            api_key = ""
        self._api_key = api_key
        named = config.named_base_urls
        if named is not None and options.get(named.option) is not None:
            # e.g. a region's endpoint: it takes the place of base_url and the environment's
            base_url = named.base_url(options[named.option], base_url, options)
        if isinstance(base_url, NotGiven):
            base_url = None
        if base_url is None and config.base_url_env is not None:
            base_url = os.environ.get(config.base_url_env) or None
        if base_url is None:
            base_url = config.default_base_url
        if base_url is None:
            raise OpenAIError("The base_url client option must be set")
        self.base_url = base_url
        if not isinstance(timeout, NotGiven):
            self.timeout = _checked_timeout(timeout)
        elif own_client is not None and own_client.timeout != _HTTPX_DEFAULT_TIMEOUT:
            self.timeout = own_client.timeout  # the caller configured it on their httpx client
        else:
            self.timeout = DEFAULT_TIMEOUT
        self.max_retries = max_retries
        self._custom_headers = _with_environment_headers(config.headers_env, default_headers)
        self._custom_query = dict(default_query or {})
        self._option_values: dict[str, object] = {}
        known = {option.name for option in config.options}
        unknown = set(options) - known
        if unknown:
            raise TypeError(f"Unexpected client option(s): {', '.join(sorted(unknown))}")
        for option in config.options:
            value = options.get(option.name)
            if value is None and option.env is not None:
                value = os.environ.get(option.env)
            self._option_values[option.name] = value
        if (
            config.api_key_header is not None
            and not api_key
            and self._api_key_provider is None
            and self._credentials_required_when_built
        ):
            self._check_some_credential_set()
        self._headers = self._build_default_headers()
        self._default_params = flatten_query(self._custom_query, config.query_array_format) or None
        # the latest value each credential function gave (kept out of logs and messages too)
        self._provided: dict[str, str] = {}
        self._remember_credential_secrets(api_key or "")
        secret_headers = {config.api_key_header.lower()} if config.api_key_header else set[str]()
        secret_headers |= {
            scheme.param.lower()
            for scheme in config.auth
            if scheme.kind == "header" and scheme.param
        }
        if config.auth:
            secret_headers |= {"authorization", "cookie"}
        # an API key sent in the query: its value stays out of every URL logged, ours and httpx's
        self._secret_query = frozenset(
            scheme.param for scheme in config.auth if scheme.kind == "query" and scheme.param
        )
        hide_query_params(self._secret_query)
        self._secret_headers = frozenset(secret_headers)
        # secret headers httpx itself does not drop on a redirect to another origin (it drops
        # Authorization and Cookie): an API key header would follow the redirect there
        self._off_origin_secrets = tuple(sorted(secret_headers - {"authorization", "cookie"}))
        # The httpx client (its transport imports and TLS set-up) is made on the first request.
        self._pool = LazyHTTPClient(self._http_client_factory(), own_client)
        self._timeout_extension = (
            self.timeout if isinstance(self.timeout, httpx.Timeout) else httpx.Timeout(self.timeout)
        ).as_dict()
        # URLs requests went to, parsed: parsing and validating a URL string is a third of
        # building an httpx request, and most calls go to a URL sent before
        self._parsed_urls: dict[str, httpx.URL] = {}

    def _own_http_client(self, http_client: object) -> _HttpxClientT:
        """The httpx client of this engine's kind that sends for ``http_client``: itself, or
        one around an httpx2 client (``_adopt_http_client``)."""
        if isinstance(http_client, self._http_client_class):
            return cast(_HttpxClientT, http_client)
        return self._adopt_http_client(http_client)

    def _adopt_http_client(self, http_client: object) -> _HttpxClientT:
        """An ``http_client`` that is no httpx client of this engine's kind: an httpx2 one of its
        kind (the official SDK runs on that fork of httpx) behind an httpx client sending
        through it; anything else a TypeError naming what was given and what is taken."""
        wanted = self._http_client_class
        asynchronous = wanted is httpx.AsyncClient
        other_kind: tuple[type, ...] = (httpx.Client if asynchronous else httpx.AsyncClient,)
        if from_httpx2(http_client):
            import httpx2

            if isinstance(http_client, httpx2.AsyncClient) and asynchronous:
                return cast(_HttpxClientT, AsyncHttpx2Client.around(http_client))
            if isinstance(http_client, httpx2.Client) and not asynchronous:
                return cast(_HttpxClientT, SyncHttpx2Client.around(http_client))
            other_kind += (httpx2.Client if asynchronous else httpx2.AsyncClient,)
        given = type(http_client)
        hint = ""
        if isinstance(http_client, other_kind):
            kind = "a blocking" if asynchronous else "an async"
            hint = f" ({kind} client: {kind} API client takes it)"
        raise TypeError(
            f"http_client must be an instance of {wanted.__module__}.{wanted.__qualname__} "
            f"or httpx2.{wanted.__qualname__} for {type(self).__name__}, "
            f"got {given.__module__}.{given.__qualname__}{hint}"
        )

    # --- options ------------------------------------------------------------------------------

    def _build_default_headers(self) -> dict[str, str]:
        config = self._client_config
        headers: dict[str, str] = {"accept": _JSON_CONTENT_TYPE}
        # requests use the lower-case names; `default_headers` shows them as they were spelled
        self._header_spelling: dict[str, str] = {"accept": "Accept"}
        for name, value in config.default_headers:
            headers[name.lower()] = value
            self._header_spelling[name.lower()] = name
        if config.api_key_header is not None and self._api_key:
            headers[config.api_key_header.lower()] = config.api_key_format.format(
                api_key=self._api_key
            )
        for option in config.options:
            value = self._option_values.get(option.name)
            if option.header is not None and value is not None:
                headers[option.header.lower()] = str(value)
                self._header_spelling[option.header.lower()] = option.header
        for name, value in self._custom_headers.items():
            if isinstance(value, Omit):
                headers.pop(name.lower(), None)
            else:
                headers[name.lower()] = value
                self._header_spelling[name.lower()] = name
        for name, value in headers.items():
            check_header_value(name, value)
        return headers

    def _remember_credential_secrets(self, *also: str) -> None:
        """Keep the credential options' values (secrets like the key) out of every message."""
        credentials = {o for scheme in self._client_config.auth for o in scheme.options}
        self._credential_secrets = tuple(
            value
            for name, value in self._option_values.items()
            if name in credentials and isinstance(value, str) and value
        )
        self._redact = RedactFn(
            (*also, self._api_key or "", *self._credential_secrets, *self._provided.values())
        )

    def _set_option(self, name: str, value: object) -> None:
        """``client.<option> = value`` after construction: kept (copies inherit it) and, for an
        option sent in a header, sent from the next call on unless `default_headers` names that
        header itself (as at construction)."""
        self._option_values[name] = value
        headers: dict[str, str] | None = self.__dict__.get("_headers")
        if headers is None:
            return  # still constructing: the headers are built from the values at the end
        for option in self._client_config.options:
            if option.name != name:
                continue
            if option.header is not None:
                key = option.header.lower()
                if not any(custom.lower() == key for custom in self._custom_headers):
                    if value is None:
                        headers.pop(key, None)
                    else:
                        check_header_value(option.header, str(value))
                        headers[key] = str(value)
                        self._header_spelling[key] = option.header
            if any(name in scheme.options for scheme in self._client_config.auth):
                self._remember_credential_secrets()

    def _check_some_credential_set(self) -> None:
        """An API that needs a key: without the api key, the credential of another of its
        security schemes (e.g. an admin key) must be set."""
        config = self._client_config
        others = [
            option
            for option in config.options
            if option.name != "api_key"
            and any(option.name in scheme.options for scheme in config.auth)
        ]
        if any(self._option_values.get(option.name) for option in others):
            return
        # Begins as the official SDK's message does (code written for it matches "Missing
        # credentials"), then says what to set as its 1.x line did ("The api_key client option
        # must be set").
        how = "by passing api_key to the client"
        if config.api_key_env:
            how = f"either {how} or by setting the {config.api_key_env} environment variable"
        message = f"Missing credentials. The api_key client option must be set {how}"
        if others:
            alternatives = " or ".join(
                f"{option.name} (or the {option.env} environment variable)"
                if option.env
                else option.name
                for option in others
            )
            message += f"; {alternatives} may be set instead"
        raise OpenAIError(message)

    def _use_api_key(self, key: object) -> None:
        """Send ``key`` (just returned by the api_key provider) from now on."""
        if not isinstance(key, str) or not key:
            raise OpenAIError(
                f"The api_key provider must return a non-empty str, got {type(key).__name__}"
            )
        if key == self._api_key:
            return
        config = self._client_config
        self._api_key = key
        self._redact = RedactFn((key, *self._credential_secrets, *self._provided.values()))
        if config.api_key_header is not None:
            self._headers[config.api_key_header.lower()] = config.api_key_format.format(api_key=key)

    @property
    def api_key(self) -> str:
        """The API key calls carry: as given (or from the environment), the latest answer of an
        ``api_key`` function (``""`` before its first), ``""`` when the client was built without
        one (``None`` for an API that takes no key, or once ``None`` is assigned). Assigning one
        sends it from the next call on.

        Typed ``str`` as the official SDK's attribute (which also holds a ``None`` assigned to
        it), so that code passing ``client.api_key`` on as a str type-checks as it does there."""
        return cast(str, self._api_key)

    @api_key.setter
    def api_key(self, value: str | None) -> None:
        if value is not None and not isinstance(cast(object, value), str):  # untyped callers
            raise TypeError(
                f"client.api_key takes a str or None, got {type(value).__name__}: a function "
                "returning keys is passed to the constructor (api_key=...)"
            )
        config = self._client_config
        previous, self._api_key = self._api_key, value
        if config.api_key_header is not None:
            header = config.api_key_header.lower()
            if value and not config.auth:
                self._headers[header] = config.api_key_format.format(api_key=value)
            else:
                # with security schemes each call places the credential it uses itself (an
                # Azure client's Entra ID token before a key assigned here)
                self._headers.pop(header, None)
        self._redact = RedactFn(
            (value or "", previous or "", *self._credential_secrets, *self._provided.values())
        )

    @property
    def base_url(self) -> httpx.URL:
        """Where requests go; always ends with ``/`` (paths are appended to it)."""
        return self._base_url

    @base_url.setter
    def base_url(self, url: str | httpx.URL) -> None:
        given = cast(object, url)
        if not isinstance(given, (str, httpx.URL)) and from_httpx2(given):
            url = str(given)  # an httpx2.URL, as code written for the official SDK builds it
        parsed = url if isinstance(url, httpx.URL) else httpx.URL(url)
        if not parsed.raw_path.endswith(b"/"):
            parsed = parsed.copy_with(raw_path=parsed.raw_path + b"/")
        self._base_url = parsed
        self._base = str(parsed).rstrip("/")

    def _credential(self, name: str) -> str | None:
        """The value of a credential option for the call being prepared (a credential function's
        answer was asked for by ``_credential_functions`` just before)."""
        if name == "api_key":
            return self._api_key
        value = self._option_values.get(name)
        if callable(value):
            return self._provided.get(name)
        return None if value is None else str(value)

    def _credential_is_set(self, name: str) -> bool:
        if name == "api_key":
            return bool(self._api_key) or self._api_key_provider is not None
        value = self._option_values.get(name)
        return callable(value) or bool(value)

    def _credential_functions(
        self, security: Security | None
    ) -> list[tuple[str, Callable[[], object]]]:
        """The credential functions (a callable api_key included) of the schemes a call uses, by
        option name: each is asked once per request."""
        config = self._client_config
        if not config.auth:
            provider = self._api_key_provider
            return [] if provider is None else [("api_key", provider)]
        wanted = needed_options(config.auth, security, self._credential_is_set)
        found: list[tuple[str, Callable[[], object]]] = []
        for name in wanted:
            value = self._api_key_provider if name == "api_key" else self._option_values.get(name)
            if callable(value):
                found.append((name, cast("Callable[[], object]", value)))
        return found

    def _use_credential(self, name: str, value: object) -> None:
        """Send ``value`` (just returned by the ``name`` credential function) with this call."""
        if name == "api_key":
            self._use_api_key(value)
            return
        if not isinstance(value, str) or not value:
            raise OpenAIError(
                f"The {name} provider must return a non-empty str, got {type(value).__name__}"
            )
        if self._provided.get(name) != value:
            self._provided[name] = value
            self._redact = RedactFn(
                (self._api_key or "", *self._credential_secrets, *self._provided.values())
            )

    @property
    def default_headers(self) -> dict[str, str | Omit]:
        """The headers every request starts from, spelled and ordered as the official SDK's:
        ``Accept``, ``Content-Type`` (what a request with a body says unless it names another),
        the config's defaults (``User-Agent``), `default_headers` as given (``Omit()``
        included), then the header options (``Omit()`` for one not set) unless `default_headers`
        spells them itself. The api key's header is not among them (see ``auth_headers``)
        unless it was given in `default_headers` itself."""
        config = self._client_config
        result: dict[str, str | Omit] = {
            "Accept": _JSON_CONTENT_TYPE,
            "Content-Type": _JSON_CONTENT_TYPE,
        }
        result.update(config.default_headers)
        result.update(self._custom_headers)
        for option in config.options:
            if option.header is not None and option.header not in self._custom_headers:
                value = self._option_values.get(option.name)
                result[option.header] = Omit() if value is None else str(value)
        return result

    @property
    def auth_headers(self) -> dict[str, str]:
        """The header the api key is sent in (``{"Authorization": "Bearer ..."}``), empty when
        no api key is set (an admin-key-only client), as the official SDK's."""
        config = self._client_config
        if config.api_key_header is None or not self._api_key:
            return {}
        return {config.api_key_header: config.api_key_format.format(api_key=self._api_key)}

    @property
    def user_agent(self) -> str:
        """The ``User-Agent`` requests carry (this client's own, unless `default_headers` sets
        another)."""
        return self._headers.get("user-agent", "")

    @property
    def default_query(self) -> dict[str, object]:
        return dict(self._custom_query)

    def _http_client_factory(self) -> Callable[[], _HttpxClientT]:
        """Makes the default httpx client; must not hold ``self`` (copies share the pool)."""
        raise NotImplementedError

    @property
    def _http(self) -> _HttpxClientT:
        """The httpx client, created on first use and shared with copies."""
        return self._pool.get()

    @property
    def _client(self) -> _HttpxClientT:
        """The official SDK's name for its clients' httpx client, which code written for it
        reaches for (``client._client.event_hooks["request"].append(log)``): ``_http``."""
        return self._pool.get()

    def _copy(
        self,
        *,
        api_key: str | Callable[[], object] | None = None,
        base_url: str | httpx.URL | NotGiven | None = NOT_GIVEN,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        http_client: _HttpxClientT | Httpx2ClientProtocol | AsyncHttpx2ClientProtocol | None = None,
        max_retries: int | NotGiven = NOT_GIVEN,
        default_headers: Mapping[str, str] | None = None,
        set_default_headers: Mapping[str, str] | None = None,
        default_query: Mapping[str, object] | None = None,
        set_default_query: Mapping[str, object] | None = None,
        options: Mapping[str, object] | None = None,
    ) -> Self:
        """What the generated ``copy()`` / ``with_options()`` do: a new client of this class with
        the given options changed and the others kept (``None`` / ``NOT_GIVEN``: kept), sharing
        this client's connection pool unless given an ``http_client``. ``default_headers`` /
        ``default_query`` are merged into this client's; the ``set_`` forms replace them.
        """
        kwargs = self._copy_kwargs(
            api_key=api_key,
            base_url=base_url,
            timeout=timeout,
            http_client=http_client,
            max_retries=max_retries,
            default_headers=default_headers,
            set_default_headers=set_default_headers,
            default_query=default_query,
            set_default_query=set_default_query,
            options=options or {},
        )
        copy = type(self)(**kwargs)
        if http_client is None:
            copy._pool = self._pool
        return copy

    def _copy_kwargs(
        self,
        *,
        api_key: str | Callable[[], object] | None,
        base_url: str | httpx.URL | NotGiven | None,
        timeout: Timeout | NotGiven,
        http_client: _HttpxClientT | Httpx2ClientProtocol | AsyncHttpx2ClientProtocol | None,
        max_retries: int | NotGiven,
        default_headers: Mapping[str, str] | None,
        set_default_headers: Mapping[str, str] | None,
        default_query: Mapping[str, object] | None,
        set_default_query: Mapping[str, object] | None,
        options: Mapping[str, object],
    ) -> dict[str, Any]:
        if default_headers is not None and set_default_headers is not None:
            raise ValueError(
                "The `default_headers` and `set_default_headers` arguments are mutually exclusive"
            )
        if default_query is not None and set_default_query is not None:
            raise ValueError(
                "The `default_query` and `set_default_query` arguments are mutually exclusive"
            )
        headers = dict(self._custom_headers)
        if set_default_headers is not None:
            headers = dict(set_default_headers)
        elif default_headers is not None:
            headers.update(default_headers)
        query = dict(self._custom_query)
        if set_default_query is not None:
            query = dict(set_default_query)
        elif default_query is not None:
            query.update(default_query)
        # As for api_key and base_url, an option left out or passed as None keeps its value.
        merged_options = {
            name: value if (value := options.get(name)) is not None else current
            for name, current in self._option_values.items()
        }
        unknown = set(options) - set(merged_options)
        if unknown:
            raise TypeError(f"Unexpected client option(s): {', '.join(sorted(unknown))}")
        inherited_base_url: str | httpx.URL | NotGiven | None = base_url or self.base_url
        named = self._client_config.named_base_urls
        if named is not None:
            # The copy inherits this client's base URL, not the name that chose it; a new name
            # replaces the base URL and the options it excludes.
            if options.get(named.option) is None:
                merged_options[named.option] = None
            else:
                inherited_base_url = base_url if base_url is not None else NOT_GIVEN
                for other in named.excludes:
                    merged_options[other] = options.get(other)
        return {
            "api_key": api_key or self._api_key_provider or self._api_key,
            "base_url": inherited_base_url,
            "timeout": self.timeout if isinstance(timeout, NotGiven) else timeout,
            "http_client": http_client,
            "max_retries": self.max_retries if isinstance(max_retries, NotGiven) else max_retries,
            "default_headers": headers,
            "default_query": query,
            **merged_options,
        }

    # --- building -----------------------------------------------------------------------------

    def _check_caller_authenticates(self, requirement: Security, options: RequestOptions) -> None:
        """A call whose security requirement none of the client's credentials meets (an admin
        operation on a client without the admin key): a TypeError before anything is sent, unless
        the caller sends (or explicitly omits, with ``Omit()``) the credential's header itself."""
        schemes = {scheme.name: scheme for scheme in self._client_config.auth}
        headers = {"cookie"}
        for alternative in requirement:
            for name in alternative:
                scheme = schemes.get(name)
                if scheme is not None and scheme.kind == "header" and scheme.param:
                    headers.add(scheme.param.lower())
                elif scheme is not None and scheme.kind in ("bearer", "basic"):
                    headers.add("authorization")
        given = [*self._custom_headers, *(options.extra_headers or {})]
        if any(name.lower() in headers for name in given):
            return
        needed = " or ".join(
            " and ".join(
                option
                for name in alternative
                if name in schemes
                for option in schemes[name].options
            )
            for alternative in requirement
        )
        raise TypeError(
            f"This call needs the {needed} client option, which is not set on this client; set "
            "it (client argument or environment variable), or send the credential's header "
            "yourself (`extra_headers`, or `Omit()` to send none)"
        )

    def _prepare(
        self,
        method: str,
        path: str,
        body: object | None,
        files: RequestFiles | None,
        query: Query | None,
        headers: Headers | None,
        options: RequestOptions,
        security: Security | None = None,
    ) -> PreparedCall:
        if isinstance(body, NotGiven):
            body = None
        merged = self._headers.copy()
        if self._headers_from_property:
            self._merge_overridden_headers(merged)
        config = self._client_config
        placed = None
        if config.auth:
            # credentials first: operation headers and `extra_headers` may still replace them.
            # `security` is None for a custom request (`client.get(...)`): any credential set goes
            # (the api key before the admin key, as the official SDK); the generated methods
            # always pass their operation's requirement (see _resource)
            placed = place_credentials(config.auth, security, self._credential)
            if (
                config.api_key_header is not None
                and security
                and all(security)
                and not (placed.headers or placed.query or placed.cookies)
            ):
                self._check_caller_authenticates(security, options)
            merged.update(self._credential_headers_to_send(placed.headers))
            if placed.cookies:
                merged["cookie"] = "; ".join(f"{k}={v}" for k, v in placed.cookies)
        if headers:
            merge_headers(merged, headers)
        if options.extra_headers:
            merge_headers(merged, options.extra_headers, none_unset=False)

        params = self._default_params
        if query or options.extra_query or self._query_from_property:
            defaults = self.default_query if self._query_from_property else self._custom_query
            # the arguments not given hold no place: an `extra_query` naming one of them comes
            # after the arguments given, as the official SDK orders the URL (an `Omit` stays: a
            # next page's query carries the call's `extra_query`, whose `Omit` drops a default)
            given = {k: v for k, v in (query or {}).items() if not isinstance(v, NotGiven)}
            all_query = {**defaults, **given, **(options.extra_query or {})}
            params = flatten_query(all_query, self._client_config.query_array_format)
        if placed is not None and placed.query:
            params = [*(params or []), *placed.query]

        content: bytes | None = None
        form: dict[str, str | list[str]] | None = None
        httpx_files: list[tuple[str, Any]] | None = None
        extra_body = options.extra_body
        if files is not None and _sends_json_without_uploads(
            files, _declared_content_type(headers, options.extra_headers)
        ):
            # An operation taking an upload or JSON (its declared content type) called without a
            # file: the JSON body, as the official SDK sends; an object given in a file's place
            # is a JSON property there.
            given = {k: v for k, v in files.items() if not isinstance(v, (NotGiven, Omit))}
            if given:
                fields = (
                    dict(cast("Mapping[str, object]", body)) if isinstance(body, Mapping) else {}
                )
                body = {**fields, **given}
            files = None
        if method == "GET":
            # A GET carries no body, as with the official SDK: an `extra_body` passed to every
            # call alike (a shared set of options) is not sent where servers and proxies reject it.
            pass
        elif extra_body is not None and _adds_no_properties(body, extra_body):
            raise TypeError(
                "`extra_body` must be a mapping of properties to add to the request body, got "
                f"{type(extra_body).__name__}"
            )
        elif files is not None and (alone := _sent_alone(body, extra_body, files)) is not None:
            # The one field the operation also takes as its whole body (an SDP offer as
            # application/sdp), given without any other: sent so, as the official SDK sends it.
            content = alone.whole_body()
            merged["content-type"] = alone.content_type
        elif files is not None:
            fields = dict(cast("Mapping[str, object]", body)) if isinstance(body, Mapping) else {}
            if isinstance(extra_body, Mapping):
                fields.update(cast("Mapping[str, object]", extra_body))
            uploads = dict(files)
            for key, value in files.items():
                if isinstance(value, Mapping):  # an object given where a file is also accepted
                    fields[key] = uploads.pop(key)
            httpx_files = to_httpx_files(uploads)
            for key, value in list(fields.items()):
                if isinstance(value, FormPart):  # a part of its own media type
                    del fields[key]
                    httpx_files.append((key, value.httpx_entry(dump_json)))
            declared = merged.pop("content-type", "")  # httpx sets the multipart boundary
            if declared == "application/x-www-form-urlencoded":
                # OpenAPI's default `form`/`explode` arrays (`a=1&a=2`)
                form = to_form_fields(fields, array_suffix="")
                httpx_files = None
            elif httpx_files:
                form = to_form_fields(fields)
            else:
                # A multipart operation called without a file is still multipart (a server that
                # takes JSON or multipart reads anything else as neither): httpx would send the
                # fields url-encoded, so they are encoded here.
                content, merged["content-type"] = encode_multipart_fields(to_form_fields(fields))
                httpx_files = None
        elif is_raw_body(body):
            # A raw upload: the bytes are the body (the operation names its content type).
            content = raw_bytes(body)
            merged.setdefault("content-type", "application/octet-stream")
        elif isinstance(body, str) and "json" not in merged.get("content-type", "json"):
            content = body.encode()  # text for a text/* operation, sent as given
        elif isinstance(body, Iterator) and "json" not in merged.get("content-type", "json"):
            # A raw upload given as chunks (a generator): joined once, so that every retry sends
            # the same bytes (an iterator cannot be replayed).
            content = b"".join(chunk_bytes(chunk) for chunk in cast("Iterator[object]", body))
        elif body is not None or extra_body is not None:
            wire: Any = to_wire(cast(object, body)) if body is not None else {}
            if extra_body is not None:
                if isinstance(wire, dict) and isinstance(extra_body, Mapping):
                    cast("dict[str, Any]", wire).update(
                        to_wire(cast("Mapping[str, Any]", extra_body))
                    )
                elif body is None:
                    wire = to_wire(extra_body)
            content = dump_json(cast(object, wire), config.class_argument_hints)
            if not _omits_content_type(headers, options.extra_headers):
                merged.setdefault("content-type", _JSON_CONTENT_TYPE)
        elif not _omits_content_type(headers, options.extra_headers):
            # A request without a body other than a GET (a cancel, a delete) still says JSON, as
            # the official SDK's do: servers and mocks written against its wire may expect it.
            merged.setdefault("content-type", _JSON_CONTENT_TYPE)

        if config.idempotency_header is not None and method != "GET":
            key = config.idempotency_header.lower()
            if options.idempotency_key is not None:
                merged[key] = options.idempotency_key
            elif key not in merged:
                # 128 random bits, like a UUID4, at half the cost.
                merged[key] = config.idempotency_prefix + os.urandom(16).hex()

        timeout = (
            self.timeout
            if isinstance(options.timeout, NotGiven)
            else _checked_timeout(options.timeout)
        )
        max_retries = (
            self.max_retries if isinstance(options.max_retries, NotGiven) else options.max_retries
        )
        url = self._request_url(path, cast(object, body))
        if params and "?" in url:
            url, params = _keep_url_query(url, params)
        return PreparedCall(
            method,
            url,
            merged,
            params,
            content,
            form,
            httpx_files,
            timeout,
            max_retries,
            options.follow_redirects,
        )

    def _merge_overridden_headers(self, merged: dict[str, str]) -> None:
        """What a subclass's `default_headers` adds to or changes in the client's own (``Omit()``
        drops one); the content type stays chosen per body."""
        own = BaseClient.default_headers.fget(self)  # pyright: ignore[reportOptionalCall]
        for name, value in self.default_headers.items():
            key = name.lower()
            if isinstance(value, Omit):
                merged.pop(key, None)
            elif own.get(name) != value and key != "content-type":
                check_header_value(name, value)
                merged[key] = value

    def _credential_headers_to_send(self, placed: Mapping[str, str]) -> Mapping[str, str]:
        """The placed credential ``headers`` less those `default_headers` name (see
        ``_credentials_over_default_headers``)."""
        if self._credentials_over_default_headers or not placed:
            return placed
        given = {name.lower() for name in self._custom_headers}
        if self._headers_from_property:
            given.update(name.lower() for name in self.default_headers)
        if not given:
            return placed
        return {name: value for name, value in placed.items() if name.lower() not in given}

    def _credential_headers(self, security: Security | None) -> dict[str, str]:
        """The credential headers a call with ``security`` starts from (lower-case names), as
        ``_prepare`` lays them: the api key header, then the placed schemes."""
        config = self._client_config
        headers: dict[str, str] = {}
        if config.api_key_header is not None:
            key = config.api_key_header.lower()
            if key in self._headers:
                headers[key] = self._headers[key]
        if config.auth:
            placed = place_credentials(config.auth, security, self._credential).headers
            headers.update(self._credential_headers_to_send(placed))
        return headers

    def _renew_credentials(self, call: PreparedCall, answers: list[tuple[str, object]]) -> None:
        """A retry of ``call`` sends what its credential functions just ``answers``ed, in the
        headers that still carry the credentials (not those the call's own headers replaced)."""
        before = self._credential_headers(call.security)
        for name, value in answers:
            self._use_credential(name, value)
        after = self._credential_headers(call.security)
        for key, value in before.items():
            if call.headers.get(key) != value:
                continue  # the caller's own header (`extra_headers`, an operation header)
            if key in after:
                call.headers[key] = after[key]
            else:
                del call.headers[key]

    def _call_security(self, security: Security | None) -> Security | None:
        """The security requirement a call is sent with: the one its operation names (``None``
        for a custom request). A client for another deployment of the API, whose one credential
        stands for every scheme, answers with its own."""
        return security

    def _guard_redirects(self, http: _HttpxClientT) -> None:
        """Make ``http`` drop this client's off-origin secrets from redirects (each engine adds
        its kind of request hook, once)."""
        raise NotImplementedError

    def _request_url(self, path: str, body: object) -> str:
        """Where a call to ``path`` (the operation's path, or a custom request's) goes: the base
        URL joined with it. A client for another layout of the same API routes here by the
        call's body too (paths scoped by a value the body names). A custom request given a whole
        URL (``client.get("https://...")``) goes there, as with the official SDK."""
        if path[:1] == "/":
            return self._base + path
        if path.startswith(("https://", "http://")):
            return path
        return f"{self._base}/{path}"

    def _parsed_url(self, url: str) -> httpx.URL:
        """``httpx.URL(url)``, parsed once per client (an httpx URL is immutable)."""
        parsed = self._parsed_urls.get(url)
        if parsed is None:
            if len(self._parsed_urls) >= _PARSED_URLS_KEPT:
                self._parsed_urls.clear()  # path parameters make URLs without end: stay small
            parsed = self._parsed_urls[url] = httpx.URL(url)
        return parsed

    def _build_request(self, call: PreparedCall, retries_taken: int) -> httpx.Request:
        pool = self._pool
        http = pool.get()
        headers = call.headers
        if self._client_config.retry_count_header is not None:
            headers = headers.copy()
            headers[self._client_config.retry_count_header] = str(retries_taken)
        if pool.direct_build:
            # Same result as ``build_request`` for an httpx client without cookies or default
            # params, minus its URL/header/cookie merging, which is a third of a request's cost.
            timeout = call.timeout
            extension = (
                self._timeout_extension
                if timeout is self.timeout
                else (
                    timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout)
                ).as_dict()
            )
            request = httpx.Request(
                call.method,
                self._parsed_url(call.url),
                params=cast(Any, call.params),
                headers={**pool.default_headers, **headers},
                content=call.content,
                data=call.form,
                files=call.files,
                extensions={"timeout": extension},
            )
        else:
            request = http.build_request(
                call.method,
                call.url,
                params=cast(Any, call.params),
                headers=headers,
                content=call.content,
                data=call.form,
                files=call.files,
                timeout=call.timeout,
            )
        if self._off_origin_secrets:
            request.extensions[_REDIRECT_GUARD] = (_origin(request.url), self._off_origin_secrets)
            self._guard_redirects(http)
        log = self._client_config.logger
        if log.isEnabledFor(10):
            log.debug(
                "Request options: %s %s headers=%s",
                call.method,
                self._loggable_url(request.url),
                redact_headers(request.headers.multi_items(), self._secret_headers),
            )
        return request

    # --- results and errors -------------------------------------------------------------------

    def _loggable_url(self, url: httpx.URL) -> str:
        return self._redact(redact_query(str(url), self._secret_query))

    def _next_retry(
        self, call: PreparedCall, retries_taken: int, response: httpx.Response | None
    ) -> float | None:
        """Seconds to wait before the next attempt, or ``None`` when this failure is final.

        ``response`` is the error response, or ``None`` for a connection failure / timeout.
        """
        if retries_taken >= call.max_retries:
            return None
        if response is not None and not self._should_retry(response):
            return None
        headers = None if response is None else response.headers
        return self._calculate_retry_timeout(call.max_retries - retries_taken, call, headers)

    # The two retry decisions go through methods of the official SDK's names and arguments: code
    # written for it overrides them in a subclass (a gateway's own retry rule) or patches them in
    # its test suites (`mock.patch("<package>._base_client.BaseClient._calculate_retry_timeout",
    # lambda *args, **kwargs: 0)`, so that retries do not sleep).

    def _should_retry(self, response: httpx.Response) -> bool:
        """Whether the error ``response`` is worth another attempt (its ``x-should-retry``
        header, else its status: 408, 409, 429 and 5xx)."""
        return should_retry_status(response.status_code, response.headers)

    def _calculate_retry_timeout(
        self,
        remaining_retries: int,
        options: PreparedCall,
        response_headers: httpx.Headers | None = None,
    ) -> float:
        """Seconds to wait before the next attempt, ``remaining_retries`` of the call's
        ``options.max_retries`` left; the server's ``retry-after(-ms)`` header when usable."""
        retries_taken = options.max_retries - remaining_retries
        config = self._client_config
        return retry_delay(
            retries_taken,
            response_headers,
            initial=config.initial_retry_delay,
            maximum=config.max_retry_delay,
        )

    def _log_retry(
        self, request: httpx.Request, reason: str, delay: float, call: PreparedCall, taken: int
    ) -> None:
        log = self._client_config.logger
        if log.isEnabledFor(10):
            log.debug("Retrying %s %s after %s", request.method, request.url.path, reason)
        # the official SDK's line, word for word in what it says: alerting rules and tests
        # written for it match "Retrying request in <seconds> seconds (retry <n> of <max>)"
        log.info(
            "Retrying request in %f seconds (retry %d of %d)", delay, taken + 1, call.max_retries
        )

    def _status_error(self, response: httpx.Response) -> APIStatusError:
        """The error for a read response whose status is not a success (a 4xx or 5xx, or a 3xx
        redirect not followed: ``APIStatusError`` itself, as the official SDK raises); the
        message redacted, the body decoded."""
        # As the official SDK: `body` is the decoded JSON, else the text as sent, stripped ("" for
        # an empty body); the message says the status and the API's own `message` only — code
        # written for the SDK compares it — and a gateway's page stays in `body` and `response`.
        text = response.text.strip()
        body: object = text
        try:
            import jiter

            body = jiter.from_json(text.encode()) if text else text
        except ValueError:
            pass
        message = f"Error code: {response.status_code}"
        details = _error_object(body)
        if isinstance(details, dict):
            api_message = cast("dict[str, object]", details).get("message")
            if isinstance(api_message, str) and api_message:
                message = f"{message} - {api_message}"
        return self._make_status_error(self._redact(message), body=body, response=response)

    def _make_status_error(
        self, err_msg: str, *, body: object, response: httpx.Response
    ) -> APIStatusError:
        """The error for ``response``, of the class its status maps to, holding the API's error
        object of the decoded ``body`` (its ``error`` member). The official SDK's name and
        arguments: code written for it overrides this in a subclass to raise its own errors for
        a gateway's statuses, and is handed the whole body, as there."""
        return status_error_class(response.status_code)(
            err_msg,
            response=response,
            body=_error_object(body),
            request_id_header=self._client_config.request_id_header,
        )

    def _log_response(self, request: httpx.Request, response: httpx.Response) -> None:
        # at debug, as the official SDK: at info each request would be logged twice, once more
        # by httpx's own logger (which applications silence by its name)
        log = self._client_config.logger
        if log.isEnabledFor(10):
            log.debug(
                'HTTP Response: %s %s "%s %s" request_id: %s',
                request.method,
                self._loggable_url(request.url),  # an API key may travel in the query
                response.status_code,
                response.reason_phrase,
                response.headers.get(self._client_config.request_id_header),
            )

    @override
    def __repr__(self) -> str:
        key = "<redacted>" if self._api_key else None
        return f"<{type(self).__name__} base_url={str(self.base_url)!r} api_key={key}>"


def _sent_alone(
    body: object | None, extra_body: object | None, files: Mapping[str, object]
) -> FormPart | None:
    """The multipart field a call gives alone (no file, no other field, nothing in
    ``extra_body``), when the operation takes that field by itself as its whole body."""
    if any(not isinstance(value, (NotGiven, Omit)) for value in files.values()):
        return None
    fields: dict[str, object] = (
        dict(cast("Mapping[str, object]", body)) if isinstance(body, Mapping) else {}
    )
    if isinstance(extra_body, Mapping):
        fields.update(cast("Mapping[str, object]", extra_body))
    given = [value for value in fields.values() if not isinstance(value, (NotGiven, Omit))]
    if len(given) == 1 and isinstance(given[0], FormPart) and given[0].alone:
        return given[0]
    return None


def _raw_content(body: object | None, content: object) -> object:
    """The body of a call given ``content=`` (a raw body) instead of ``body=``."""
    if body is not None:
        raise TypeError("Pass either body= (JSON) or content= (a raw body), not both")
    if isinstance(content, str):
        return content.encode()
    if is_raw_body(content):
        return content
    if isinstance(content, Iterator):
        return b"".join(chunk_bytes(chunk) for chunk in cast("Iterator[object]", content))
    raise TypeError(
        f"content must be bytes, str, a binary file object or an iterator of chunks, "
        f"got {type(content).__name__}"
    )


def _keep_url_query(url: str, params: list[tuple[str, str]]) -> tuple[str, list[tuple[str, str]]]:
    """A path written with its own query (``client.get("/x?a=1", ...)``) keeps it when the call
    has query params too (httpx would replace it), merged as the official SDK merges them: a
    param replaces the URL's pairs of its name where they stood, the other params follow."""
    from urllib.parse import parse_qsl

    base, _, query = url.partition("?")
    by_name: dict[str, list[tuple[str, str]]] = {}
    for pair in params:
        by_name.setdefault(pair[0], []).append(pair)
    merged: list[tuple[str, str]] = []
    placed: set[str] = set()
    for pair in parse_qsl(query, keep_blank_values=True):
        name = pair[0]
        if name not in by_name:
            merged.append(pair)
        elif name not in placed:
            merged.extend(by_name[name])
            placed.add(name)
    merged.extend(pair for pair in params if pair[0] not in placed)
    return base, merged


def _adds_no_properties(body: object, extra_body: object) -> bool:
    """An ``extra_body`` that is no mapping beside a body of properties: a mistake (a TypeError,
    as the official SDK raises, rather than dropped silently); with no body it is the body."""
    return isinstance(body, Mapping) and not isinstance(extra_body, Mapping)


def _sends_json_without_uploads(files: RequestFiles, declared: str | None) -> bool:
    """Whether a call that may upload goes out as JSON: its declared content type is JSON and
    no file is given (an absent one, or an object in a file-or-object field)."""
    if declared is None or not _is_json_type(declared):
        return False
    return not any(not isinstance(value, (NotGiven, Omit, Mapping)) for value in files.values())


def _declared_content_type(*header_maps: Headers | None) -> str | None:
    """The content type the operation (or the caller's ``extra_headers``) names; not the
    client's defaults, which say what a plain JSON call sends."""
    declared = None
    for headers in header_maps:
        for name, value in (headers or {}).items():
            if name.lower() == "content-type":
                declared = value if isinstance(value, str) else None
    return declared


def _is_json_type(content_type: str) -> bool:
    media = content_type.split(";", 1)[0].strip().lower()
    return media == _JSON_CONTENT_TYPE or media.endswith("+json")


def _omits_content_type(*header_maps: Headers | None) -> bool:
    """Whether the caller removed the content type (``Omit()``): then none is sent."""
    return any(
        isinstance(value, Omit) and name.lower() == "content-type"
        for headers in header_maps
        if headers
        for name, value in headers.items()
    )


def _checked_timeout(timeout: Timeout) -> Timeout:
    """``timeout`` if it is one httpx takes (seconds, ``None``, a tuple of phase limits, an
    ``httpx.Timeout``); another library's timeout object with the same four phase limits (the
    official SDK's README builds an ``httpx2.Timeout``, from the fork of httpx it runs on) as the
    ``httpx.Timeout`` with those limits; else a TypeError naming what was given, before anything
    is sent (as the official SDK raises at construction) rather than a puzzling error from inside
    httpx."""
    value = cast(object, timeout)
    if value is None or isinstance(value, (int, float, tuple, httpx.Timeout)):
        return timeout
    phases = [getattr(value, name, _MISSING) for name in _TIMEOUT_PHASES]
    if all(limit is None or isinstance(limit, (int, float)) for limit in phases):
        connect, read, write, pool = cast("list[float | None]", phases)
        return httpx.Timeout(connect=connect, read=read, write=write, pool=pool)
    raise TypeError(
        "timeout must be a number of seconds, None, a tuple of phase limits or an "
        f"httpx.Timeout, got {type(value).__name__}"
    )


_TIMEOUT_PHASES: Final = ("connect", "read", "write", "pool")
_MISSING: Final = object()


def _check_max_retries(max_retries: object) -> None:
    if max_retries is None:
        raise TypeError(
            "max_retries cannot be None; pass max_retries=0 to make every call a single attempt"
        )
    if not isinstance(max_retries, int) or isinstance(max_retries, bool):
        raise TypeError(f"max_retries must be an int, got {type(max_retries).__name__}")
    if max_retries < 0:
        raise ValueError(f"max_retries must be 0 or more, got {max_retries}")


_REDIRECT_GUARD: Final = "secret_headers_origin"


def _origin(url: httpx.URL) -> tuple[str, str, int | None]:
    return (url.scheme, url.host, url.port)


def _drop_secrets_off_origin(request: httpx.Request) -> None:
    """An httpx request hook: a redirect to another origin than the call's carries none of the
    call's secret headers (the hook sees the first request and every redirect of it)."""
    guard = request.extensions.get(_REDIRECT_GUARD)
    if guard is None:
        return
    origin, names = cast("tuple[tuple[str, str, int | None], tuple[str, ...]]", guard)
    if _origin(request.url) != origin:
        for name in names:
            request.headers.pop(name, None)


async def _adrop_secrets_off_origin(request: httpx.Request) -> None:
    _drop_secrets_off_origin(request)


def _is_local_error(exc: httpx.RequestError) -> bool:
    """Failures of our own request (bad URL scheme, invalid header): retrying cannot help."""
    return isinstance(exc, (httpx.UnsupportedProtocol, httpx.LocalProtocolError))


class SyncAPIClient(BaseClient[httpx.Client]):
    """The blocking engine. Generated root clients subclass it."""

    _http_client_class = httpx.Client

    def _http_client_factory(self) -> Callable[[], httpx.Client]:
        timeout = self.timeout

        def make() -> httpx.Client:
            return DefaultHttpxClient(timeout=timeout)

        return make

    def close(self) -> None:
        """Close the connection pool (shared with copies made by ``with_options``)."""
        http = self._pool.mark_closed()
        if http is not None:
            http.close()

    @override
    def _guard_redirects(self, http: httpx.Client) -> None:
        hooks = http.event_hooks["request"]
        if _drop_secrets_off_origin not in hooks:
            hooks.append(_drop_secrets_off_origin)

    def is_closed(self) -> bool:
        return self._pool.is_closed

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _sleep(self, seconds: float) -> None:
        time.sleep(seconds)

    def _send(self, call: PreparedCall, stream: bool) -> tuple[httpx.Response, int]:
        """Send with retries; returns the successful response and how many retries it took."""
        retries_taken = 0
        while True:
            if retries_taken and call.providers:
                self._renew_credentials(call, [(n, provide()) for n, provide in call.providers])
            request = self._build_request(call, retries_taken)
            try:
                if call.follow_redirects is None:
                    response = self._pool.get().send(request, stream=True)
                else:
                    response = self._pool.get().send(
                        request, stream=True, follow_redirects=call.follow_redirects
                    )
                if not stream:
                    bound_body_time(response, call.timeout)
                    try:
                        response.read()
                    except BaseException:
                        response.close()
                        raise
            except httpx.RequestError as exc:
                delay = (
                    None if _is_local_error(exc) else self._next_retry(call, retries_taken, None)
                )
                if delay is None:
                    raise translate_transport_error(exc, request) from exc
                self._log_retry(request, type(exc).__name__, delay, call, retries_taken)
            else:
                self._log_response(request, response)
                if response.is_success:
                    return response, retries_taken
                delay = self._next_retry(call, retries_taken, response)
                if stream:
                    # An error answer to a streaming call is an ordinary body: read under the
                    # same total limit as any other (a dripping server cannot hold the call).
                    bound_body_time(response, call.timeout)
                if delay is None:
                    try:
                        response.read()
                    except httpx.RequestError as exc:
                        raise translate_transport_error(exc, request) from exc
                    finally:
                        response.close()
                    raise self._status_error(response)
                if stream:
                    # Read the (small) error body to its end, so the connection goes back to
                    # the pool for the retry instead of being dropped half-read.
                    with contextlib.suppress(httpx.RequestError):
                        response.read()
                response.close()
                self._log_retry(
                    request, f"status {response.status_code}", delay, call, retries_taken
                )
            self._sleep(delay)
            retries_taken += 1

    @overload
    def request(
        self,
        method: str,
        path: str,
        *,
        cast_to: type[_R],
        body: object | None = ...,
        files: RequestFiles | None = ...,
        query: Query | None = ...,
        headers: Headers | None = ...,
        options: RequestOptions | RequestOptionsDict | None = ...,
        content: object | None = ...,
        stream: Literal[False] = False,
        stream_cls: None = ...,
        event_envelope: bool = ...,
        security: Security | None = ...,
    ) -> _R: ...
    @overload
    def request(
        self,
        method: str,
        path: str,
        *,
        cast_to: object,
        body: object | None = ...,
        files: RequestFiles | None = ...,
        query: Query | None = ...,
        headers: Headers | None = ...,
        options: RequestOptions | RequestOptionsDict | None = ...,
        content: object | None = ...,
        stream: bool = ...,
        stream_cls: object = ...,
        event_envelope: bool = ...,
        security: Security | None = ...,
    ) -> Any: ...
    def request(
        self,
        method: str,
        path: str,
        *,
        cast_to: object,
        body: object | None = None,
        files: RequestFiles | None = None,
        query: Query | None = None,
        headers: Headers | None = None,
        options: RequestOptions | RequestOptionsDict | None = None,
        content: object | None = None,
        stream: bool = False,
        stream_cls: object = None,
        event_envelope: bool = False,
        security: Security | None = None,
    ) -> Any:
        """Send one call (with retries) and return its parsed result, a stream, or a raw response.

        ``content`` is a raw body (bytes, a file object, an iterator of chunks), the alternative
        to a JSON ``body``; ``options`` a ``RequestOptions`` or its mapping form.
        """
        if content is not None:
            body = _raw_content(body, content)
        security = self._call_security(security)
        providers = self._credential_functions(security)
        for name, provide in providers:
            self._use_credential(name, provide())
        call = self._prepare(
            method, path, body, files, query, headers, RequestOptions.of(options), security
        )
        if providers:
            call.providers, call.security = tuple(providers), security
        mode = response_mode.get()
        if mode is not None:
            response_mode.set(None)  # nested calls made while parsing are plain calls
        response, retries_taken = self._send(call, stream or mode == "streamed")
        if mode is not None:
            response_cls = raw_response_class(mode, cast_to, asynchronous=False)
            return response_cls(
                raw=response,
                spec=ParseSpec(cast_to, stream, stream_cls, event_envelope),
                client=self,
                retries_taken=retries_taken,
                request_id_header=self._client_config.request_id_header,
            )
        if stream:
            from ._streaming import Stream

            stream_type, item = split_stream_cls(stream_cls, Stream)
            return stream_type(
                cast_to=item, response=response, client=self, event_envelope=event_envelope
            )
        return tag_request_id(
            parse_response(response, cast_to, self._strict_response_validation),
            response.headers.get(self._client_config.request_id_header),
        )

    @sync_custom_request
    def get(
        self,
        path: str,
        *,
        cast_to: Any,
        body: object | None = None,
        content: object | None = None,
        files: RequestFiles | None = None,
        options: RequestOptions | RequestOptionsDict | None = None,
        stream: bool = False,
        stream_cls: object = None,
        query: Query | None = None,
        headers: Headers | None = None,
        event_envelope: bool = False,
        security: Security | None = None,
    ) -> Any:
        """``GET path`` (any path, also one the generated methods lack), parsed as ``cast_to``
        (a model, ``object`` for plain JSON, ``httpx.Response`` for the response itself...).

        ``options`` takes the official SDK's mapping (``headers``, ``params``, ``timeout``,
        ``max_retries``, ``extra_json``, ``idempotency_key``, ``follow_redirects``); the client's
        settings (auth, retries, default headers) apply as to any call. ``post``/``put``/
        ``patch``/``delete`` are the same with their method.
        """
        return self.request(
            "GET",
            path,
            cast_to=cast_to,
            body=body,
            content=content,
            files=files,
            query=query,
            headers=headers,
            options=options,
            stream=stream,
            stream_cls=stream_cls,
            event_envelope=event_envelope,
            security=security,
        )

    @sync_custom_request
    def post(
        self,
        path: str,
        *,
        cast_to: Any,
        body: object | None = None,
        content: object | None = None,
        files: RequestFiles | None = None,
        options: RequestOptions | RequestOptionsDict | None = None,
        stream: bool = False,
        stream_cls: object = None,
        query: Query | None = None,
        headers: Headers | None = None,
        event_envelope: bool = False,
        security: Security | None = None,
    ) -> Any:
        return self.request(
            "POST",
            path,
            cast_to=cast_to,
            body=body,
            content=content,
            files=files,
            query=query,
            headers=headers,
            options=options,
            stream=stream,
            stream_cls=stream_cls,
            event_envelope=event_envelope,
            security=security,
        )

    @sync_custom_request
    def put(
        self,
        path: str,
        *,
        cast_to: Any,
        body: object | None = None,
        content: object | None = None,
        files: RequestFiles | None = None,
        options: RequestOptions | RequestOptionsDict | None = None,
        stream: bool = False,
        stream_cls: object = None,
        query: Query | None = None,
        headers: Headers | None = None,
        event_envelope: bool = False,
        security: Security | None = None,
    ) -> Any:
        return self.request(
            "PUT",
            path,
            cast_to=cast_to,
            body=body,
            content=content,
            files=files,
            query=query,
            headers=headers,
            options=options,
            stream=stream,
            stream_cls=stream_cls,
            event_envelope=event_envelope,
            security=security,
        )

    @sync_custom_request
    def patch(
        self,
        path: str,
        *,
        cast_to: Any,
        body: object | None = None,
        content: object | None = None,
        files: RequestFiles | None = None,
        options: RequestOptions | RequestOptionsDict | None = None,
        stream: bool = False,
        stream_cls: object = None,
        query: Query | None = None,
        headers: Headers | None = None,
        event_envelope: bool = False,
        security: Security | None = None,
    ) -> Any:
        return self.request(
            "PATCH",
            path,
            cast_to=cast_to,
            body=body,
            content=content,
            files=files,
            query=query,
            headers=headers,
            options=options,
            stream=stream,
            stream_cls=stream_cls,
            event_envelope=event_envelope,
            security=security,
        )

    @sync_custom_request
    def delete(
        self,
        path: str,
        *,
        cast_to: Any,
        body: object | None = None,
        content: object | None = None,
        files: RequestFiles | None = None,
        options: RequestOptions | RequestOptionsDict | None = None,
        stream: bool = False,
        stream_cls: object = None,
        query: Query | None = None,
        headers: Headers | None = None,
        event_envelope: bool = False,
        security: Security | None = None,
    ) -> Any:
        return self.request(
            "DELETE",
            path,
            cast_to=cast_to,
            body=body,
            content=content,
            files=files,
            query=query,
            headers=headers,
            options=options,
            stream=stream,
            stream_cls=stream_cls,
            event_envelope=event_envelope,
            security=security,
        )

    def get_api_list(
        self,
        path: str,
        *,
        page: Any,
        model: Any = None,
        query: Query | None = None,
        headers: Headers | None = None,
        options: RequestOptions | RequestOptionsDict | None = None,
        body: object | None = None,
        method: str = "GET",
        security: Security | None = None,
    ) -> Any:
        """The first page of a list; the page fetches the following ones on demand (each with
        the same ``security`` requirement as the first)."""
        from ._pagination import page_request

        return page_request(
            self,
            path,
            page=page,
            model=model,
            query=query,
            headers=headers,
            options=RequestOptions.of(options),
            body=body,
            method=method.upper(),
            security=security,
        )


class AsyncAPIClient(BaseClient[httpx.AsyncClient]):
    """The asyncio/anyio engine. Generated async root clients subclass it."""

    _http_client_class = httpx.AsyncClient

    def _http_client_factory(self) -> Callable[[], httpx.AsyncClient]:
        timeout = self.timeout

        def make() -> httpx.AsyncClient:
            return DefaultAsyncHttpxClient(timeout=timeout)

        return make

    async def close(self) -> None:
        """Close the connection pool (shared with copies made by ``with_options``)."""
        http = self._pool.mark_closed()
        if http is not None:
            await http.aclose()

    @override
    def _guard_redirects(self, http: httpx.AsyncClient) -> None:
        hooks = http.event_hooks["request"]
        if _adrop_secrets_off_origin not in hooks:
            hooks.append(_adrop_secrets_off_origin)

    def is_closed(self) -> bool:
        return self._pool.is_closed

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def _sleep(self, seconds: float) -> None:
        import anyio

        await anyio.sleep(seconds)

    async def _send(self, call: PreparedCall, stream: bool) -> tuple[httpx.Response, int]:
        """Send with retries; returns the successful response and how many retries it took."""
        retries_taken = 0
        while True:
            if retries_taken and call.providers:
                answers: list[tuple[str, object]] = []
                for name, provide in call.providers:
                    value = provide()
                    answers.append((name, await value if inspect.isawaitable(value) else value))
                self._renew_credentials(call, answers)
            request = self._build_request(call, retries_taken)
            try:
                if call.follow_redirects is None:
                    response = await self._pool.get().send(request, stream=True)
                else:
                    response = await self._pool.get().send(
                        request, stream=True, follow_redirects=call.follow_redirects
                    )
                if not stream:
                    bound_body_time(response, call.timeout)
                    try:
                        await response.aread()
                    except BaseException:
                        await response.aclose()
                        raise
            except httpx.RequestError as exc:
                delay = (
                    None if _is_local_error(exc) else self._next_retry(call, retries_taken, None)
                )
                if delay is None:
                    raise translate_transport_error(exc, request) from exc
                self._log_retry(request, type(exc).__name__, delay, call, retries_taken)
            else:
                self._log_response(request, response)
                if response.is_success:
                    return response, retries_taken
                delay = self._next_retry(call, retries_taken, response)
                if stream:
                    # An error answer to a streaming call is an ordinary body: read under the
                    # same total limit as any other (a dripping server cannot hold the call).
                    bound_body_time(response, call.timeout)
                if delay is None:
                    try:
                        await response.aread()
                    except httpx.RequestError as exc:
                        raise translate_transport_error(exc, request) from exc
                    finally:
                        await response.aclose()
                    raise self._status_error(response)
                if stream:
                    # Read the (small) error body to its end, so the connection goes back to
                    # the pool for the retry instead of being dropped half-read.
                    with contextlib.suppress(httpx.RequestError):
                        await response.aread()
                await response.aclose()
                self._log_retry(
                    request, f"status {response.status_code}", delay, call, retries_taken
                )
            await self._sleep(delay)
            retries_taken += 1

    @overload
    async def request(
        self,
        method: str,
        path: str,
        *,
        cast_to: type[_R],
        body: object | None = ...,
        files: RequestFiles | None = ...,
        query: Query | None = ...,
        headers: Headers | None = ...,
        options: RequestOptions | RequestOptionsDict | None = ...,
        content: object | None = ...,
        stream: Literal[False] = False,
        stream_cls: None = ...,
        event_envelope: bool = ...,
        security: Security | None = ...,
    ) -> _R: ...
    @overload
    async def request(
        self,
        method: str,
        path: str,
        *,
        cast_to: object,
        body: object | None = ...,
        files: RequestFiles | None = ...,
        query: Query | None = ...,
        headers: Headers | None = ...,
        options: RequestOptions | RequestOptionsDict | None = ...,
        content: object | None = ...,
        stream: bool = ...,
        stream_cls: object = ...,
        event_envelope: bool = ...,
        security: Security | None = ...,
    ) -> Any: ...
    async def request(
        self,
        method: str,
        path: str,
        *,
        cast_to: object,
        body: object | None = None,
        files: RequestFiles | None = None,
        query: Query | None = None,
        headers: Headers | None = None,
        options: RequestOptions | RequestOptionsDict | None = None,
        content: object | None = None,
        stream: bool = False,
        stream_cls: object = None,
        event_envelope: bool = False,
        security: Security | None = None,
    ) -> Any:
        """Send one call (with retries) and return its parsed result, a stream, or a raw response.

        ``content`` is a raw body (bytes, a file object, an iterator of chunks), the alternative
        to a JSON ``body``; ``options`` a ``RequestOptions`` or its mapping form.
        """
        if content is not None:
            body = _raw_content(body, content)
        security = self._call_security(security)
        providers = self._credential_functions(security)
        for name, provide in providers:
            value = provide()
            self._use_credential(name, await value if inspect.isawaitable(value) else value)
        call = self._prepare(
            method, path, body, files, query, headers, RequestOptions.of(options), security
        )
        if providers:
            call.providers, call.security = tuple(providers), security
        mode = response_mode.get()
        if mode is not None:
            response_mode.set(None)
        response, retries_taken = await self._send(call, stream or mode == "streamed")
        if mode is not None:
            response_cls = raw_response_class(mode, cast_to, asynchronous=True)
            return response_cls(
                raw=response,
                spec=ParseSpec(cast_to, stream, stream_cls, event_envelope, asynchronous=True),
                client=self,
                retries_taken=retries_taken,
                request_id_header=self._client_config.request_id_header,
            )
        if stream:
            from ._streaming import AsyncStream

            stream_type, item = split_stream_cls(stream_cls, AsyncStream)
            return stream_type(
                cast_to=item, response=response, client=self, event_envelope=event_envelope
            )
        return tag_request_id(
            parse_response(response, cast_to, self._strict_response_validation),
            response.headers.get(self._client_config.request_id_header),
        )

    @async_custom_request
    async def get(
        self,
        path: str,
        *,
        cast_to: Any,
        body: object | None = None,
        content: object | None = None,
        files: RequestFiles | None = None,
        options: RequestOptions | RequestOptionsDict | None = None,
        stream: bool = False,
        stream_cls: object = None,
        query: Query | None = None,
        headers: Headers | None = None,
        event_envelope: bool = False,
        security: Security | None = None,
    ) -> Any:
        """``GET path`` (any path, also one the generated methods lack), parsed as ``cast_to``
        (a model, ``object`` for plain JSON, ``httpx.Response`` for the response itself...).

        ``options`` takes the official SDK's mapping (``headers``, ``params``, ``timeout``,
        ``max_retries``, ``extra_json``, ``idempotency_key``, ``follow_redirects``); the client's
        settings (auth, retries, default headers) apply as to any call. ``post``/``put``/
        ``patch``/``delete`` are the same with their method.
        """
        return await self.request(
            "GET",
            path,
            cast_to=cast_to,
            body=body,
            content=content,
            files=files,
            query=query,
            headers=headers,
            options=options,
            stream=stream,
            stream_cls=stream_cls,
            event_envelope=event_envelope,
            security=security,
        )

    @async_custom_request
    async def post(
        self,
        path: str,
        *,
        cast_to: Any,
        body: object | None = None,
        content: object | None = None,
        files: RequestFiles | None = None,
        options: RequestOptions | RequestOptionsDict | None = None,
        stream: bool = False,
        stream_cls: object = None,
        query: Query | None = None,
        headers: Headers | None = None,
        event_envelope: bool = False,
        security: Security | None = None,
    ) -> Any:
        return await self.request(
            "POST",
            path,
            cast_to=cast_to,
            body=body,
            content=content,
            files=files,
            query=query,
            headers=headers,
            options=options,
            stream=stream,
            stream_cls=stream_cls,
            event_envelope=event_envelope,
            security=security,
        )

    @async_custom_request
    async def put(
        self,
        path: str,
        *,
        cast_to: Any,
        body: object | None = None,
        content: object | None = None,
        files: RequestFiles | None = None,
        options: RequestOptions | RequestOptionsDict | None = None,
        stream: bool = False,
        stream_cls: object = None,
        query: Query | None = None,
        headers: Headers | None = None,
        event_envelope: bool = False,
        security: Security | None = None,
    ) -> Any:
        return await self.request(
            "PUT",
            path,
            cast_to=cast_to,
            body=body,
            content=content,
            files=files,
            query=query,
            headers=headers,
            options=options,
            stream=stream,
            stream_cls=stream_cls,
            event_envelope=event_envelope,
            security=security,
        )

    @async_custom_request
    async def patch(
        self,
        path: str,
        *,
        cast_to: Any,
        body: object | None = None,
        content: object | None = None,
        files: RequestFiles | None = None,
        options: RequestOptions | RequestOptionsDict | None = None,
        stream: bool = False,
        stream_cls: object = None,
        query: Query | None = None,
        headers: Headers | None = None,
        event_envelope: bool = False,
        security: Security | None = None,
    ) -> Any:
        return await self.request(
            "PATCH",
            path,
            cast_to=cast_to,
            body=body,
            content=content,
            files=files,
            query=query,
            headers=headers,
            options=options,
            stream=stream,
            stream_cls=stream_cls,
            event_envelope=event_envelope,
            security=security,
        )

    @async_custom_request
    async def delete(
        self,
        path: str,
        *,
        cast_to: Any,
        body: object | None = None,
        content: object | None = None,
        files: RequestFiles | None = None,
        options: RequestOptions | RequestOptionsDict | None = None,
        stream: bool = False,
        stream_cls: object = None,
        query: Query | None = None,
        headers: Headers | None = None,
        event_envelope: bool = False,
        security: Security | None = None,
    ) -> Any:
        return await self.request(
            "DELETE",
            path,
            cast_to=cast_to,
            body=body,
            content=content,
            files=files,
            query=query,
            headers=headers,
            options=options,
            stream=stream,
            stream_cls=stream_cls,
            event_envelope=event_envelope,
            security=security,
        )

    def get_api_list(
        self,
        path: str,
        *,
        page: Any,
        model: Any = None,
        query: Query | None = None,
        headers: Headers | None = None,
        options: RequestOptions | RequestOptionsDict | None = None,
        body: object | None = None,
        method: str = "GET",
        security: Security | None = None,
    ) -> AsyncPaginator[Any, Any]:
        """Not a coroutine: ``await`` it for the first page, or ``async for`` over every item."""
        from ._pagination import AsyncPaginator

        return AsyncPaginator(
            self,
            path,
            page=page,
            model=model,
            query=query,
            headers=headers,
            options=RequestOptions.of(options),
            body=body,
            method=method.upper(),
            security=security,
        )
