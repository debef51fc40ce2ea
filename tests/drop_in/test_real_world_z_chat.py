"""Real-world sweep Z, chat tool calling and structured outputs at their edges: the stream helper
with ``n=2`` and tool calls per choice read through ``current_completion_snapshot`` while it runs;
``parse`` answers mixing a parsed choice and a refusal, cut by the length limit or the content
filter, with a non-strict tool, a call to a tool that was not offered, content that is not JSON or
not the model's shape — programs written for the official SDK, run unchanged against both packages
over the loopback server. Error messages are each package's own prose: what is compared is the
class raised and what the program reads.
"""

from __future__ import annotations

import json
import warnings
from types import ModuleType
from typing import Any

from pydantic import BaseModel, Field

from tests.support.server import Reply, ScriptedServer

from .programs import async_observed_the_same, observed_the_same, registry
from .test_real_world_apps import USAGE, chat_chunk, chat_completion, sse

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()

MESSAGES = [{"role": "user", "content": "Where are my orders A1 and B2?"}]


class LookupOrder(BaseModel):
    """Look an order up by its id."""

    order_id: str = Field(description="the order's id, as printed on the receipt")
    include_items: bool


class Step(BaseModel):
    explanation: str
    output: str


class MathReasoning(BaseModel):
    steps: list[Step]
    final_answer: str


def raised(code: Any) -> Any:
    try:
        return ("ok", code())
    except Exception as error:
        return ("raised", type(error).__name__, isinstance(error, ValueError))


def choice_chunk(index: int, delta: dict[str, Any], finish_reason: str | None = None) -> Any:
    chunk = chat_chunk(delta, finish_reason)
    chunk["choices"][0]["index"] = index
    return chunk


def tool_head(index: int, call_id: str) -> dict[str, Any]:
    return {
        "index": index,
        "id": call_id,
        "type": "function",
        "function": {"name": "LookupOrder", "arguments": ""},
    }


def two_choices_calling_tools() -> list[Any]:
    """Two candidates interleaved: choice 0 calls the tool once, choice 1 twice (its second call
    arriving whole in one delta)."""
    first = json.dumps({"order_id": "A1", "include_items": True})
    second = json.dumps({"order_id": "B2", "include_items": False})
    return [
        choice_chunk(
            0, {"role": "assistant", "content": None, "tool_calls": [tool_head(0, "call_a")]}
        ),
        choice_chunk(
            1, {"role": "assistant", "content": None, "tool_calls": [tool_head(0, "call_b")]}
        ),
        choice_chunk(0, {"tool_calls": [{"index": 0, "function": {"arguments": first[:10]}}]}),
        choice_chunk(1, {"tool_calls": [{"index": 0, "function": {"arguments": second[:5]}}]}),
        choice_chunk(0, {"tool_calls": [{"index": 0, "function": {"arguments": first[10:]}}]}),
        choice_chunk(
            1,
            {
                "tool_calls": [
                    {"index": 0, "function": {"arguments": second[5:]}},
                    tool_head(1, "call_c"),
                ]
            },
        ),
        choice_chunk(1, {"tool_calls": [{"index": 1, "function": {"arguments": first}}]}),
        choice_chunk(0, {}, "tool_calls"),
        choice_chunk(1, {}, "tool_calls"),
        {**chat_chunk({}), "choices": [], "usage": USAGE},
    ]


@program
def two_candidates_streaming_tool_calls(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A UI showing both candidates' tool arguments as they grow, from the snapshot, then the
    parsed arguments of every call of the final completion."""
    server.reply(sse(two_choices_calling_tools()))
    log: list[Any] = []
    with client.beta.chat.completions.stream(
        model="gpt-4o",
        messages=MESSAGES,
        n=2,
        tools=[openai.pydantic_function_tool(LookupOrder)],
        stream_options={"include_usage": True},
    ) as stream:
        for event in stream:
            if event.type == "chunk":
                snapshot = stream.current_completion_snapshot
                log.append(
                    [
                        [call.function.arguments for call in choice.message.tool_calls or []]
                        for choice in snapshot.choices
                    ]
                )
            else:
                log.append(event.to_dict())
        final = stream.get_final_completion()
    log.append(final.to_dict())
    log.append(
        [
            [(call.id, call.function.parsed_arguments) for call in choice.message.tool_calls]
            for choice in final.choices
        ]
    )
    log.append((type(final).__name__, type(final.choices[1].message.tool_calls[1]).__name__))
    log.append(server.requests[0].json())
    return log


@program
def parsed_candidate_beside_a_refusal(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """``n=2``: one candidate answers in the schema, the other refuses; the app keeps the first
    parsed one and logs the whole completion."""
    body = chat_completion(
        {
            "role": "assistant",
            "content": json.dumps(
                {
                    "steps": [{"explanation": "8x = -30", "output": "x = -3.75"}],
                    "final_answer": "-3.75",
                }
            ),
        }
    )
    body["choices"].append(
        {
            "index": 1,
            "message": {"role": "assistant", "content": None, "refusal": "I can't help with that."},
            "logprobs": None,
            "finish_reason": "stop",
        }
    )
    server.reply(Reply.json(body))
    completion = client.beta.chat.completions.parse(
        model="gpt-4o", messages=MESSAGES, response_format=MathReasoning, n=2
    )
    answers = [choice.message.parsed for choice in completion.choices if choice.message.parsed]
    with warnings.catch_warnings():
        # the official SDK's parsed completion is not parametrised by the model: dumping it
        # warns that `parsed` was expected to be None (typed_openai's does not warn)
        warnings.filterwarnings("ignore", "Pydantic serializer warnings", UserWarning)
        dumped = completion.model_dump(mode="json"), json.loads(completion.to_json())
    return (
        [(choice.message.refusal, choice.finish_reason) for choice in completion.choices],
        answers[0].final_answer,
        [step.model_dump() for step in answers[0].steps],
        dumped,
        server.requests[0].json(),
    )


@program
def parse_failures_an_app_catches(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """The failures a structured-output helper has to catch, each from its own answer: the
    length limit, the content filter, content that is not JSON, JSON that is not the model."""
    seen = []
    answers = [
        chat_completion({"role": "assistant", "content": '{"steps": ['}, finish_reason="length"),
        chat_completion({"role": "assistant", "content": None}, finish_reason="content_filter"),
        chat_completion({"role": "assistant", "content": "Sure! Here is the answer: 42"}),
        chat_completion({"role": "assistant", "content": '{"steps": 3}'}),
    ]
    for answer in answers:
        server.reply(Reply.json(answer))
        try:
            client.chat.completions.parse(
                model="gpt-4o", messages=MESSAGES, response_format=MathReasoning
            )
        except openai.LengthFinishReasonError as error:
            seen.append(
                (
                    "length",
                    error.completion.usage.total_tokens,
                    isinstance(error, openai.OpenAIError),
                )
            )
        except openai.ContentFilterFinishReasonError as error:
            seen.append(("filtered", isinstance(error, openai.OpenAIError)))
        except Exception as error:
            seen.append(("other", type(error).__name__, isinstance(error, ValueError)))
    seen.append(len(server.requests))
    return seen


@program
def tools_parse_accepts_and_refuses(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A non-strict dict tool is refused before any request; a strict dict tool's arguments are
    parsed to a dict; a call to a tool that was not offered keeps ``parsed_arguments`` None."""
    loose = {
        "type": "function",
        "function": {
            "name": "get_stock",
            "parameters": {"type": "object", "properties": {"sku": {"type": "string"}}},
        },
    }
    strict = {
        "type": "function",
        "function": {
            "name": "get_stock",
            "strict": True,
            "parameters": {
                "type": "object",
                "properties": {"sku": {"type": "string"}},
                "required": ["sku"],
                "additionalProperties": False,
            },
        },
    }

    def calling(name: str) -> Any:
        call = {
            "id": "call_1",
            "type": "function",
            "function": {"name": name, "arguments": '{"sku": "X-1"}'},
        }
        return Reply.json(
            chat_completion(
                {"role": "assistant", "content": None, "tool_calls": [call]}, "tool_calls"
            )
        )

    seen = [
        raised(
            lambda: client.chat.completions.parse(model="gpt-4o", messages=MESSAGES, tools=[loose])
        )
    ]
    seen.append(len(server.requests))
    for name in ("get_stock", "get_price"):
        server.reply(calling(name))
        message = (
            client.chat.completions.parse(model="gpt-4o", messages=MESSAGES, tools=[strict])
            .choices[0]
            .message
        )
        call = message.tool_calls[0]
        seen.append(
            (
                call.function.name,
                call.function.parsed_arguments,
                message.parsed,
                type(call).__name__,
            )
        )
    seen.append(
        raised(
            lambda: client.chat.completions.parse(
                model="gpt-4o", messages=MESSAGES, response_format=MathReasoning, stream=True
            )
        )
    )
    seen.append(
        openai.pydantic_function_tool(LookupOrder, name="lookup_order", description="Find an order")
    )
    seen.append([body.get("tools") for body in (r.json() for r in server.requests)])
    return seen


@async_program
async def async_two_candidates_streaming_tool_calls(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(sse(two_choices_calling_tools()))
    seen: list[Any] = []
    async with client.chat.completions.stream(
        model="gpt-4o", messages=MESSAGES, n=2, tools=[openai.pydantic_function_tool(LookupOrder)]
    ) as stream:
        async for event in stream:
            if event.type == "tool_calls.function.arguments.done":
                seen.append((event.index, event.name, event.arguments, event.parsed_arguments))
            elif event.type == "chunk":
                seen.append(len(stream.current_completion_snapshot.choices))
        final = await stream.get_final_completion()
    seen.append([choice.finish_reason for choice in final.choices])
    return seen


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
