"""Sync and async twins must offer the same parameters, so neither drifts from the other."""

from __future__ import annotations

import inspect
from typing import Any

import pytest

from typed_openai._core import (
    APIResponse,
    AsyncAPIClient,
    AsyncAPIResponse,
    AsyncCursorPage,
    AsyncStream,
    Stream,
    SyncAPIClient,
    SyncCursorPage,
)


def _params(obj: Any) -> list[tuple[str, object, object]]:
    signature = inspect.signature(obj)
    return [(p.name, p.kind, p.default) for p in signature.parameters.values()]


@pytest.mark.parametrize(
    "name",
    [
        "request",
        "get",
        "post",
        "put",
        "patch",
        "delete",
        "get_api_list",
        "_copy",
        "__init__",
        "close",
    ],
)
def test_client_twins(name: str) -> None:
    assert _params(getattr(SyncAPIClient, name)) == _params(getattr(AsyncAPIClient, name))


@pytest.mark.parametrize(
    "name", ["parse", "read", "text", "json", "iter_bytes", "iter_text", "iter_lines", "close"]
)
def test_response_twins(name: str) -> None:
    assert _params(getattr(APIResponse, name)) == _params(getattr(AsyncAPIResponse, name))


def test_stream_and_page_twins() -> None:
    assert _params(Stream.__init__) == _params(AsyncStream.__init__)
    for name in ("has_next_page", "get_next_page", "iter_pages", "to_dict", "next_page_query"):
        assert _params(getattr(SyncCursorPage, name)) == _params(getattr(AsyncCursorPage, name))


@pytest.mark.parametrize("name", ["__init__", "copy", "with_options"])
def test_generated_client_twins(name: str) -> None:
    from typed_openai import AsyncOpenAI, OpenAI

    assert _params(getattr(OpenAI, name)) == _params(getattr(AsyncOpenAI, name))
