"""How each contender is built, and which of our features exist yet.

Our client is still being generated piece by piece; a row asks ``require(...)`` for what it needs
and gets ``FeatureMissing`` (reported as "n/a") instead of an AttributeError deep in a loop.
"""

from __future__ import annotations

import importlib
from typing import Any

from ._harness import FeatureMissing

API_KEY = "sk-bench"


def ours_module() -> Any:
    try:
        module = importlib.import_module("typed_openai")
    except ImportError as exc:  # pragma: no cover - the package is installed in every session
        raise FeatureMissing(f"typed_openai does not import: {exc}") from exc
    if not hasattr(module, "OpenAI") or not hasattr(module, "AsyncOpenAI"):
        raise FeatureMissing("typed_openai.OpenAI / AsyncOpenAI")
    return module


def official_module() -> Any:
    return importlib.import_module("openai")


def require(client: object, dotted: str) -> Any:
    """``client.<dotted>`` or FeatureMissing naming the missing attribute."""
    target: Any = client
    for part in dotted.split("."):
        if not hasattr(target, part):
            raise FeatureMissing(f"{type(client).__name__}.{dotted}")
        target = getattr(target, part)
    return target


def ours_event_handler_base() -> type:
    ours = ours_module()
    for where in (
        "typed_openai",
        "typed_openai.lib.streaming",
        "typed_openai.lib.streaming.assistants",
    ):
        try:
            module = importlib.import_module(where)
        except ImportError:
            continue
        base = getattr(module, "AssistantEventHandler", None)
        if isinstance(base, type):
            return base
    del ours
    raise FeatureMissing("typed_openai.AssistantEventHandler")


def sync_client(which: str, base_url: str, http_client: object | None = None) -> Any:
    module = ours_module() if which == "ours" else official_module()
    kwargs: dict[str, Any] = {"api_key": API_KEY, "base_url": base_url}
    if http_client is not None:
        kwargs["http_client"] = http_client
    return module.OpenAI(**kwargs)


def async_client(which: str, base_url: str) -> Any:
    module = ours_module() if which == "ours" else official_module()
    return module.AsyncOpenAI(api_key=API_KEY, base_url=base_url)


def http_client_class(which: str) -> Any:
    """The httpx client class a contender's ``http_client=`` must be (the official SDK moved to
    the ``httpx2`` fork and rejects a plain ``httpx.Client``)."""
    if which == "official":
        return official_module().DefaultHttpxClient
    return importlib.import_module("httpx").Client
