"""Real-world sweep I, a last batch of everyday code: the newer chat request options as scripts
pass them (images, predicted outputs, required tool choice, service tier, cache keys, web search
options), Assistants threads carrying images and filtered by run, and an async tool loop over
gathered requests — run against both packages over the scripted loopback server.
"""

from __future__ import annotations

import asyncio
import json
from types import ModuleType
from typing import Any

from tests.support.server import RecordedRequest, Reply, ScriptedServer

from .programs import async_observed_the_same, observed_the_same, registry
from .test_real_world_apps import (
    answer_events,
    chat_completion,
    requires_action_events,
    sse,
    wire,
)
from .test_real_world_b_assistants import listing, message
from .test_real_world_i_chat import TOOLS

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


def wires(server: ScriptedServer) -> list[Any]:
    return [wire(r) for r in server.requests]


@program
def newer_chat_options(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    answer = chat_completion({"role": "assistant", "content": "A cat."})
    server.reply(*[Reply.json(answer)] * 3)
    client.chat.completions.create(
        model="gpt-4o",
        messages=[
            {
                "role": "user",
                "content": [
                    {"type": "text", "text": "What is this?"},
                    {
                        "type": "image_url",
                        "image_url": {"url": "https://x.test/cat.png", "detail": "low"},
                    },
                ],
            }
        ],
        max_tokens=300,
        service_tier="flex",
        prompt_cache_key="user-42",
        safety_identifier="hash-42",
    )
    client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "user", "content": "Rename x to y in: x = 1"}],
        prediction={"type": "content", "content": "y = 1"},
        tools=TOOLS,
        tool_choice="required",
        parallel_tool_calls=False,
        stop="\n",
        frequency_penalty=0.0,
        presence_penalty=0.0,
        top_p=0.9,
        logit_bias={"1234": -100},
    )
    result = client.chat.completions.create(
        model="gpt-4o-search-preview",
        messages=[{"role": "user", "content": "news?"}],
        web_search_options={
            "search_context_size": "low",
            "user_location": {"type": "approximate", "approximate": {"country": "GB"}},
        },
        verbosity="low",
        modalities=["text"],
        extra_body={"custom": True},
        extra_headers={"X-Trace": "1"},
    )
    return wires(server), result.service_tier, result.choices[0].message.annotations


@program
def thread_with_images_and_run_filter(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    image_message = message("assistant", "", "msg_img")
    image_message["content"] = [
        {"type": "image_file", "image_file": {"file_id": "file-chart", "detail": "auto"}},
        {"type": "text", "text": {"value": "Here is the chart.", "annotations": []}},
    ]
    server.reply(
        Reply.json(message("user", "Plot it")),
        Reply.json(listing(image_message)),
    )
    client.beta.threads.messages.create(
        thread_id="thread_abc",
        role="user",
        content=[
            {"type": "text", "text": "Plot it"},
            {"type": "image_url", "image_url": {"url": "https://x.test/a.png"}},
            {"type": "image_file", "image_file": {"file_id": "file-in", "detail": "high"}},
        ],
        attachments=[{"file_id": "file-csv", "tools": [{"type": "code_interpreter"}]}],
        metadata={"source": "cli"},
    )
    shown = []
    for item in client.beta.threads.messages.list(
        thread_id="thread_abc", run_id="run_abc", order="asc"
    ):
        for part in item.content:
            if part.type == "image_file":
                shown.append(("image", part.image_file.file_id, part.image_file.detail))
            elif part.type == "text":
                shown.append(("text", part.text.value))
    return wires(server), shown


@program
def raw_run_stream_without_helpers(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """``runs.create(stream=True)``: the events as they come, switched on ``event.event``, the
    tool outputs sent with ``submit_tool_outputs(stream=True)``."""
    server.reply(sse(requires_action_events()), sse(answer_events()))
    seen: list[Any] = []
    pending = None
    for event in client.beta.threads.runs.create(
        thread_id="thread_1", assistant_id="asst_1", stream=True
    ):
        seen.append((event.event, type(event).__name__))
        if event.event == "thread.run.step.delta":
            call = event.data.delta.step_details.tool_calls[0]
            seen.append((call.index, call.type, call.function.name, call.function.arguments))
        if event.event == "thread.run.requires_action":
            pending = event.data
    calls = pending.required_action.submit_tool_outputs.tool_calls
    with client.beta.threads.runs.submit_tool_outputs(
        thread_id=pending.thread_id,
        run_id=pending.id,
        tool_outputs=[{"tool_call_id": c.id, "output": "22"} for c in calls],
        stream=True,
    ) as answer:
        for event in answer:
            if event.event == "thread.message.delta":
                seen.append(event.data.delta.content[0].text.value)
            elif event.event == "thread.run.completed":
                seen.append((event.data.status, event.data.usage))
    return wires(server), seen, type(answer).__name__


@program
def handler_step_hooks_and_finals(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    seen: list[Any] = []

    class Handler(openai.AssistantEventHandler):
        def on_run_step_created(self, run_step: Any) -> None:
            seen.append(("step created", run_step.type, run_step.status))

        def on_run_step_delta(self, delta: Any, snapshot: Any) -> None:
            seen.append(("step delta", delta.step_details.type, repr(snapshot.step_details)))

        def on_tool_call_done(self, tool_call: Any) -> None:
            seen.append(("tool done", repr(tool_call)))

        def on_run_step_done(self, run_step: Any) -> None:
            seen.append(("step done", run_step.id))

        def on_message_done(self, message: Any) -> None:
            seen.append(("message", message.content[0].text.value))

        def on_exception(self, exception: Exception) -> None:
            seen.append(("exception", type(exception).__name__))

    server.reply(sse(requires_action_events()))
    with client.beta.threads.runs.stream(
        thread_id="thread_1", assistant_id="asst_1", event_handler=Handler()
    ) as stream:
        stream.until_done()
    return (
        seen,
        stream.get_final_run().status,
        [s.id for s in stream.get_final_run_steps()],
        stream.current_run_step_snapshot.id if stream.current_run_step_snapshot else None,
    )


@async_program
async def async_gathered_tool_loop(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    # The two gathered asks reach the server in either order, so each reply is chosen by what its
    # request carries (not by arrival): a question gets a tool call for its city, a tool result
    # the final answer.
    def answer(request: RecordedRequest) -> Reply:
        last = request.json()["messages"][-1]
        if last["role"] == "tool":
            reply = {"role": "assistant", "content": f"Cold in {last['content']}."}
            return Reply.json(chat_completion(reply))
        city = last["content"].removeprefix("Weather in ").removesuffix("?")
        call = {
            "id": f"call_{city}",
            "type": "function",
            "function": {"name": "get_weather", "arguments": json.dumps({"city": city})},
        }
        reply = {"role": "assistant", "content": None, "tool_calls": [call]}
        return Reply.json(chat_completion(reply, "tool_calls"))

    server.reply(*[Reply.dynamic(answer)] * 4)

    async def ask(city: str) -> Any:
        messages: list[Any] = [{"role": "user", "content": f"Weather in {city}?"}]
        while True:
            completion = await client.chat.completions.create(
                model="gpt-4o", messages=messages, tools=TOOLS
            )
            choice = completion.choices[0]
            if choice.finish_reason != "tool_calls":
                return choice.message.content
            messages.append(choice.message.model_dump(exclude_none=True))
            for call in choice.message.tool_calls:
                arguments = json.loads(call.function.arguments)
                messages.append(
                    {"role": "tool", "tool_call_id": call.id, "content": arguments["city"]}
                )

    answers = await asyncio.gather(ask("Oslo"), ask("Bergen"))
    # gathered requests reach the server in either order: compare them sorted
    return sorted(json.dumps(w, sort_keys=True) for w in wires(server)), answers


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
