"""Point 10 of issue 15: ``parse()`` takes what the official SDK's does — a pydantic model, a
pydantic dataclass, a ``TypedDict`` carrying a pydantic config — sends the same strict JSON schema
under the same name and parses the answer into that type; ``create(response_format=<model class>)``
is a TypeError before any request; a ``LengthFinishReasonError`` carries the completion as received.
Each case runs the same code against both SDKs over the loopback server."""

from __future__ import annotations

import json
from types import ModuleType
from typing import Any, List

import pydantic
import pytest
from typing_extensions import TypedDict

from tests.support.server import Reply, ScriptedServer

from .conftest import arun_both, async_client_of, client_of, run_both


@pydantic.dataclasses.dataclass
class Step:
    explanation: str
    output: int | None = None


@pydantic.dataclasses.dataclass
class MathAnswer:
    """A worked answer."""

    steps: List[Step]
    final_answer: str = pydantic.Field(description="the result")


@pydantic.with_config(pydantic.ConfigDict(title="Verdict"))
class Verdict(TypedDict):
    ok: bool
    reason: str


class Plain(pydantic.BaseModel):
    answer: int


MATH_JSON = {"steps": [{"explanation": "add", "output": 2}], "final_answer": "2"}
VERDICT_JSON = {"ok": True, "reason": "fine"}
USAGE = {"prompt_tokens": 3, "completion_tokens": 5, "total_tokens": 8}


def _completion(content: str, finish_reason: str = "stop") -> dict[str, Any]:
    return {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "created": 1,
        "model": "gpt-4o",
        "choices": [
            {
                "index": 0,
                "finish_reason": finish_reason,
                "logprobs": None,
                "message": {"role": "assistant", "content": content, "refusal": None},
            }
        ],
        "usage": USAGE,
    }


def _response(text: str) -> dict[str, Any]:
    return {
        "id": "resp_1",
        "object": "response",
        "created_at": 1,
        "status": "completed",
        "model": "gpt-4o",
        "output": [
            {
                "type": "message",
                "id": "msg_1",
                "status": "completed",
                "role": "assistant",
                "content": [{"type": "output_text", "text": text, "annotations": []}],
            }
        ],
        "parallel_tool_calls": True,
        "tool_choice": "auto",
        "tools": [],
        "error": None,
        "incomplete_details": None,
        "instructions": None,
        "metadata": {},
        "temperature": 1.0,
        "top_p": 1.0,
    }


MESSAGES = [{"role": "user", "content": "1+1?"}]


@pytest.mark.parametrize(
    ("response_format", "content"), [(MathAnswer, MATH_JSON), (Verdict, VERDICT_JSON)]
)
def test_chat_parse_with_a_dataclass_or_typeddict(
    server: ScriptedServer, response_format: Any, content: dict[str, Any]
) -> None:
    def observe(sdk: ModuleType) -> dict[str, Any]:
        server.reply(Reply.json(_completion(json.dumps(content))))
        with client_of(sdk, server.url) as client:
            completion = client.chat.completions.parse(
                model="gpt-4o", messages=MESSAGES, response_format=response_format
            )
        parsed = completion.choices[0].message.parsed
        return {
            "sent": server.requests[-1].json()["response_format"],
            "parsed": parsed,
            "parsed_type": type(parsed),
        }

    ours, theirs = run_both(observe)
    assert ours == theirs
    assert ours["sent"]["json_schema"]["name"] == response_format.__name__
    assert ours["sent"]["json_schema"]["strict"] is True
    if response_format is MathAnswer:
        assert ours["parsed"] == MathAnswer(steps=[Step("add", 2)], final_answer="2")
    else:
        assert ours["parsed"] == VERDICT_JSON and ours["parsed_type"] is dict


@pytest.mark.anyio
async def test_async_chat_parse_with_a_dataclass(server: ScriptedServer) -> None:
    async def observe(sdk: ModuleType) -> tuple[Any, Any]:
        server.reply(Reply.json(_completion(json.dumps(MATH_JSON))))
        async with async_client_of(sdk, server.url) as client:
            completion = await client.chat.completions.parse(
                model="gpt-4o", messages=MESSAGES, response_format=MathAnswer
            )
        return server.requests[-1].json(), completion.choices[0].message.parsed

    ours, theirs = await arun_both(observe)
    assert ours == theirs
    assert isinstance(ours[1], MathAnswer) and ours[1].steps[0].output == 2


def test_responses_parse_with_a_dataclass(server: ScriptedServer) -> None:
    def observe(sdk: ModuleType) -> tuple[Any, Any]:
        server.reply(Reply.json(_response(json.dumps(MATH_JSON))))
        with client_of(sdk, server.url) as client:
            response = client.responses.parse(model="gpt-4o", input="1+1?", text_format=MathAnswer)
        return server.requests[-1].json()["text"], response.output_parsed

    ours, theirs = run_both(observe)
    assert ours == theirs
    assert ours[0]["format"]["name"] == "MathAnswer" and isinstance(ours[1], MathAnswer)


@pytest.mark.parametrize("response_format", [list[Plain], int])
def test_a_type_without_an_object_schema_is_refused_before_any_request(
    server: ScriptedServer, response_format: Any
) -> None:
    def observe(sdk: ModuleType) -> bool:
        with client_of(sdk, server.url) as client, pytest.raises(TypeError) as info:
            client.chat.completions.parse(
                model="gpt-4o", messages=MESSAGES, response_format=response_format
            )
        return isinstance(info.value, TypeError)

    assert run_both(observe) == (True, True)
    assert server.requests == []


def test_create_with_a_model_class_is_a_type_error_pointing_at_parse(
    server: ScriptedServer,
) -> None:
    def observe(sdk: ModuleType) -> str:
        with client_of(sdk, server.url) as client, pytest.raises(TypeError) as info:
            client.chat.completions.create(model="gpt-4o", messages=MESSAGES, response_format=Plain)
        return str(info.value)

    ours, theirs = run_both(observe)
    assert server.requests == []
    assert "chat.completions.parse()" in ours and "chat.completions.parse()" in theirs
    assert ours.startswith("`response_format` is the class Plain")


@pytest.mark.anyio
async def test_async_create_with_a_model_class_is_a_type_error(server: ScriptedServer) -> None:
    async def observe(sdk: ModuleType) -> str:
        async with async_client_of(sdk, server.url) as client:
            with pytest.raises(TypeError) as info:
                await client.chat.completions.create(
                    model="gpt-4o", messages=MESSAGES, response_format=Plain
                )
        return str(info.value)

    ours, theirs = await arun_both(observe)
    assert server.requests == []
    assert "chat.completions.parse()" in ours and "chat.completions.parse()" in theirs


def test_length_finish_reason_error_carries_the_completion_as_received(
    server: ScriptedServer,
) -> None:
    def observe(sdk: ModuleType) -> dict[str, Any]:
        server.reply(Reply.json(_completion('{"steps": [{"expl', finish_reason="length")))
        with (
            client_of(sdk, server.url) as client,
            pytest.raises(sdk.LengthFinishReasonError) as info,
        ):
            client.chat.completions.parse(
                model="gpt-4o", messages=MESSAGES, response_format=MathAnswer
            )
        completion = info.value.completion
        return {
            "is_openai_error": isinstance(info.value, sdk.OpenAIError),
            "type": type(completion).__name__,
            "is_chat_completion": isinstance(completion, sdk.types.chat.ChatCompletion),
            "has_parsed": hasattr(completion.choices[0].message, "parsed"),
            "dict": completion.to_dict(),
            "usage": completion.usage.total_tokens,
        }

    ours, theirs = run_both(observe)
    assert ours == theirs
    assert ours["type"] == "ChatCompletion" and ours["has_parsed"] is False
    assert ours["dict"]["choices"][0]["message"]["content"] == '{"steps": [{"expl'


def test_chat_stream_with_a_dataclass(server: ScriptedServer) -> None:
    from tests.lib.chat._support import sse, text_stream

    text = json.dumps(MATH_JSON)
    pieces = [text[:10], text[10:25], text[25:]]

    def observe(sdk: ModuleType) -> tuple[Any, Any]:
        server.reply(Reply.sse([sse(text_stream(pieces))]))
        with (
            client_of(sdk, server.url) as client,
            client.chat.completions.stream(
                model="gpt-4o", messages=MESSAGES, response_format=MathAnswer
            ) as stream,
        ):
            partial = [e.parsed for e in stream if e.type == "content.delta"]
            final = stream.get_final_completion()
        return partial, final.choices[0].message.parsed

    ours, theirs = run_both(observe)
    assert ours == theirs
    assert ours[1] == MathAnswer(steps=[Step("add", 2)], final_answer="2")


@pytest.mark.parametrize(
    ("module", "names"),
    [
        ("chat.parsed_chat_completion", ("ParsedChatCompletion", "ParsedChoice")),
        ("chat.parsed_function_tool_call", ("ParsedFunction", "ParsedFunctionToolCall")),
        ("responses.parsed_response", ("ParsedResponse", "ParsedResponseOutputMessage")),
    ],
)
def test_parse_result_modules_hold_the_classes_parse_returns(
    module: str, names: tuple[str, ...]
) -> None:
    # code written for the SDK imports these from their modules and subscripts them
    # (`ParsedChatCompletion[Answer]`); a generated look-alike is not generic
    import importlib

    for sdk in ("openai", "typed_openai"):
        from_module = importlib.import_module(f"{sdk}.types.{module}")
        package = importlib.import_module(f"{sdk}.types.{module.partition('.')[0]}")
        for name in names:
            cls = getattr(from_module, name)
            assert cls is getattr(package, name), (sdk, name)
    ours = importlib.import_module(f"typed_openai.types.{module}")
    first = getattr(ours, names[0])
    if module != "chat.parsed_function_tool_call":
        assert first[pydantic.BaseModel] is not None  # generic, as the SDK's
    else:
        assert "parsed_arguments" in first.model_fields
