"""Real-world sweep E, client lifecycle in async programs: a call cancelled while it waits to
retry, a ``create_and_poll`` cancelled while it polls, a stream still open when the client is
closed, a module-level ``AsyncOpenAI`` reused by two ``asyncio.run`` calls (scripts and notebooks
do), a sync client fanned out with ``asyncio.to_thread``, ``asyncio.timeout`` blocks, and
``copy()``/``with_options()`` clients gathered together — run unchanged against both packages
over the loopback server.
"""

from __future__ import annotations

import asyncio
import gc
import sys
import threading
from types import ModuleType
from typing import Any

import pytest

from tests.support.server import Reply, ScriptedServer

from .conftest import API_KEY, run_both
from .programs import async_observed_the_same, registry
from .test_real_world_apps import chat_chunk, sse, wire
from .test_real_world_b_assistants import run as run_object
from .test_real_world_e_async import echo_chat, one_connection, warm_up

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


def overloaded() -> Reply:
    return Reply.json(
        {"error": {"message": "overloaded", "type": "server_error", "code": None}},
        status=503,
        headers={"retry-after": "2"},
    )


@async_program
async def cancelled_while_waiting_to_retry(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(overloaded(), Reply.dynamic(echo_chat))
    async with one_connection(openai, server, max_retries=2) as aclient:
        await warm_up(aclient, server)
        try:
            await asyncio.wait_for(
                aclient.chat.completions.create(
                    model="gpt-4o", messages=[{"role": "user", "content": "busy"}]
                ),
                timeout=0.5,
            )
            first = "finished"
        except asyncio.TimeoutError:
            first = "timed out"
        sent_before = len(server.requests)
        second = await aclient.chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": "after"}]
        )
    return first, sent_before, second.choices[0].message.content


@async_program
async def create_and_poll_cancelled(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.route("POST", "/v1/threads/thread_abc/runs", Reply.json(run_object("queued")))
    server.route(
        "GET",
        "/v1/threads/thread_abc/runs/run_abc",
        Reply.json(run_object("in_progress"), headers={"openai-poll-after-ms": "5000"}),
    )
    server.route("POST", "/v1/chat/completions", Reply.dynamic(echo_chat))
    async with one_connection(openai, server) as aclient:
        await warm_up(aclient, server)
        try:
            await asyncio.wait_for(
                aclient.beta.threads.runs.create_and_poll(
                    thread_id="thread_abc", assistant_id="asst_abc"
                ),
                timeout=0.5,
            )
            first = "finished"
        except asyncio.TimeoutError:
            first = "timed out"
        paths = [(r.method, r.path) for r in server.requests]
        after = await aclient.chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": "next"}]
        )
    return first, paths, after.choices[0].message.content


@async_program
async def client_closed_under_an_open_stream(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    chunks = [chat_chunk({"content": "a"}), chat_chunk({"content": "b"}), chat_chunk({}, "stop")]
    server.reply(sse(chunks))
    aclient = openai.AsyncOpenAI(api_key=API_KEY, base_url=server.url + "/v1", max_retries=0)
    stream = await aclient.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "hi"}], stream=True
    )
    first = await stream.__anext__()
    await aclient.close()  # shutdown while a handler still reads its stream
    # What the rest of the stream yields depends on how much of the body the transport had
    # buffered before the close (timing, in both packages); what must agree is that reading
    # on ends (no hang) with at most the chunks the server sent, and the client is closed.
    try:
        rest = [c.choices[0].delta.content async for c in stream]
        ended = set(rest) <= {"b", None}
    except Exception:
        ended = True
    return first.choices[0].delta.content, ended, aclient.is_closed()


@async_program
async def asyncio_timeout_block(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    if sys.version_info < (3, 11):
        return "asyncio.timeout needs Python 3.11"
    server.reply(Reply.after(2.0, Reply.dynamic(echo_chat)), Reply.dynamic(echo_chat))
    async with one_connection(openai, server) as aclient:
        await warm_up(aclient, server)
        try:
            async with asyncio.timeout(0.3):
                await aclient.chat.completions.create(
                    model="gpt-4o", messages=[{"role": "user", "content": "slow"}]
                )
            first = "finished"
        except TimeoutError:
            first = "timed out"
        second = await aclient.chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": "fast"}]
        )
    return first, second.choices[0].message.content


@async_program
async def copies_and_options_gathered(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.default = Reply.dynamic(echo_chat)
    tagged = client.copy(default_headers={"x-tenant": "blue"})
    scoped = client.with_options(timeout=7, max_retries=1)
    other = client.with_options(organization="org-2", project="proj-2")

    async def ask(c: Any, text: str) -> str:
        done = await c.chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": text}]
        )
        return done.choices[0].message.content

    answers = await asyncio.gather(
        ask(client, "base"), ask(tagged, "tagged"), ask(scoped, "scoped"), ask(other, "other")
    )
    by_text = sorted((r.json()["messages"][0]["content"], wire(r)[3]) for r in server.requests)
    return answers, by_text, str(scoped.timeout), scoped.max_retries


# --- sync programs that run event loops of their own (they build their clients: `client` is None) ---


@program
def module_level_client_across_asyncio_runs(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A script keeps one AsyncOpenAI at module level and calls ``asyncio.run`` more than once."""
    server.default = Reply.dynamic(echo_chat)
    aclient = openai.AsyncOpenAI(api_key=API_KEY, base_url=server.url + "/v1", max_retries=0)

    async def ask(text: str) -> Any:
        try:
            done = await aclient.chat.completions.create(
                model="gpt-4o", messages=[{"role": "user", "content": text}]
            )
            return done.choices[0].message.content
        except Exception as exc:
            return type(exc).__name__

    return asyncio.run(ask("one")), asyncio.run(ask("two"))


@program
def sync_client_fanned_out_with_to_thread(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.default = Reply.dynamic(echo_chat)
    sync = openai.OpenAI(api_key=API_KEY, base_url=server.url + "/v1", max_retries=0)

    async def main() -> list[str]:
        results = await asyncio.gather(
            *(
                asyncio.to_thread(
                    sync.chat.completions.create,
                    model="gpt-4o",
                    messages=[{"role": "user", "content": f"t{n}"}],
                )
                for n in range(5)
            )
        )
        return [r.choices[0].message.content for r in results]

    with sync:
        return asyncio.run(main())


# --- runners ---------------------------------------------------------------------------------------


def _in_a_thread(code: Any) -> Any:
    """Runs ``code`` where no event loop runs (``asyncio.run`` refuses to nest)."""
    out: dict[str, Any] = {}

    def target() -> None:
        try:
            out["value"] = code()
        except BaseException as exc:  # handed back to the test
            out["error"] = exc

    worker = threading.Thread(target=target)
    worker.start()
    worker.join(30)
    if "error" in out:
        raise out["error"]
    return out["value"]


# A connection opened in a loop `asyncio.run` then closed can be neither reused nor closed: both
# packages leave its transport to the garbage collector (a ResourceWarning, not the program's).
LEAVES_A_TRANSPORT = pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(name, marks=LEAVES_A_TRANSPORT)
        if name == "module_level_client_across_asyncio_runs"
        else name
        for name in sorted(PROGRAMS)
    ],
)
def test_program_observes_the_same(server: ScriptedServer, name: str) -> None:
    def run(sdk: ModuleType) -> Any:
        server.requests.clear()
        result = _in_a_thread(lambda: PROGRAMS[name](sdk, None, server))
        gc.collect()  # what a program left to the collector is reported in its own test
        return result

    ours, theirs = run_both(run)
    assert ours == theirs


test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
