"""`omit` (the official SDK's sentinel for a left-out argument since its 2.x line) passed for
every optional argument sends what leaving them out sends — in both packages, for generated
methods and the hand-written helpers (`parse`, `stream`) alike. Their signatures take it
(`X | NotGiven | Omit`), so code written for the SDK may pass it on, e.g. a wrapper with
`temperature: float | Omit = omit` (tests/typing/programs; test_drop_in_types checks the types)."""

from __future__ import annotations

import inspect
from functools import reduce
from types import ModuleType
from typing import Any

import pytest
from pydantic import BaseModel

from tests.drop_in.conftest import client_of, run_both
from tests.drop_in.test_real_world_apps import chat_completion, output_message, response_object
from tests.support.server import Reply, ScriptedServer


class Answer(BaseModel):
    value: str


CHAT = Reply.json(chat_completion({"role": "assistant", "content": '{"value": "v"}'}))
CHAT_STREAM = Reply.sse(
    [
        'data: {"id": "c", "object": "chat.completion.chunk", "created": 1, "model": "m", '
        '"choices": [{"index": 0, "delta": {"role": "assistant", "content": "{\\"value\\": '
        '\\"v\\"}"}, "finish_reason": "stop"}]}\n\n',
        "data: [DONE]\n\n",
    ]
)
RESPONSE = Reply.json(response_object([output_message('{"value": "v"}')]))
MESSAGES = [{"role": "user", "content": "hi"}]

# method path -> (the arguments given, the reply)
CASES: dict[str, tuple[dict[str, Any], Reply]] = {
    "chat.completions.create": ({"model": "gpt-4o", "messages": MESSAGES}, CHAT),
    "chat.completions.parse": (
        {"model": "gpt-4o", "messages": MESSAGES, "response_format": Answer},
        CHAT,
    ),
    "chat.completions.stream": ({"model": "gpt-4o", "messages": MESSAGES}, CHAT_STREAM),
    "responses.create": ({"model": "gpt-4o", "input": "hi"}, RESPONSE),
    "responses.parse": ({"model": "gpt-4o", "input": "hi", "text_format": Answer}, RESPONSE),
    "embeddings.create": (
        {"model": "text-embedding-3-small", "input": "hi", "encoding_format": "float"},
        Reply.json(
            {
                "object": "list",
                "data": [{"object": "embedding", "index": 0, "embedding": [0.5]}],
                "model": "m",
                "usage": {"prompt_tokens": 1, "total_tokens": 1},
            }
        ),
    ),
    "files.list": ({}, Reply.json({"object": "list", "data": [], "has_more": False})),
}


def omittable(path: str, given: dict[str, Any]) -> list[str]:
    """The arguments the SDK's method at ``path`` defaults to ``omit``, besides ``given``."""
    import openai

    with openai.OpenAI(api_key="sk-x", base_url="http://127.0.0.1:9") as client:
        method = reduce(getattr, path.split("."), client)
    return [
        name
        for name, param in inspect.signature(method).parameters.items()
        if param.default is openai.omit and name not in given
    ]


def call(sdk: ModuleType, client: Any, path: str, arguments: dict[str, Any]) -> Any:
    method = reduce(getattr, path.split("."), client)
    takes = inspect.signature(method).parameters  # ours may lack a newer argument of the SDK's
    result = method(**{name: value for name, value in arguments.items() if name in takes})
    if path.endswith(".stream"):
        with result as stream:
            return type(stream.get_final_completion()).__name__
    if path == "files.list":
        return [f.id for f in result]
    return type(result).__name__


@pytest.mark.parametrize("path", sorted(CASES))
def test_omit_sends_what_leaving_out_sends(server: ScriptedServer, path: str) -> None:
    given, reply = CASES[path]
    names = omittable(path, given)
    assert len(names) >= 1

    def run(sdk: ModuleType) -> Any:
        server.reply(reply, reply)
        with client_of(sdk, server.url) as client:
            left_out = call(sdk, client, path, given)
            with_omit = call(sdk, client, path, {**given, **dict.fromkeys(names, sdk.omit)})
        first, second = server.requests[-2:]
        return (
            left_out,
            with_omit,
            first.json() if first.body else None,
            (second.json() if second.body else None),
            first.target == second.target,
        )

    ours, theirs = run_both(run)
    assert ours[0] == ours[1] and ours[2] == ours[3] and ours[4], ours
    assert theirs[0] == theirs[1] and theirs[2] == theirs[3] and theirs[4], theirs
