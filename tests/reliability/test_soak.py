"""Soak: thousands of calls through one client while the server fails a seeded share of them.

Async: 5,000 calls from 200 concurrent tasks through one ``AsyncOpenAI`` whose pool holds 20
connections; a quarter are streamed chat completions (read to the end), a quarter plain ones,
half model look-ups. Sync: the same 5,000 calls through one ``OpenAI`` shared by 32 threads.

The server (``faulty_server.py``, in a child process) answers ~10% of attempts with a 5xx and
resets ~3% of connections, seeded per (call, attempt), so the outcome of every call is known in
advance: each call must return the right object, or raise the documented error after exactly its
retries. Nothing may hang (the hard
time limit of ``conftest.py``), and afterwards the pool is idle, the open file descriptors are
back to the baseline, and memory has not grown across the rounds.

The figures are printed (``pytest -m soak -s`` or ``nox -s soak``).
"""

from __future__ import annotations

import gc
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import anyio
import httpx
import pytest

from typed_openai import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AsyncOpenAI,
    InternalServerError,
    OpenAI,
)

from .conftest import SECRET, open_fds, pool_state, rss_bytes
from .faulty_server import SpawnedServer

pytestmark = pytest.mark.soak

SEED = 20261125
ERROR_RATE = 0.10
RESET_RATE = 0.03
POOL = 20
ROUNDS = 5
MAX_RETRIES = 2
MESSAGES = [{"role": "user", "content": "soak"}]
TIMEOUT = httpx.Timeout(20.0, connect=5.0)
RETRY_HEADER = OpenAI._client_config.retry_count_header or "x-retry-count"


def _server() -> SpawnedServer:
    return SpawnedServer(
        seed=SEED, error_rate=ERROR_RATE, reset_rate=RESET_RATE, retry_count_header=RETRY_HEADER
    )


def expected_outcome(server: SpawnedServer, call: int) -> str:
    fate = "ok"
    for attempt in range(MAX_RETRIES + 1):
        fate = server.fate(str(call), attempt)
        if fate == "ok":
            return "ok"
    return "APIConnectionError" if fate == "reset" else "InternalServerError"


def _check_error(error: Exception) -> str:
    """The documented classes only, each with a message a person can read."""
    assert isinstance(error, (InternalServerError, APIConnectionError)), repr(error)
    assert not isinstance(error, APITimeoutError), repr(error)
    assert str(error) and SECRET not in str(error)
    if isinstance(error, APIStatusError):
        assert error.status_code in (500, 502, 503)
    return type(error).__name__


def _check_result(call: int, result: Any) -> str:
    if call % 4 == 2:  # a stream, read to its end
        assert "".join(result) == str(call)
    elif call % 2 == 0:
        assert result.id == f"chatcmpl-{call}"
        assert result.choices[0].message.content == str(call)
    else:
        assert result.id == f"m-{call}"
    return "ok"


class Report:
    def __init__(self, name: str) -> None:
        self.name = name
        self.outcomes: Counter[str] = Counter()
        self.memory: list[tuple[int, float, int]] = []  # (round, RSS MiB, gc-tracked objects)
        self.lines: list[str] = []

    def round_done(self, number: int) -> None:
        gc.collect()
        self.memory.append((number, rss_bytes() / 2**20, len(gc.get_objects())))

    def check_memory(self) -> None:
        # Round 1 warms caches (lazy imports, pydantic schemas, pools); later rounds must not
        # keep anything. A per-call leak of one object would add 1,000 objects per round.
        _, rss_2, objects_2 = self.memory[1]
        _, rss_last, objects_last = self.memory[-1]
        assert objects_last - objects_2 < 1500, self.memory
        assert rss_last - rss_2 < 16, self.memory

    def print(self, capsys: pytest.CaptureFixture[str]) -> None:
        with capsys.disabled():
            print(f"\n=== soak ({self.name}) ===")
            for line in self.lines:
                print(line)
            for number, rss, objects in self.memory:
                print(f"  after round {number}: RSS {rss:.1f} MiB, gc-tracked objects {objects}")


def _wait_all_closed(server: SpawnedServer) -> None:
    """Closing the client closes every pooled connection: the server sees them all go."""
    deadline = time.monotonic() + 5
    while server.stats()["open"] > 0:
        assert time.monotonic() < deadline, server.stats()
        time.sleep(0.02)


def _fault_line(server: SpawnedServer) -> str:
    counts = Counter(server.stats())
    return (
        f"  server: {counts['requests']} requests; ok {counts['ok']}, 500 {counts['500']}, "
        f"502 {counts['502']}, 503 {counts['503']}, resets {counts['reset']}; "
        f"connections opened {counts['opened']}, open after the client closed {counts['open']}"
    )


def test_async_soak(capsys: pytest.CaptureFixture[str]) -> None:
    calls_per_round = 1000
    tasks = 200
    report = Report(f"async: {ROUNDS * calls_per_round} calls, {tasks} tasks, pool {POOL}")
    fds_before = open_fds()

    async def main() -> tuple[int, int, int]:
        with _server() as server:
            http = httpx.AsyncClient(
                limits=httpx.Limits(max_connections=POOL, max_keepalive_connections=POOL)
            )
            client = AsyncOpenAI(
                api_key=SECRET, base_url=server.url + "/v1", http_client=http, timeout=TIMEOUT
            )

            async def one(call: int) -> str:
                headers = {"x-soak-call": str(call)}
                try:
                    if call % 4 == 2:
                        stream = await client.chat.completions.create(
                            model="m",
                            messages=MESSAGES,  # type: ignore[arg-type]
                            extra_headers=headers,
                            stream=True,
                        )
                        result: Any = [c.choices[0].delta.content async for c in stream]
                    elif call % 2 == 0:
                        result = await client.chat.completions.create(
                            model="m",
                            messages=MESSAGES,  # type: ignore[arg-type]
                            extra_headers=headers,
                        )
                    else:
                        result = await client.models.retrieve(f"m-{call}", extra_headers=headers)
                except (APIStatusError, APIConnectionError) as error:
                    return _check_error(error)
                return _check_result(call, result)

            async def worker(queue: list[int], outcomes: dict[int, str]) -> None:
                while queue:
                    call = queue.pop()
                    outcomes[call] = await one(call)

            for number in range(1, ROUNDS + 1):
                first = (number - 1) * calls_per_round
                queue = list(range(first + calls_per_round - 1, first - 1, -1))
                outcomes: dict[int, str] = {}
                async with anyio.create_task_group() as group:
                    for _ in range(tasks):
                        group.start_soon(worker, queue, outcomes)
                assert len(outcomes) == calls_per_round
                for call, outcome in outcomes.items():
                    assert outcome == expected_outcome(server, call), call
                report.outcomes.update(outcomes.values())
                connections, busy = pool_state(client)
                assert busy == 0 and connections <= POOL
                assert server.stats()["open"] <= POOL
                report.round_done(number)
            pool_after = pool_state(client)
            open_during = open_fds()
            await client.close()
            await anyio.to_thread.run_sync(_wait_all_closed, server)
            report.lines.append(_fault_line(server))
            return pool_after[0], pool_after[1], open_during

    start = time.monotonic()
    connections, busy, fds_during = anyio.run(main)
    elapsed = time.monotonic() - start
    gc.collect()
    fds_after = open_fds()
    report.lines += [
        f"  calls: {sum(report.outcomes.values())} in {elapsed:.1f} s; outcomes {dict(report.outcomes)}",
        f"  pool after the last round: {connections} connections, {busy} checked out",
        f"  open fds: before {fds_before}, with the client open {fds_during} (its sockets + 2 pipes to the server process), after {fds_after}",
    ]
    report.print(capsys)
    assert sum(report.outcomes.values()) == ROUNDS * calls_per_round
    assert report.outcomes["ok"] > 0.95 * ROUNDS * calls_per_round
    assert report.outcomes["InternalServerError"] > 0 and report.outcomes["APIConnectionError"] > 0
    assert fds_after == fds_before
    report.check_memory()


def test_sync_soak(capsys: pytest.CaptureFixture[str]) -> None:
    calls_per_round = 1000
    threads = 32
    report = Report(f"sync: {ROUNDS * calls_per_round} calls, {threads} threads, pool {POOL}")
    fds_before = open_fds()
    start = time.monotonic()
    with _server() as server:
        http = httpx.Client(
            limits=httpx.Limits(max_connections=POOL, max_keepalive_connections=POOL)
        )
        client = OpenAI(
            api_key=SECRET, base_url=server.url + "/v1", http_client=http, timeout=TIMEOUT
        )

        def one(call: int) -> str:
            headers = {"x-soak-call": str(call)}
            try:
                if call % 4 == 2:
                    stream = client.chat.completions.create(
                        model="m",
                        messages=MESSAGES,  # type: ignore[arg-type]
                        extra_headers=headers,
                        stream=True,
                    )
                    result: Any = [c.choices[0].delta.content for c in stream]
                elif call % 2 == 0:
                    result = client.chat.completions.create(
                        model="m",
                        messages=MESSAGES,  # type: ignore[arg-type]
                        extra_headers=headers,
                    )
                else:
                    result = client.models.retrieve(f"m-{call}", extra_headers=headers)
            except (APIStatusError, APIConnectionError) as error:
                return _check_error(error)
            return _check_result(call, result)

        with ThreadPoolExecutor(max_workers=threads) as pool:
            for number in range(1, ROUNDS + 1):
                calls = range((number - 1) * calls_per_round, number * calls_per_round)
                outcomes = dict(zip(calls, pool.map(one, calls), strict=True))
                for call, outcome in outcomes.items():
                    assert outcome == expected_outcome(server, call), call
                report.outcomes.update(outcomes.values())
                connections, busy = pool_state(client)
                assert busy == 0 and connections <= POOL
                report.round_done(number)
        connections, busy = pool_state(client)
        fds_during = open_fds()
        client.close()
        _wait_all_closed(server)
        report.lines.append(_fault_line(server))
    elapsed = time.monotonic() - start
    gc.collect()
    fds_after = open_fds()
    report.lines += [
        f"  calls: {sum(report.outcomes.values())} in {elapsed:.1f} s; outcomes {dict(report.outcomes)}",
        f"  pool after the last round: {connections} connections, {busy} checked out",
        f"  open fds: before {fds_before}, with the client open {fds_during} (its sockets + 2 pipes to the server process), after {fds_after}",
    ]
    report.print(capsys)
    assert sum(report.outcomes.values()) == ROUNDS * calls_per_round
    assert report.outcomes["ok"] > 0.95 * ROUNDS * calls_per_round
    assert report.outcomes["InternalServerError"] > 0 and report.outcomes["APIConnectionError"] > 0
    assert fds_after == fds_before
    report.check_memory()
