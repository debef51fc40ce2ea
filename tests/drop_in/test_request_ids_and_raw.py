"""Points 1 and 3 of issue 15, against the official SDK: ``_request_id`` on what calls return,
and raw responses whose ``parse()`` is synchronous for the async client too."""

from __future__ import annotations

import inspect
from types import ModuleType
from typing import Any

import pytest

from tests.support.server import Reply, ScriptedServer

from .conftest import arun_both, async_client_of, client_of, run_both

MODEL = {"id": "gpt-x", "object": "model", "created": 1, "owned_by": "me"}
MODELS = {"object": "list", "data": [MODEL]}
COMPLETION = {
    "id": "chatcmpl-1",
    "object": "chat.completion",
    "created": 1,
    "model": "gpt-x",
    "choices": [
        {
            "index": 0,
            "finish_reason": "stop",
            "logprobs": None,
            "message": {"role": "assistant", "content": "hi", "refusal": None},
        }
    ],
    "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
}


def script(server: ScriptedServer) -> None:
    server.route("GET", "/models/gpt-x", Reply.json(MODEL, headers={"x-request-id": "req_model"}))
    server.route("GET", "/models", Reply.json(MODELS, headers={"x-request-id": "req_list"}))
    server.route(
        "POST", "/chat/completions", Reply.json(COMPLETION, headers={"x-request-id": "req_chat"})
    )


def nested_request_id(obj: Any) -> str:
    try:
        return repr(obj._request_id)
    except AttributeError:
        return "AttributeError"


def test_request_ids_agree_with_the_official_sdk(server: ScriptedServer) -> None:
    script(server)

    def observe(sdk: ModuleType) -> dict[str, Any]:
        with client_of(sdk, server.url) as client:
            model = client.models.retrieve("gpt-x")
            page = client.models.list()
            completion = client.chat.completions.create(
                model="gpt-x", messages=[{"role": "user", "content": "hi"}]
            )
            raw = client.models.with_raw_response.retrieve("gpt-x")
            with client.models.with_streaming_response.retrieve("gpt-x") as streamed:
                streamed_model = streamed.parse()
            return {
                "model": model._request_id,
                "page": page._request_id,
                "completion": completion._request_id,
                "nested": nested_request_id(completion.usage),
                "raw.request_id": raw.request_id,
                "raw.parse": raw.parse()._request_id,
                "streamed.parse": streamed_model._request_id,
                "dump": model.model_dump(),
                "equal_to_fresh": model == type(model).model_validate(MODEL),
                "in_repr": "req_model" in repr(model),
            }

    ours, theirs = run_both(observe)
    assert ours == theirs
    assert ours["model"] == "req_model" and ours["page"] == "req_list"
    assert ours["nested"] == "AttributeError"


@pytest.mark.anyio
async def test_async_raw_parse_is_synchronous_like_the_official_sdk(
    server: ScriptedServer,
) -> None:
    script(server)

    async def observe(sdk: ModuleType) -> dict[str, Any]:
        async with async_client_of(sdk, server.url) as client:
            raw = await client.chat.completions.with_raw_response.create(
                model="gpt-x", messages=[{"role": "user", "content": "hi"}]
            )
            parsed = raw.parse()
            raw_page = await client.models.with_raw_response.list()
            page = raw_page.parse()
            async with client.models.with_streaming_response.retrieve("gpt-x") as streamed:
                pending = streamed.parse()
                streamed_is_coroutine = inspect.isawaitable(pending)
                streamed_model = await pending
            return {
                "parse_is_awaitable": inspect.isawaitable(parsed),
                "content": parsed.choices[0].message.content,
                "request_id": parsed._request_id,
                "text_is_str": isinstance(raw.text, str),
                "content_is_bytes": isinstance(raw.content, bytes),
                "status": raw.status_code,
                "header": raw.headers["x-request-id"],
                "page_ids": [m.id for m in page.data],
                "page_request_id": page._request_id,
                "streamed_parse_is_awaitable": streamed_is_coroutine,
                "streamed_request_id": streamed_model._request_id,
            }

    ours, theirs = await arun_both(observe)
    assert ours == theirs
    assert ours["parse_is_awaitable"] is False and ours["streamed_parse_is_awaitable"] is True
