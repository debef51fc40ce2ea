"""Clients for Azure OpenAI: the same resources as ``OpenAI`` / ``AsyncOpenAI``, reached the Azure way.

What differs from the OpenAI API (each observed on the official SDK, the oracle, and checked by
tests/azure against it):

- Where calls go: ``{azure_endpoint}/openai``, or ``{azure_endpoint}/openai/deployments/{name}``
  for a client bound to one deployment (``azure_deployment``); ``base_url`` instead names the
  whole prefix. The operations Azure serves per deployment (``DEPLOYMENT_PATHS``: chat, legacy
  completions, embeddings, audio, images) go to ``/deployments/{model}/...`` when the call's body
  names a ``model`` and the base URL names no deployment yet; a client bound to a deployment sends
  every other operation to ``{azure_endpoint}/openai`` (they are not under a deployment).
- Every call carries ``api-version`` in its query (``api_version``, else ``OPENAI_API_VERSION``);
  ``extra_query`` may still replace it for one call.
- Credentials: an API key in the ``api-key`` header, or a Microsoft Entra ID token sent as
  ``Authorization: Bearer <token>`` — a fixed ``azure_ad_token`` or an
  ``azure_ad_token_provider`` asked for a fresh token before every request (an async client's
  provider may be a coroutine function). Exactly one may be passed; with none, the environment's
  ``AZURE_OPENAI_AD_TOKEN``, else ``AZURE_OPENAI_API_KEY``, is used.

Credentials are secrets like the OpenAI key: they stay out of reprs, logs and error messages.
"""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, ClassVar, Final, Generic, TypeVar, Union, cast

import httpx
from typing_extensions import Self, override

from .._client import AsyncOpenAI, OpenAI
from .._core import (
    DEFAULT_MAX_RETRIES,
    NOT_GIVEN,
    AuthScheme,
    BaseClient,
    ClientConfig,
    ClientOption,
    NotGiven,
    OpenAIError,
    Timeout,
)
from .._core._auth import place_credentials
from .._core._types import AsyncHttpx2ClientProtocol, Httpx2ClientProtocol, Security
from .._core._urls import encode_segment

if TYPE_CHECKING:
    from .._generated._client import DataResidency

__all__ = [
    "DEPLOYMENT_PATHS",
    "AsyncAzureADTokenProvider",
    "AsyncAzureOpenAI",
    "AzureADTokenProvider",
    "AzureOpenAI",
    "BaseAzureClient",
    "MutuallyExclusiveAuthError",
]

AzureADTokenProvider = Callable[[], str]
AsyncAzureADTokenProvider = Callable[[], Union[str, Awaitable[str]]]

# The operations Azure OpenAI serves under /deployments/{deployment} (the model is the deployment).
DEPLOYMENT_PATHS: Final = frozenset(
    {
        "/chat/completions",
        "/completions",
        "/embeddings",
        "/audio/transcriptions",
        "/audio/translations",
        "/audio/speech",
        "/images/generations",
        "/images/edits",
    }
)

_API_KEY_ENV: Final = "AZURE_OPENAI_API_KEY"
_AD_TOKEN_ENV: Final = "AZURE_OPENAI_AD_TOKEN"
_API_VERSION_ENV: Final = "OPENAI_API_VERSION"
_ENDPOINT_ENV: Final = "AZURE_OPENAI_ENDPOINT"
_API_VERSION_PARAM: Final = "api-version"
# `api_key` of a client without one (an Entra ID token authenticates), the official SDK's value
_NO_KEY_SHOWN: Final = "<missing API key>"

_HttpxClientT = TypeVar("_HttpxClientT", httpx.Client, httpx.AsyncClient)
# what a callable api_key and the token provider return: str (sync), str or an awaitable (async)
_KeyFunctionT = TypeVar("_KeyFunctionT", bound=Callable[[], object])
_ProviderT = TypeVar("_ProviderT", bound=Callable[[], object])
# the httpx2 client of the same kind (the official SDK's; see `Httpx2ClientProtocol`)
_Httpx2T = TypeVar("_Httpx2T", Httpx2ClientProtocol, AsyncHttpx2ClientProtocol)


class MutuallyExclusiveAuthError(OpenAIError):
    """More than one of ``api_key``, ``azure_ad_token`` and ``azure_ad_token_provider`` given."""

    def __init__(self) -> None:
        super().__init__(
            # "mutually exclusive" is what tests written for the official client match on
            "`api_key`, `azure_ad_token` and `azure_ad_token_provider` are mutually exclusive: "
            "each is a way to authenticate, and the client uses exactly one"
        )


def azure_config(openai: ClientConfig) -> ClientConfig:
    """The OpenAI client's configuration, changed for Azure: no default base URL or OpenAI
    environment variables for the key and base URL; the key in ``api-key``; an Entra ID token
    (fixed or from a provider) as the bearer alternative to the key; no data residency."""
    others = tuple(scheme for scheme in openai.auth if "api_key" not in scheme.options)
    return openai.replace(
        default_base_url=None,
        base_url_env=None,
        api_key_env=None,
        api_key_header="api-key",
        api_key_format="{api_key}",
        options=(
            *openai.options,
            ClientOption("azure_ad_token"),
            ClientOption("azure_ad_token_provider"),
        ),
        named_base_urls=None,
        auth=(
            AuthScheme("ApiKeyAuth", "header", ("api_key",), "api-key"),
            AuthScheme("AzureADTokenProvider", "bearer", ("azure_ad_token_provider",)),
            AuthScheme("AzureADToken", "bearer", ("azure_ad_token",)),
            *others,
        ),
        # an Entra ID token before the key: a key assigned to a token client later
        # (`client.api_key = ...`) is shown but not sent, as with the official client
        security=(("AzureADTokenProvider",), ("AzureADToken",), ("ApiKeyAuth",)),
    )


class _Credentials:
    """The one credential a client uses (the others ``None``)."""

    __slots__ = ("api_key", "azure_ad_token", "azure_ad_token_provider")

    def __init__(
        self,
        api_key: str | Callable[[], object] | None,
        azure_ad_token: str | None,
        azure_ad_token_provider: Callable[[], object] | None,
    ) -> None:
        given = [v for v in (api_key, azure_ad_token, azure_ad_token_provider) if v is not None]
        if len(given) > 1:
            raise MutuallyExclusiveAuthError
        if not given or api_key == "":
            # none passed: the environment's, an Entra ID token before a key
            api_key, azure_ad_token = None, None
            token = os.environ.get(_AD_TOKEN_ENV)
            if token:
                azure_ad_token = token
            else:
                api_key = os.environ.get(_API_KEY_ENV) or None
            if api_key is None and azure_ad_token is None:
                raise OpenAIError(
                    "Missing credentials: pass one of `api_key`, `azure_ad_token` or "
                    f"`azure_ad_token_provider`, or set the {_API_KEY_ENV} or {_AD_TOKEN_ENV} "
                    "environment variable"
                )
        self.api_key = api_key
        self.azure_ad_token = azure_ad_token
        self.azure_ad_token_provider = azure_ad_token_provider


def _api_version(api_version: str | None) -> str:
    value = api_version if api_version is not None else os.environ.get(_API_VERSION_ENV)
    if not value:
        raise ValueError(
            f"Missing the Azure OpenAI API version: pass `api_version` or set the "
            f"{_API_VERSION_ENV} environment variable (e.g. '2024-10-21')"
        )
    return value


def _base_url(
    base_url: str | httpx.URL | None, azure_endpoint: str | None, azure_deployment: str | None
) -> tuple[str | httpx.URL, str | None, str | None]:
    """``(base URL, endpoint, deployment)``: the endpoint and deployment only when the base URL
    was built from them (a given ``base_url`` is the whole prefix)."""
    if base_url is not None:
        if azure_endpoint is not None:
            raise ValueError(
                "`base_url` and `azure_endpoint` are mutually exclusive: `azure_endpoint` is the "
                "resource's address, from which the client builds the base URL"
            )
        return base_url, None, None
    endpoint = azure_endpoint if azure_endpoint is not None else os.environ.get(_ENDPOINT_ENV)
    if not endpoint:
        raise ValueError(
            "Missing the Azure OpenAI endpoint: pass `azure_endpoint` (e.g. "
            f"'https://example-resource.openai.azure.com') or `base_url`, or set the "
            f"{_ENDPOINT_ENV} environment variable"
        )
    url = f"{endpoint.rstrip('/')}/openai"
    if azure_deployment is not None:
        url = f"{url}/deployments/{azure_deployment}"
    return url, endpoint, azure_deployment


def _model_of(body: object) -> object:
    """The ``model`` a call's JSON body (or multipart fields) names, if any."""
    if isinstance(body, Mapping):
        return cast("Mapping[str, object]", body).get("model")
    return None


class BaseAzureClient(
    BaseClient[_HttpxClientT], Generic[_HttpxClientT, _KeyFunctionT, _ProviderT, _Httpx2T]
):
    """What both Azure clients add to the OpenAI ones: the constructor and ``copy()`` with the
    Azure options, routing, the API version, credentials. Placed before the OpenAI client in each
    Azure client's bases, so its ``__init__`` and ``copy`` are the ones used."""

    _api_version: str
    _azure_endpoint: str | None
    _azure_deployment: str | None
    _azure_ad_token: str | None
    _azure_ad_token_provider: Callable[[], object] | None

    # the key or token goes with every call over `default_headers`, as the official Azure
    # clients place it (an OpenAI client's `default_headers` win over its key)
    _credentials_over_default_headers: ClassVar[bool] = True

    def __init__(
        self,
        *,
        api_version: str | None = None,
        azure_endpoint: str | None = None,
        azure_deployment: str | None = None,
        api_key: str | _KeyFunctionT | None = None,
        admin_api_key: str | None = None,
        azure_ad_token: str | None = None,
        azure_ad_token_provider: _ProviderT | None = None,
        organization: str | None = None,
        project: str | None = None,
        webhook_secret: str | None = None,
        websocket_base_url: str | httpx.URL | None = None,
        base_url: str | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Mapping[str, str] | None = None,
        default_query: Mapping[str, object] | None = None,
        http_client: _HttpxClientT | _Httpx2T | None = None,
        _strict_response_validation: bool = False,
    ) -> None:
        credentials = _Credentials(api_key, azure_ad_token, azure_ad_token_provider)
        version = _api_version(api_version)
        url, endpoint, deployment = _base_url(base_url, azure_endpoint, azure_deployment)
        # the OpenAI clients' constructors take no Azure options: straight to the engine's
        BaseClient.__init__(  # pyright: ignore[reportUnknownMemberType]
            self,
            api_key=credentials.api_key,
            base_url=url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            # the API version last: it is the client's, whatever `default_query` says
            default_query={**(default_query or {}), _API_VERSION_PARAM: version},
            http_client=http_client,
            _strict_response_validation=_strict_response_validation,
            azure_ad_token=credentials.azure_ad_token,
            azure_ad_token_provider=credentials.azure_ad_token_provider,
            admin_api_key=admin_api_key,
            organization=organization,
            project=project,
            webhook_secret=webhook_secret,
            websocket_base_url=websocket_base_url,
        )
        self._api_version = version
        self._azure_endpoint = endpoint
        self._azure_deployment = deployment
        self._azure_ad_token = credentials.azure_ad_token
        self._azure_ad_token_provider = credentials.azure_ad_token_provider
        # where a deployment-bound client sends the operations that are not per deployment
        self._unscoped_base = None if endpoint is None else f"{endpoint.rstrip('/')}/openai"

    @property
    @override
    def api_key(self) -> str:
        """As the official Azure clients show it: the key, or ``"<missing API key>"`` for a
        client that authenticates with an Entra ID token (nothing is sent in ``api-key`` then)."""
        key = self._api_key
        if not key and self._api_key_provider is None:
            return _NO_KEY_SHOWN
        return key or ""

    @api_key.setter
    def api_key(self, value: str | None) -> None:
        BaseClient.api_key.__set__(self, value)

    @property
    @override
    def auth_headers(self) -> dict[str, str]:
        """The credential header a request carries, as the official Azure clients show it: the
        Entra ID token as ``Authorization: Bearer ...`` when one was given, else the key in
        ``api-key``. A token provider is asked per request, not here: nothing is shown for it."""
        config = self._client_config

        def given(name: str) -> str | None:
            # what was given as a value; a function's answers are per request
            return None if callable(self._option_values.get(name)) else self._credential(name)

        placed = place_credentials(config.auth, config.security, given).headers
        spelled = {"authorization": "Authorization"}
        spelled.update((s.param.lower(), s.param) for s in config.auth if s.param)
        return {spelled.get(name, name): value for name, value in placed.items()}

    @override
    def _request_url(self, path: str, body: object) -> str:
        if path in DEPLOYMENT_PATHS:
            model = _model_of(body)
            if isinstance(model, str) and model and "/deployments" not in str(self.base_url):
                path = f"/deployments/{encode_segment(model, 'model')}{path}"
        elif self._azure_deployment is not None and self._unscoped_base is not None:
            base = self._unscoped_base
            return base + path if path[:1] == "/" else f"{base}/{path}"
        return super()._request_url(path, body)

    @override
    def _call_security(self, security: Security | None) -> Security | None:
        # Azure OpenAI takes its key or Entra ID token for every call, whatever scheme the
        # operation names in the OpenAI API (the admin key's too) and for custom requests
        return self._client_config.security

    @override
    def _use_credential(self, name: str, value: object) -> None:
        if name == "azure_ad_token_provider" and (not isinstance(value, str) or not value):
            raise ValueError(
                "The azure_ad_token_provider must return a non-empty str (an Entra ID access "
                f"token), got {type(value).__name__}"
            )
        super()._use_credential(name, value)

    def copy(
        self,
        *,
        api_key: str | _KeyFunctionT | None = None,
        admin_api_key: str | None = None,
        organization: str | None = None,
        project: str | None = None,
        webhook_secret: str | None = None,
        websocket_base_url: str | httpx.URL | None = None,
        api_version: str | None = None,
        azure_ad_token: str | None = None,
        azure_ad_token_provider: _ProviderT | None = None,
        base_url: str | httpx.URL | NotGiven | None = NOT_GIVEN,
        data_residency: DataResidency | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        http_client: _HttpxClientT | _Httpx2T | None = None,
        max_retries: int | NotGiven = NOT_GIVEN,
        default_headers: Mapping[str, str] | None = None,
        set_default_headers: Mapping[str, str] | None = None,
        default_query: Mapping[str, object] | None = None,
        set_default_query: Mapping[str, object] | None = None,
    ) -> Self:
        """``copy()`` / ``with_options()``: as the OpenAI clients', and a credential given
        replaces the client's (whichever kind it was); a ``base_url`` given replaces the endpoint
        and deployment."""
        if data_residency is not None:
            raise OpenAIError(
                "`data_residency` selects an OpenAI API region; an Azure OpenAI client's "
                "region is its endpoint"
            )
        kwargs = self._copy_kwargs(
            api_key=None,
            base_url=NOT_GIVEN,
            timeout=timeout,
            http_client=http_client,
            max_retries=max_retries,
            default_headers=default_headers,
            set_default_headers=set_default_headers,
            default_query=default_query,
            set_default_query=set_default_query,
            options={
                "admin_api_key": admin_api_key,
                "organization": organization,
                "project": project,
                "webhook_secret": webhook_secret,
                "websocket_base_url": websocket_base_url,
            },
        )
        kwargs.pop("data_residency", None)
        if any(v is not None for v in (api_key, azure_ad_token, azure_ad_token_provider)):
            kwargs.update(
                api_key=api_key,
                azure_ad_token=azure_ad_token,
                azure_ad_token_provider=azure_ad_token_provider,
            )
        else:
            kwargs.update(
                # a token client's key is "" (none): not a second credential for the copy
                api_key=self._api_key_provider or self._api_key or None,
                azure_ad_token=self._azure_ad_token,
                azure_ad_token_provider=self._azure_ad_token_provider,
            )
        kwargs["api_version"] = api_version if api_version is not None else self._api_version
        if base_url is not None and not isinstance(base_url, NotGiven):
            kwargs["base_url"] = base_url
        elif self._azure_endpoint is not None:
            kwargs.update(
                base_url=None,
                azure_endpoint=self._azure_endpoint,
                azure_deployment=self._azure_deployment,
            )
        else:
            kwargs["base_url"] = self.base_url
        copy = type(self)(**kwargs)
        if http_client is None:
            copy._pool = self._pool
        return copy

    with_options = copy


# copy() takes the official Azure client's argument types, narrower than OpenAI.copy's for the
# credentials (no callable admin key): a deliberate difference of the two signatures
class AzureOpenAI(  # pyright: ignore[reportIncompatibleMethodOverride]
    BaseAzureClient[httpx.Client, Callable[[], str], AzureADTokenProvider, Httpx2ClientProtocol],
    OpenAI,
):
    """``OpenAI`` for an Azure OpenAI resource (see the module docstring)."""

    _client_config = azure_config(OpenAI._client_config)


class AsyncAzureOpenAI(  # pyright: ignore[reportIncompatibleMethodOverride]
    BaseAzureClient[
        httpx.AsyncClient,
        Callable[[], Awaitable[str]],
        AsyncAzureADTokenProvider,
        AsyncHttpx2ClientProtocol,
    ],
    AsyncOpenAI,
):
    """``AsyncOpenAI`` for an Azure OpenAI resource (see the module docstring); its
    ``azure_ad_token_provider`` and callable ``api_key`` may be coroutine functions."""

    _client_config = azure_config(AsyncOpenAI._client_config)
