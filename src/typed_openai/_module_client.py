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
"""

from __future__ import annotations

import sys
import threading
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._client import OpenAI

__all__ = [
    "SETTINGS",
    "ResourceProxy",
    "close_client",
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
# copy() replaces the default headers/query with these keywords instead of merging into them
_REPLACING = {"default_headers": "set_default_headers", "default_query": "set_default_query"}

_lock = threading.Lock()
_client: OpenAI | None = None
_built_from: dict[str, Any] = {}
# clients replaced by a fresh build (their pool is not shared with the new one): not closed on
# replacement, since a call on another thread may still be using them; `close_client` closes them
_retired: list[OpenAI] = []


def _package() -> Any:
    return sys.modules[__name__.rpartition(".")[0]]


def _current() -> dict[str, Any]:
    package = _package()
    values = {name: getattr(package, name) for name in SETTINGS}
    # compared by content: a mapping changed in place counts as changed
    for name in ("default_headers", "default_query"):
        if values[name] is not None:
            values[name] = dict(values[name])
    return values


def _differs(old: object, new: object) -> bool:
    # the http client by identity (a new one is a new pool); the rest by value
    return old is not new and (old != new or type(old) is not type(new))


def _build(values: dict[str, Any]) -> OpenAI:
    from ._client import OpenAI

    arguments = {name: value for name, value in values.items() if value is not None}
    if "timeout" in values:
        arguments["timeout"] = values["timeout"]  # None means "no timeout" here
    return OpenAI(**arguments)


def load_client() -> OpenAI:
    """The default client for the current settings (built on first use, rebuilt on change)."""
    global _client, _built_from
    values = _current()
    client = _client
    if client is not None and not any(
        _differs(_built_from[name], values[name]) for name in SETTINGS
    ):
        return client
    with _lock:
        if _client is None:
            _client = _build(values)
        else:
            changed = {n: v for n, v in values.items() if _differs(_built_from[n], v)}
            if not changed:
                return _client
            unset = [n for n, v in changed.items() if v is None and n != "timeout"]
            if unset or "http_client" in changed:
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
        # isinstance(typed_openai.chat, Chat) holds, as for the SDK's proxies
        return type(self._resource())


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
