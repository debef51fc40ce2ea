"""Rows measured in this process against the loopback server: client construction, request
overhead, long conversation build time, async throughput, big response."""

from __future__ import annotations

import asyncio
import gc
import json
import time
from typing import Any

import httpx

from . import _payloads as payloads
from ._contenders import (
    API_KEY,
    async_client,
    http_client_class,
    official_module,
    ours_module,
    require,
    sync_client,
)
from ._context import Context
from ._harness import Contender, RowResult, interleave


def client_construction(ctx: Context, row: RowResult) -> None:
    ours, official = ours_module(), official_module()
    sizes = ctx.sizes

    def construct(module: Any, count: int) -> float:
        gc.collect()
        start = time.perf_counter()
        for _ in range(count):
            module.OpenAI(api_key="k")
        return (time.perf_counter() - start) / count * 1e6

    construct(ours, 1), construct(official, 1)  # first construction pays lazy one-time setup
    row.measurements = interleave(
        [
            Contender("ours", lambda: construct(ours, sizes.construct_ours)),
            Contender("official", lambda: construct(official, sizes.construct_official)),
        ],
        sizes.reps,
        "µs/client",
    )
    row.notes.append(
        f"ours x{sizes.construct_ours} and official x{sizes.construct_official} per repetition; "
        "figures are per construction"
    )
    row.check_ratio("ours / official", "<=", 0.05, "ours", "official")


def _sequential_calls(create: Any, count: int) -> float:
    start = time.perf_counter()
    for _ in range(count):
        create()
    return (time.perf_counter() - start) / count * 1e6


def request_overhead(ctx: Context, row: RowResult) -> None:
    base_url = ctx.server.register("chat", payloads.chat_completion_body())
    messages = payloads.SHORT_MESSAGES
    ours = sync_client("ours", base_url)
    create_ours = require(ours, "chat.completions.create")
    official = sync_client("official", base_url)
    raw = httpx.Client(base_url=base_url, headers={"Authorization": f"Bearer {API_KEY}"})
    body = {"model": payloads.MODEL, "messages": messages}

    def call_raw() -> object:
        return json.loads(raw.post("/chat/completions", json=body).content)

    def call_ours() -> object:
        return create_ours(model=payloads.MODEL, messages=messages)

    def call_official() -> object:
        return official.chat.completions.create(model=payloads.MODEL, messages=messages)

    calls = ctx.sizes.request_calls
    for warm in (call_raw, call_ours, call_official):  # open the keep-alive connection
        for _ in range(3):
            warm()
    try:
        row.measurements = interleave(
            [
                Contender("raw httpx", lambda: _sequential_calls(call_raw, calls)),
                Contender("ours", lambda: _sequential_calls(call_ours, calls)),
                Contender("official", lambda: _sequential_calls(call_official, calls)),
            ],
            ctx.sizes.reps,
            "µs/call",
        )
    finally:
        raw.close()
        ours.close()
        official.close()
    row.notes.append(
        f"{calls} sequential calls per repetition, {len(payloads.chat_completion_body())} B reply"
    )
    row.check_ratio("ours / raw httpx", "<=", 1.15, "ours", "raw httpx")
    row.check_ratio("ours / official", "<=", 0.5, "ours", "official")


def long_conversation(ctx: Context, row: RowResult) -> None:
    """Time from calling ``create`` to the request reaching httpx's send (an event hook), so only
    the request build (param transform, JSON encoding, headers) is measured."""
    base_url = ctx.server.register("long", payloads.chat_completion_body())
    messages = payloads.long_conversation(ctx.sizes.long_messages)
    sent_at: list[float] = []

    def hook(_request: object) -> None:
        sent_at.append(time.perf_counter())

    def builder(which: str) -> Any:
        if which == "raw httpx":
            client = httpx.Client(base_url=base_url, event_hooks={"request": [hook]})
            body = {"model": payloads.MODEL, "messages": messages}
            return client, lambda: client.post("/chat/completions", json=body)
        http_client = http_client_class(which)(event_hooks={"request": [hook]})
        client = sync_client(which, base_url, http_client=http_client)
        create = require(client, "chat.completions.create")
        return client, lambda: create(model=payloads.MODEL, messages=messages)

    def build_time(call: Any, count: int) -> float:
        total = 0.0
        for _ in range(count):
            sent_at.clear()
            start = time.perf_counter()
            call()
            total += sent_at[0] - start
        return total / count * 1e3

    clients = {which: builder(which) for which in ("raw httpx", "ours", "official")}
    for _, call in clients.values():
        build_time(call, 2)
    counts = {"raw httpx": ctx.sizes.long_builds_ours, "ours": ctx.sizes.long_builds_ours}
    counts["official"] = ctx.sizes.long_builds_official
    try:
        row.measurements = interleave(
            [
                Contender(which, lambda call=call, n=counts[which]: build_time(call, n))
                for which, (_, call) in clients.items()
            ],
            ctx.sizes.reps,
            "ms/request",
        )
    finally:
        for client, _ in clients.values():
            client.close()
    row.notes.append(
        f"{len(messages)} messages ({len(json.dumps(messages))} B of JSON); raw httpx = json= encoding only"
    )
    row.check_ratio("ours / official", "<=", 0.05, "ours", "official")


async def _drive(call: Any, total: int, concurrency: int) -> None:
    remaining = total

    async def worker() -> None:
        nonlocal remaining
        while remaining > 0:
            remaining -= 1
            await call()

    await asyncio.gather(*(worker() for _ in range(concurrency)))


def async_throughput(ctx: Context, row: RowResult) -> None:
    base_url = ctx.server.register("async", payloads.chat_completion_body())
    messages = payloads.SHORT_MESSAGES
    body = {"model": payloads.MODEL, "messages": messages}
    total, concurrency = ctx.sizes.async_calls, ctx.sizes.async_concurrency
    ours_module()

    async def one_rep(which: str) -> float:
        if which == "raw httpx":
            limits = httpx.Limits(
                max_connections=concurrency, max_keepalive_connections=concurrency
            )
            client: Any = httpx.AsyncClient(
                base_url=base_url, limits=limits, headers={"Authorization": f"Bearer {API_KEY}"}
            )

            async def call() -> object:
                return json.loads((await client.post("/chat/completions", json=body)).content)

            close = client.aclose
        else:
            sdk: Any = async_client(which, base_url)
            close = sdk.close
            create = require(sdk, "chat.completions.create")

            async def call() -> object:
                return await create(model=payloads.MODEL, messages=messages)

        try:
            await _drive(call, concurrency, concurrency)  # warm-up: open the connections
            start = time.perf_counter()
            await _drive(call, total, concurrency)
            return total / (time.perf_counter() - start)
        finally:
            await close()

    row.measurements = interleave(
        [
            Contender("raw httpx", lambda: asyncio.run(one_rep("raw httpx")), reps=1),
            Contender("ours", lambda: asyncio.run(one_rep("ours"))),
            Contender("official", lambda: asyncio.run(one_rep("official"))),
        ],
        ctx.sizes.async_reps,
        "requests/s",
    )
    row.measurements[0].note = "1 repetition, reference only"
    row.notes.append(
        f"{total} calls from {concurrency} tasks; each SDK with its default connection pool; "
        f"raw httpx with a pool of {concurrency}; {ctx.sizes.async_reps} repetitions (time budget)"
    )
    row.check_ratio("ours / official (req/s)", ">=", 1.0, "ours", "official")


def aiohttp_throughput(ctx: Context, row: RowResult) -> None:
    """Our async client over ``DefaultAioHttpClient`` (aiohttp's pool and parser) against the
    same client on its default pool (httpx + our linear-time httpcore pool)."""
    base_url = ctx.server.register("aiohttp", payloads.chat_completion_body())
    messages = payloads.SHORT_MESSAGES
    total, concurrency = ctx.sizes.async_calls, ctx.sizes.async_concurrency
    ours = ours_module()

    async def one_rep(transport: str) -> float:
        kwargs: dict[str, Any] = {"api_key": API_KEY, "base_url": base_url}
        if transport == "aiohttp":
            kwargs["http_client"] = ours.DefaultAioHttpClient()
        sdk: Any = ours.AsyncOpenAI(**kwargs)
        create = require(sdk, "chat.completions.create")

        async def call() -> object:
            return await create(model=payloads.MODEL, messages=messages)

        try:
            await _drive(call, concurrency, concurrency)  # warm-up: open the connections
            start = time.perf_counter()
            await _drive(call, total, concurrency)
            return total / (time.perf_counter() - start)
        finally:
            await sdk.close()

    row.measurements = interleave(
        [
            Contender("default pool", lambda: asyncio.run(one_rep("default"))),
            Contender("aiohttp", lambda: asyncio.run(one_rep("aiohttp"))),
        ],
        ctx.sizes.async_reps,
        "requests/s",
    )
    row.notes.append(
        f"{total} calls from {concurrency} tasks, both through our AsyncOpenAI; "
        "aiohttp = http_client=DefaultAioHttpClient(); informational: no target"
    )
    ratio = row.ratio("aiohttp", "default pool")
    if ratio is not None:
        row.notes.append(f"aiohttp / default pool (req/s, medians): {ratio:.2f}")


def big_response(ctx: Context, row: RowResult) -> None:
    body = payloads.files_list_body(ctx.sizes.files)
    base_url = ctx.server.register("files", body)
    ours = sync_client("ours", base_url)
    list_ours = require(ours, "files.list")
    official = sync_client("official", base_url)
    raw = httpx.Client(base_url=base_url)

    def timed(call: Any) -> float:
        total = 0.0
        for _ in range(ctx.sizes.files_calls):
            start = time.perf_counter()
            call()
            total += time.perf_counter() - start
        return total / ctx.sizes.files_calls * 1e3

    def call_ours() -> None:
        page = list_ours()
        assert len(page.data) == ctx.sizes.files

    def call_official() -> None:
        page = official.files.list()
        assert len(page.data) == ctx.sizes.files

    def call_raw() -> None:
        assert len(json.loads(raw.get("/files").content)["data"]) == ctx.sizes.files

    for warm in (call_raw, call_ours, call_official):
        warm()
    try:
        row.measurements = interleave(
            [
                Contender("raw httpx", lambda: timed(call_raw)),
                Contender("ours", lambda: timed(call_ours)),
                Contender("official", lambda: timed(call_official)),
            ],
            ctx.sizes.reps,
            "ms/page",
        )
    finally:
        raw.close()
        ours.close()
        official.close()
    row.notes.append(
        f"{ctx.sizes.files} file objects ({len(body) / 1e6:.1f} MB); raw httpx = json.loads only"
    )
    row.check_ratio("ours / official", "<=", 1.0, "ours", "official")
