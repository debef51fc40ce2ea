"""Differential tests: the same code, written for the official SDK, run against both packages.

``sdk`` is parametrised over ``typed_openai`` and the official ``openai`` (the oracle pinned in the
test extras); a test takes the module, builds its client against the loopback server and records
what a user could observe. ``run_both`` runs one such function with each and returns both results,
so a test asserts they agree (and what they are).
"""

from __future__ import annotations

import warnings
from collections.abc import Awaitable, Callable
from types import ModuleType
from typing import Any, TypeVar

import pytest

import typed_openai

_T = TypeVar("_T")

API_KEY = "sk-drop-in-test"


def official() -> ModuleType:
    import openai

    return openai


def run_both(code: Callable[[ModuleType], _T]) -> tuple[_T, _T]:
    """``(code(typed_openai), code(openai))``."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # the SDK flags some APIs
        return code(typed_openai), code(official())


async def arun_both(code: Callable[[ModuleType], Awaitable[_T]]) -> tuple[_T, _T]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return await code(typed_openai), await code(official())


@pytest.fixture(autouse=True)
def _no_openai_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Both SDKs read the same variables: none may leak in from the machine."""
    for name in (
        "OPENAI_API_KEY",
        "OPENAI_BASE_URL",
        "OPENAI_ORG_ID",
        "OPENAI_PROJECT_ID",
        "OPENAI_WEBHOOK_SECRET",
        "OPENAI_ADMIN_KEY",
        "OPENAI_LOG",
        "OPENAI_CUSTOM_HEADERS",
    ):
        monkeypatch.delenv(name, raising=False)


def client_of(sdk: ModuleType, base_url: str, **kwargs: Any) -> Any:
    kwargs.setdefault("max_retries", 0)
    return sdk.OpenAI(api_key=API_KEY, base_url=base_url, **kwargs)


def async_client_of(sdk: ModuleType, base_url: str, **kwargs: Any) -> Any:
    kwargs.setdefault("max_retries", 0)
    return sdk.AsyncOpenAI(api_key=API_KEY, base_url=base_url, **kwargs)


def fresh_module_client(sdk: ModuleType) -> None:
    """Close and drop the package's cached module-level client (``sdk.chat...`` then builds a
    new one from the module settings): another test may have closed the one it cached."""
    if sdk is typed_openai:
        from typed_openai import _module_client

        _module_client.close_client()
    else:
        sdk._reset_client()  # not closed: the official module clients share their connections
