"""Real-world sweep L, platform scripts as 1.x users write and print them: a file-search
assistant set up from local files (``vector_stores.file_batches.upload_and_poll`` with a ``Path``,
an open file and a ``(name, bytes)`` tuple, then the store attached to the assistant and a thread)
and its async form, a batch job's JSONL round trip (the input built in memory,
``files.create(purpose="batch")``, a polling loop on ``batches.retrieve``, the output and error
files read with ``.text``, ``iter_lines()`` and ``read()``, each line parsed back into a
``ChatCompletion``), a big output streamed line by line (CRLF, CR, blank lines, a character split
across chunks), downloads read with every async reader, embeddings asked for as base64, floats or
the default with ``dimensions`` and token inputs (decoded by hand with ``array``) and reached
through raw / streamed responses and ``extra_body``, a multimodal moderation, image edits and
variations from ``Path``s and file tuples, the models catalogue looped, retrieved by fine-tuned
and local ids and deleted, ids that are empty, None or odd, and the Azure paths of these calls —
run against both packages over the scripted loopback server (see real_world_b).
"""

from __future__ import annotations

import array
import base64
import functools
import io
import itertools
import json
import time
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from .conftest import client_of, run_both
from .real_world_b import Programs, Reply, ScriptedServer, poll_header
from .test_real_world_b_assistants import assistant, thread
from .test_real_world_b_files import batch_object, file_object
from .test_real_world_b_stores import file_batch, store, store_file, uploaded

programs = Programs()

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 24


def raised(code: Any) -> Any:
    """``code()``, or the class and text of the exception it raised, as a log line shows it."""
    try:
        return code()
    except Exception as error:  # what the program's author would catch and log
        return type(error).__name__, str(error)


# --- file search set up for an assistant -----------------------------------------------------------


@programs
def file_search_assistant_from_local_files(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    (folder / "handbook.md").write_text("# Handbook\nBe kind.")
    (folder / "faq.txt").write_text("Q: hours? A: 9-5")
    server.route("POST", "/v1/vector_stores", Reply.json(store("completed", name="Support")))
    server.route("POST", "/v1/files", Reply.dynamic(uploaded))
    server.route(
        "POST",
        "/v1/vector_stores/vs_abc/file_batches",
        Reply.json(file_batch("in_progress", in_progress=3, total=3)),
    )
    server.route(
        "GET",
        "/v1/vector_stores/vs_abc/file_batches/vsfb_1",
        Reply.json(file_batch("completed", completed=2, failed=1, total=3), headers=poll_header()),
    )
    resources = {"file_search": {"vector_store_ids": ["vs_abc"]}}
    server.route(
        "POST",
        "/v1/assistants",
        Reply.json(assistant(tools=[{"type": "file_search"}], tool_resources=resources)),
    )
    server.route("POST", "/v1/threads", Reply.json(thread(tool_resources=resources)))

    vector_store = client.vector_stores.create(
        name="Support", expires_after={"anchor": "last_active_at", "days": 7}
    )
    with open(folder / "faq.txt", "rb") as faq:
        batch = client.vector_stores.file_batches.upload_and_poll(
            vector_store_id=vector_store.id,
            files=[folder / "handbook.md", faq, ("notes.md", b"# Notes\n")],
            poll_interval_ms=1,
            max_concurrency=2,
        )
    printed = [str(batch), repr(batch.file_counts)]
    helper = client.beta.assistants.create(
        name="Support bot",
        instructions="Answer from the handbook.",
        model="gpt-4o",
        tools=[{"type": "file_search", "file_search": {"max_num_results": 8}}],
        tool_resources={"file_search": {"vector_store_ids": [vector_store.id]}},
    )
    conversation = client.beta.threads.create(
        messages=[{"role": "user", "content": "When are you open?"}],
        tool_resources={"file_search": {"vector_store_ids": [vector_store.id]}},
    )
    return (
        printed,
        batch.status,
        batch.file_counts.failed,
        helper.tool_resources.file_search.vector_store_ids,
        conversation.tool_resources.file_search.vector_store_ids,
    )


@programs
def upload_and_poll_with_nothing_to_upload(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    """A script whose glob matched no files: the helper gets an empty list."""
    server.default = Reply.json(file_batch("completed"), headers=poll_header())
    paths = sorted(folder.glob("*.pdf"))
    return raised(
        lambda: (
            client.vector_stores.file_batches.upload_and_poll(
                vector_store_id="vs_abc", files=[open(p, "rb") for p in paths]
            ).status
        )
    )


# --- a batch job's JSONL round trip --------------------------------------------------------------


def completion_body(text: str) -> Any:
    return {
        "id": "chatcmpl-b",
        "object": "chat.completion",
        "created": 1733000000,
        "model": "gpt-4o-mini",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": text, "refusal": None},
                "logprobs": None,
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 5, "completion_tokens": 2, "total_tokens": 7},
        "system_fingerprint": "fp_b",
    }


def output_lines() -> bytes:
    lines = [
        {
            "id": "batch_req_1",
            "custom_id": "task-0",
            "response": {
                "status_code": 200,
                "request_id": "req_1",
                "body": completion_body("positive"),
            },
            "error": None,
        },
        {
            "id": "batch_req_2",
            "custom_id": "task-1",
            "response": {
                "status_code": 200,
                "request_id": "req_2",
                "body": completion_body("negative"),
            },
            "error": None,
        },
    ]
    return ("\n".join(json.dumps(line) for line in lines) + "\n").encode()


ERROR_LINES = (
    json.dumps(
        {
            "id": "batch_req_3",
            "custom_id": "task-2",
            "response": {
                "status_code": 400,
                "request_id": "req_3",
                "body": {"error": {"message": "bad", "type": "invalid_request_error"}},
            },
            "error": None,
        }
    )
    + "\n"
).encode()


@programs
def batch_jsonl_round_trip(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    reviews = ["Loved it", "Broke in a day", "?"]
    tasks = [
        {
            "custom_id": f"task-{index}",
            "method": "POST",
            "url": "/v1/chat/completions",
            "body": {
                "model": "gpt-4o-mini",
                "temperature": 0.1,
                "response_format": {"type": "json_object"},
                "messages": [
                    {"role": "system", "content": "Classify the review's sentiment."},
                    {"role": "user", "content": review},
                ],
            },
        }
        for index, review in enumerate(reviews)
    ]
    buffer = io.BytesIO()
    for task in tasks:
        buffer.write((json.dumps(task) + "\n").encode("utf-8"))
    buffer.seek(0)
    server.route("POST", "/v1/files", Reply.json(file_object("file-in", "batch_tasks.jsonl")))
    server.route("POST", "/v1/batches", Reply.json(batch_object("validating")))
    server.route(
        "GET",
        "/v1/batches/batch_abc",
        Reply.json(batch_object("in_progress")),
        Reply.json(batch_object("finalizing")),
        Reply.json(
            batch_object(
                "completed",
                output_file_id="file-out",
                error_file_id="file-err",
                request_counts={"total": 3, "completed": 2, "failed": 1},
                usage={
                    "input_tokens": 30,
                    "output_tokens": 6,
                    "total_tokens": 36,
                    "input_tokens_details": {"cached_tokens": 0},
                    "output_tokens_details": {"reasoning_tokens": 0},
                },
            )
        ),
    )
    server.route(
        "GET",
        "/v1/files/file-out/content",
        Reply.raw(output_lines(), content_type="application/octet-stream"),
    )
    server.route(
        "GET",
        "/v1/files/file-err/content",
        Reply.raw(ERROR_LINES, content_type="application/octet-stream"),
    )

    batch_file = client.files.create(file=("batch_tasks.jsonl", buffer), purpose="batch")
    job = client.batches.create(
        input_file_id=batch_file.id,
        endpoint="/v1/chat/completions",
        completion_window="24h",
        metadata={"description": "nightly sentiment"},
    )
    statuses = [job.status]
    while job.status not in ("completed", "failed", "expired", "cancelled"):
        time.sleep(0)
        job = client.batches.retrieve(job.id)
        statuses.append(job.status)

    results = {}
    text = client.files.content(job.output_file_id).text
    for line in text.splitlines():
        record = json.loads(line)
        body = openai.types.chat.ChatCompletion.model_validate(record["response"]["body"])
        results[record["custom_id"]] = (body.choices[0].message.content, body.usage.total_tokens)
    errors = client.files.content(job.error_file_id)
    failed = [json.loads(line)["custom_id"] for line in errors.iter_lines() if line]
    saved = folder / "results.jsonl"
    client.files.content(job.output_file_id).write_to_file(saved)
    return (
        statuses,
        repr(job.request_counts),
        repr(job.usage),
        results,
        failed,
        errors.read() == ERROR_LINES,
        saved.read_bytes() == output_lines(),
        raised(lambda: errors.json()),
    )


# --- embeddings ----------------------------------------------------------------------------------


VECTORS = [[0.25, -0.5, 0.125, 1.0], [0.0, 0.75, -1.0, 0.5]]


def embedded(request: Any) -> Reply:
    """The API's answer: each input's vector as floats, or packed float32 in base64 when the
    request asks for ``encoding_format: base64``; as many dimensions as asked for."""
    body = request.json()
    inputs = body["input"] if isinstance(body["input"], list) else [body["input"]]
    if inputs and isinstance(inputs[0], int):
        inputs = [inputs]
    size = body.get("dimensions", 4)
    data = []
    for index in range(len(inputs)):
        vector = VECTORS[index % 2][:size]
        if body.get("encoding_format") == "base64":
            packed: Any = base64.b64encode(array.array("f", vector).tobytes()).decode()
        else:
            packed = vector
        data.append({"object": "embedding", "index": index, "embedding": packed})
    return Reply.json(
        {
            "object": "list",
            "data": data,
            "model": body["model"],
            "usage": {"prompt_tokens": 8, "total_tokens": 8},
        }
    )


@programs
def embeddings_every_encoding(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    server.default = Reply.dynamic(embedded)
    texts = ["the cat sat", "on the mat"]
    packed = client.embeddings.create(
        model="text-embedding-3-small", input=texts, encoding_format="base64"
    )
    decoded = [array.array("f", base64.b64decode(item.embedding)).tolist() for item in packed.data]
    floats = client.embeddings.create(
        model="text-embedding-3-large", input=texts, encoding_format="float", dimensions=2
    )
    default = client.embeddings.create(model="text-embedding-3-small", input="the cat sat")
    tokens = client.embeddings.create(
        model="text-embedding-ada-002", input=[[1820, 8415, 7731], [263, 279]], user="u-1"
    )
    single_tokens = client.embeddings.create(model="text-embedding-ada-002", input=[1820, 8415])
    return (
        [type(item.embedding).__name__ for item in packed.data],
        decoded,
        [item.embedding for item in floats.data],
        repr(floats.data[0]),
        [type(x).__name__ for x in default.data[0].embedding],
        default.data[0].embedding,
        [len(item.embedding) for item in tokens.data],
        single_tokens.data[0].embedding,
        repr(default.usage),
        default.model_dump(),
    )


# --- moderations ---------------------------------------------------------------------------------


IMAGE_CATEGORIES = {
    "self-harm",
    "self-harm/instructions",
    "self-harm/intent",
    "sexual",
    "violence",
    "violence/graphic",
}
"""The categories the omni model scores images for (the others are text only)."""


def moderation_result(flagged: bool) -> Any:
    names = [
        "harassment",
        "harassment/threatening",
        "hate",
        "hate/threatening",
        "illicit",
        "illicit/violent",
        "self-harm",
        "self-harm/instructions",
        "self-harm/intent",
        "sexual",
        "sexual/minors",
        "violence",
        "violence/graphic",
    ]
    return {
        "flagged": flagged,
        "categories": {name: flagged and name == "violence" for name in names},
        "category_scores": {
            name: 0.9 if flagged and name == "violence" else 0.001 for name in names
        },
        "category_applied_input_types": {
            name: ["text", "image"] if name in IMAGE_CATEGORIES else ["text"] for name in names
        },
    }


@programs
def multimodal_moderation_gate(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    server.reply(
        Reply.json(
            {
                "id": "modr-1",
                "model": "omni-moderation-latest",
                "results": [moderation_result(True)],
            }
        )
    )
    image = base64.b64encode(PNG).decode()
    response = client.moderations.create(
        model="omni-moderation-latest",
        input=[
            {"type": "text", "text": "...text to classify goes here..."},
            {"type": "image_url", "image_url": {"url": f"data:image/png;base64,{image}"}},
        ],
    )
    result = response.results[0]
    flagged = [name for name, hit in result.categories.model_dump(by_alias=True).items() if hit]
    by_image = [
        name
        for name, kinds in result.category_applied_input_types.model_dump(by_alias=True).items()
        if "image" in kinds
    ]
    top = max(result.category_scores.to_dict().items(), key=lambda item: item[1])
    return (
        result.flagged,
        flagged,
        by_image,
        top,
        result.categories.self_harm_intent,
        result.category_scores.violence_graphic,
        result.category_applied_input_types.violence,
        response.to_json(indent=None) == response.model_dump_json(),
    )


# --- images --------------------------------------------------------------------------------------


def images_answer(count: int, b64: bool = True, **extra: Any) -> Any:
    item = {"b64_json": base64.b64encode(PNG).decode()} if b64 else {"url": "https://img/1.png"}
    return {"created": 1733000000, "data": [dict(item) for _ in range(count)], **extra}


@programs
def image_edits_and_variations_from_paths_and_tuples(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    room = folder / "room.png"
    room.write_bytes(PNG)
    lamp = folder / "lamp.png"
    lamp.write_bytes(PNG + b"lamp")
    mask = folder / "mask.png"
    mask.write_bytes(PNG + b"mask")
    usage = {
        "input_tokens": 50,
        "output_tokens": 100,
        "total_tokens": 150,
        "input_tokens_details": {"image_tokens": 40, "text_tokens": 10},
    }
    server.reply(
        Reply.json(images_answer(1, usage=usage, quality="high", size="1024x1024")),
        Reply.json(images_answer(1, b64=False)),
        Reply.json(images_answer(2)),
        Reply.json(images_answer(1, b64=False)),
    )
    with open(lamp, "rb") as lamp_file:
        edited = client.images.edit(
            model="gpt-image-1",
            image=[room, lamp_file],
            mask=("mask.png", mask.read_bytes(), "image/png"),
            prompt="Put the lamp in the room",
            quality="high",
            size="1024x1024",
            input_fidelity="high",
            background="opaque",
        )
    (folder / "out.png").write_bytes(base64.b64decode(edited.data[0].b64_json))
    with open(room, "rb") as room_file, open(mask, "rb") as mask_file:
        dall_e = client.images.edit(
            model="dall-e-2",
            image=room_file,
            mask=mask_file,
            prompt="A sunlit room",
            n=1,
            size="512x512",
            response_format="url",
        )
    variations = client.images.create_variation(
        image=room, n=2, size="256x256", response_format="b64_json"
    )
    variation = client.images.create_variation(image=("room.png", room.read_bytes(), "image/png"))
    return (
        repr(edited.usage),
        edited.quality,
        (folder / "out.png").read_bytes() == PNG,
        dall_e.data[0].url,
        [len(base64.b64decode(item.b64_json)) for item in variations.data],
        repr(variation.data[0]),
    )


# --- the models catalogue ------------------------------------------------------------------------


def model(model_id: str, owner: str = "openai", created: int = 1700000000) -> Any:
    return {"id": model_id, "object": "model", "created": created, "owned_by": owner}


@programs
def models_catalogue_looped_and_retrieved(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    fine_tuned = "ft:gpt-4o-mini-2024-07-18:acme::AbC123"
    server.reply(
        Reply.json(
            {
                "object": "list",
                "data": [
                    model("gpt-4o", "system", 1715367049),
                    model("text-embedding-3-small", "system", 1705948997),
                    model(fine_tuned, "acme", 1733000000),
                    model("whisper-1", "openai-internal", 1677532384),
                ],
            }
        ),
        Reply.json(model(fine_tuned, "acme")),
        Reply.json(model("meta-llama/Llama-3.1-8B-Instruct", "vllm")),
        Reply.json({"id": fine_tuned, "object": "model", "deleted": True}),
        Reply.json({"object": "list", "data": []}),
    )
    printed = []
    chat_models = []
    for m in client.models.list():
        printed.append(str(m))
        if m.id.startswith(("gpt-", "ft:gpt")):
            chat_models.append(m.id)
    newest = None
    mine = client.models.retrieve(fine_tuned)
    local = client.models.retrieve("meta-llama/Llama-3.1-8B-Instruct")
    deleted = client.models.delete(fine_tuned)
    page = client.models.list()
    newest = sorted(page.data, key=lambda m: m.created)
    return (
        printed,
        chat_models,
        repr(mine),
        local.owned_by,
        repr(deleted),
        newest,
        page.has_next_page(),
        repr(page),
    )


@programs
async def async_models_and_embeddings(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    server.route(
        "GET",
        "/v1/models",
        Reply.json({"object": "list", "data": [model("gpt-4o"), model("o3-mini")]}),
    )
    server.route("POST", "/v1/embeddings", Reply.dynamic(embedded))
    ids = [m.id async for m in client.models.list()]
    page = await client.models.list()
    first = page.data[0]
    vectors = await client.embeddings.create(model="text-embedding-3-small", input=ids)
    packed = await client.embeddings.create(
        model="text-embedding-3-small", input=ids, encoding_format="base64", dimensions=3
    )
    return (
        ids,
        repr(first),
        [item.embedding for item in vectors.data],
        [array.array("f", base64.b64decode(item.embedding)).tolist() for item in packed.data],
    )


# --- async file search, downloads read every way, JSONL streamed line by line -------------------


@programs
async def async_store_uploads_and_binary_readers(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    (folder / "a.md").write_text("a")
    (folder / "b.md").write_text("bb")
    (folder / "room.png").write_bytes(PNG)
    server.route("POST", "/v1/files", Reply.dynamic(uploaded))
    server.route(
        "POST",
        "/v1/vector_stores/vs_abc/file_batches",
        Reply.json(file_batch("in_progress", in_progress=2, total=2)),
    )
    server.route(
        "GET",
        "/v1/vector_stores/vs_abc/file_batches/vsfb_1",
        Reply.json(file_batch("completed", completed=2, total=2), headers=poll_header()),
    )
    server.route(
        "POST", "/v1/vector_stores/vs_abc/files", Reply.json(store_file("file-a", "in_progress"))
    )
    server.route(
        "GET",
        "/v1/vector_stores/vs_abc/files/file-a",
        Reply.json(store_file("file-a", "completed"), headers=poll_header()),
    )
    server.route(
        "GET",
        "/v1/files/file-out/content",
        Reply.raw(output_lines(), content_type="application/octet-stream"),
    )
    server.route("POST", "/v1/images/variations", Reply.json(images_answer(1)))
    batch = await client.vector_stores.file_batches.upload_and_poll(
        vector_store_id="vs_abc", files=[folder / "a.md", folder / "b.md"]
    )
    one = await client.vector_stores.files.upload_and_poll(
        vector_store_id="vs_abc", file=folder / "a.md", poll_interval_ms=1
    )
    content = await client.files.content("file-out")
    lines = [line async for line in await content.aiter_lines()]
    chunks = [chunk async for chunk in await content.aiter_bytes(64)]
    await content.astream_to_file(folder / "copy.jsonl")
    content.write_to_file(folder / "again.jsonl")
    variation = await client.images.create_variation(image=folder / "room.png")
    return (
        repr(batch),
        repr(one),
        type(content).__name__,
        [json.loads(line)["custom_id"] for line in lines],
        b"".join(chunks) == output_lines(),
        (await content.aread()) == content.read() == content.content,
        (folder / "copy.jsonl").read_bytes() == (folder / "again.jsonl").read_bytes(),
        raised(content.json),
        (content.encoding, content.charset_encoding, content.response.status_code),
        repr(variation.data),
    )


WINDOWS_JSONL = b'{"a": 1}\r\n{"b": "\xc3\xa9"}\n\n{"c": 3}\r{"d": 4}'
"""JSONL as files written on other systems arrive: CRLF and CR line ends, a blank line, no
newline at the end, and a multi-byte character split across network chunks."""


def chunked_download() -> Reply:
    cuts = [0, 5, 13, 14, 30, len(WINDOWS_JSONL)]
    pieces = [WINDOWS_JSONL[a:b] for a, b in itertools.pairwise(cuts)]
    return Reply.sse(pieces, headers={"content-type": "application/octet-stream"})


@programs
def batch_output_streamed_line_by_line(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    """A big batch output read without holding it whole: ``with_streaming_response.content`` and
    its line, text and byte iterators, ``stream_to_file``, ``text()``; then the same file
    downloaded whole and split."""
    seen = []
    for reader in ("iter_lines", "iter_text", "iter_bytes"):
        server.reply(chunked_download())
        with client.files.with_streaming_response.content("file-out") as response:
            seen.append((reader, list(getattr(response, reader)())))
    server.reply(chunked_download())
    with client.files.with_streaming_response.content("file-out") as response:
        seen.append(list(response.iter_bytes(chunk_size=7)))
    server.reply(chunked_download())
    with client.files.with_streaming_response.content("file-out") as response:
        response.stream_to_file(folder / "out.jsonl")
    seen.append((folder / "out.jsonl").read_bytes())
    server.reply(chunked_download())
    with client.files.with_streaming_response.content("file-out") as response:
        seen.append(response.text())
    server.reply(chunked_download())
    with client.files.with_streaming_response.content("file-out") as response:
        seen.append(raised(response.json))
    server.reply(chunked_download())
    whole = client.files.content("file-out")
    seen += [list(whole.iter_lines()), whole.text.splitlines(), list(whole.iter_text(chunk_size=4))]
    return seen


# --- embeddings through the raw and streamed responses -------------------------------------------


@programs
def embeddings_through_raw_and_streamed_responses(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    """The default (base64 on the wire, floats to the caller) however the answer is reached:
    ``with_raw_response``, ``with_streaming_response``, ``with_options``, an ``extra_body`` that
    sets the encoding, and a custom ``client.post``."""
    server.default = Reply.dynamic(embedded)
    raw = client.embeddings.with_raw_response.create(model="m", input=["a", "b"])
    with client.embeddings.with_streaming_response.create(
        model="m", input="a", dimensions=2
    ) as response:
        streamed = response.parse().data[0].embedding
    extra_base64 = client.embeddings.create(
        model="m", input="a", extra_body={"encoding_format": "base64"}
    )
    extra_float = client.embeddings.create(
        model="m", input="a", extra_body={"encoding_format": "float"}
    )
    optioned = client.with_options(timeout=5).embeddings.create(model="m", input=["q"])
    custom = client.post(
        "/embeddings",
        body={"model": "m", "input": "a"},
        cast_to=openai.types.CreateEmbeddingResponse,
    )
    return (
        raw.parse().data[1].embedding,
        raw.http_response.json()["data"][0]["embedding"],
        streamed,
        extra_base64.data[0].embedding,
        extra_float.data[0].embedding,
        optioned.data[0].embedding,
        custom.data[0].embedding,
    )


# --- ids that are empty, None or odd -------------------------------------------------------------


@programs
def calls_with_empty_none_and_odd_ids(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    """The bugs of scripts reading ids from a failed batch (``output_file_id`` is None) or an
    unset environment variable (''), and ids with characters a URL path treats specially."""
    server.default = Reply.json(
        {"error": {"message": "nope", "type": "invalid_request_error"}}, status=404
    )
    calls = {
        "model ''": lambda: client.models.retrieve(""),
        "content None": lambda: client.files.content(None),
        "content ''": lambda: client.files.content(""),
        "batch None": lambda: client.batches.retrieve(None),
        "poll run ''": lambda: client.beta.threads.runs.poll("", thread_id="t"),
        "poll thread None": lambda: client.beta.threads.runs.poll("r", thread_id=None),
        "store ''": lambda: client.vector_stores.files.retrieve("f", vector_store_id=""),
        "upload store ''": lambda: client.vector_stores.file_batches.upload_and_poll(
            vector_store_id="", files=[b"x"]
        ),
        "submit run ''": lambda: client.beta.threads.runs.submit_tool_outputs_and_poll(
            run_id="", thread_id="t", tool_outputs=[]
        ),
        "no model": lambda: client.embeddings.create(input="x"),
        "delete ''": lambda: client.models.delete(""),
        "messages ''": lambda: client.beta.threads.messages.list(thread_id=""),
        "create_and_poll ''": lambda: client.beta.threads.runs.create_and_poll(
            thread_id="", assistant_id="a"
        ),
        "file 123": lambda: client.files.retrieve(123),
        "model ' '": lambda: client.models.retrieve(" "),
        "model a/b": lambda: client.models.retrieve("a/b"),
        "model a?b#c": lambda: client.models.retrieve("a?b#c"),
        "encoded slash": lambda: client.files.content("file-..%2F"),
    }
    seen = {}
    for name, call in calls.items():
        before = len(server.requests)
        seen[name] = (raised(call), [r.target for r in server.requests[before:]])
    return seen


# --- Azure deployments for these endpoints -------------------------------------------------------


@programs
def azure_paths_of_everyday_endpoints(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    """Which calls an ``AzureOpenAI`` client routes to a deployment (with and without a bound
    ``azure_deployment``) and which stay at the resource root."""
    server.default = Reply.json(
        {"object": "list", "data": [], "id": "x", "created": 1, "model": "m", "results": []}
    )
    calls = [
        lambda azure: azure.embeddings.create(model="emb", input="x", encoding_format="float"),
        lambda azure: azure.moderations.create(input="x", model="omni"),
        lambda azure: azure.images.edit(model="img", image=b"x", prompt="p"),
        lambda azure: azure.images.create_variation(model="img", image=b"x"),
        lambda azure: azure.completions.create(model="inst", prompt="p"),
        lambda azure: azure.models.list(),
        lambda azure: azure.models.retrieve("gpt"),
        lambda azure: azure.batches.list(),
        lambda azure: azure.files.list(),
        lambda azure: azure.vector_stores.list(),
        lambda azure: azure.beta.assistants.list(),
    ]
    seen = []
    for bound in ({}, {"azure_deployment": "dep"}):
        azure = openai.AzureOpenAI(
            api_key="k", api_version="2024-10-21", azure_endpoint=server.url, max_retries=0, **bound
        )
        with azure:
            for call in calls:
                before = len(server.requests)
                outcome = raised(functools.partial(call, azure))
                sent = [(r.method, r.path, r.query_dict) for r in server.requests[before:]]
                seen.append((sent, outcome if isinstance(outcome, tuple) else "ok"))
    return seen


@pytest.mark.parametrize("name", sorted(programs.sync))
def test_program(name: str, tmp_path: Path) -> None:
    ours, theirs = programs.run(name, tmp_path)
    assert ours[1] == theirs[1]  # the requests sent
    assert ours[0] == theirs[0]  # what the program observed


@pytest.mark.anyio
@pytest.mark.parametrize("name", sorted(programs.asynchronous))
async def test_async_program(name: str, tmp_path: Path) -> None:
    ours, theirs = await programs.arun(name, tmp_path)
    assert ours[1] == theirs[1]
    assert ours[0] == theirs[0]


def test_printed_images_response(server: ScriptedServer) -> None:
    """``print(client.images.generate(...))`` shows the same fields as openai 3.57, the SDK-newer
    ``safety_identifier`` and ``svg_usage`` too (spec/openapi.yml, x-sdk-newer since 282d6ef8;
    until then a deliberate difference of sweep L)."""

    def run(openai: ModuleType) -> Any:
        server.reply(
            Reply.json({"created": 1, "data": [{"url": "https://img/1.png"}], "quality": "high"})
        )
        with client_of(openai, server.url + "/v1") as client:
            return repr(client.images.generate(model="gpt-image-1", prompt="an otter"))

    ours, theirs = run_both(run)
    assert "svg_usage=None" in theirs
    assert ours == theirs
