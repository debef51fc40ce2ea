"""Fields the official SDK (openai 3.57.0) has at places where the upstream API document lacks
them (it has the property on other shapes only), marked `x-sdk-newer: true` in spec/openapi.yml:
a prompt-cache breakpoint's `ttl`, a failed response's and a failed video's error `param` / `type`
(the video's `headers` too), a compaction trigger's `id`, the Responses WebSocket error's
`misalignment` and the realtime response status error's `message`.

Each goes out, or is read back, the same with either package over the loopback HTTP or websocket
server, with `_strict_response_validation=True` where the client takes it.
"""

from __future__ import annotations

from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest

from tests.drop_in.test_realtime_connect import both
from tests.support.server import Reply, ScriptedServer
from tests.support.websocket_server import WebSocketServer, running_server

from .conftest import API_KEY, run_both
from .test_real_world_apps import response_object, wire


@pytest.fixture
def ws_server() -> Iterator[WebSocketServer]:
    with running_server() as server:
        yield server


def _client(sdk: ModuleType, server: ScriptedServer) -> Any:
    return sdk.OpenAI(
        api_key=API_KEY,
        base_url=server.url + "/v1",
        max_retries=0,
        _strict_response_validation=True,
    )


def _dump(result: Any) -> Any:
    return result.model_dump(mode="json", exclude_unset=True), repr(result)


BREAKPOINT = {"mode": "explicit", "ttl": "12h"}
RESPONSE_INPUT = [
    {
        "type": "message",
        "role": "user",
        "content": [
            {"type": "input_text", "text": "the manual", "prompt_cache_breakpoint": BREAKPOINT},
            {
                "type": "input_image",
                "image_url": "https://example.com/a.png",
                "detail": "auto",
                "prompt_cache_breakpoint": BREAKPOINT,
            },
            {"type": "input_file", "file_id": "file_1", "prompt_cache_breakpoint": BREAKPOINT},
        ],
    },
    {"type": "compaction_trigger", "id": "ct_1"},
]


def test_chat_content_parts_send_a_breakpoint_ttl(server: ScriptedServer) -> None:
    completion = {
        "id": "chatcmpl_1",
        "object": "chat.completion",
        "created": 1,
        "model": "gpt-5",
        "choices": [
            {
                "index": 0,
                "finish_reason": "stop",
                "message": {"role": "assistant", "content": "ok", "refusal": None},
            }
        ],
    }
    content = [
        {"type": "text", "text": "the manual", "prompt_cache_breakpoint": BREAKPOINT},
        {
            "type": "image_url",
            "image_url": {"url": "https://example.com/a.png"},
            "prompt_cache_breakpoint": {"mode": "explicit", "ttl": "30m"},
        },
        {
            "type": "input_audio",
            "input_audio": {"data": "AAAA", "format": "wav"},
            "prompt_cache_breakpoint": BREAKPOINT,
        },
        {"type": "file", "file": {"file_id": "file_1"}, "prompt_cache_breakpoint": BREAKPOINT},
    ]

    def observed(sdk: ModuleType) -> Any:
        server.requests.clear()
        server.reply(Reply.json(completion))
        with _client(sdk, server) as client:
            client.chat.completions.create(
                model="gpt-5", messages=[{"role": "user", "content": content}]
            )
        return wire(server.requests[0])

    ours, theirs = run_both(observed)
    assert ours[-1]["messages"][0]["content"] == content
    assert ours == theirs


def test_response_input_sends_and_reads_breakpoint_ttls_and_a_compaction_trigger_id(
    server: ScriptedServer,
) -> None:
    """Sent with `responses.create` (beta too); the message read back as a response's input item,
    the trigger (no listed item holds one) built as the input item model it is."""
    answer = response_object([])
    answer["usage"]["input_tokens_details"] = {"cached_tokens": 0, "cache_write_tokens": 0}
    stored = {**RESPONSE_INPUT[0], "id": "msg_1", "status": "completed"}
    items = {"object": "list", "data": [stored], "first_id": "msg_1", "last_id": "msg_1"}
    items["has_more"] = False

    def observed(sdk: ModuleType) -> Any:
        server.requests.clear()
        server.reply(Reply.json(answer), Reply.json(answer), Reply.json(items))
        with _client(sdk, server) as client:
            client.responses.create(model="gpt-5", input=RESPONSE_INPUT)
            client.beta.responses.create(model="gpt-5", input=RESPONSE_INPUT)
            (message,) = client.responses.input_items.list("resp_abc").data
        trigger = sdk.types.responses.response_input_item.CompactionTrigger.model_validate(
            RESPONSE_INPUT[1]
        )
        read = (
            [part.prompt_cache_breakpoint.ttl for part in message.content],
            [type(part.prompt_cache_breakpoint).__name__ for part in message.content],
            trigger.id,
        )
        sent = [wire(request)[-1]["input"] for request in server.requests[:2]]
        return read, sent, _dump(message), _dump(trigger)

    ours, theirs = run_both(observed)
    assert ours[0][0] == ["12h"] * 3 and ours[0][2] == "ct_1"
    assert ours[1] == [RESPONSE_INPUT] * 2
    assert ours == theirs


def test_a_failed_response_reads_its_errors_param_and_type(server: ScriptedServer) -> None:
    error = {
        "code": "invalid_image_url",
        "message": "The image could not be downloaded.",
        "param": "input[0].content[1].image_url",
        "type": "invalid_request_error",
    }
    answer = response_object([], status="failed", error=error)
    answer["usage"]["input_tokens_details"] = {"cached_tokens": 0, "cache_write_tokens": 0}

    def observed(sdk: ModuleType) -> Any:
        server.reply(Reply.json(answer), Reply.json(answer))
        with _client(sdk, server) as client:
            response = client.responses.retrieve("resp_abc")
            beta = client.beta.responses.retrieve("resp_abc")
        assert response.error is not None and beta.error is not None
        read = (response.error.param, response.error.type, beta.error.param, beta.error.type)
        return read, _dump(response.error), _dump(beta.error)

    ours, theirs = run_both(observed)
    assert ours[0] == (error["param"], error["type"]) * 2
    assert ours == theirs


def test_a_failed_video_reads_its_errors_headers_param_and_type(server: ScriptedServer) -> None:
    video = {
        "id": "video_1",
        "object": "video",
        "model": "sora-2",
        "status": "failed",
        "progress": 0,
        "created_at": 1,
        "completed_at": None,
        "expires_at": None,
        "prompt": "waves",
        "size": "720x1280",
        "seconds": "4",
        "remixed_from_video_id": None,
        "error": {
            "code": "rate_limit_exceeded",
            "message": "Try again later.",
            "headers": {"retry-after": "30"},
            "param": None,
            "type": "requests",
        },
    }

    def observed(sdk: ModuleType) -> Any:
        server.reply(Reply.json(video))
        with _client(sdk, server) as client:
            error = client.videos.retrieve("video_1").error
        assert error is not None
        return (error.headers, error.param, error.type), _dump(error)

    ours, theirs = run_both(observed)
    assert ours[0] == ({"retry-after": "30"}, None, "requests")
    assert ours == theirs


MISALIGNMENT = {
    "detailed_explanation": "This would send your files to an unknown host.",
    "error_type": "potentially_unintended_data_transfer",
    "review_target": "rev_1",
    "steer": {"message": "Ask the user first."},
}


def test_a_websocket_error_reads_its_misalignment(ws_server: WebSocketServer) -> None:
    error = {
        "type": "error",
        "status": 400,
        "error": {
            "type": "invalid_request_error",
            "code": "misalignment_policy_violation",
            "message": "Stopped.",
            "param": None,
            "misalignment": MISALIGNMENT,
        },
    }
    ws_server.on("response.create", [error], close=1000)
    read: list[Any] = []

    def program(sdk: ModuleType) -> list[Any]:
        client = sdk.OpenAI(api_key=API_KEY, base_url=ws_server.url)
        with client.responses.connect() as connection:
            connection.send({"type": "response.create", "model": "gpt-5", "input": "upload it"})
            event = connection.recv()
        misalignment = event.error.misalignment
        read.append((misalignment.steer.message, type(misalignment).__name__))
        return [event]

    ours, theirs = both(ws_server, program)
    assert ours["events"][0][1]["error"]["misalignment"] == MISALIGNMENT
    assert read == [("Ask the user first.", "ResponseWsErrorErrorMisalignment")] * 2
    assert ours == theirs


def test_a_realtime_response_status_error_reads_its_message(ws_server: WebSocketServer) -> None:
    done = {
        "type": "response.done",
        "event_id": "ev_1",
        "response": {
            "id": "resp_1",
            "object": "realtime.response",
            "status": "failed",
            "status_details": {
                "type": "failed",
                "error": {"type": "server_error", "code": "internal", "message": "Try again."},
            },
        },
    }
    ws_server.on("response.create", [done], close=1000)
    read: list[Any] = []

    def program(sdk: ModuleType) -> list[Any]:
        client = sdk.OpenAI(api_key=API_KEY, base_url=ws_server.url)
        with client.realtime.connect(model="gpt-realtime") as connection:
            connection.response.create()
            event = connection.recv()
        read.append(event.response.status_details.error.message)
        return [event]

    ours, theirs = both(ws_server, program)
    assert read == ["Try again."] * 2
    assert ours == theirs


# (module under types, class, the payload without the newer field, the field): what an answer that
# leaves the field out reads as; an unknown attribute would raise instead of giving None
LEFT_OUT = [
    ("responses.response_input_text", "PromptCacheBreakpoint", {"mode": "explicit"}, "ttl"),
    ("beta.beta_response_input_image", "PromptCacheBreakpoint", {"mode": "explicit"}, "ttl"),
    (
        "chat.chat_completion_content_part_text",
        "PromptCacheBreakpoint",
        {"mode": "explicit"},
        "ttl",
    ),
    (
        "responses.response_error",
        "ResponseError",
        {"code": "server_error", "message": "m"},
        "param",
    ),
    (
        "beta.beta_response_error",
        "BetaResponseError",
        {"code": "server_error", "message": "m"},
        "type",
    ),
    ("video_create_error", "VideoCreateError", {"code": "c", "message": "m"}, "headers"),
    ("responses.response_input_item", "CompactionTrigger", {"type": "compaction_trigger"}, "id"),
    ("realtime.realtime_response_status", "Error", {"code": "c"}, "message"),
    ("beta.realtime.realtime_response_status", "Error", {"code": "c"}, "message"),
    (
        "responses.responses_server_event",
        "ResponseWsErrorError",
        {"type": "t", "code": None, "message": "m", "param": None},
        "misalignment",
    ),
]
# (module under types, TypedDict, key): request keys code type-checked against the SDK sends
DECLARED = [
    ("chat.chat_completion_content_part_text_param", "PromptCacheBreakpoint", "ttl"),
    ("chat.chat_completion_content_part_param", "FilePromptCacheBreakpoint", "ttl"),
    ("responses.response_input_file_param", "PromptCacheBreakpoint", "ttl"),
    ("beta.beta_response_input_text_content_param", "PromptCacheBreakpoint", "ttl"),
    ("responses.response_input_item_param", "CompactionTrigger", "id"),
    ("beta.beta_response_input_param", "CompactionTrigger", "id"),
]


def test_a_left_out_newer_field_reads_as_none_and_the_params_declare_the_newer_keys() -> None:
    import importlib

    def observed(sdk: ModuleType) -> Any:
        read = []
        for module, name, payload, field in LEFT_OUT:
            cls = getattr(importlib.import_module(f"{sdk.__name__}.types.{module}"), name)
            read.append((module, getattr(cls.model_validate(payload), field)))
        declared = []
        for module, name, key in DECLARED:
            typed_dict = getattr(importlib.import_module(f"{sdk.__name__}.types.{module}"), name)
            declared.append((module, key in typed_dict.__optional_keys__))
        return read, declared

    ours, theirs = run_both(observed)
    assert {value for _, value in ours[0]} == {None}
    assert all(present for _, present in ours[1])
    assert ours == theirs
