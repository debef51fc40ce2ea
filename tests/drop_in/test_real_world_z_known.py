"""Real-world sweep Z, what a program can count or send that the other sweeps did not compare:
the deprecation warnings of the Assistants helpers, and JSON bodies holding Python values that
``json.dumps`` refuses — run unchanged against both packages over the loopback server.

Found and fixed: the Assistants stream helpers (``runs.stream``, ``runs.submit_tool_outputs_stream``,
``threads.create_and_run_stream``) warned twice per call, once more when the manager was entered
(their request went through the deprecated ``create`` again); the SDK's warn once.

Pinned as deliberate differences (each checked against the SDK, so the pin notices a change):

- The polling helpers (``create_and_poll``, ``create_and_run_poll``,
  ``submit_tool_outputs_and_poll``) warn once for the helper and once per request they make. The
  SDK's also warn from each deprecated method they call inside (``poll``, and ``create_and_run``
  / ``submit_tool_outputs`` twice through a second decorator): one or two more per call. Both
  warn from the call, so ``pytest.warns``, ``-W error`` and message filters see the same.
- A JSON body holding a value ``json.dumps`` cannot encode (``Decimal``, ``UUID``, a path,
  ``bytes``, a set, a standard dataclass, a plain ``Enum`` member): the SDK raises ``TypeError``
  before sending; ours sends pydantic's JSON form of it (a string, a list, an object, the
  member's value). No program written for the SDK passes one, since there the call fails.
  numpy scalars and arrays, NaN and infinities raise in both (TypeError, ValueError).
"""

from __future__ import annotations

import asyncio
import dataclasses
import decimal
import enum
import json
import pathlib
import uuid
import warnings
from types import ModuleType
from typing import Any

from tests.support.server import Reply, ScriptedServer

from .conftest import async_client_of, client_of, run_both
from .programs import observed_the_same, registry
from .test_real_world_apps import chat_completion

PROGRAMS, _ASYNC_PROGRAMS, program, _async_program = registry()

RUN = {
    "id": "run_1",
    "object": "thread.run",
    "created_at": 1733000000,
    "thread_id": "thread_1",
    "assistant_id": "asst_1",
    "status": "completed",
    "model": "gpt-4o",
    "instructions": "",
    "tools": [],
    "parallel_tool_calls": True,
    "metadata": {},
}


def run_events() -> Reply:
    events = [("thread.run.created", {**RUN, "status": "queued"}), ("thread.run.completed", RUN)]
    lines = [f"event: {name}\ndata: {json.dumps(data)}\n\n" for name, data in events]
    return Reply.sse([*lines, "event: done\ndata: [DONE]\n\n"])


def warned(code: Any) -> list[tuple[str, str]]:
    """The warnings ``code`` emits, as a test counting them records them."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        code()
    return [(w.category.__name__, str(w.message)) for w in caught]


@program
def each_stream_helper_warns_once(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A suite asserting the migration warning is raised once per helper call."""

    def streamed(manager: Any) -> None:
        with manager as stream:
            stream.until_done()

    runs = client.beta.threads.runs
    seen = []
    for start in (
        lambda: runs.stream(thread_id="thread_1", assistant_id="asst_1"),
        lambda: runs.submit_tool_outputs_stream(
            thread_id="thread_1", run_id="run_1", tool_outputs=[]
        ),
        lambda: client.beta.threads.create_and_run_stream(assistant_id="asst_1"),
    ):
        server.reply(run_events())
        seen.append(warned(lambda start=start: streamed(start())))
    seen.append([(r.method, r.path, r.json().get("stream")) for r in server.requests])
    return seen


def test_async_stream_helpers_warn_once(server: ScriptedServer) -> None:
    def observe(sdk: ModuleType) -> Any:
        async def main() -> Any:
            async def streamed(manager: Any) -> None:
                async with manager as stream:
                    await stream.until_done()

            seen = []
            async with async_client_of(sdk, server.url + "/v1") as client:
                for start in (
                    lambda: client.beta.threads.runs.stream(
                        thread_id="thread_1", assistant_id="asst_1"
                    ),
                    lambda: client.beta.threads.create_and_run_stream(assistant_id="asst_1"),
                ):
                    server.reply(run_events())
                    with warnings.catch_warnings(record=True) as caught:
                        warnings.simplefilter("always")
                        await streamed(start())
                    seen.append(len(caught))
            return seen

        server.requests.clear()
        return asyncio.run(main())

    ours, theirs = run_both(observe)
    assert ours == theirs == [1, 1]


def test_polling_helpers_warn_fewer_times_than_the_sdks(server: ScriptedServer) -> None:
    """Deliberate (see the module docstring): one warning for the helper and one per request."""

    def observe(sdk: ModuleType) -> Any:
        counts = []
        with client_of(sdk, server.url + "/v1") as client:
            threads, runs = client.beta.threads, client.beta.threads.runs
            for call in (
                lambda: runs.create_and_poll(
                    thread_id="thread_1", assistant_id="asst_1", poll_interval_ms=1
                ),
                lambda: threads.create_and_run_poll(assistant_id="asst_1", poll_interval_ms=1),
                lambda: runs.submit_tool_outputs_and_poll(
                    thread_id="thread_1", run_id="run_1", tool_outputs=[], poll_interval_ms=1
                ),
                lambda: runs.poll("run_1", thread_id="thread_1", poll_interval_ms=1),
            ):
                # the run starts queued and is done at the first poll
                server.reply(Reply.json({**RUN, "status": "queued"}), Reply.json(RUN))
                counts.append(len(warned(call)))
        return counts

    ours, theirs = run_both(observe)
    # create_and_poll here: the helper, create, one retrieve; the SDK's warn from poll too;
    # create_and_run / submit_tool_outputs warn twice there. poll alone: the same in both.
    assert (ours, theirs) == ([3, 3, 3, 3], [4, 5, 5, 3])


class Colour(enum.Enum):
    RED = "red"


@dataclasses.dataclass
class Note:
    role: str
    content: str


def test_values_json_dumps_refuses_are_sent_here(server: ScriptedServer) -> None:
    """Deliberate (see the module docstring)."""
    server.default = Reply.json(chat_completion({"role": "assistant", "content": "ok"}))
    given: list[dict[str, Any]] = [
        {"temperature": decimal.Decimal("0.5")},
        {"metadata": {"request": uuid.UUID(int=1)}},
        {"metadata": {"source": pathlib.Path("/data/a.txt")}},
        {"metadata": {"raw": b"bytes"}},
        {"stop": {"END"}},
        {"user": Colour.RED},
        {"messages": [Note(role="user", content="hi")]},
    ]

    def observe(sdk: ModuleType) -> Any:
        seen = []
        with client_of(sdk, server.url + "/v1") as client:
            for options in given:
                options = {"messages": [{"role": "user", "content": "hi"}], **options}
                server.requests.clear()
                try:
                    client.chat.completions.create(model="gpt-4o", **options)
                except TypeError:
                    seen.append("TypeError")
                else:
                    body = server.requests[0].json()
                    seen.append(
                        {
                            k: v
                            for k, v in body.items()
                            if k in ("temperature", "metadata", "stop", "user", "messages")
                        }
                    )
        return seen

    ours, theirs = run_both(observe)
    assert theirs == ["TypeError"] * 7
    hi = [{"role": "user", "content": "hi"}]
    assert ours == [
        {"messages": hi, "temperature": "0.5"},
        {"messages": hi, "metadata": {"request": "00000000-0000-0000-0000-000000000001"}},
        {"messages": hi, "metadata": {"source": "/data/a.txt"}},
        {"messages": hi, "metadata": {"raw": "bytes"}},
        {"messages": hi, "stop": ["END"]},
        {"messages": hi, "user": "red"},
        {"messages": hi},
    ]


test_program_observes_the_same = observed_the_same(PROGRAMS)
