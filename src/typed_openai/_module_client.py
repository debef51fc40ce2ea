"""The module-level client: ``typed_openai.api_key = "..."`` then
``typed_openai.chat.completions.create(...)``, as with the official SDK.

The settings are plain attributes of the ``typed_openai`` module (``SETTINGS``; ``timeout`` and
``max_retries`` read as the client defaults until assigned). Every top-level resource of
``OpenAI`` is a module attribute too: a proxy that, on use, hands over to the resource of a
default client built from the settings (and, for those left ``None``, from the environment, as
``OpenAI()`` does). A setting changed later applies from the next use on: the client is then
rebuilt from the current settings, sharing the previous client's connection pool when
``http_client`` did not change. Nothing is built, and nothing beyond this module imported, before
a resource is used.

As the official SDK's, the module client is built without requiring a credential (a call that
needs one is refused when made, with a TypeError; verifying a webhook needs none), and what it found
in the environment for a setting left unset (``OPENAI_API_KEY``, ``OPENAI_ORG_ID``, ...) becomes
that setting: ``typed_openai.api_key`` reads the key in use after the first call.

Azure OpenAI: with ``api_type = "azure"`` the default client is an ``AzureOpenAI`` built from
``api_version``, ``azure_endpoint``, ``azure_ad_token`` / ``azure_ad_token_provider`` and the common
settings. Left ``None``, ``api_type`` is decided when the client is first built, as the official
SDK does: Azure when an endpoint (``azure_endpoint``, else ``AZURE_OPENAI_ENDPOINT``) or an Azure
credential (``AZURE_OPENAI_API_KEY``, ``AZURE_OPENAI_AD_TOKEN``, the token settings) is there,
OpenAI otherwise, and an ``AmbiguousModuleClientUsageError`` when ``OPENAI_API_KEY`` is set too.
The decision is written back to ``api_type`` (and the endpoint and API version read from the
environment to their settings), so later changes to the environment do not switch it.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

from ._core._errors import OpenAIError

if TYPE_CHECKING:
    from ._client import OpenAI

__all__ = [
    "AZURE_SETTINGS",
    "SETTINGS",
    "AmbiguousModuleClientUsageError",
    "ResourceProxy",
    "close_client",
    "forget_client",
    "load_client",
    "module_attribute",
    "reset_client",
]

SETTINGS = (
    "api_key",
    "admin_api_key",
    "organization",
    "project",
    "webhook_secret",
    "base_url",
    "timeout",
    "max_retries",
    "default_headers",
    "default_query",
    "http_client",
)
# what an Azure default client is built from besides the common settings; `api_type` decides
AZURE_SETTINGS = (
    "api_type",
    "api_version",
    "azure_endpoint",
    "azure_ad_token",
    "azure_ad_token_provider",
)
# settings a client resolves from the environment when not given, written back after a build
_RESOLVED = ("api_key", "admin_api_key", "organization", "project", "webhook_secret")
# OpenAI settings that an Azure client does not take
_NOT_AZURE = frozenset({"data_residency"})
# copy() replaces the default headers/query with these keywords instead of merging into them
_REPLACING = {"default_headers": "set_default_headers", "default_query": "set_default_query"}

_lock = threading.Lock()
_client: OpenAI | None = None
_built_from: dict[str, Any] = {}
# clients replaced by a fresh build (their pool is not shared with the new one): not closed on
# replacement, since a call on another thread may still be using them; `close_client` closes them
_retired: list[OpenAI] = []
# the values `_write_back_resolved` put in the settings: found, not chosen, so a later build
# finds them again (an Azure client's "<missing API key>" is no key to pass with a token)
_written_back: dict[str, object] = {}


def _package() -> Any:
    return sys.modules[__name__.rpartition(".")[0]]


class AmbiguousModuleClientUsageError(OpenAIError):
    """The module client cannot tell whether to talk to OpenAI or to Azure OpenAI."""

    def __init__(self) -> None:
        super().__init__(
            "The module client found credentials for both OpenAI (OPENAI_API_KEY) and Azure "
            "OpenAI (an Azure endpoint or token, or AZURE_OPENAI_API_KEY); set "
            "`typed_openai.api_type` (or the OPENAI_API_TYPE environment variable) to 'openai' "
            "or 'azure'"
        )


def _decide_api_type() -> None:
    """Fill in what the first build needs and was not set, as the official SDK does: the Azure
    endpoint and API version from the environment, and which API (``api_type``)."""
    package = _package()
    if package.azure_endpoint is None:
        package.azure_endpoint = os.environ.get("AZURE_OPENAI_ENDPOINT")
    if package.api_version is None:
        package.api_version = os.environ.get("OPENAI_API_VERSION")
    if package.api_type is not None:
        return
    openai_key = os.environ.get("OPENAI_API_KEY") is not None
    azure = (
        package.azure_endpoint is not None
        or package.azure_ad_token is not None
        or package.azure_ad_token_provider is not None
        or os.environ.get("AZURE_OPENAI_API_KEY") is not None
        or os.environ.get("AZURE_OPENAI_AD_TOKEN") is not None
    )
    if openai_key and azure:
        raise AmbiguousModuleClientUsageError
    package.api_type = "azure" if azure else "openai"


def _current() -> dict[str, Any]:
    package = _package()
    names = SETTINGS
    if package.api_type == "azure":
        names = (*AZURE_SETTINGS, *(n for n in SETTINGS if n not in _NOT_AZURE))
    else:
        names = ("api_type", *SETTINGS)
    values = {name: getattr(package, name) for name in names}
    # compared by content: a mapping changed in place counts as changed
    for name in ("default_headers", "default_query"):
        if values[name] is not None:
            values[name] = dict(values[name])
    return values


def _differs(old: object, new: object) -> bool:
    # the http client by identity (a new one is a new pool); the rest by value
    return old is not new and (old != new or type(old) is not type(new))


def _follows_the_settings(request: Callable[..., Any]) -> Callable[..., Any]:
    """``request`` of a module client, sent by the client of the current settings: a resource
    taken from the module before a setting changed (``completions = typed_openai.chat.completions``
    at import, ``typed_openai.api_key = ...`` in ``main()``) then calls with the settings of the
    call's time, as with the official SDK's module client (which reads them on every call)."""

    def follow(self: Any, *args: Any, **kwargs: Any) -> Any:
        current = load_client()
        if current is not self:
            return current.request(*args, **kwargs)
        return request(self, *args, **kwargs)

    return follow


@cache
def _module_client_classes() -> tuple[type[OpenAI], type[OpenAI]]:
    """The classes of the module's OpenAI and Azure clients (see ``_follows_the_settings``); the
    OpenAI one is built without a credential, as the SDK's (``_credentials_required_when_built``)."""
    from ._client import OpenAI
    from .lib.azure import AzureOpenAI

    class _ModuleClient(OpenAI):
        _credentials_required_when_built = False
        request = _follows_the_settings(OpenAI.request)

    class _AzureModuleClient(AzureOpenAI):
        request = _follows_the_settings(AzureOpenAI.request)

    return _ModuleClient, _AzureModuleClient


def _build(values: dict[str, Any]) -> OpenAI:
    arguments = {
        name: value
        for name, value in values.items()
        if value is not None and value is not _written_back.get(name)
    }
    if "timeout" in values:
        arguments["timeout"] = values["timeout"]  # None means "no timeout" here
    openai_class, azure_class = _module_client_classes()
    if arguments.pop("api_type", None) == "azure":
        return azure_class(**arguments)
    return openai_class(**arguments)


def _write_back_resolved(client: OpenAI, values: dict[str, Any]) -> None:
    """After the first build, as with the official SDK, whose module client keeps its state in
    the module settings: the credentials and ids the client found in the environment
    (``OPENAI_API_KEY``, ``OPENAI_ORG_ID``, ...) become the settings left unset
    (``typed_openai.api_key`` reads the key in use, and a later change of the environment does
    not swap it), and unset default headers / query those the client was built with (a dict
    to add entries to)."""
    package = _package()
    for name in _RESOLVED:
        if name in values and values[name] is None:
            found = getattr(client, name, None)
            if found is not None:
                setattr(package, name, found)
                values[name] = _written_back[name] = found
    built_with = {
        "default_headers": client._custom_headers,  # with those of OPENAI_CUSTOM_HEADERS
        "default_query": client._custom_query,
    }
    for name, value in built_with.items():
        if name in values and values[name] is None:
            setattr(package, name, dict(value))
            values[name] = dict(value)


def load_client() -> OpenAI:
    """The default client for the current settings (built on first use, rebuilt on change)."""
    global _client, _built_from
    if _client is None:
        _decide_api_type()
    values = _current()
    client = _client
    if (
        client is not None
        and values.keys() == _built_from.keys()
        and not any(_differs(_built_from[name], values[name]) for name in values)
    ):
        return client
    with _lock:
        if _client is None:
            _client = _build(values)
            _write_back_resolved(_client, values)
        else:
            changed = {
                n: v
                for n, v in values.items()
                if n not in _built_from or _differs(_built_from[n], v)
            }
            if not changed and values.keys() == _built_from.keys():
                return _client
            unset = [n for n, v in changed.items() if v is None and n != "timeout"]
            if unset or "http_client" in changed or not changed.keys().isdisjoint(AZURE_SETTINGS):
                # copy() keeps what it is given as None; a new http client is a new pool anyway
                _retired.append(_client)
                _client = _build(values)
            else:
                _client = _client.copy(**{_REPLACING.get(n, n): v for n, v in changed.items()})
        _built_from = values
        return _client


def reset_client() -> None:
    """Forget the default client; the next use builds a new one (the SDK's ``_reset_client``)."""
    global _client, _built_from
    with _lock:
        _client, _built_from = None, {}
        _written_back.clear()


def forget_client() -> None:
    """The official SDK's ``_reset_client()``, which test suites call between tests: the next use
    builds a new client from the settings. The one dropped stays open (code may still hold it,
    ``_load_client()``) until ``close_client``."""
    with _lock:
        if _client is not None:
            _retired.append(_client)
    reset_client()


def close_client() -> None:
    """Close the default client's connections (and those of clients it replaced), then forget it."""
    with _lock:
        clients = [*_retired, *([_client] if _client is not None else [])]
        _retired.clear()
    for client in clients:
        client.close()
    reset_client()


class ResourceProxy:
    """``typed_openai.<resource>``: the default client's resource, looked up on every use."""

    __slots__ = ("_name",)

    def __init__(self, name: str) -> None:
        self._name = name

    def _resource(self) -> Any:
        return getattr(load_client(), self._name)

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self._resource(), attribute)

    def __dir__(self) -> list[str]:
        return dir(self._resource())

    def __repr__(self) -> str:
        return repr(self._resource())

    @property  # type: ignore[misc]
    def __class__(self) -> type:  # pyright: ignore[reportIncompatibleMethodOverride]
        # isinstance(typed_openai.chat, Chat) holds, as for the SDK's proxies; an isinstance
        # check (gc.get_objects() walkers do them on every object) never raises: with settings
        # that build no client the proxy is just a proxy
        try:
            return type(self._resource())
        except (OpenAIError, ValueError):
            return ResourceProxy


@cache
def _resource_names() -> frozenset[str]:
    """The top-level resources of the client (`chat`, `files`, …), read off its class."""
    from functools import cached_property

    from ._client import OpenAI

    return frozenset(
        name
        for cls in OpenAI.__mro__
        for name, member in vars(cls).items()
        if isinstance(member, cached_property)
        and not name.startswith("_")
        and name not in ("with_raw_response", "with_streaming_response")
    )


_proxies: dict[str, ResourceProxy] = {}


def module_attribute(name: str) -> Any:
    """What ``typed_openai.<name>`` is when the module does not define it: a setting's default
    or a resource proxy. Raises AttributeError otherwise."""
    if name == "timeout":
        from ._core import DEFAULT_TIMEOUT

        return DEFAULT_TIMEOUT
    if name == "max_retries":
        from ._core import DEFAULT_MAX_RETRIES

        return DEFAULT_MAX_RETRIES
    if not name.startswith("_") and name in _resource_names():
        return _proxies.setdefault(name, ResourceProxy(name))
    raise AttributeError(f"module {_package().__name__!r} has no attribute {name!r}")
