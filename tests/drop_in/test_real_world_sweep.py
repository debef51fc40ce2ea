"""More programs written the way users of the official SDK write them (its README and helpers
document: pagination loops, raw and streamed responses, errors, uploads, Assistants, vector
stores, fine-tuning, batches, uploads, the Responses API, typed params), run against both packages
over the local server, as in test_real_world. Each returns what its author could observe; ids
and times the server makes up are never compared.
"""

from __future__ import annotations

import importlib
import io
import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from pydantic import BaseModel

from tests.support.server import Reply, ScriptedServer
from typed_openai.testing import LocalOpenAIServer

from .conftest import arun_both, fresh_module_client, run_both

Snippet = Callable[..., Any]  # (openai, client, tmp_path)
SNIPPETS: dict[str, Snippet] = {}
ASYNC_SNIPPETS: dict[str, Snippet] = {}


def snippet(code: Snippet) -> Snippet:
    SNIPPETS[code.__name__] = code
    return code


def async_snippet(code: Snippet) -> Snippet:
    ASYNC_SNIPPETS[code.__name__] = code
    return code


@pytest.fixture(scope="module")
def local() -> Iterator[LocalOpenAIServer]:
    with LocalOpenAIServer(step_seconds=0.01, api_key="sk-local-sweep") as server:
        yield server


def _upload_files(client: Any, count: int, purpose: str = "batch") -> list[str]:
    return [
        client.files.create(file=(f"f{n}.jsonl", b"{}\n"), purpose=purpose).id for n in range(count)
    ]


# --- pagination ----------------------------------------------------------------------------------


@snippet
def pagination_by_hand(openai: ModuleType, client: Any, tmp_path: Path) -> Any:
    _upload_files(client, 3)
    first_page = client.files.list(limit=2, purpose="batch")
    seen = [len(first_page.data), first_page.has_next_page(), first_page.has_more]
    info = first_page.next_page_info()
    seen.append(
        (type(info).__name__, sorted(info.params), info.params["after"] == first_page.data[-1].id)
    )
    next_page = first_page.get_next_page()
    seen.append(len(next_page.data) >= 1)
    pages = list(first_page.iter_pages())
    seen.append(sum(len(page.data) for page in pages) == len(list(first_page)))
    last = pages[-1]
    last_info = last.next_page_info()
    seen.append(
        (last.has_next_page(), last_info and last_info.params == {"after": last.data[-1].id})
    )
    single = client.models.list()
    seen.append((single.has_next_page(), single.next_page_info(), len(list(single.iter_pages()))))
    dumped = json.loads(first_page.to_json())
    seen.append(
        (sorted(dumped), sorted(first_page.model_dump()), len(first_page.to_dict()["data"]))
    )
    return seen


@snippet
def pagination_all_items(openai: ModuleType, client: Any, tmp_path: Path) -> Any:
    ids = set(_upload_files(client, 3, purpose="fine-tune"))
    every = [f.id for f in client.files.list(limit=2, purpose="fine-tune")]
    return ids <= set(every), len(every) == len(set(every))


@async_snippet
async def async_pagination(openai: ModuleType, client: Any, tmp_path: Path) -> Any:
    for n in range(3):
        await client.files.create(file=(f"a{n}.jsonl", b"{}\n"), purpose="batch")
    every = [f.id async for f in client.files.list(limit=2, purpose="batch")]
    first_page = await client.files.list(limit=2, purpose="batch")
    seen = [len(first_page.data), first_page.has_next_page()]
    info = first_page.next_page_info()
    seen.append(sorted(info.params))
    next_page = await first_page.get_next_page()
    seen.append(len(next_page.data) >= 1)
    pages = [page async for page in first_page.iter_pages()]
    seen.append(sum(len(p.data) for p in pages) == len(every))
    models = await client.models.list()
    seen.append((models.has_next_page(), [type(p).__name__ for p in [m async for m in models]][:1]))
    return seen


# --- the result type follows the request, not the answer's shape ---------------------------------

VERBOSE = {
    "task": "transcribe",
    "language": "english",
    "duration": 1.5,
    "text": "hi",
    "segments": [],
}
DIARIZED = {"task": "transcribe", "duration": 1.5, "text": "hi", "segments": []}


@pytest.mark.parametrize(
    ("response_format", "reply"),
    [
        (None, VERBOSE),  # a body shaped like another member: the format still decides
        ("json", DIARIZED),
        ("verbose_json", {"text": "hi"}),  # fields left out: still the verbose type
        ("diarized_json", {"text": "hi", "duration": 1.0}),
        ("text", "hi there"),
        ("srt", "1\n00:00:00,000 --> 00:00:01,000\nhi\n"),
    ],
)
def test_transcription_type_follows_response_format(
    server: ScriptedServer, response_format: str | None, reply: Any
) -> None:
    def observe(sdk: ModuleType) -> Any:
        answer = (
            Reply.json(reply)
            if isinstance(reply, dict)
            else Reply.raw(reply.encode(), content_type="text/plain")
        )
        server.reply(answer, answer)  # the transcription, then the translation
        extra = {} if response_format is None else {"response_format": response_format}
        with sdk.OpenAI(api_key="sk-x", base_url=server.url + "/v1", max_retries=0) as client:
            transcript = client.audio.transcriptions.create(
                model="whisper-1", file=("a.mp3", b"ID3"), **extra
            )
            seen = [type(transcript).__name__, getattr(transcript, "text", transcript)]
            if response_format != "diarized_json":  # translations have no diarized format
                translation = client.audio.translations.create(
                    model="whisper-1", file=("a.mp3", b"ID3"), **extra
                )
                seen.append(type(translation).__name__)
        return seen

    ours, theirs = run_both(observe)
    assert ours == theirs


# --- raw and streamed responses ------------------------------------------------------------------


@snippet
def raw_response_of_a_list(openai: ModuleType, client: Any, tmp_path: Path) -> Any:
    raw = client.models.with_raw_response.list()
    page = raw.parse()
    return (
        raw.status_code,
        raw.headers["content-type"].split(";")[0],
        type(page).__name__.split("[")[0],
        isinstance(raw.request_id, (str, type(None))),
        raw.http_request.url.path,
        json.loads(raw.text)["object"],
        len(raw.content) > 0,
        raw.retries_taken,
    )


@snippet
def streaming_response_of_json(openai: ModuleType, client: Any, tmp_path: Path) -> Any:
    with client.embeddings.with_streaming_response.create(
        model="text-embedding-3-small", input="hi"
    ) as response:
        status = response.status_code
        embedding = response.parse()
        headers = response.headers.get("content-type", "").split(";")[0]
    with client.models.with_streaming_response.list() as listing:
        body = b"".join(listing.iter_bytes())
    return (
        status,
        type(embedding).__name__,
        len(embedding.data),
        headers,
        json.loads(body)["object"],
    )


@snippet
def stream_as_context_manager(openai: ModuleType, client: Any, tmp_path: Path) -> Any:
    with client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "hi"}], stream=True
    ) as stream:
        first = next(iter(stream))
        status = stream.response.status_code
    closed = stream.response.is_closed
    legacy = client.completions.create(model="gpt-3.5-turbo-instruct", prompt="Say hi", stream=True)
    text = "".join(c.choices[0].text for c in legacy if c.choices)
    legacy.close()
    return type(first).__name__, first.object, status, closed, bool(text)


# --- errors ------------------------------------------------------------------------------------


@snippet
def errors_by_status(openai: ModuleType, client: Any, tmp_path: Path) -> Any:
    seen = []
    bad_key = openai.OpenAI(api_key="sk-wrong", base_url=str(client.base_url), max_retries=0)
    calls = [
        lambda: bad_key.models.list(),
        lambda: client.files.retrieve("file-missing"),
        lambda: client.chat.completions.create(model="gpt-4o", messages=[]),
        lambda: client.files.create(file=("x.txt", b"x"), purpose="not-a-purpose"),
    ]
    for call in calls:
        try:
            call()
            seen.append("no error")
        except openai.AuthenticationError as exc:
            seen.append(("auth", exc.status_code, type(exc.body).__name__))
        except openai.NotFoundError as exc:
            seen.append(("not found", exc.status_code, exc.type))
        except openai.BadRequestError as exc:
            seen.append(("bad request", exc.status_code, bool(exc.message), exc.param))
        except openai.APIStatusError as exc:
            seen.append(("status", exc.status_code))
    bad_key.close()
    return seen


@snippet
def error_attributes(openai: ModuleType, client: Any, tmp_path: Path) -> Any:
    try:
        client.files.retrieve("file-missing")
    except openai.APIError as exc:
        return (
            type(exc).__name__,
            exc.request.method,
            exc.request.url.path,
            isinstance(exc.body, dict),
            sorted(exc.body) if isinstance(exc.body, dict) else None,
            isinstance(exc, openai.OpenAIError),
            exc.response.status_code,
            isinstance(exc.request_id, (str, type(None))),
            str(exc).startswith("Error code: 404"),
        )


# --- uploads ------------------------------------------------------------------------------------


@snippet
def file_upload_shapes(openai: ModuleType, client: Any, tmp_path: Path) -> Any:
    path = tmp_path / f"data-{openai.__name__}.jsonl"
    path.write_bytes(b'{"a": 1}\n')
    with open(path, "rb") as handle:
        from_handle = client.files.create(file=handle, purpose="batch")
    made = [
        from_handle,
        client.files.create(file=path, purpose="batch"),
        client.files.create(file=("named.jsonl", path.read_bytes()), purpose="batch"),
        client.files.create(
            file=("typed.jsonl", io.BytesIO(b"{}\n"), "application/jsonl"), purpose="batch"
        ),
        client.files.create(file=io.BytesIO(b"{}\n"), purpose="batch"),
        client.files.create(file=openai.file_from_path(str(path)), purpose="batch"),
    ]
    return [(f.filename.replace(openai.__name__, "SDK"), f.bytes, f.purpose) for f in made]


@snippet
def upload_in_parts(openai: ModuleType, client: Any, tmp_path: Path) -> Any:
    data = b"x" * 1000
    upload = client.uploads.create(
        bytes=len(data), filename="big.jsonl", mime_type="text/jsonl", purpose="batch"
    )
    parts = [
        client.uploads.parts.create(upload_id=upload.id, data=data[:500]),
        client.uploads.parts.create(upload_id=upload.id, data=data[500:]),
    ]
    done = client.uploads.complete(upload_id=upload.id, part_ids=[p.id for p in parts])
    path = tmp_path / f"chunked-{openai.__name__}.jsonl"
    path.write_bytes(data)
    chunked = client.uploads.upload_file_chunked(
        file=path, mime_type="text/jsonl", purpose="batch", part_size=400
    )
    return (upload.status, done.status, done.file.bytes, chunked.status, chunked.file.bytes)


# --- embeddings ---------------------------------------------------------------------------------


@snippet
def embeddings_formats(openai: ModuleType, client: Any, tmp_path: Path) -> Any:
    import base64
    import struct

    floats = client.embeddings.create(model="text-embedding-3-small", input="hi")
    encoded = client.embeddings.create(
        model="text-embedding-3-small", input="hi", encoding_format="base64"
    )
    raw = encoded.data[0].embedding
    decoded = list(struct.unpack(f"<{len(base64.b64decode(raw)) // 4}f", base64.b64decode(raw)))
    short = client.embeddings.create(model="text-embedding-3-small", input=["a", "b"], dimensions=8)
    return (
        type(floats.data[0].embedding).__name__,
        type(floats.data[0].embedding[0]).__name__,
        type(raw).__name__,
        len(decoded) == len(floats.data[0].embedding),
        [len(d.embedding) for d in short.data],
        floats.model,
        floats.object,
    )


# --- images, audio, moderations -------------------------------------------------------------------


@snippet
def images_edit_and_variation(openai: ModuleType, client: Any, tmp_path: Path) -> Any:
    png = tmp_path / "otter.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    edited = client.images.edit(model="gpt-image-1", image=png, prompt="add a hat")
    several = client.images.edit(
        model="gpt-image-1", image=[png, ("b.png", png.read_bytes(), "image/png")], prompt="merge"
    )
    variation = client.images.create_variation(image=png.read_bytes(), n=2, model="dall-e-2")
    url = client.images.generate(model="dall-e-3", prompt="otter", response_format="url")
    return (
        len(edited.data),
        bool(edited.data[0].b64_json),
        len(several.data),
        len(variation.data),
        url.data[0].url is not None,
    )


@snippet
def moderation_inputs(openai: ModuleType, client: Any, tmp_path: Path) -> Any:
    several = client.moderations.create(input=["one", "two"])
    multi = client.moderations.create(
        model="omni-moderation-latest",
        input=[
            {"type": "text", "text": "hi"},
            {"type": "image_url", "image_url": {"url": "https://example.com/a.png"}},
        ],
    )
    first = multi.results[0]
    return (
        len(several.results),
        type(first.flagged).__name__,
        sorted(first.category_applied_input_types.model_dump(by_alias=True))[:3],
        first.categories.harassment_threatening,
    )


# --- models ---------------------------------------------------------------------------------------


@snippet
def models_list_retrieve_delete(openai: ModuleType, client: Any, tmp_path: Path) -> Any:
    models = client.models.list()
    ids = [m.id for m in models]
    model = client.models.retrieve(ids[0])
    try:
        client.models.delete("ft:gpt-4o-mini:org::missing")
        deleted = "deleted"
    except openai.NotFoundError as exc:
        deleted = exc.status_code
    return bool(ids), model.object, type(model.created).__name__, deleted


# --- fine-tuning, batches -------------------------------------------------------------------------


@snippet
def fine_tuning_job_with_events(openai: ModuleType, client: Any, tmp_path: Path) -> Any:
    training = client.files.create(
        file=("train.jsonl", b'{"messages": [{"role": "user", "content": "hi"}]}\n'),
        purpose="fine-tune",
    )
    job = client.fine_tuning.jobs.create(
        model="gpt-4o-mini-2024-07-18",
        training_file=training.id,
        hyperparameters={"n_epochs": 1},
        suffix="demo",
    )
    retrieved = client.fine_tuning.jobs.retrieve(job.id)
    events = client.fine_tuning.jobs.list_events(fine_tuning_job_id=job.id, limit=10)
    checkpoints = client.fine_tuning.jobs.checkpoints.list(fine_tuning_job_id=job.id)
    cancelled = client.fine_tuning.jobs.cancel(job.id)
    listed = [j.id for j in client.fine_tuning.jobs.list(limit=5)]
    return (
        job.object,
        retrieved.training_file == training.id,
        [type(e).__name__ for e in events.data][:1],
        type(checkpoints).__name__.split("[")[0],
        cancelled.status,
        job.id in listed,
    )


@snippet
def batches_list_and_cancel(openai: ModuleType, client: Any, tmp_path: Path) -> Any:
    line = {"custom_id": "1", "method": "POST", "url": "/v1/embeddings", "body": {}}
    source = client.files.create(file=("in.jsonl", json.dumps(line).encode()), purpose="batch")
    batch = client.batches.create(
        input_file_id=source.id, endpoint="/v1/embeddings", completion_window="24h"
    )
    listed = [b.id for b in client.batches.list(limit=100)]
    cancelled = client.batches.cancel(batch.id)
    return (
        batch.id in listed,
        cancelled.status in ("cancelling", "cancelled"),
        batch.request_counts is None or batch.request_counts.total >= 0,
    )


# --- typed params ---------------------------------------------------------------------------------


@snippet
def typed_params_everywhere(openai: ModuleType, client: Any, tmp_path: Path) -> Any:
    chat = importlib.import_module(f"{openai.__name__}.types.chat")
    responses = importlib.import_module(f"{openai.__name__}.types.responses")
    shared = importlib.import_module(f"{openai.__name__}.types.shared_params")
    tool: Any = chat.ChatCompletionToolParam(
        type="function",
        function=shared.FunctionDefinition(
            name="get_weather", parameters={"type": "object", "properties": {}}
        ),
    )
    messages: list[Any] = [
        chat.ChatCompletionSystemMessageParam(role="system", content="terse"),
        chat.ChatCompletionUserMessageParam(
            role="user", content=[{"type": "text", "text": "weather?"}]
        ),
    ]
    completion = client.chat.completions.create(model="gpt-4o", messages=messages, tools=[tool])
    items: Any = [responses.EasyInputMessageParam(role="user", content="hi")]
    response = client.responses.create(
        model="gpt-4.1",
        input=items,
        tools=[responses.FunctionToolParam(type="function", name="f", parameters={}, strict=False)],
    )
    return completion.object, response.object


# --- Responses API --------------------------------------------------------------------------------


@snippet
def responses_conversation_state(openai: ModuleType, client: Any, tmp_path: Path) -> Any:
    first = client.responses.create(model="gpt-4.1", input="tell me a joke", store=True)
    second = client.responses.create(
        model="gpt-4.1", previous_response_id=first.id, input="explain why it is funny"
    )
    retrieved = client.responses.retrieve(first.id)
    items = client.responses.input_items.list(first.id)
    deleted = client.responses.delete(first.id)
    return (
        second.previous_response_id == first.id,
        retrieved.output_text == first.output_text,
        [i.type for i in items.data][:1],
        deleted,
        first.usage is not None and first.usage.total_tokens >= 0,
    )


@snippet
def responses_builtin_tools(openai: ModuleType, client: Any, tmp_path: Path) -> Any:
    response = client.responses.create(
        model="gpt-4.1",
        input="What was a positive news story from today?",
        tools=[{"type": "web_search_preview"}],
        include=["web_search_call.action.sources"],
    )
    store = client.vector_stores.create(name="kb")
    searched = client.responses.create(
        model="gpt-4.1",
        input="What is deep research?",
        tools=[{"type": "file_search", "vector_store_ids": [store.id], "max_num_results": 2}],
    )
    return [i.type for i in response.output], [i.type for i in searched.output]


@snippet
def responses_image_input(openai: ModuleType, client: Any, tmp_path: Path) -> Any:
    response = client.responses.create(
        model="gpt-4.1-mini",
        input=[
            {
                "role": "user",
                "content": [
                    {"type": "input_text", "text": "what is in this image?"},
                    {"type": "input_image", "image_url": "https://example.com/a.jpg"},
                ],
            }
        ],
    )
    message = response.output[-1]
    return message.type, message.role, [c.type for c in message.content]


@snippet
def chat_parse_tool_and_refusal(openai: ModuleType, client: Any, tmp_path: Path) -> Any:
    class GetWeather(BaseModel):
        city: str
        unit: str

    completion = client.chat.completions.parse(
        model="gpt-4o",
        messages=[{"role": "user", "content": "weather in Paris in C"}],
        tools=[openai.pydantic_function_tool(GetWeather)],
        tool_choice="required",
    )
    call = (completion.choices[0].message.tool_calls or [])[0]
    beta = client.beta.chat.completions.parse(
        model="gpt-4o",
        messages=[{"role": "user", "content": "weather in Paris in C"}],
        tools=[openai.pydantic_function_tool(GetWeather, name="weather", description="w")],
        tool_choice={"type": "function", "function": {"name": "weather"}},
    )
    beta_call = (beta.choices[0].message.tool_calls or [])[0]
    return (
        type(call.function.parsed_arguments).__name__,
        sorted(call.function.parsed_arguments.model_dump()),
        beta_call.function.name,
        type(completion).__name__.split("[")[0],
    )


@snippet
def chat_stream_helper_events(openai: ModuleType, client: Any, tmp_path: Path) -> Any:
    class Answer(BaseModel):
        value: int

    with client.beta.chat.completions.stream(
        model="gpt-4o", messages=[{"role": "user", "content": "2+2"}], response_format=Answer
    ) as stream:
        kinds = []
        for event in stream:
            kinds.append(event.type)
            if event.type == "content.delta":
                assert isinstance(event.delta, str)
        final = stream.get_final_completion()
    return sorted(set(kinds)), type(final.choices[0].message.parsed).__name__


# --- stored chat completions ----------------------------------------------------------------------


@snippet
def stored_chat_completions(openai: ModuleType, client: Any, tmp_path: Path) -> Any:
    made = client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "user", "content": "hi"}],
        store=True,
        metadata={"k": "v"},
    )
    got = client.chat.completions.retrieve(made.id)
    listed = [c.id for c in client.chat.completions.list(limit=100)]
    messages = client.chat.completions.messages.list(made.id)
    updated = client.chat.completions.update(made.id, metadata={"k": "w"})
    deleted = client.chat.completions.delete(made.id)
    return (
        got.id == made.id,
        made.id in listed,
        [m.role for m in messages.data][:1],
        updated.metadata,
        deleted.deleted,
    )


# --- Assistants, vector stores --------------------------------------------------------------------


@snippet
def assistants_run_and_poll(openai: ModuleType, client: Any, tmp_path: Path) -> Any:
    assistant = client.beta.assistants.create(
        name="Math Tutor", instructions="You are a math tutor.", model="gpt-4o", tools=[]
    )
    thread = client.beta.threads.create()
    client.beta.threads.messages.create(thread_id=thread.id, role="user", content="2+2?")
    run = client.beta.threads.runs.create_and_poll(
        thread_id=thread.id, assistant_id=assistant.id, poll_interval_ms=10
    )
    messages = client.beta.threads.messages.list(thread_id=thread.id, order="asc")
    texts = [
        block.text.value
        for message in messages
        for block in message.content
        if block.type == "text"
    ]
    steps = client.beta.threads.runs.steps.list(run_id=run.id, thread_id=thread.id)
    other = client.beta.threads.create_and_run_poll(
        assistant_id=assistant.id,
        thread={"messages": [{"role": "user", "content": "hi"}]},
        poll_interval_ms=10,
    )
    client.beta.assistants.delete(assistant.id)
    return run.status, len(texts) >= 2, [s.type for s in steps.data][:1], other.status


@snippet
def assistants_event_handler(openai: ModuleType, client: Any, tmp_path: Path) -> Any:
    threads = importlib.import_module(f"{openai.__name__}.types.beta.threads")
    seen: list[str] = []

    class EventHandler(openai.AssistantEventHandler):
        def on_text_created(self, text: Any) -> None:
            seen.append(f"created:{type(text).__name__}")

        def on_text_delta(self, delta: Any, snapshot: Any) -> None:
            assert isinstance(delta, threads.TextDelta)
            seen.append("delta")

        def on_message_done(self, message: Any) -> None:
            seen.append(f"done:{message.role}")

        def on_end(self) -> None:
            seen.append("end")

    assistant = client.beta.assistants.create(model="gpt-4o", instructions="hi")
    thread = client.beta.threads.create(messages=[{"role": "user", "content": "hello"}])
    with client.beta.threads.runs.stream(
        thread_id=thread.id, assistant_id=assistant.id, event_handler=EventHandler()
    ) as stream:
        stream.until_done()
    run = stream.get_final_run()
    with client.beta.threads.runs.stream(thread_id=thread.id, assistant_id=assistant.id) as s2:
        text = "".join(s2.text_deltas)
    compact = [s for i, s in enumerate(seen) if i == 0 or s != seen[i - 1]]
    return compact, run.status, bool(text)


@snippet
def vector_store_batches(openai: ModuleType, client: Any, tmp_path: Path) -> Any:
    store = client.vector_stores.create(
        name="docs", expires_after={"anchor": "last_active_at", "days": 1}
    )
    paths = []
    for n in range(2):
        path = tmp_path / f"doc{n}-{openai.__name__}.txt"
        path.write_text(f"document {n}")
        paths.append(path)
    streams = [open(p, "rb") for p in paths]  # noqa: SIM115 (as the SDK's README does)
    batch = client.vector_stores.file_batches.upload_and_poll(
        vector_store_id=store.id, files=streams, poll_interval_ms=10
    )
    for stream in streams:
        stream.close()
    files = client.vector_stores.files.list(vector_store_id=store.id)
    one = client.vector_stores.files.upload_and_poll(
        vector_store_id=store.id, file=paths[0], poll_interval_ms=10
    )
    search = client.vector_stores.search(vector_store_id=store.id, query="document")
    return (
        batch.status,
        batch.file_counts.completed,
        len(files.data),
        one.status,
        type(search).__name__.split("[")[0],
    )


# --- module-level client --------------------------------------------------------------------------


@snippet
def module_level_client(openai: ModuleType, client: Any, tmp_path: Path) -> Any:
    saved = (openai.api_key, openai.base_url, openai.max_retries)
    fresh_module_client(openai)
    openai.api_key, openai.base_url, openai.max_retries = client.api_key, str(client.base_url), 0
    try:
        completion = openai.chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": "hi"}]
        )
        models = [m.object for m in openai.models.list()][:1]
    finally:
        fresh_module_client(openai)
        openai.api_key, openai.base_url, openai.max_retries = saved
    return completion.object, models


# --- more async programs ---------------------------------------------------------------------------


@async_snippet
async def async_streams_and_helpers(openai: ModuleType, client: Any, tmp_path: Path) -> Any:
    async with await client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "hi"}], stream=True
    ) as stream:
        chunks = [chunk async for chunk in stream]
    async with client.chat.completions.stream(
        model="gpt-4o", messages=[{"role": "user", "content": "hi"}]
    ) as helper:
        kinds = [event.type async for event in helper]
        final = await helper.get_final_completion()
    responses = await client.responses.create(model="gpt-4.1", input="hi", stream=True)
    events = [event.type async for event in responses]
    return (
        chunks[0].object,
        kinds[0],
        final.choices[0].message.content is not None,
        events[0],
        events[-1],
    )


@async_snippet
async def async_raw_and_streaming_responses(openai: ModuleType, client: Any, tmp_path: Path) -> Any:
    raw = await client.embeddings.with_raw_response.create(
        model="text-embedding-3-small", input="a"
    )
    embedding = raw.parse()
    async with client.models.with_streaming_response.list() as response:
        page = await response.parse()
        status = response.status_code
    async with client.audio.speech.with_streaming_response.create(
        model="tts-1", voice="alloy", input="hi"
    ) as speech:
        target = tmp_path / f"async-{openai.__name__}.mp3"
        await speech.stream_to_file(target)
    return (
        type(embedding).__name__,
        type(page).__name__.split("[")[0],
        status,
        target.stat().st_size > 0,
    )


@async_snippet
async def async_assistants_and_vector_stores(
    openai: ModuleType, client: Any, tmp_path: Path
) -> Any:
    assistant = await client.beta.assistants.create(model="gpt-4o", instructions="hi")
    thread = await client.beta.threads.create(messages=[{"role": "user", "content": "hello"}])
    run = await client.beta.threads.runs.create_and_poll(
        thread_id=thread.id, assistant_id=assistant.id, poll_interval_ms=10
    )
    async with client.beta.threads.runs.stream(
        thread_id=thread.id, assistant_id=assistant.id
    ) as stream:
        deltas = [text async for text in stream.text_deltas]
    store = await client.vector_stores.create(name="kb")
    path = tmp_path / f"kb-{openai.__name__}.txt"
    path.write_text("knowledge")
    file = await client.vector_stores.files.upload_and_poll(
        vector_store_id=store.id, file=path, poll_interval_ms=10
    )
    files = [f.status async for f in client.vector_stores.files.list(vector_store_id=store.id)]
    return run.status, bool(deltas), file.status, files


@async_snippet
async def async_gather(openai: ModuleType, client: Any, tmp_path: Path) -> Any:
    import asyncio

    results = await asyncio.gather(
        *[
            client.chat.completions.create(
                model="gpt-4o", messages=[{"role": "user", "content": f"n{n}"}]
            )
            for n in range(4)
        ]
    )
    return [r.object for r in results]


# --- downloads, files helpers, containers, conversations, videos ---------------------------------


@snippet
def file_content_downloads(openai: ModuleType, client: Any, tmp_path: Path) -> Any:
    uploaded = client.files.create(file=("data.jsonl", b'{"n": 1}\n'), purpose="batch")
    content = client.files.content(uploaded.id)
    target = tmp_path / f"out-{openai.__name__}.jsonl"
    content.write_to_file(target)
    with client.files.with_streaming_response.content(uploaded.id) as response:
        streamed = b"".join(response.iter_bytes())
    processed = client.files.wait_for_processing(uploaded.id, poll_interval=0.01)
    return (
        target.read_bytes(),
        streamed,
        content.response.status_code,
        type(content.read()).__name__,
        processed.status,
    )


@snippet
def conversation_items_pages(openai: ModuleType, client: Any, tmp_path: Path) -> Any:
    conversation = client.conversations.create(
        items=[{"type": "message", "role": "user", "content": f"m{n}"} for n in range(3)]
    )
    every = [item.type for item in client.conversations.items.list(conversation.id, limit=1)]
    first = client.conversations.items.list(conversation.id, limit=2)
    item = client.conversations.items.retrieve(first.data[0].id, conversation_id=conversation.id)
    updated = client.conversations.update(conversation.id, metadata={"topic": "x"})
    response = client.responses.create(model="gpt-4.1", input="hi", conversation=conversation.id)
    return every, first.has_next_page(), item.type, updated.metadata, response.object


@snippet
def videos_create_and_download(openai: ModuleType, client: Any, tmp_path: Path) -> Any:
    video = client.videos.create_and_poll(model="sora-2", prompt="a cat", poll_interval_ms=10)
    content = client.videos.download_content(video.id)
    listed = [v.id for v in client.videos.list(limit=10)]
    return video.status, type(content.read()).__name__, video.id in listed


@snippet
def webhook_verify_signature(openai: ModuleType, client: Any, tmp_path: Path) -> Any:
    import base64
    import hashlib
    import hmac
    import time

    secret = "whsec_" + base64.b64encode(b"another secret of some length").decode()
    body = json.dumps(
        {
            "id": "evt_1",
            "object": "event",
            "type": "batch.completed",
            "created_at": 1,
            "data": {"id": "batch_1"},
        }
    )
    stamp = str(int(time.time()))
    mac = hmac.new(base64.b64decode(secret[6:]), f"m1.{stamp}.{body}".encode(), hashlib.sha256)
    headers = {
        "webhook-id": "m1",
        "webhook-timestamp": stamp,
        "webhook-signature": "v1," + base64.b64encode(mac.digest()).decode(),
    }
    client.webhooks.verify_signature(body, headers, secret=secret)
    event = client.webhooks.unwrap(body, headers, secret=secret)
    stale = {**headers, "webhook-timestamp": str(int(time.time()) - 3600)}
    try:
        client.webhooks.verify_signature(body, stale, secret=secret)
        stale_result = "accepted"
    except openai.InvalidWebhookSignatureError:
        stale_result = "rejected"
    return type(event).__name__, event.data.id, stale_result


@snippet
def model_helpers_on_results(openai: ModuleType, client: Any, tmp_path: Path) -> Any:
    completion = client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "hi"}]
    )
    data = completion.model_dump(exclude_none=True)
    again = type(completion).model_validate(completion.model_dump())
    copied = completion.model_copy(update={"model": "other"})
    text = completion.model_dump_json(indent=2)
    return (
        sorted(data)[:3],
        again == completion,
        copied.model,
        json.loads(text)["object"],
        completion.to_dict(mode="json")["object"],
        json.loads(completion.to_json(indent=None))["object"],
        completion.choices[0].message.to_dict()["role"],
        "usage" in completion.model_fields_set,
    )


# --- streaming variants ----------------------------------------------------------------------------


@snippet
def image_and_transcription_streams(openai: ModuleType, client: Any, tmp_path: Path) -> Any:
    image_events = [
        event.type
        for event in client.images.generate(
            model="gpt-image-1", prompt="otter", stream=True, partial_images=2
        )
    ]
    transcript_events = [
        event.type
        for event in client.audio.transcriptions.create(
            model="gpt-4o-mini-transcribe", file=("a.mp3", b"ID3"), stream=True
        )
    ]
    return image_events[-1], transcript_events[-1], len(image_events) >= 2


@snippet
def responses_stream_parse(openai: ModuleType, client: Any, tmp_path: Path) -> Any:
    class Event(BaseModel):
        name: str
        date: str

    with client.responses.stream(
        model="gpt-4o", input="Alice and Bob on Friday", text_format=Event
    ) as stream:
        for event in stream:
            if event.type == "response.output_text.delta":
                assert isinstance(event.delta, str)
        final = stream.get_final_response()
    parsed = final.output_parsed
    with client.responses.create(model="gpt-4.1", input="hi", stream=True) as raw_stream:
        types = [event.type for event in raw_stream]
    return type(parsed).__name__, sorted(parsed.model_dump()), types[0], types[-1]


@snippet
def responses_parse_tool_call(openai: ModuleType, client: Any, tmp_path: Path) -> Any:
    class Lookup(BaseModel):
        order_id: str

    response = client.responses.parse(
        model="gpt-4o",
        input="where is order 42?",
        tools=[openai.pydantic_function_tool(Lookup)],
        tool_choice="required",
    )
    call = next(item for item in response.output if item.type == "function_call")
    return call.name, type(call.parsed_arguments).__name__, response.output_parsed


# --- chat extras -----------------------------------------------------------------------------------


@snippet
def chat_json_schema_and_logprobs(openai: ModuleType, client: Any, tmp_path: Path) -> Any:
    completion = client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "user", "content": "give me a color"}],
        response_format={
            "type": "json_schema",
            "json_schema": {
                "name": "color",
                "strict": True,
                "schema": {
                    "type": "object",
                    "properties": {"color": {"type": "string"}},
                    "required": ["color"],
                    "additionalProperties": False,
                },
            },
        },
        logprobs=True,
        top_logprobs=2,
        n=2,
        seed=1,
    )
    content = completion.choices[0].message.content
    logprobs = completion.choices[0].logprobs
    return (
        len(completion.choices),
        sorted(json.loads(content)),
        logprobs is not None and all(len(t.top_logprobs) <= 2 for t in logprobs.content or []),
        completion.system_fingerprint is None or isinstance(completion.system_fingerprint, str),
    )


@snippet
def legacy_completions(openai: ModuleType, client: Any, tmp_path: Path) -> Any:
    completion = client.completions.create(
        model="gpt-3.5-turbo-instruct", prompt=["Say hi", "Say bye"], max_tokens=5, n=1
    )
    return completion.object, len(completion.choices), completion.choices[0].finish_reason


@snippet
def batch_polled_to_the_end(openai: ModuleType, client: Any, tmp_path: Path) -> Any:
    lines = [
        {
            "custom_id": f"r{n}",
            "method": "POST",
            "url": "/v1/chat/completions",
            "body": {"model": "gpt-4o", "messages": [{"role": "user", "content": "hi"}]},
        }
        for n in range(2)
    ]
    source = client.files.create(
        file=("in.jsonl", "\n".join(json.dumps(line) for line in lines).encode()),
        purpose="batch",
    )
    batch = client.batches.create(
        input_file_id=source.id, endpoint="/v1/chat/completions", completion_window="24h"
    )
    for _ in range(200):
        batch = client.batches.retrieve(batch.id)
        if batch.status in ("completed", "failed", "expired", "cancelled"):
            break
        time.sleep(0.01)
    # (the local server names an output file it does not hold: the download is not compared)
    return batch.status, type(batch.output_file_id).__name__, batch.request_counts.total


@async_snippet
async def async_aiohttp_client(openai: ModuleType, client: Any, tmp_path: Path) -> Any:
    async with openai.AsyncOpenAI(
        api_key=client.api_key,
        base_url=str(client.base_url),
        http_client=openai.DefaultAioHttpClient(),
    ) as aio:
        completion = await aio.chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": "hi"}]
        )
        stream = await aio.chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": "hi"}], stream=True
        )
        chunks = [c async for c in stream]
    return completion.object, chunks[-1].object


# --- client options and misuse -----------------------------------------------------------------------


@snippet
def client_options_and_misuse(openai: ModuleType, client: Any, tmp_path: Path) -> Any:
    def error_of(call: Callable[[], Any]) -> Any:
        try:
            call()
        except (TypeError, ValueError) as exc:
            return type(exc).__name__
        return None

    key = client.api_key
    with openai.OpenAI(api_key=lambda: key, base_url=str(client.base_url)) as by_function:
        listed = by_function.models.list().object
    copied = client.copy(default_headers={"A": "1"}).copy(set_default_headers={"B": "2"})
    return (
        listed,
        sorted(name for name in copied.default_headers if name in ("A", "B")),
        client.with_options(timeout=3).timeout,
        client.with_options(max_retries=4).max_retries,
        client.files.create(file=b"{}\n", purpose="batch").filename,
        client.is_closed(),
        error_of(lambda: openai.OpenAI(api_key="x", max_retries=None)),
        error_of(lambda: client.with_options(foo=1)),
        error_of(lambda: client.files.retrieve("")),
        error_of(lambda: client.models.list(foo=1)),
        error_of(lambda: client.chat.completions.create(model="gpt-4o")),
    )


# --- running them --------------------------------------------------------------------------------


def _run(sdk: ModuleType, local: LocalOpenAIServer, code: Snippet, tmp_path: Path) -> Any:
    with sdk.OpenAI(api_key=local.api_key, base_url=local.base_url, max_retries=0) as client:
        return code(sdk, client, tmp_path)


async def _arun(sdk: ModuleType, local: LocalOpenAIServer, code: Snippet, tmp_path: Path) -> Any:
    async with sdk.AsyncOpenAI(
        api_key=local.api_key, base_url=local.base_url, max_retries=0
    ) as client:
        return await code(sdk, client, tmp_path)


@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_snippet_observes_the_same(local: LocalOpenAIServer, tmp_path: Path, name: str) -> None:
    ours, theirs = run_both(lambda sdk: _run(sdk, local, SNIPPETS[name], tmp_path))
    assert ours == theirs


@pytest.mark.anyio
@pytest.mark.parametrize("name", sorted(ASYNC_SNIPPETS))
async def test_async_snippet_observes_the_same(
    local: LocalOpenAIServer, tmp_path: Path, name: str
) -> None:
    ours, theirs = await arun_both(lambda sdk: _arun(sdk, local, ASYNC_SNIPPETS[name], tmp_path))
    assert ours == theirs
