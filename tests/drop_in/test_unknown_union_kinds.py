"""Objects of a kind newer than the client in an answer: a tool of a new ``type`` in
``Response.tools``, a new output item or content part, a new tool call kind in a chat completion,
a new content block in an Assistants message. The official SDK builds each as its union's first
member (the member its tag names when it names one), every key kept and the new tag as sent;
code written for it reads them so (``type(tool).__name__``, ``tool.model_dump()``, the fields
set) and dispatches on ``.type``. Ours builds them the same way, in answers, in
``Model.construct(...)`` and in the parse and stream helpers. Matching costs nothing measurable:
it is the lenient rebuild, which runs only once fast validation has failed.

Each program runs against both packages over the loopback server.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

import pydantic

from tests.support.server import Reply, ScriptedServer

from .programs import registry
from .real_world_d import observed_the_same
from .test_real_world_apps import output_message, response_object
from .test_real_world_b_assistants import events, message
from .test_real_world_b_assistants import run as run_object

PROGRAMS, _ASYNC, program, _async_program = registry()

FUTURE_TOOL = {"type": "future_tool", "name": "zz", "settings": {"a": 1}}
FUTURE_ITEM = {"type": "future_item", "id": "fi_1", "status": "completed", "payload": 3}
FUTURE_PART = {"type": "future_part", "z": 2}


def seen(value: Any) -> Any:
    """What a user reads of a built object: its class name, its dump, its fields set."""
    if isinstance(value, pydantic.BaseModel):
        return (
            type(value).__name__,
            value.model_dump(warnings=False),
            sorted(value.model_fields_set),
        )
    return (type(value).__name__, value)


def future_response() -> Any:
    answer = output_message("done")
    answer["content"].append(FUTURE_PART)
    return response_object([FUTURE_ITEM, answer], tools=[FUTURE_TOOL])


@program
def a_response_with_new_kinds(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(Reply.json(future_response()))
    response = client.responses.create(model="gpt-4.1", input="hi")
    return (
        seen(response.tools[0]),
        seen(response.output[0]),
        seen(response.output[1].content[1]),
        [item.type for item in response.output],
        response.output_text,
        response.to_dict()["tools"],
    )


@program
def constructed_with_new_kinds(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    data = future_response()
    built = [
        openai.types.responses.Response.construct(**data),
        openai.types.responses.Response.model_construct(**data),
    ]
    return [(seen(r.tools[0]), seen(r.output[0]), seen(r.output[1].content[1])) for r in built]


@program
def parsed_response_with_a_new_item(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    class Answer(pydantic.BaseModel):
        word: str

    data = response_object([FUTURE_ITEM, output_message('{"word": "hi"}')])
    server.reply(Reply.json(data))
    parsed = client.responses.parse(model="gpt-4.1", input="hi", text_format=Answer)
    return seen(parsed.output[0]), parsed.output_parsed.word


@program
def chat_completion_with_a_new_tool_call_kind(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    future_call = {"id": "call_7", "type": "a_future_tool", "a_future_tool": {"x": 1}}
    function_call = {
        "id": "call_8",
        "type": "function",
        "function": {"name": "lookup", "arguments": "{}"},
    }
    completion = {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "created": 1,
        "model": "gpt-4o",
        "choices": [
            {
                "index": 0,
                "finish_reason": "tool_calls",
                "logprobs": None,
                "message": {
                    "role": "assistant",
                    "content": None,
                    "refusal": None,
                    "tool_calls": [future_call, function_call],
                },
            }
        ],
    }
    server.reply(Reply.json(completion), Reply.json(completion))
    messages = [{"role": "user", "content": "hi"}]
    created = client.chat.completions.create(model="gpt-4o", messages=messages)
    parsed = client.chat.completions.parse(model="gpt-4o", messages=messages)
    return (
        [seen(call) for call in created.choices[0].message.tool_calls],
        [seen(call) for call in parsed.choices[0].message.tool_calls],
    )


@program
def assistants_message_with_a_new_block(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    log: list[Any] = []

    class Handler(openai.AssistantEventHandler):
        def on_image_file_done(self, image_file: Any) -> None:
            log.append(("image", image_file))

        def on_text_done(self, text: Any) -> None:
            log.append(("text", text.value))

        def on_message_done(self, message: Any) -> None:
            log.append(("done", [seen(block) for block in message.content]))

    done = message("assistant", "", "msg_9")
    done["content"] = [{"type": "a_future_block", "a_future_block": {"v": 1}}]
    delta = {"id": "msg_9", "object": "thread.message.delta", "delta": {"content": []}}
    server.reply(
        events(
            ("thread.run.created", run_object("queued")),
            ("thread.message.created", {**done, "status": "in_progress", "content": []}),
            (
                "thread.message.delta",
                {**delta, "delta": {"content": [{"index": 0, **done["content"][0]}]}},
            ),
            ("thread.message.completed", done),
            ("thread.run.completed", run_object("completed")),
        )
    )
    with client.beta.threads.runs.stream(
        thread_id="thread_abc", assistant_id="asst_abc", event_handler=Handler()
    ) as stream:
        stream.until_done()
    return log


test_program_observes_the_same = observed_the_same(PROGRAMS)


def test_a_new_tool_is_the_first_members_class() -> None:
    """What the programs above compare, stated: the SDK's rule, not a class of no member."""
    import typed_openai

    response = typed_openai.types.responses.Response.construct(**future_response())
    tool = response.tools[0]
    assert type(tool) is typed_openai.types.responses.FunctionTool
    assert tool.type == "future_tool" and tool.settings == {"a": 1}  # type: ignore[attr-defined]
