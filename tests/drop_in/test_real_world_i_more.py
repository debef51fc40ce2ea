"""Real-world sweep I, more everyday 1.x-era code: completions printed and dumped as logs show
them, an error arriving inside a chat stream, legacy completions with logprobs and several
choices, the warnings chat calls emit, stored completions paged, ``create_and_run_stream`` with a
handler and the run's steps, and the async forms of legacy completions and the models list — run
against both packages over the scripted loopback server.
"""

from __future__ import annotations

import contextlib
import io
import json
import warnings
from contextlib import redirect_stdout
from types import ModuleType
from typing import Any

from tests.support.server import Reply, ScriptedServer

from .programs import async_observed_the_same, observed_the_same, registry
from .test_real_world_apps import USAGE, answer_events, chat_chunk, chat_completion, sse, wire
from .test_real_world_b_assistants import listing
from .test_real_world_i_chat import legacy_completion, stored, text_chunks

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


def wires(server: ScriptedServer) -> list[Any]:
    return [wire(r) for r in server.requests]


@program
def completion_printed_and_logged(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    body = chat_completion({"role": "assistant", "content": "Hello!"})
    body["usage"]["prompt_tokens_details"]["cached_tokens"] = 256
    server.reply(Reply.json(body))
    out = io.StringIO()
    with redirect_stdout(out):
        completion = client.chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": "hi"}]
        )
        print(completion)
        print(completion.choices[0].message)
        print(completion.usage)
        print(completion.model_dump_json(indent=2))
        print(completion.to_json(indent=None))
        print(json.dumps(completion.model_dump(), indent=2))
        print(completion.choices[0].message.content)
    return out.getvalue(), completion.usage.prompt_tokens_details.cached_tokens


@program
def error_inside_a_chat_stream(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    error = {
        "error": {
            "message": "The server had an error while processing your request.",
            "type": "server_error",
            "param": None,
            "code": None,
        }
    }
    server.reply(sse([chat_chunk({"role": "assistant", "content": "Par"}), error]))
    text = ""
    try:
        for chunk in client.chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": "x"}], stream=True
        ):
            text += chunk.choices[0].delta.content or ""
    except openai.APIError as exc:
        return (
            text,
            type(exc).__name__,
            str(exc),
            exc.message,
            exc.type,
            exc.code,
            exc.body,
            isinstance(exc, openai.APIStatusError),
        )
    return text, None


@program
def legacy_completion_logprobs_and_choices(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    choice = {
        "text": " blue",
        "index": 0,
        "finish_reason": "length",
        "logprobs": {
            "tokens": [" blue"],
            "token_logprobs": [-0.1],
            "top_logprobs": [{" blue": -0.1, " grey": -2.5}],
            "text_offset": [14],
        },
    }
    body = legacy_completion("", choices=[choice, {**choice, "index": 1, "text": " grey"}])
    server.reply(Reply.json(body))
    completion = client.completions.create(
        model="gpt-3.5-turbo-instruct",
        prompt="The sky is",
        n=2,
        best_of=2,
        logprobs=2,
        max_tokens=1,
        suffix=".",
        presence_penalty=0.5,
        frequency_penalty=0.1,
        logit_bias={"50256": -100},
        user="u-1",
    )
    first = completion.choices[0]
    return (
        wires(server),
        [c.text for c in completion.choices],
        first.logprobs.top_logprobs,
        first.logprobs.tokens,
        repr(first.logprobs),
        completion.model_dump(exclude_unset=True)["choices"][1]["text"],
    )


@program
def warnings_of_chat_calls(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    answer = chat_completion({"role": "assistant", "content": "ok"})
    server.reply(*[Reply.json(answer)] * 3)
    functions = [{"name": "f", "parameters": {"type": "object", "properties": {}}}]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        client.chat.completions.create(
            model="gpt-4o",
            messages=[{"role": "user", "content": "x"}],
            functions=functions,
            function_call="auto",
        )
        client.chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": "x"}], max_tokens=5
        )
        client.completions.create(model="gpt-3.5-turbo-instruct", prompt="x")
    return [(w.category.__name__, str(w.message), w.filename == __file__) for w in caught]


@program
def stored_completions_paged(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    def page(ids: list[str], more: bool) -> Reply:
        return Reply.json(listing(*[stored(i, i) for i in ids], has_more=more))

    server.reply(page(["c1", "c2"], True), page(["c3"], False), page(["c1", "c2"], True))
    seen = [c.id for c in client.chat.completions.list(limit=2, order="asc")]
    first = client.chat.completions.list(limit=2)
    return (
        seen,
        [r.target for r in server.requests],
        first.has_next_page(),  # (type(first).__name__: fid-runtime's page class names)
        [c.choices[0].message.content for c in first.data],
    )


RUN_STEP = {
    "id": "step_1",
    "object": "thread.run.step",
    "created_at": 1,
    "run_id": "run_1",
    "assistant_id": "asst_1",
    "thread_id": "thread_1",
    "type": "message_creation",
    "status": "completed",
    "cancelled_at": None,
    "completed_at": 2,
    "expired_at": None,
    "failed_at": None,
    "last_error": None,
    "step_details": {"type": "message_creation", "message_creation": {"message_id": "msg_1"}},
    "usage": {"prompt_tokens": 5, "completion_tokens": 3, "total_tokens": 8},
}


@program
def create_and_run_stream_then_steps(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    out: list[Any] = []

    class Handler(openai.AssistantEventHandler):
        def on_message_created(self, message: Any) -> None:
            out.append(("created", message.id, message.status))

        def on_text_delta(self, delta: Any, snapshot: Any) -> None:
            out.append(("delta", delta.value, delta.annotations, snapshot.value))

        def on_text_done(self, text: Any) -> None:
            out.append(("text done", repr(text)))

        def on_end(self) -> None:
            out.append(("end", self.current_run.status))

    server.reply(sse(answer_events()), Reply.json(listing(RUN_STEP)))
    with client.beta.threads.create_and_run_stream(
        assistant_id="asst_1",
        thread={"messages": [{"role": "user", "content": "Temperature?"}]},
        event_handler=Handler(),
    ) as stream:
        stream.until_done()
    steps = client.beta.threads.runs.steps.list(
        thread_id="thread_1",
        run_id="run_1",
        include=["step_details.tool_calls[*].file_search.results[*].content"],
    )
    step = steps.data[0]
    return (
        wires(server),
        out,
        step.step_details.message_creation.message_id,
        step.usage.total_tokens,
        repr(step.step_details),
    )


@async_program
async def async_legacy_stream_and_models(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    pieces = [
        {k: v for k, v in legacy_completion(p).items() if k != "usage"} for p in ("Hi", " you")
    ]
    pieces.append({**legacy_completion(""), "choices": [], "usage": USAGE})
    model = {"id": "gpt-4o", "object": "model", "created": 1, "owned_by": "system"}
    server.reply(sse(pieces), Reply.json({"object": "list", "data": [model]}))
    text = ""
    usage = None
    stream = await client.completions.create(
        model="gpt-3.5-turbo-instruct",
        prompt="Greet",
        stream=True,
        stream_options={"include_usage": True},
    )
    async for event in stream:
        if event.choices:
            text += event.choices[0].text
        if event.usage:
            usage = event.usage.total_tokens
    names = [m.id async for m in client.models.list()]
    return wires(server), text, usage, names


@async_program
async def async_stream_closed_by_aclosing(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """``contextlib.aclosing(stream)`` and ``await stream.aclose()``, the async-generator habit
    (``aclose`` was missing on ours: AttributeError)."""
    server.reply(text_chunks("a", "b"), text_chunks("c", "d"))
    first = await client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "x"}], stream=True
    )
    async with contextlib.aclosing(first) as stream:
        async for chunk in stream:
            if chunk.choices and chunk.choices[0].delta.content == "a":
                break
    second = await client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "x"}], stream=True
    )
    pieces = []
    async for chunk in second:
        pieces.append(chunk.choices[0].delta.content)
        if len(pieces) == 2:
            await second.aclose()
            break
    return first.response.is_closed, second.response.is_closed, pieces, len(server.requests)


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
