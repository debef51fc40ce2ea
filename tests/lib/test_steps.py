"""`typed_openai.lib._steps`: one helper body driven sync or async behaves the same way — the
results it gets back, the errors it sees at its `yield`, cancellation, and the dispatch on the
resource's kind."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest

from typed_openai import AsyncOpenAI, OpenAI
from typed_openai.lib._steps import Steps, run, run_async, sync_or_async


def _body(call: Callable[[], Any], seen: list[str]) -> Steps[str]:
    try:
        first = yield call()
        second = yield call()
    except ValueError as error:
        return f"caught {error}"
    finally:
        seen.append("closed")
    return f"{first}+{second}"


def _counter() -> Callable[[], int]:
    count = iter(range(1, 100))
    return lambda: next(count)


def _async_counter() -> Callable[[], Any]:
    sync = _counter()

    async def call() -> int:
        return sync()

    return call


def _fails() -> None:
    raise ValueError("bad")


async def _async_fails() -> None:
    raise ValueError("bad")


def test_both_drivers_hand_back_the_results() -> None:
    seen: list[str] = []
    assert run(_body(_counter(), seen)) == "1+2"
    assert asyncio.run(run_async(_body(_async_counter(), seen))) == "1+2"
    assert seen == ["closed", "closed"]


def test_an_error_is_seen_by_the_body_at_its_yield_in_both() -> None:
    seen: list[str] = []
    assert run(_body(_fails, seen)) == "caught bad"
    assert asyncio.run(run_async(_body(_async_fails, seen))) == "caught bad"
    assert seen == ["closed", "closed"]


def test_cancelling_the_async_driver_closes_the_body() -> None:
    seen: list[str] = []

    async def main() -> None:
        task = asyncio.ensure_future(run_async(_body(lambda: asyncio.sleep(60), seen)))
        await asyncio.sleep(0.01)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(main())
    assert seen == ["closed"]


def test_sync_or_async_runs_on_a_sync_resource_and_defers_on_an_async_one() -> None:
    @sync_or_async
    def kind(resource: Any, *, value: int) -> Steps[tuple[str, int]]:
        got = yield value  # not awaitable: handed back as is by both drivers
        return (type(resource).__name__, got)

    sync_client = OpenAI(api_key="k", base_url="http://127.0.0.1:9")
    async_client = AsyncOpenAI(api_key="k", base_url="http://127.0.0.1:9")
    assert kind(sync_client.models, value=3) == ("Models", 3)
    pending = kind(async_client.models, value=4)
    assert asyncio.iscoroutine(pending)
    assert asyncio.run(pending) == ("AsyncModels", 4)
    sync_client.close()
    asyncio.run(async_client.close())
