"""Run polling (`runs.poll`, `create_and_poll`, `submit_tool_outputs_and_poll`,
`threads.create_and_run_poll`) against the scripted loopback server, sync and async."""

from __future__ import annotations

import signal
import threading
import time

import anyio
import pytest

from tests.lib.polling.wire_objects import (
    AsyncSleepRecorder,
    SleepRecorder,
    json_replies,
    run_object,
)
from tests.support.deprecations import calls_deprecated_operations
from tests.support.server import Reply, ScriptedServer
from typed_openai import AsyncOpenAI, InternalServerError, OpenAI
from typed_openai._with_helpers.beta.threads import AsyncThreads as AsyncThreadsPolling
from typed_openai._with_helpers.beta.threads import Threads as ThreadsPolling
from typed_openai._with_helpers.beta.threads.runs import AsyncRuns as AsyncRunsPolling
from typed_openai._with_helpers.beta.threads.runs import Runs as RunsPolling

pytestmark = calls_deprecated_operations

RUN_PATH = "/threads/thread_1/runs/run_1"


def _walk(server: ScriptedServer, *statuses: str, headers: dict[str, str] | None = None) -> None:
    server.route(
        "GET", RUN_PATH, *json_replies(*(run_object(s) for s in statuses), headers=headers)
    )


def _polls(server: ScriptedServer) -> list[dict[str, str]]:
    return [r.headers for r in server.requests if r.method == "GET"]


# -- poll: states, requests, headers ---------------------------------------------------------


def test_poll_walks_the_run_to_completed(server: ScriptedServer, client: OpenAI) -> None:
    _walk(server, "queued", "in_progress", "completed")
    runs = RunsPolling(client)
    runs._sleep = sleep = SleepRecorder()

    run = runs.poll("run_1", "thread_1", poll_interval_ms=5)

    assert run.status == "completed"
    assert [(r.method, r.path) for r in server.requests] == [("GET", RUN_PATH)] * 3
    for headers in _polls(server):
        assert headers["x-stainless-poll-helper"] == "true"
        assert headers["x-stainless-custom-poll-interval"] == "5"
        assert headers["openai-beta"] == "assistants=v2"
    assert sleep.delays == [0.005, 0.005]


@pytest.mark.anyio
async def test_async_poll_walks_the_run_to_completed(
    server: ScriptedServer, async_client: AsyncOpenAI
) -> None:
    _walk(server, "queued", "in_progress", "completed")
    runs = AsyncRunsPolling(async_client)
    runs._sleep = sleep = AsyncSleepRecorder()

    run = await runs.poll("run_1", thread_id="thread_1", poll_interval_ms=5)

    assert run.status == "completed"
    assert [(r.method, r.path) for r in server.requests] == [("GET", RUN_PATH)] * 3
    for headers in _polls(server):
        assert headers["x-stainless-poll-helper"] == "true"
        assert headers["x-stainless-custom-poll-interval"] == "5"
    assert sleep.delays == [0.005, 0.005]


# -- the three interval sources ----------------------------------------------------------------


def test_default_interval_is_one_second(server: ScriptedServer, client: OpenAI) -> None:
    _walk(server, "queued", "in_progress", "completed")
    runs = RunsPolling(client)
    runs._sleep = sleep = SleepRecorder()

    runs.poll("run_1", "thread_1")

    assert sleep.delays == [1.0, 1.0]
    assert all("x-stainless-custom-poll-interval" not in h for h in _polls(server))
    assert all(h["x-stainless-poll-helper"] == "true" for h in _polls(server))


def test_server_hint_sets_the_interval(server: ScriptedServer, client: OpenAI) -> None:
    _walk(server, "queued", "in_progress", "completed", headers={"openai-poll-after-ms": "7"})
    runs = RunsPolling(client)
    runs._sleep = sleep = SleepRecorder()

    runs.poll("run_1", "thread_1")

    assert sleep.delays == [0.007, 0.007]


def test_server_hint_is_read_from_each_response(server: ScriptedServer, client: OpenAI) -> None:
    server.route(
        "GET",
        RUN_PATH,
        Reply.json(run_object("queued"), headers={"openai-poll-after-ms": "30"}),
        Reply.json(run_object("in_progress")),
        Reply.json(run_object("completed")),
    )
    runs = RunsPolling(client)
    runs._sleep = sleep = SleepRecorder()

    runs.poll("run_1", "thread_1")

    assert sleep.delays == [0.03, 1.0]


def test_explicit_interval_wins_over_the_hint(server: ScriptedServer, client: OpenAI) -> None:
    _walk(server, "queued", "completed", headers={"openai-poll-after-ms": "7"})
    runs = RunsPolling(client)
    runs._sleep = sleep = SleepRecorder()

    runs.poll("run_1", "thread_1", poll_interval_ms=3)

    assert sleep.delays == [0.003]


@pytest.mark.anyio
async def test_async_interval_sources(server: ScriptedServer, async_client: AsyncOpenAI) -> None:
    server.route(
        "GET",
        RUN_PATH,
        Reply.json(run_object("queued"), headers={"openai-poll-after-ms": "7"}),
        Reply.json(run_object("in_progress")),
        Reply.json(run_object("completed")),
    )
    runs = AsyncRunsPolling(async_client)
    runs._sleep = sleep = AsyncSleepRecorder()

    await runs.poll("run_1", "thread_1")

    assert sleep.delays == [0.007, 1.0]


def test_real_waits_follow_the_hint(server: ScriptedServer, client: OpenAI) -> None:
    # Through the real `_sleep`: three polls 30 ms apart take at least 60 ms, so no busy loop.
    _walk(server, "queued", "in_progress", "completed", headers={"openai-poll-after-ms": "30"})
    started = time.monotonic()

    RunsPolling(client).poll("run_1", "thread_1")

    assert time.monotonic() - started >= 0.06
    assert len(server.requests) == 3


@pytest.mark.anyio
async def test_async_real_waits_follow_the_explicit_interval(
    server: ScriptedServer, async_client: AsyncOpenAI
) -> None:
    _walk(server, "queued", "in_progress", "completed")
    started = time.monotonic()

    await AsyncRunsPolling(async_client).poll("run_1", "thread_1", poll_interval_ms=30)

    assert time.monotonic() - started >= 0.06
    assert len(server.requests) == 3


# -- where polling stops -----------------------------------------------------------------------


def test_requires_action_stops_the_poll(server: ScriptedServer, client: OpenAI) -> None:
    action = {
        "type": "submit_tool_outputs",
        "submit_tool_outputs": {
            "tool_calls": [
                {
                    "id": "call_1",
                    "type": "function",
                    "function": {"name": "weather", "arguments": "{}"},
                }
            ]
        },
    }
    server.route(
        "GET",
        RUN_PATH,
        Reply.json(run_object("queued")),
        Reply.json(run_object("requires_action", required_action=action)),
        Reply.json(run_object("completed")),
    )
    runs = RunsPolling(client)
    runs._sleep = SleepRecorder()

    run = runs.poll("run_1", "thread_1", poll_interval_ms=1)

    assert run.status == "requires_action"
    assert run.required_action is not None
    assert run.required_action.submit_tool_outputs.tool_calls[0].id == "call_1"
    assert len(server.requests) == 2


@pytest.mark.anyio
async def test_async_requires_action_stops_the_poll(
    server: ScriptedServer, async_client: AsyncOpenAI
) -> None:
    _walk(server, "in_progress", "requires_action", "completed")
    runs = AsyncRunsPolling(async_client)
    runs._sleep = AsyncSleepRecorder()

    run = await runs.poll("run_1", "thread_1", poll_interval_ms=1)

    assert run.status == "requires_action"
    assert len(server.requests) == 2


def test_a_failed_run_is_returned_not_raised(server: ScriptedServer, client: OpenAI) -> None:
    error = {"code": "server_error", "message": "boom"}
    server.route(
        "GET",
        RUN_PATH,
        Reply.json(run_object("in_progress")),
        Reply.json(run_object("failed", last_error=error)),
    )
    runs = RunsPolling(client)
    runs._sleep = SleepRecorder()

    run = runs.poll("run_1", "thread_1", poll_interval_ms=1)

    assert run.status == "failed"
    assert run.last_error is not None and run.last_error.message == "boom"


def test_http_errors_while_polling_propagate(server: ScriptedServer, client: OpenAI) -> None:
    server.route(
        "GET",
        RUN_PATH,
        Reply.json(run_object("queued")),
        Reply.json({"error": {"message": "down", "type": "server_error"}}, status=500),
    )
    runs = RunsPolling(client)
    runs._sleep = SleepRecorder()

    with pytest.raises(InternalServerError):
        runs.poll("run_1", "thread_1", poll_interval_ms=1)


@pytest.mark.anyio
async def test_async_http_errors_while_polling_propagate(
    server: ScriptedServer, async_client: AsyncOpenAI
) -> None:
    server.route(
        "GET", RUN_PATH, Reply.json({"error": {"message": "down", "type": "x"}}, status=500)
    )
    with pytest.raises(InternalServerError):
        await AsyncRunsPolling(async_client).poll("run_1", "thread_1", poll_interval_ms=1)


def test_extra_options_reach_every_poll(server: ScriptedServer, client: OpenAI) -> None:
    _walk(server, "queued", "completed")
    runs = RunsPolling(client)
    runs._sleep = SleepRecorder()

    runs.poll(
        "run_1",
        "thread_1",
        extra_headers={"X-Trace": "t1"},
        extra_query={"probe": "1"},
        poll_interval_ms=1,
    )

    for request in server.requests:
        assert request.headers["x-trace"] == "t1"
        assert request.query_dict == {"probe": "1"}
        assert request.headers["x-stainless-poll-helper"] == "true"


# -- create / submit / create_and_run, then poll -------------------------------------------


def test_create_and_poll(server: ScriptedServer, client: OpenAI) -> None:
    server.route("POST", "/threads/thread_1/runs", Reply.json(run_object("queued")))
    _walk(server, "in_progress", "completed")
    runs = RunsPolling(client)
    runs._sleep = sleep = SleepRecorder()

    run = runs.create_and_poll(
        thread_id="thread_1", assistant_id="asst_1", instructions="be brief", poll_interval_ms=2
    )

    assert run.status == "completed"
    create, *polls = server.requests
    assert (create.method, create.path) == ("POST", "/threads/thread_1/runs")
    # "stream": false as the official SDK's helper sends it
    assert create.json() == {"assistant_id": "asst_1", "instructions": "be brief", "stream": False}
    assert "x-stainless-poll-helper" not in create.headers
    assert [(r.method, r.path) for r in polls] == [("GET", RUN_PATH)] * 2
    assert sleep.delays == [0.002]


@pytest.mark.anyio
async def test_async_create_and_poll(server: ScriptedServer, async_client: AsyncOpenAI) -> None:
    server.route("POST", "/threads/thread_1/runs", Reply.json(run_object("queued")))
    _walk(server, "queued", "in_progress", "incomplete")
    runs = AsyncRunsPolling(async_client)
    runs._sleep = sleep = AsyncSleepRecorder()

    run = await runs.create_and_poll(thread_id="thread_1", assistant_id="asst_1")

    assert run.status == "incomplete"
    assert server.requests[0].json() == {"assistant_id": "asst_1", "stream": False}
    assert len(server.requests) == 4
    assert sleep.delays == [1.0, 1.0]


def test_submit_tool_outputs_and_poll(server: ScriptedServer, client: OpenAI) -> None:
    server.route("POST", RUN_PATH + "/submit_tool_outputs", Reply.json(run_object("queued")))
    _walk(server, "in_progress", "completed")
    runs = RunsPolling(client)
    runs._sleep = SleepRecorder()

    run = runs.submit_tool_outputs_and_poll(
        run_id="run_1",
        thread_id="thread_1",
        tool_outputs=[{"tool_call_id": "call_1", "output": "sunny"}],
        poll_interval_ms=1,
    )

    assert run.status == "completed"
    submit = server.requests[0]
    assert submit.path == RUN_PATH + "/submit_tool_outputs"
    assert submit.json() == {
        "tool_outputs": [{"tool_call_id": "call_1", "output": "sunny"}],
        "stream": False,
    }
    assert [r.method for r in server.requests] == ["POST", "GET", "GET"]


@pytest.mark.anyio
async def test_async_submit_tool_outputs_and_poll(
    server: ScriptedServer, async_client: AsyncOpenAI
) -> None:
    server.route("POST", RUN_PATH + "/submit_tool_outputs", Reply.json(run_object("queued")))
    _walk(server, "expired")
    runs = AsyncRunsPolling(async_client)
    runs._sleep = AsyncSleepRecorder()

    run = await runs.submit_tool_outputs_and_poll(
        run_id="run_1",
        thread_id="thread_1",
        tool_outputs=[{"tool_call_id": "call_1", "output": "x"}],
    )

    assert run.status == "expired"
    assert [r.method for r in server.requests] == ["POST", "GET"]


def test_create_and_run_poll_polls_the_new_thread(server: ScriptedServer, client: OpenAI) -> None:
    created = run_object("queued", run_id="run_9", thread_id="thread_9")
    server.route("POST", "/threads/runs", Reply.json(created))
    server.route(
        "GET",
        "/threads/thread_9/runs/run_9",
        *json_replies(
            run_object("in_progress", run_id="run_9", thread_id="thread_9"),
            run_object("cancelled", run_id="run_9", thread_id="thread_9"),
        ),
    )
    threads = ThreadsPolling(client)
    threads._sleep = sleep = SleepRecorder()

    run = threads.create_and_run_poll(
        assistant_id="asst_1",
        thread={"messages": [{"role": "user", "content": "hi"}]},
        poll_interval_ms=4,
    )

    assert run.status == "cancelled"
    create = server.requests[0]
    assert (create.method, create.path) == ("POST", "/threads/runs")
    assert create.json() == {
        "stream": False,
        "assistant_id": "asst_1",
        "thread": {"messages": [{"role": "user", "content": "hi"}]},
    }
    polls = server.requests[1:]
    assert [r.path for r in polls] == ["/threads/thread_9/runs/run_9"] * 2
    assert all(r.headers["x-stainless-custom-poll-interval"] == "4" for r in polls)
    assert sleep.delays == [0.004]


@pytest.mark.anyio
async def test_async_create_and_run_poll(server: ScriptedServer, async_client: AsyncOpenAI) -> None:
    server.route("POST", "/threads/runs", Reply.json(run_object("queued")))
    _walk(server, "in_progress", "completed", headers={"openai-poll-after-ms": "9"})
    threads = AsyncThreadsPolling(async_client)
    threads._sleep = sleep = AsyncSleepRecorder()

    run = await threads.create_and_run_poll(assistant_id="asst_1")

    assert run.status == "completed"
    assert [r.method for r in server.requests] == ["POST", "GET", "GET"]
    assert sleep.delays == [0.009]


# -- cancellation ----------------------------------------------------------------------------


def test_keyboard_interrupt_while_waiting_leaves_the_connection_reusable(
    server: ScriptedServer, client: OpenAI
) -> None:
    _walk(server, "queued", "completed")
    runs = RunsPolling(client)

    def interrupted(seconds: float) -> None:
        raise KeyboardInterrupt

    runs._sleep = interrupted
    with pytest.raises(KeyboardInterrupt):
        runs.poll("run_1", "thread_1")

    # The response was read before the wait, so its connection went back to the pool: the next
    # call reuses it instead of opening another one.
    runs._sleep = SleepRecorder()
    runs.poll("run_1", "thread_1")
    assert len({r.connection_id for r in server.requests}) == 1
    assert server.opened == 1


@pytest.mark.anyio
async def test_cancelling_a_poll_during_a_request_closes_its_connection(
    server: ScriptedServer, async_client: AsyncOpenAI
) -> None:
    server.route("GET", RUN_PATH, Reply.json(run_object("queued")), Reply.hang())
    runs = AsyncRunsPolling(async_client)
    runs._sleep = AsyncSleepRecorder()

    with anyio.move_on_after(0.3) as scope:
        await runs.poll("run_1", "thread_1", poll_interval_ms=1)

    assert scope.cancelled_caught
    await anyio.to_thread.run_sync(server.wait_for_closed, 1)
    assert server.closed == 1


@pytest.mark.anyio
async def test_cancelling_a_poll_while_it_waits_returns_promptly(
    server: ScriptedServer, async_client: AsyncOpenAI
) -> None:
    _walk(server, "queued", "completed")
    runs = AsyncRunsPolling(async_client)
    started = time.monotonic()

    with anyio.move_on_after(0.1):
        await runs.poll("run_1", "thread_1", poll_interval_ms=60_000)

    assert time.monotonic() - started < 5
    await runs.poll("run_1", "thread_1", poll_interval_ms=1)
    assert len({r.connection_id for r in server.requests}) == 1


def test_keyboard_interrupt_during_a_poll_request_closes_its_connection(
    server: ScriptedServer, client: OpenAI
) -> None:
    server.route("GET", RUN_PATH, Reply.json(run_object("queued")), Reply.hang())
    runs = RunsPolling(client)
    runs._sleep = SleepRecorder()
    # Ctrl-C, delivered to the main thread while it waits for the second poll's answer.
    main_thread = threading.main_thread().ident
    assert main_thread is not None and threading.get_ident() == main_thread
    timer = threading.Timer(0.2, signal.pthread_kill, (main_thread, signal.SIGINT))
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            runs.poll("run_1", "thread_1", poll_interval_ms=1)
    finally:
        timer.join()

    assert len(server.requests) == 2
    server.wait_for_closed(1)
    assert server.closed == 1
