"""Cheap clients and no leaks: one shared SSL context, no class per call, bounded caches."""

from __future__ import annotations

import gc
import time
from typing import Any

from tests.support.server import Reply, ScriptedServer
from typed_openai._core import (
    Stream,
    SyncCursorPage,
    to_raw_response_wrapper,
)
from typed_openai._core import _models as models_module
from typed_openai._core._config import shared_ssl_context

from .conftest import AsyncExampleClient, ExampleClient, Thing


def _ssl_context_of(client: Any) -> object:
    return client._http._transport._pool._ssl_context


def test_clients_share_one_ssl_context() -> None:
    first = ExampleClient(api_key="k")
    second = ExampleClient(api_key="k")
    third = AsyncExampleClient(api_key="k")
    assert (
        _ssl_context_of(first)
        is _ssl_context_of(second)
        is _ssl_context_of(third)
        is shared_ssl_context()
    )
    first.close()
    second.close()


def test_construction_is_cheap() -> None:
    ExampleClient(api_key="k").close()  # the shared context is built once, here at the latest
    start = time.perf_counter()
    clients = [ExampleClient(api_key="k") for _ in range(50)]
    per_client = (time.perf_counter() - start) / 50
    for client in clients:
        client.close()
    # Building an SSL context alone takes several milliseconds; a client must cost far less.
    assert per_client < 0.01, per_client


def test_copies_are_cheap_and_share_the_pool() -> None:
    client = ExampleClient(api_key="k")
    start = time.perf_counter()
    copies = [client.with_options(max_retries=i % 3) for i in range(100)]
    assert (time.perf_counter() - start) / 100 < 0.005
    assert all(c._http is client._http for c in copies)  # pyright: ignore[reportPrivateUsage]
    client.close()


def _type_ids() -> set[int]:
    gc.collect()
    return {id(obj) for obj in gc.get_objects() if isinstance(obj, type)}


def _new_runtime_types(before: set[int]) -> list[type]:
    """Classes created since `before` by the runtime or for this test's model.

    Only those count: in a full test run other threads (servers, plugins) may import modules of
    their own meanwhile, which says nothing about the client's calls.
    """
    gc.collect()
    return [
        obj
        for obj in gc.get_objects()
        if isinstance(obj, type)
        and id(obj) not in before
        and (
            obj.__module__.startswith(models_module.__name__.rpartition(".")[0])
            or obj.__module__ == __name__
            or "Thing" in obj.__qualname__
        )
    ]


def _exercise(client: ExampleClient, server: ScriptedServer) -> None:
    server.reply(
        Reply.json({"id": "a"}),
        Reply.sse(['data: {"id": "s"}\n\n', "data: [DONE]\n\n"]),
        Reply.json({"data": [{"id": "p"}], "has_more": False}),
        Reply.json({"id": "r"}),
    )
    client.get("/x", cast_to=Thing)
    list(client.post("/s", cast_to=Thing, stream=True, stream_cls=Stream[Thing]))
    list(client.get_api_list("/l", page=SyncCursorPage[Thing]))
    to_raw_response_wrapper(client.get)("/r", cast_to=Thing).parse()


def test_no_class_is_created_per_call(client: ExampleClient, server: ScriptedServer) -> None:
    for _ in range(3):
        _exercise(client, server)  # warm every cache
    before = _type_ids()
    for _ in range(20):
        _exercise(client, server)
    assert _new_runtime_types(before) == []


def test_caches_are_bounded() -> None:
    for cached in (
        models_module._cached_adapter,
        models_module._api_names,
    ):  # pyright: ignore[reportPrivateUsage]
        assert cached.cache_info().maxsize is not None
