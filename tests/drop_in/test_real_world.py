"""Snippets written the way code for the official SDK is written, run against both packages.

Each snippet takes the package (imported as ``openai`` would be) and a client of it, and returns
what its author could observe: types, fields, text, files written, errors caught. Both packages
talk to one local OpenAI-compatible server (``typed_openai.testing``) over loopback, and the test
asserts that they observe the same. Ids the server makes up are never compared.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import importlib
import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from pydantic import BaseModel

from typed_openai.testing import LocalOpenAIServer

from .conftest import arun_both, run_both

Snippet = Callable[..., Any]  # (openai, client) or (openai, client, tmp_path)
SNIPPETS: dict[str, Snippet] = {}


def snippet(code: Snippet) -> Snippet:
    SNIPPETS[code.__name__] = code
    return code


@pytest.fixture(scope="module")
def local() -> Iterator[LocalOpenAIServer]:
    with LocalOpenAIServer() as server:
        yield server


WEATHER_FUNCTION = {
    "name": "get_weather",
    "description": "The weather in a city",
    "parameters": {
        "type": "object",
        "properties": {"city": {"type": "string"}},
        "required": ["city"],
        "additionalProperties": False,
    },
}


# --- chat completions ------------------------------------------------------------------------


@snippet
def chat_create(openai: ModuleType, client: Any) -> Any:
    completion = client.chat.completions.create(
        model="gpt-4o",
        messages=[
            {"role": "system", "content": "You are a helpful assistant."},
            {"role": "user", "content": "Hello!"},
        ],
    )
    message = completion.choices[0].message
    return (
        type(completion).__name__,
        message.role,
        message.content,
        completion.choices[0].finish_reason,
        completion.usage.total_tokens,
        sorted(completion.model_dump(exclude_unset=True)),
        sorted(json.loads(completion.to_json())) == sorted(completion.to_dict()),
    )


@snippet
def chat_stream_with_usage(openai: ModuleType, client: Any) -> Any:
    stream = client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "user", "content": "Say this is a test"}],
        stream=True,
        stream_options={"include_usage": True},
    )
    text, usage = "", None
    for chunk in stream:
        if chunk.choices and chunk.choices[0].delta.content is not None:
            text += chunk.choices[0].delta.content
        if chunk.usage:
            usage = chunk.usage.total_tokens
    return text, usage


@snippet
def chat_tool_call_round_trip(openai: ModuleType, client: Any) -> Any:
    messages: list[Any] = [{"role": "user", "content": "What's the weather in Paris?"}]
    tools = [{"type": "function", "function": WEATHER_FUNCTION}]
    first = client.chat.completions.create(
        model="gpt-4o", messages=messages, tools=tools, tool_choice="required"
    )
    message = first.choices[0].message
    messages.append(message)  # the SDK's message model goes back in as it is
    calls = []
    for tool_call in message.tool_calls:
        arguments = json.loads(tool_call.function.arguments)
        calls.append((tool_call.type, tool_call.function.name, sorted(arguments)))
        messages.append({"role": "tool", "tool_call_id": tool_call.id, "content": "sunny"})
    second = client.chat.completions.create(model="gpt-4o", messages=messages, tools=tools)
    return first.choices[0].finish_reason, calls, second.choices[0].message.content


@snippet
def chat_stream_helper(openai: ModuleType, client: Any) -> Any:
    with client.chat.completions.stream(
        model="gpt-4o", messages=[{"role": "user", "content": "hi"}]
    ) as stream:
        kinds = [event.type for event in stream]
        final = stream.get_final_completion()
    return kinds[0], kinds[-1], final.choices[0].message.content


@snippet
def chat_parse_pydantic(openai: ModuleType, client: Any) -> Any:
    class Step(BaseModel):
        explanation: str
        output: str

    class MathReasoning(BaseModel):
        steps: list[Step]
        final_answer: str

    completion = client.chat.completions.parse(
        model="gpt-4o",
        messages=[{"role": "user", "content": "solve 8x + 7 = -23"}],
        response_format=MathReasoning,
    )
    parsed = completion.choices[0].message.parsed
    return type(parsed).__name__, parsed.model_dump(), completion.choices[0].message.refusal


@snippet
def chat_typed_params(openai: ModuleType, client: Any) -> Any:
    chat = importlib.import_module(f"{openai.__name__}.types.chat")
    messages: list[Any] = [
        chat.ChatCompletionSystemMessageParam(role="system", content="terse"),
        chat.ChatCompletionUserMessageParam(role="user", content="hi"),
    ]
    completion = client.chat.completions.create(model="gpt-4o-mini", messages=messages)
    return isinstance(completion, chat.ChatCompletion), completion.choices[0].message.content


# --- responses ---------------------------------------------------------------------------------


@snippet
def responses_create(openai: ModuleType, client: Any) -> Any:
    response = client.responses.create(
        model="gpt-4.1", instructions="Talk like a pirate.", input="Are semicolons optional?"
    )
    return response.object, response.status, response.output_text, [i.type for i in response.output]


@snippet
def responses_function_tools(openai: ModuleType, client: Any) -> Any:
    tools = [{"type": "function", "strict": True, **WEATHER_FUNCTION}]
    conversation: list[Any] = [{"role": "user", "content": "Weather in Paris?"}]
    response = client.responses.create(
        model="gpt-4.1", input=conversation, tools=tools, tool_choice="required"
    )
    conversation += response.output
    calls = []
    for item in response.output:
        if item.type == "function_call":
            calls.append((item.name, sorted(json.loads(item.arguments))))
            conversation.append(
                {"type": "function_call_output", "call_id": item.call_id, "output": "sunny"}
            )
    follow_up = client.responses.create(model="gpt-4.1", input=conversation, tools=tools)
    return calls, follow_up.output_text


@snippet
def responses_stream_events(openai: ModuleType, client: Any) -> Any:
    responses = importlib.import_module(f"{openai.__name__}.types.responses")
    text, final = [], None
    for event in client.responses.create(model="gpt-4.1", input="hi", stream=True):
        if isinstance(event, responses.ResponseTextDeltaEvent):
            text.append(event.delta)
        elif isinstance(event, responses.ResponseCompletedEvent):
            final = event.response.output_text
    return "".join(text), final


@snippet
def responses_stream_helper(openai: ModuleType, client: Any) -> Any:
    with client.responses.stream(model="gpt-4.1", input="Write a haiku") as stream:
        deltas = [e.delta for e in stream if e.type == "response.output_text.delta"]
        final = stream.get_final_response()
    return "".join(deltas) == final.output_text, final.status


@snippet
def responses_parse(openai: ModuleType, client: Any) -> Any:
    class CalendarEvent(BaseModel):
        name: str
        date: str
        participants: list[str]

    response = client.responses.parse(
        model="gpt-4o-2024-08-06",
        input=[{"role": "user", "content": "Alice and Bob are going to a fair on Friday."}],
        text_format=CalendarEvent,
    )
    return type(response.output_parsed).__name__, response.output_parsed.model_dump()


@snippet
def responses_parse_function_tool(openai: ModuleType, client: Any) -> Any:
    class GetWeather(BaseModel):
        city: str

    response = client.responses.parse(
        model="gpt-4o",
        input="Weather in Paris?",
        tools=[openai.pydantic_function_tool(GetWeather)],
    )
    return [item.type for item in response.output]


# --- embeddings, images, audio, moderations ------------------------------------------------------


@snippet
def embeddings(openai: ModuleType, client: Any) -> Any:
    result = client.embeddings.create(
        model="text-embedding-3-small", input=["first text", "second text"]
    )
    vectors = [item.embedding for item in result.data]
    return len(vectors), len(vectors[0]), result.usage.prompt_tokens, result.data[1].index


@snippet
def images_generate_b64(openai: ModuleType, client: Any) -> Any:
    result = client.images.generate(model="gpt-image-1", prompt="A cute otter", size="1024x1024")
    image_bytes = base64.b64decode(result.data[0].b64_json)
    return image_bytes[:8], hashlib.sha256(image_bytes).hexdigest()


@snippet
def speech_to_file(openai: ModuleType, client: Any, tmp_path: Path) -> Any:
    target = tmp_path / f"speech-{openai.__name__}.mp3"
    with client.audio.speech.with_streaming_response.create(
        model="gpt-4o-mini-tts", voice="coral", input="Today is a wonderful day"
    ) as response:
        response.stream_to_file(target)
    legacy = client.audio.speech.create(
        model="tts-1", voice="alloy", input="hi", response_format="wav"
    )
    return hashlib.sha256(target.read_bytes()).hexdigest(), legacy.content[:4]


@snippet
def transcription_inputs(openai: ModuleType, client: Any, tmp_path: Path) -> Any:
    audio = tmp_path / "speech.mp3"
    audio.write_bytes(b"ID3" + bytes(4000))
    with audio.open("rb") as handle:
        from_handle = client.audio.transcriptions.create(model="whisper-1", file=handle)
    from_path = client.audio.transcriptions.create(model="gpt-4o-transcribe", file=audio)
    from_tuple = client.audio.transcriptions.create(
        model="whisper-1", file=("speech.mp3", audio.read_bytes(), "audio/mpeg")
    )
    from_bytes = client.audio.transcriptions.create(model="whisper-1", file=("a.mp3", b"ID3"))
    return [(type(t).__name__, t.text) for t in (from_handle, from_path, from_tuple, from_bytes)]


@snippet
def transcription_formats(openai: ModuleType, client: Any) -> Any:
    seen = {}
    for response_format in ("json", "text", "srt", "vtt", "verbose_json"):
        result = client.audio.transcriptions.create(
            model="whisper-1", file=("a.mp3", b"ID3"), response_format=response_format
        )
        seen[response_format] = (
            type(result).__name__,
            str(result) if isinstance(result, str) else result.text,
        )
    verbose = client.audio.transcriptions.create(
        model="whisper-1",
        file=("a.mp3", b"ID3"),
        response_format="verbose_json",
        timestamp_granularities=["segment"],
    )
    return seen, [(s.start, s.end, s.text) for s in verbose.segments]


@snippet
def translation_text(openai: ModuleType, client: Any) -> Any:
    plain = client.audio.translations.create(
        model="whisper-1", file=("a.mp3", b"ID3"), response_format="text"
    )
    model = client.audio.translations.create(model="whisper-1", file=("a.mp3", b"ID3"))
    return plain, type(model).__name__, model.text


@snippet
def moderation(openai: ModuleType, client: Any) -> Any:
    result = client.moderations.create(model="omni-moderation-latest", input="I love puppies")
    first = result.results[0]
    return (
        first.flagged,
        first.categories.self_harm,
        first.categories.model_dump(by_alias=True)["self-harm"],
        sorted(first.category_scores.model_dump(by_alias=True)),
    )


# --- files, batches, vector stores, fine-tuning --------------------------------------------------


@snippet
def files_round_trip(openai: ModuleType, client: Any, tmp_path: Path) -> Any:
    source = tmp_path / "train.jsonl"
    source.write_text('{"messages": []}\n')
    uploaded = client.files.create(file=source, purpose="fine-tune")
    listed = [f.id for f in client.files.list(purpose="fine-tune")]
    content = client.files.content(uploaded.id)
    retrieved = client.files.retrieve(uploaded.id)
    deleted = client.files.delete(uploaded.id)
    return (
        uploaded.filename,
        uploaded.purpose,
        uploaded.id in listed,
        content.read(),
        content.text,
        retrieved.bytes,
        (deleted.id == uploaded.id, deleted.deleted),
    )


@snippet
def batch_workflow(openai: ModuleType, client: Any) -> Any:
    line = {"custom_id": "1", "method": "POST", "url": "/v1/chat/completions", "body": {}}
    batch_file = client.files.create(file=("in.jsonl", json.dumps(line).encode()), purpose="batch")
    batch = client.batches.create(
        input_file_id=batch_file.id,
        endpoint="/v1/chat/completions",
        completion_window="24h",
        metadata={"job": "nightly"},
    )
    retrieved = client.batches.retrieve(batch.id)
    return batch.object, batch.endpoint, retrieved.input_file_id == batch_file.id


@snippet
def vector_store_upload_and_poll(openai: ModuleType, client: Any) -> Any:
    store = client.vector_stores.create(name="Support FAQ")
    batch = client.vector_stores.file_batches.upload_and_poll(
        vector_store_id=store.id, files=[("a.txt", b"hello"), ("b.txt", b"world")]
    )
    files = [f.status for f in client.vector_stores.files.list(vector_store_id=store.id)]
    return batch.status, batch.file_counts.completed, files


@snippet
def fine_tuning_auto_pagination(openai: ModuleType, client: Any) -> Any:
    jobs = [type(job).__name__ for job in client.fine_tuning.jobs.list(limit=2)]
    first_page = client.fine_tuning.jobs.list(limit=2)
    return jobs, first_page.has_next_page(), [j.object for j in first_page.data]


@snippet
def models_list(openai: ModuleType, client: Any) -> Any:
    ids = [model.id for model in client.models.list()]
    return len(ids) > 0, client.models.retrieve(ids[0]).id == ids[0]


# --- conversations, containers, webhooks -----------------------------------------------------------


@snippet
def conversation_items(openai: ModuleType, client: Any) -> Any:
    conversation = client.conversations.create(
        metadata={"topic": "demo"},
        items=[{"type": "message", "role": "user", "content": "Hello!"}],
    )
    client.conversations.items.create(
        conversation.id, items=[{"type": "message", "role": "user", "content": "More"}]
    )
    items = client.conversations.items.list(conversation.id, limit=10)
    deleted = client.conversations.delete(conversation.id)
    return conversation.object, [item.type for item in items.data], deleted.deleted


@snippet
def containers(openai: ModuleType, client: Any) -> Any:
    container = client.containers.create(name="scratch")
    file = client.containers.files.create(container_id=container.id, file=("a.txt", b"hi"))
    content = client.containers.files.content.retrieve(file_id=file.id, container_id=container.id)
    return type(content.read()).__name__, [c.object for c in client.containers.list(limit=1)]


@snippet
def webhook_unwrap(openai: ModuleType, client: Any) -> Any:
    secret = "whsec_" + base64.b64encode(b"a webhook secret of some length").decode()
    payload = {
        "id": "evt_1",
        "object": "event",
        "type": "response.completed",
        "created_at": 1,
        "data": {"id": "resp_1"},
    }
    body = json.dumps(payload)
    stamp = str(int(time.time()))
    signed = f"msg_1.{stamp}.{body}".encode()
    mac = hmac.new(base64.b64decode(secret.removeprefix("whsec_")), signed, hashlib.sha256)
    headers = {
        "webhook-id": "msg_1",
        "webhook-timestamp": stamp,
        "webhook-signature": "v1," + base64.b64encode(mac.digest()).decode(),
    }
    receiver = openai.OpenAI(api_key="sk-x", base_url=str(client.base_url), webhook_secret=secret)
    event = receiver.webhooks.unwrap(body, headers)
    rejected = None
    try:
        receiver.webhooks.unwrap(body, {**headers, "webhook-signature": "v1,Zm9v"})
    except openai.InvalidWebhookSignatureError as exc:
        rejected = type(exc).__name__
    return type(event).__name__, event.type, event.data.id, rejected


# --- errors, options, raw and streamed responses -------------------------------------------------


@snippet
def error_not_found(openai: ModuleType, client: Any) -> Any:
    caught = generic = None
    try:
        client.files.retrieve("file-does-not-exist")
    except openai.NotFoundError as exc:
        caught = ("NotFoundError", exc.status_code, exc.body, exc.response.status_code, exc.message)
    try:
        client.files.retrieve("file-does-not-exist")
    except openai.APIStatusError as exc:
        generic = (exc.status_code, isinstance(exc, openai.APIError), exc.code, exc.type)
    return caught, generic


@snippet
def error_connection(openai: ModuleType, client: Any) -> Any:
    offline = openai.OpenAI(api_key="sk-x", base_url="http://127.0.0.1:9/v1", max_retries=0)
    try:
        offline.models.list()
    except openai.APIConnectionError as exc:
        return type(exc).__name__, isinstance(exc, openai.APIError), str(exc), exc.message


@snippet
def client_options(openai: ModuleType, client: Any) -> Any:
    tuned = client.with_options(timeout=20.0, max_retries=5)
    completion = tuned.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "hi"}]
    )
    copied = client.copy(timeout=openai.Timeout(10.0, connect=2.0))
    return tuned.max_retries, tuned.timeout, copied.timeout.connect, completion.object


@snippet
def raw_response_headers(openai: ModuleType, client: Any) -> Any:
    raw = client.chat.completions.with_raw_response.create(
        model="gpt-4o", messages=[{"role": "user", "content": "hi"}]
    )
    completion = raw.parse()
    return (
        raw.headers.get("content-type"),
        raw.status_code,
        raw.http_request.method,
        type(completion).__name__,
        completion.choices[0].message.content,
    )


@snippet
def streaming_response_lines(openai: ModuleType, client: Any) -> Any:
    with client.chat.completions.with_streaming_response.create(
        model="gpt-4o", messages=[{"role": "user", "content": "hi"}], stream=True
    ) as response:
        lines = [line for line in response.iter_lines() if line]
    return response.status_code, lines[-1], all(line.startswith("data: ") for line in lines)


@snippet
def sentinels_and_base_model(openai: ModuleType, client: Any) -> Any:
    def ask(temperature: float | Any = openai.NOT_GIVEN) -> Any:
        return client.chat.completions.create(
            model="gpt-4o",
            messages=[{"role": "user", "content": "hi"}],
            temperature=temperature,
            max_tokens=openai.omit,
        )

    class Note(openai.BaseModel):
        title: str
        score: int = 0

    note = Note(title="x")
    return (
        ask().object,
        isinstance(openai.NOT_GIVEN, openai.NotGiven),
        isinstance(openai.omit, openai.Omit),
        bool(openai.NOT_GIVEN),
        note.to_dict(),
        note.to_json(indent=None),
    )


@snippet
def default_headers_as_given(openai: ModuleType, client: Any) -> Any:
    custom = openai.OpenAI(
        api_key="sk-x",
        base_url=str(client.base_url),
        default_headers={"X-Custom": "1"},
        organization="org-1",
    )
    headers = custom.default_headers
    copied = custom.with_options(default_headers={"X-Other": "2"}).default_headers
    return headers.get("X-Custom"), headers.get("OpenAI-Organization"), copied.get("X-Custom")


@snippet
def auth_headers_for_other_libraries(openai: ModuleType, client: Any) -> Any:
    # code that opens its own connection (a websocket, another HTTP library) borrows the
    # client's credentials and headers
    keyed = openai.OpenAI(api_key="sk-x", base_url=str(client.base_url))
    admin = openai.OpenAI(admin_api_key="sk-admin", base_url=str(client.base_url))
    overridden = openai.OpenAI(
        api_key="sk-x", base_url=str(client.base_url), default_headers={"Authorization": "t"}
    )
    headers = {**keyed.default_headers, **keyed.auth_headers}
    return (
        keyed.auth_headers,
        admin.auth_headers,
        "Authorization" in keyed.default_headers,
        "authorization" in {name.lower() for name in keyed.default_headers},
        overridden.default_headers["Authorization"],
        headers["Authorization"],
        isinstance(keyed.user_agent, str) and bool(keyed.user_agent),
    )


TAKES_TMP_PATH = {"speech_to_file", "transcription_inputs", "files_round_trip"}


@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_snippet_observes_the_same(local: LocalOpenAIServer, tmp_path: Path, name: str) -> None:
    code = SNIPPETS[name]

    def run(sdk: ModuleType) -> Any:
        with sdk.OpenAI(api_key=local.api_key, base_url=local.base_url, max_retries=0) as client:
            return code(sdk, client, tmp_path) if name in TAKES_TMP_PATH else code(sdk, client)

    ours, theirs = run_both(run)
    assert ours == theirs


# --- async ---------------------------------------------------------------------------------------


async def _async_usage(openai: ModuleType, base_url: str, api_key: str) -> Any:
    async with openai.AsyncOpenAI(api_key=api_key, base_url=base_url, max_retries=0) as client:
        stream = await client.chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": "hi"}], stream=True
        )
        chat_text = "".join([c.choices[0].delta.content or "" async for c in stream if c.choices])
        async with client.responses.stream(model="gpt-4.1", input="hi") as events:
            async for _ in events:
                pass
            final = await events.get_final_response()
        jobs = [job.object async for job in client.fine_tuning.jobs.list(limit=2)]
        transcript = await client.audio.transcriptions.create(
            model="whisper-1", file=("a.mp3", b"ID3"), response_format="text"
        )
        status = None
        try:
            await client.files.retrieve("file-missing")
        except openai.NotFoundError as exc:
            status = exc.status_code
        return chat_text, final.output_text, jobs, transcript, status


@pytest.mark.anyio
async def test_async_snippets_observe_the_same(local: LocalOpenAIServer) -> None:
    ours, theirs = await arun_both(lambda sdk: _async_usage(sdk, local.base_url, local.api_key))
    assert ours == theirs


# --- imports code written for the official SDK makes ----------------------------------------------

IMPORTS = {
    "": "OpenAI AsyncOpenAI APIError APIStatusError APIConnectionError APITimeoutError "
    "RateLimitError AuthenticationError BadRequestError NotFoundError PermissionDeniedError "
    "ConflictError UnprocessableEntityError InternalServerError APIResponseValidationError "
    "LengthFinishReasonError ContentFilterFinishReasonError InvalidWebhookSignatureError "
    "OpenAIError Stream AsyncStream Timeout RequestOptions DefaultHttpxClient "
    "DefaultAsyncHttpxClient pydantic_function_tool AssistantEventHandler BaseModel NOT_GIVEN "
    "NotGiven Omit omit not_given file_from_path DEFAULT_TIMEOUT DEFAULT_MAX_RETRIES AzureOpenAI "
    "AsyncAzureOpenAI",
    "lib.azure": "AzureOpenAI AsyncAzureOpenAI AzureADTokenProvider AsyncAzureADTokenProvider",
    "types": "Embedding CreateEmbeddingResponse FileObject Batch Moderation ImagesResponse Image "
    "Model VectorStore ChatModel FileDeleted CompletionUsage Completion ResponseFormatJSONSchema "
    "ImageModel EmbeddingModel FilePurpose ModerationMultiModalInputParam",
    "types.chat": "ChatCompletionMessageParam ChatCompletion ChatCompletionChunk "
    "ChatCompletionToolParam ChatCompletionMessageToolCall ChatCompletionUserMessageParam "
    "ChatCompletionSystemMessageParam ChatCompletionAssistantMessageParam "
    "ChatCompletionToolMessageParam ChatCompletionContentPartParam "
    "ChatCompletionToolChoiceOptionParam ChatCompletionMessage ParsedChatCompletion "
    "ChatCompletionFunctionToolParam ChatCompletionStreamOptionsParam ChatCompletionReasoningEffort "
    "ChatCompletionNamedToolChoiceParam completion_create_params",
    "types.chat.chat_completion": "Choice",
    "types.chat.chat_completion_chunk": "Choice ChoiceDelta ChoiceDeltaToolCall",
    "types.chat.completion_create_params": "ResponseFormat FunctionCall "
    "CompletionCreateParamsStreaming CompletionCreateParamsNonStreaming",
    "types.responses.tool_param": "McpAllowedTools McpRequireApproval",
    "types.audio.transcription": "Usage",
    "types.shared_params": "ResponseFormatJSONSchema FunctionDefinition Metadata Reasoning "
    "ResponseFormatText ResponseFormatJSONObject FunctionParameters ComparisonFilter CompoundFilter "
    "ChatModel",
    "types.shared": "ChatModel ResponsesModel Reasoning ReasoningEffort FunctionDefinition "
    "ErrorObject Metadata",
    "types.responses": "ResponseTextDeltaEvent ResponseCompletedEvent Response ResponseInputParam "
    "ResponseStreamEvent FunctionToolParam ToolParam ResponseFunctionToolCall ResponseOutputMessage "
    "ResponseOutputText ResponseInputItemParam ResponseCreatedEvent "
    "ResponseFunctionCallArgumentsDeltaEvent ResponseOutputItemDoneEvent ResponseReasoningItem "
    "EasyInputMessageParam ResponseInputTextParam ParsedResponse ResponseUsage ResponseIncludable "
    "WebSearchToolParam FileSearchToolParam ResponseInputImageParam ResponseOutputItem ResponseItem "
    "response_create_params ResponseTextConfigParam ResponseFormatTextJSONSchemaConfigParam",
    "types.audio": "Transcription TranscriptionVerbose TranslationVerbose "
    "TranscriptionCreateResponse TranscriptionSegment TranscriptionWord SpeechModel",
    "types.fine_tuning": "FineTuningJob FineTuningJobEvent",
    "types.conversations": "Conversation ConversationItem Message ConversationItemList",
    "types.beta": "Assistant Thread AssistantStreamEvent AssistantToolParam",
    "types.beta.threads": "Run Message TextDelta MessageDeltaEvent",
    "types.webhooks": "UnwrapWebhookEvent ResponseCompletedWebhookEvent",
    "types.vector_stores": "VectorStoreFile VectorStoreFileBatch",
    "types.create_embedding_response": "Usage",
    "pagination": "SyncCursorPage AsyncCursorPage SyncPage AsyncPage SyncConversationCursorPage",
    "lib.streaming.chat": "ChatCompletionStreamEvent ContentDeltaEvent",
}
IMPORTS_NOT_BUILT: set[str] = set()


def _import_cases() -> list[Any]:
    cases = [
        f"{module}.{name}".lstrip(".")
        for module, names in IMPORTS.items()
        for name in names.split()
    ]
    return [
        pytest.param(
            case,
            marks=pytest.mark.xfail(strict=True, reason="the official SDK has it, we do not yet"),
        )
        if case in IMPORTS_NOT_BUILT
        else case
        for case in sorted({*cases, *IMPORTS_NOT_BUILT})
    ]


@pytest.mark.parametrize("dotted", _import_cases())
def test_name_imports_as_from_the_official_sdk(dotted: str) -> None:
    module, _, name = dotted.rpartition(".")
    theirs = importlib.import_module(".".join(filter(None, ("openai", module))))
    ours = importlib.import_module(".".join(filter(None, ("typed_openai", module))))
    assert hasattr(theirs, name)
    assert getattr(ours, name, None) is not None, f"typed_openai.{dotted} is missing"


# --- models built by hand, as tests of code using the SDK build fakes ------------------------------


def _fake_completion(openai: ModuleType) -> Any:
    chat = importlib.import_module(f"{openai.__name__}.types.chat")
    choice = importlib.import_module(f"{openai.__name__}.types.chat.chat_completion").Choice
    message = chat.ChatCompletionMessage(role="assistant", content="hi")  # no refusal, no tools
    completion = chat.ChatCompletion(
        id="chatcmpl-1",
        object="chat.completion",
        created=1,
        model="gpt-4o",
        choices=[choice(index=0, message=message, finish_reason="stop")],
    )
    parsed = chat.ChatCompletion.model_validate(
        {
            **completion.model_dump(exclude_unset=True),
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": "x"},
                    "finish_reason": "stop",
                }
            ],
        }
    )
    return message.model_dump(), completion.choices[0].message.content, parsed.choices[0].logprobs


def _fake_response(openai: ModuleType) -> Any:
    responses = importlib.import_module(f"{openai.__name__}.types.responses")
    text = responses.ResponseOutputText(type="output_text", text="hello", annotations=[])
    # required in the document, optional in the SDK (config `optional:`)
    return text.text, text.logprobs, text.model_dump(exclude_unset=True)


def test_fake_chat_completion_built_as_for_the_sdk() -> None:
    ours, theirs = run_both(_fake_completion)
    assert ours == theirs


def test_fake_response_output_text_built_as_for_the_sdk() -> None:
    ours, theirs = run_both(_fake_response)
    assert ours == theirs


def _fake_vector_store(openai: ModuleType) -> Any:
    types = importlib.import_module(f"{openai.__name__}.types")
    counts = {"cancelled": 0, "completed": 1, "failed": 0, "in_progress": 0, "total": 1}
    store = types.VectorStore(  # no metadata: its type (Metadata) takes None
        id="vs_1",
        created_at=1,
        file_counts=counts,
        last_active_at=None,
        name="kb",
        object="vector_store",
        status="completed",
        usage_bytes=0,
    )
    return store.metadata, store.model_dump()


def test_fake_vector_store_without_metadata_built_as_for_the_sdk() -> None:
    ours, theirs = run_both(_fake_vector_store)
    assert ours == theirs
