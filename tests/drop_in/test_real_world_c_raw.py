"""Real-world sweep C, raw and streamed HTTP responses and model helpers: ``with_raw_response``
and ``with_streaming_response`` across resources (headers for rate limits, ``http_response``,
``iter_lines()``, ``parse()``), the client-level ``client.with_raw_response``, and what users do
with the returned models (``model_dump(exclude_unset=True)``, ``to_dict(mode=...)``,
``model_dump_json(indent=2)``, validating stored JSON back, copies, pickles) — run unchanged
against both packages over the scripted loopback server.
"""

from __future__ import annotations

import json
import pickle
from types import ModuleType
from typing import Any

from tests.support.server import Reply, ScriptedServer

from .programs import async_observed_the_same, observed_the_same, registry
from .test_real_world_apps import chat_chunk, chat_completion, output_message, response_object, sse

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()

MESSAGES = [{"role": "user", "content": "hi"}]
LIMITS = {
    "x-request-id": "req_1",
    "x-ratelimit-limit-requests": "500",
    "x-ratelimit-remaining-requests": "499",
    "x-ratelimit-reset-requests": "120ms",
    "openai-processing-ms": "87",
    "openai-version": "2020-10-01",
}
COMPLETION = chat_completion({"role": "assistant", "content": "Hello!"})
FILE = {
    "id": "file-1",
    "object": "file",
    "bytes": 12,
    "created_at": 1733000000,
    "filename": "train.jsonl",
    "purpose": "fine-tune",
    "status": "processed",
}
EMBEDDING = {
    "object": "list",
    "data": [{"object": "embedding", "index": 0, "embedding": [0.5, -0.25, 0.125]}],
    "model": "text-embedding-3-small",
    "usage": {"prompt_tokens": 2, "total_tokens": 2},
}
MODERATION = {
    "id": "modr-1",
    "model": "omni-moderation-latest",
    "results": [
        {
            "flagged": True,
            "categories": {"harassment": True, "violence": False},
            "category_scores": {"harassment": 0.9, "violence": 0.01},
            "category_applied_input_types": {"harassment": ["text"], "violence": ["text"]},
        }
    ],
}


def limits_of(raw: Any) -> tuple[Any, ...]:
    return (
        raw.headers.get("x-ratelimit-remaining-requests"),
        raw.headers["x-ratelimit-reset-requests"],
        int(raw.headers.get("openai-processing-ms", 0)),
        raw.status_code,
        raw.request_id,
    )


# --- with_raw_response -----------------------------------------------------------------------------


@program
def rate_limit_headers_across_resources(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(
        Reply.json(COMPLETION, headers=LIMITS),
        Reply.json(EMBEDDING, headers=LIMITS),
        Reply.json(MODERATION, headers=LIMITS),
        Reply.json(FILE, headers=LIMITS),
        Reply.json({"id": "file-1", "object": "file", "deleted": True}, headers=LIMITS),
        Reply.json(response_object([output_message("Hi")]), headers=LIMITS),
    )
    seen = []
    raw = client.chat.completions.with_raw_response.create(model="gpt-4o", messages=MESSAGES)
    seen.append((limits_of(raw), raw.parse().choices[0].message.content))
    raw = client.embeddings.with_raw_response.create(
        model="text-embedding-3-small", input="hi", encoding_format="float"
    )
    seen.append((limits_of(raw), raw.parse().data[0].embedding))
    raw = client.moderations.with_raw_response.create(input="you are bad")
    result = raw.parse().results[0]
    seen.append((limits_of(raw), result.flagged, result.categories.harassment))
    raw = client.files.with_raw_response.create(file=("train.jsonl", b"{}\n"), purpose="fine-tune")
    seen.append((limits_of(raw), raw.parse().id))
    raw = client.files.with_raw_response.delete("file-1")
    seen.append((limits_of(raw), raw.parse().deleted))
    raw = client.responses.with_raw_response.create(model="gpt-4.1", input="hi")
    seen.append((limits_of(raw), raw.parse().output_text))
    return seen


@program
def client_level_with_raw_response(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(Reply.json(COMPLETION, headers=LIMITS), Reply.json(FILE, headers=LIMITS))
    raw = client.with_raw_response.chat.completions.create(model="gpt-4o", messages=MESSAGES)
    with client.with_streaming_response.files.retrieve("file-1") as streamed:
        retrieved = streamed.parse()
        status = streamed.status_code
    return raw.parse().id, raw.headers["openai-version"], retrieved.filename, status


@program
def http_response_of_raw_and_streamed(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(Reply.json(COMPLETION, headers=LIMITS), Reply.json(FILE, headers=LIMITS))
    raw = client.chat.completions.with_raw_response.create(model="gpt-4o", messages=MESSAGES)
    seen = [
        raw.http_response.status_code,
        raw.http_response.headers["x-request-id"],
        raw.http_response.json()["id"],
        raw.http_request.url.path,
    ]
    with client.files.with_streaming_response.retrieve("file-1") as response:
        seen += [
            response.http_response.status_code,
            response.http_response.headers["content-type"],
            response.headers.get("openai-processing-ms"),
            response.json()["filename"],
            response.request_id,
        ]
    return seen


@program
def streaming_response_lines_of_a_chat_stream(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """Proxies that pass the server-sent events on as they come."""
    chunks = [chat_chunk({"role": "assistant", "content": "Hel"}), chat_chunk({"content": "lo"})]
    server.reply(sse(chunks), sse(chunks))
    lines = []
    with client.chat.completions.with_streaming_response.create(
        model="gpt-4o", messages=MESSAGES, stream=True
    ) as response:
        content_type = response.headers["content-type"]
        for line in response.iter_lines():
            if line.startswith("data: ") and line != "data: [DONE]":
                lines.append(json.loads(line[len("data: ") :])["choices"][0]["delta"])
    with client.chat.completions.with_streaming_response.create(
        model="gpt-4o", messages=MESSAGES, stream=True
    ) as response:
        stream = response.parse()
        text = "".join(chunk.choices[0].delta.content or "" for chunk in stream)
    return content_type, lines, text, server.requests[-1].json()["stream"]


@program
def streaming_response_of_responses_events(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    done = response_object([output_message("Hi there")])
    events = [
        {
            "type": "response.created",
            "sequence_number": 0,
            "response": {**done, "status": "in_progress", "output": []},
        },
        {
            "type": "response.output_text.delta",
            "sequence_number": 1,
            "item_id": "msg_1",
            "output_index": 0,
            "content_index": 0,
            "delta": "Hi there",
            "logprobs": [],
        },
        {"type": "response.completed", "sequence_number": 2, "response": done},
    ]
    server.reply(sse([(e["type"], e) for e in events]), sse([(e["type"], e) for e in events]))
    kinds = []
    with client.responses.with_streaming_response.create(
        model="gpt-4.1", input="hi", stream=True
    ) as response:
        for line in response.iter_lines():
            if line.startswith("event: "):
                kinds.append(line[len("event: ") :])
    with client.responses.with_streaming_response.create(
        model="gpt-4.1", input="hi", stream=True
    ) as response:
        deltas = [e.delta for e in response.parse() if e.type == "response.output_text.delta"]
    return kinds, deltas


@program
def raw_binary_downloads(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    audio = bytes(range(200))
    server.reply(
        Reply.raw(audio, content_type="audio/mpeg", headers={"x-request-id": "req_tts"}),
        Reply.raw(b'{"a": 1}\n{"a": 2}\n', content_type="application/octet-stream"),
        Reply.raw(audio, content_type="audio/mpeg"),
    )
    raw = client.audio.speech.with_raw_response.create(model="tts-1", voice="alloy", input="hi")
    speech = raw.parse()
    content = client.files.with_raw_response.content("file-1")
    lines = content.text.splitlines()
    with client.audio.speech.with_streaming_response.create(
        model="tts-1", voice="alloy", input="hi"
    ) as response:
        got = b"".join(response.iter_bytes(64))
    return (
        raw.headers["content-type"],
        raw.request_id,
        speech.content == audio,
        isinstance(speech, openai.HttpxBinaryResponseContent),
        lines,
        content.parse().read() == b'{"a": 1}\n{"a": 2}\n',
        got == audio,
    )


@program
def raw_responses_of_assistants_objects(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    assistant = {
        "id": "asst_1",
        "object": "assistant",
        "created_at": 1,
        "name": "Math Tutor",
        "description": None,
        "model": "gpt-4o",
        "instructions": "Be helpful",
        "tools": [{"type": "code_interpreter"}],
        "metadata": {},
        "top_p": 1.0,
        "temperature": 1.0,
        "response_format": "auto",
    }
    batch = {
        "id": "batch_1",
        "object": "batch",
        "endpoint": "/v1/chat/completions",
        "input_file_id": "file-1",
        "completion_window": "24h",
        "status": "cancelling",
        "created_at": 1,
    }
    store = {
        "id": "vs_1",
        "object": "vector_store",
        "created_at": 1,
        "name": "docs",
        "usage_bytes": 0,
        "file_counts": {"in_progress": 0, "completed": 0, "failed": 0, "cancelled": 0, "total": 0},
        "status": "completed",
        "last_active_at": 1,
        "metadata": {},
    }
    server.reply(
        Reply.json(assistant, headers=LIMITS),
        Reply.json(batch, headers=LIMITS),
        Reply.json(store, headers=LIMITS),
        Reply.json({"id": "gpt-4o", "object": "model", "created": 1, "owned_by": "openai"}),
    )
    a = client.beta.assistants.with_raw_response.create(
        model="gpt-4o", name="Math Tutor", tools=[{"type": "code_interpreter"}]
    )
    b = client.batches.with_raw_response.cancel("batch_1")
    v = client.vector_stores.with_raw_response.create(name="docs")
    m = client.models.with_raw_response.retrieve("gpt-4o")
    return [
        (r.http_request.method, r.http_request.url.path, r.headers.get("openai-beta"), r.parse().id)
        for r in (a, b, v, m)
    ] + [[req.headers.get("openai-beta") for req in server.requests[-4:]]]


@program
def streaming_response_reads_once(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(Reply.json(COMPLETION, headers=LIMITS), Reply.json(COMPLETION))
    with client.chat.completions.with_streaming_response.create(
        model="gpt-4o", messages=MESSAGES
    ) as response:
        body = response.read()
        parsed = response.parse()
        again = response.parse()
        text = response.text()
    with client.chat.completions.with_streaming_response.create(
        model="gpt-4o", messages=MESSAGES
    ) as response:
        pieces = list(response.iter_text())
    return (
        json.loads(body)["id"],
        parsed.choices[0].message.content,
        again is parsed,
        parsed._request_id,
        json.loads(text)["model"],
        json.loads("".join(pieces))["object"],
        response.is_closed,
    )


@program
def raw_responses_without_a_body_and_of_streams(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """Raw responses of calls that return nothing, of a content page, and of a Responses
    event stream (``parse()`` gives the stream)."""
    done = response_object([output_message("Hi")])
    events = [
        {"type": "response.created", "sequence_number": 0, "response": {**done, "output": []}},
        {"type": "response.completed", "sequence_number": 1, "response": done},
    ]
    server.reply(
        Reply.empty(200),
        Reply.empty(204),
        Reply.json(
            {
                "object": "vector_store.file_content.page",
                "data": [{"type": "text", "text": "hello"}],
                "has_more": False,
                "next_page": None,
            }
        ),
        sse([(e["type"], e) for e in events]),
    )
    seen = []
    raw = client.realtime.calls.with_raw_response.hangup("rtc_1")
    seen.append((raw.status_code, raw.parse()))
    with client.realtime.calls.with_streaming_response.reject("rtc_1") as response:
        seen.append((response.status_code, response.parse()))
    raw = client.vector_stores.files.with_raw_response.content("file-1", vector_store_id="vs_1")
    seen.append([part.text for part in raw.parse()])
    raw = client.responses.with_raw_response.create(model="gpt-4.1", input="hi", stream=True)
    seen.append((raw.headers["content-type"], [event.type for event in raw.parse()]))
    return seen


# --- model helpers ---------------------------------------------------------------------------------


@program
def model_dumps_for_storage(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    body = chat_completion({"role": "assistant", "content": "Hi"})
    del body["service_tier"]  # not sent: unset
    server.reply(Reply.json(body))
    completion = client.chat.completions.create(model="gpt-4o", messages=MESSAGES)
    message = completion.choices[0].message
    return (
        completion.model_dump(exclude_unset=True),
        completion.model_dump(exclude_none=True),
        completion.model_dump(mode="json", include={"id", "model", "usage"}),
        completion.model_dump(exclude={"choices", "usage"}),
        completion.to_dict(mode="json"),
        completion.to_dict(exclude_unset=False)["service_tier"],
        completion.to_dict(exclude_none=True)["choices"][0]["message"],
        message.model_dump(exclude_unset=True),
        message.to_dict(),
        completion.model_dump_json(indent=2),
        completion.to_json(indent=4),
        completion.to_json(),
        completion.model_dump_json(exclude_unset=True, exclude_none=True),
        sorted(completion.model_fields_set),
        sorted(message.model_fields_set),
    )


@program
def models_rebuilt_from_stored_json(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    from_sdk = openai.types.chat.ChatCompletion
    stored = json.dumps(COMPLETION)
    completion = from_sdk.model_validate_json(stored)
    again = from_sdk.model_validate(json.loads(stored))
    built = from_sdk.construct(**json.loads(stored))
    copy = completion.model_copy(update={"model": "gpt-4o-mini"}, deep=True)
    unpickled = pickle.loads(pickle.dumps(completion))
    return (
        completion == again,
        completion == unpickled,
        copy.model,
        completion.model,
        built.id,
        type(completion.choices[0].message).__name__,
        unpickled.choices[0].message.content,
        dict(completion)["id"],
        [name for name, _ in completion][:3],
        completion.usage.completion_tokens_details.reasoning_tokens,
    )


@program
def responses_and_events_as_dicts(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    done = response_object([output_message("Hi")], future_field={"x": 1})
    events = [
        {
            "type": "response.output_text.delta",
            "sequence_number": 1,
            "item_id": "msg_1",
            "output_index": 0,
            "content_index": 0,
            "delta": "Hi",
            "logprobs": [],
        },
        {"type": "response.completed", "sequence_number": 2, "response": done},
    ]
    server.reply(Reply.json(done), sse([(e["type"], e) for e in events]))
    response = client.responses.create(model="gpt-4.1", input="hi")
    dumped = [
        event.model_dump(exclude_unset=True)
        for event in client.responses.create(model="gpt-4.1", input="hi", stream=True)
    ]
    return (
        response.to_dict()["future_field"],
        response.model_dump(exclude_unset=True)["output"],
        json.loads(response.model_dump_json(indent=2, exclude_unset=True))["usage"],
        # with unset fields: cache_write_tokens_details too, newer than the document
        json.loads(response.model_dump_json(indent=2))["usage"],
        response.output[0].to_dict(mode="json"),
        dumped,
    )


@program
def param_dicts_from_models(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """History kept as the assistant message dumped with ``exclude_unset`` and sent back."""
    call = {"id": "call_1", "type": "function", "function": {"name": "f", "arguments": "{}"}}
    server.reply(
        Reply.json(chat_completion({"role": "assistant", "content": None, "tool_calls": [call]})),
        Reply.json(COMPLETION),
    )
    first = client.chat.completions.create(model="gpt-4o", messages=MESSAGES)
    history = [
        *MESSAGES,
        first.choices[0].message.model_dump(exclude_unset=True, exclude_none=True),
        {"role": "tool", "tool_call_id": "call_1", "content": "42"},
    ]
    client.chat.completions.create(model="gpt-4o", messages=history)
    return server.requests[-1].json()


@program
def models_built_by_hand_for_mocks(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Unit tests of apps build the SDK's models by hand as canned answers, importing them from
    the modules the 1.x line had them in."""
    from importlib import import_module

    def types(module: str) -> Any:
        return import_module(f"{openai.__name__}.types.{module}")

    tool_call = types("chat.chat_completion_message_tool_call")
    chat = types("chat.chat_completion")
    message = types("chat.chat_completion_message")
    chunk = types("chat.chat_completion_chunk")
    call = tool_call.ChatCompletionMessageToolCall(
        id="call_1", type="function", function=tool_call.Function(name="lookup", arguments="{}")
    )
    completion = chat.ChatCompletion(
        id="chatcmpl-mock",
        choices=[
            chat.Choice(
                index=0,
                finish_reason="tool_calls",
                message=message.ChatCompletionMessage(
                    role="assistant", content=None, tool_calls=[call]
                ),
            )
        ],
        created=0,
        model="gpt-4o",
        object="chat.completion",
    )
    delta = chunk.ChatCompletionChunk(
        id="c",
        choices=[chunk.Choice(index=0, delta=chunk.ChoiceDelta(content="he"), finish_reason=None)],
        created=0,
        model="gpt-4o",
        object="chat.completion.chunk",
    )
    embeddings = types("create_embedding_response").CreateEmbeddingResponse(
        data=[types("embedding").Embedding(embedding=[0.1, 0.2], index=0, object="embedding")],
        model="text-embedding-3-small",
        object="list",
        usage=types("create_embedding_response").Usage(prompt_tokens=1, total_tokens=1),
    )
    return (
        completion.model_dump(exclude_unset=True),
        completion.to_json(),
        completion.choices[0].message.tool_calls[0].function.name,
        isinstance(call, types("chat").ChatCompletionMessageFunctionToolCall),
        delta.model_dump(exclude_unset=True),
        embeddings.model_dump(),
    )


# --- async -----------------------------------------------------------------------------------------


@async_program
async def async_streaming_response_lines(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    chunks = [chat_chunk({"role": "assistant", "content": "a"}), chat_chunk({"content": "b"})]
    server.reply(sse(chunks), Reply.json(COMPLETION, headers=LIMITS), Reply.json(FILE))
    lines = []
    async with client.chat.completions.with_streaming_response.create(
        model="gpt-4o", messages=MESSAGES, stream=True
    ) as response:
        async for line in response.iter_lines():
            lines.append(line)
    async with client.chat.completions.with_streaming_response.create(
        model="gpt-4o", messages=MESSAGES
    ) as response:
        parsed = await response.parse()
        data = await response.json()
        headers = response.headers["x-ratelimit-limit-requests"]
    raw = await client.files.with_raw_response.retrieve("file-1")
    return (
        [line for line in lines if line],
        parsed.choices[0].message.content,
        data["id"],
        headers,
        raw.parse().filename,
        raw.http_response.status_code,
    )


@async_program
async def async_model_helpers(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(Reply.json(COMPLETION))
    completion = await client.chat.completions.create(model="gpt-4o", messages=MESSAGES)
    return completion.to_dict(mode="json"), completion.model_dump_json(indent=2)


# --- runners -------------------------------------------------------------------------------------


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
