"""Real-world sweep B: files, uploads and batches as users of the official SDK write them (its
README, cookbook notebooks, answers on Q&A sites), run against both packages; see real_world_b.
"""

from __future__ import annotations

import io
import json
import time
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from .conftest import run_both
from .real_world_b import Programs, Reply, ScriptedServer

programs = Programs()


def file_object(file_id: str, filename: str, purpose: str = "batch", **extra: Any) -> Any:
    return {
        "id": file_id,
        "object": "file",
        "bytes": 120,
        "created_at": 1733000000,
        "filename": filename,
        "purpose": purpose,
        "status": "processed",
        "expires_at": None,
        "status_details": None,
        **extra,
    }


def batch_object(status: str, **extra: Any) -> Any:
    return {
        "id": "batch_abc",
        "object": "batch",
        "endpoint": "/v1/chat/completions",
        "errors": None,
        "input_file_id": "file-in",
        "completion_window": "24h",
        "status": status,
        "output_file_id": None,
        "error_file_id": None,
        "created_at": 1733000000,
        "in_progress_at": None,
        "expires_at": 1733086400,
        "finalizing_at": None,
        "completed_at": None,
        "failed_at": None,
        "expired_at": None,
        "cancelling_at": None,
        "cancelled_at": None,
        "request_counts": {"total": 2, "completed": 0, "failed": 0},
        "metadata": {"job": "nightly"},
        **extra,
    }


def upload_object(status: str, **extra: Any) -> Any:
    return {
        "id": "upload_abc",
        "object": "upload",
        "bytes": 10,
        "created_at": 1733000000,
        "filename": "data.jsonl",
        "purpose": "fine-tune",
        "status": status,
        "expires_at": 1733003600,
        "file": None,
        **extra,
    }


def part_object(part_id: str) -> Any:
    return {"id": part_id, "object": "upload.part", "created_at": 1733000000, "upload_id": "u"}


@programs
def upload_training_file_readme_style(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    # client.files.create(file=open("mydata.jsonl", "rb"), purpose="fine-tune")
    path = folder / "mydata.jsonl"
    path.write_text('{"messages": [{"role": "user", "content": "hi"}]}\n')
    server.reply(Reply.json(file_object("file-abc", "mydata.jsonl", "fine-tune")))
    with open(path, "rb") as handle:
        uploaded = client.files.create(file=handle, purpose="fine-tune")
    return (
        uploaded.id,
        uploaded.purpose,
        uploaded.status,
        uploaded.bytes,
        uploaded.model_dump(exclude_none=True),
        repr(uploaded).startswith("FileObject("),
    )


@programs
def upload_every_file_shape(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    path = folder / "notes.txt"
    path.write_text("notes")
    server.default = Reply.json(file_object("file-1", "notes.txt", "assistants"))
    client.files.create(file=path, purpose="assistants")
    client.files.create(file=path.read_bytes(), purpose="assistants")
    client.files.create(file=("report.pdf", b"%PDF-1.4", "application/pdf"), purpose="user_data")
    client.files.create(file=("data.csv", io.BytesIO(b"a,b\n1,2\n")), purpose="assistants")
    with open(path, "rb") as handle:
        client.files.create(file=("image.png", handle), purpose="vision")
    client.files.create(file=openai.file_from_path(str(path)), purpose="assistants")
    return len(server.requests)


@programs
def upload_text_built_in_memory(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    # a JSONL string built in memory, given with its filename: the text is the file (UTF-8)
    lines = [json.dumps({"custom_id": f"r{n}", "note": "café"}) for n in range(2)]
    server.default = Reply.json(file_object("file-mem", "batch.jsonl"))
    uploaded = client.files.create(file=("batch.jsonl", "\n".join(lines)), purpose="batch")
    typed = client.files.create(
        file=("notes.md", "# Notes\n", "text/markdown"), purpose="assistants"
    )
    return uploaded.id, typed.filename


@programs
def list_retrieve_delete_files(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    page = {
        "object": "list",
        "data": [file_object("file-1", "a.jsonl"), file_object("file-2", "b.jsonl")],
        "first_id": "file-1",
        "last_id": "file-2",
        "has_more": False,
    }
    server.reply(
        Reply.json(page),
        Reply.json(file_object("file-2", "b.jsonl")),
        Reply.json({"id": "file-2", "object": "file", "deleted": True}),
    )
    names = {f.filename: f.id for f in client.files.list(purpose="batch")}
    one = client.files.retrieve(names["b.jsonl"])
    deleted = client.files.delete(one.id)
    return names, one.created_at, deleted.deleted, deleted.id, type(deleted).__name__


@programs
def download_file_content_every_way(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    results = b'{"custom_id": "a", "n": 1}\n{"custom_id": "b", "n": 2}\n'
    server.default = Reply.raw(results, content_type="application/octet-stream")
    content = client.files.content("file-out")
    content.write_to_file(folder / "results.jsonl")
    rows = [json.loads(line) for line in content.text.strip().split("\n")]
    streamed = folder / "streamed.jsonl"
    with client.files.with_streaming_response.content("file-out") as response:
        response.stream_to_file(streamed)
    raw = client.files.with_raw_response.content("file-out")
    return (
        (folder / "results.jsonl").read_bytes() == results,
        rows,
        content.read() == results,
        content.content == results,
        list(content.iter_lines()),
        b"".join(content.iter_bytes(7)) == results,
        content.response.status_code,
        streamed.read_bytes() == results,
        raw.http_response.headers["content-type"],
        raw.parse().read() == results,
    )


@programs
def json_file_content(openai: ModuleType, client: Any, server: ScriptedServer, folder: Path) -> Any:
    server.default = Reply.json({"hello": "world"})
    content = client.files.content("file-json")
    return content.json(), content.encoding, content.charset_encoding


@programs
def deprecated_retrieve_content(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    server.default = Reply.raw(b"line one\nline two\n", content_type="application/octet-stream")
    text = client.files.retrieve_content("file-old")
    return type(text).__name__, text.splitlines()


@programs
def wait_for_processing(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    server.reply(
        Reply.json(file_object("file-1", "a.jsonl", status="uploaded")),
        Reply.json(file_object("file-1", "a.jsonl", status="uploaded")),
        Reply.json(file_object("file-1", "a.jsonl", status="processed")),
    )
    done = client.files.wait_for_processing("file-1", poll_interval=0.001)
    return done.status, len(server.requests)


@programs
def batch_job_end_to_end(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    # the cookbook's batch flow: write JSONL tasks, upload, create, poll, download the results
    tasks = [
        {
            "custom_id": f"task-{n}",
            "method": "POST",
            "url": "/v1/chat/completions",
            "body": {
                "model": "gpt-4o-mini",
                "temperature": 0.1,
                "response_format": {"type": "json_object"},
                "messages": [{"role": "user", "content": f"describe item {n}"}],
            },
        }
        for n in range(2)
    ]
    path = folder / "batch_tasks.jsonl"
    with open(path, "w") as handle:
        for task in tasks:
            handle.write(json.dumps(task) + "\n")
    output = "".join(
        json.dumps(
            {
                "id": f"batch_req_{n}",
                "custom_id": f"task-{n}",
                "response": {
                    "status_code": 200,
                    "body": {"choices": [{"message": {"content": "ok"}}]},
                },
                "error": None,
            }
        )
        + "\n"
        for n in range(2)
    )
    server.reply(
        Reply.json(file_object("file-in", "batch_tasks.jsonl")),
        Reply.json(batch_object("validating")),
        Reply.json(batch_object("in_progress", in_progress_at=1733000001)),
        Reply.json(
            batch_object(
                "completed",
                output_file_id="file-out",
                completed_at=1733000100,
                request_counts={"total": 2, "completed": 2, "failed": 0},
            )
        ),
        Reply.raw(output.encode(), content_type="application/octet-stream"),
    )
    with open(path, "rb") as handle:
        batch_file = client.files.create(file=handle, purpose="batch")
    job = client.batches.create(
        input_file_id=batch_file.id,
        endpoint="/v1/chat/completions",
        completion_window="24h",
        metadata={"job": "nightly"},
    )
    statuses = [job.status]
    while job.status not in ("completed", "failed", "expired", "cancelled"):
        time.sleep(0.001)
        job = client.batches.retrieve(job.id)
        statuses.append(job.status)
    result = client.files.content(job.output_file_id).content
    (folder / "batch_results.jsonl").write_bytes(result)
    answers = []
    with open(folder / "batch_results.jsonl") as handle:
        for line in handle:
            row = json.loads(line.strip())
            answers.append((row["custom_id"], row["response"]["body"]["choices"][0]["message"]))
    return (
        statuses,
        job.request_counts.completed,
        job.request_counts.model_dump(),
        job.metadata,
        answers,
    )


@programs
def batch_list_and_cancel(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    server.reply(
        Reply.json(
            {
                "object": "list",
                "data": [
                    batch_object("in_progress"),
                    batch_object(
                        "failed",
                        errors={
                            "object": "list",
                            "data": [
                                {
                                    "code": "invalid_json",
                                    "message": "bad line",
                                    "param": None,
                                    "line": 3,
                                }
                            ],
                        },
                    ),
                ],
                "first_id": "batch_abc",
                "last_id": "batch_abc",
                "has_more": False,
            }
        ),
        Reply.json(batch_object("cancelling", cancelling_at=1733000050)),
    )
    seen = []
    for batch in client.batches.list(limit=10):
        errors = [(e.code, e.line) for e in batch.errors.data] if batch.errors else []
        seen.append((batch.status, errors))
    cancelled = client.batches.cancel("batch_abc")
    return seen, cancelled.status, cancelled.cancelling_at


@programs
def upload_file_chunked_from_path(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    path = folder / "big.jsonl"
    path.write_bytes(b"0123456789" * 3)
    server.reply(
        Reply.json(upload_object("pending", bytes=30, filename="big.jsonl")),
        Reply.json(part_object("part_1")),
        Reply.json(part_object("part_2")),
        Reply.json(part_object("part_3")),
        Reply.json(
            upload_object(
                "completed",
                bytes=30,
                filename="big.jsonl",
                file=file_object("file-big", "big.jsonl", "fine-tune"),
            )
        ),
    )
    upload = client.uploads.upload_file_chunked(
        file=path, mime_type="text/jsonl", purpose="fine-tune", part_size=12
    )
    return upload.status, upload.file.id, upload.file.filename, type(upload.file).__name__


@programs
def upload_file_chunked_from_bytes(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    server.reply(
        Reply.json(upload_object("pending")),
        Reply.json(part_object("part_1")),
        Reply.json(upload_object("completed", file=file_object("file-x", "data.jsonl"))),
    )
    upload = client.uploads.upload_file_chunked(
        file=b'{"a": 1}\n', filename="data.jsonl", bytes=9, mime_type="text/jsonl", purpose="batch"
    )
    return upload.status, upload.file.id


@programs
def upload_parts_by_hand(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    data = b"x" * 25
    server.reply(
        Reply.json(upload_object("pending", bytes=25)),
        Reply.json(part_object("part_a")),
        Reply.json(part_object("part_b")),
        Reply.json(upload_object("completed", file=file_object("file-u", "data.jsonl"))),
        Reply.json(upload_object("cancelled")),
    )
    upload = client.uploads.create(
        purpose="fine-tune", filename="data.jsonl", bytes=len(data), mime_type="text/jsonl"
    )
    part_ids = []
    for start in range(0, len(data), 16):
        part = client.uploads.parts.create(
            upload_id=upload.id, data=io.BytesIO(data[start : start + 16])
        )
        part_ids.append(part.id)
    done = client.uploads.complete(upload_id=upload.id, part_ids=part_ids)
    cancelled = client.uploads.cancel("upload_old")
    return part_ids, done.status, done.file.id, cancelled.status


@programs
async def async_upload_and_download(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    path = folder / "in.jsonl"
    path.write_bytes(b"{}\n")
    server.reply(
        Reply.json(file_object("file-a", "in.jsonl")),
        Reply.raw(b"abc\ndef\n", content_type="application/octet-stream"),
        Reply.raw(b"abc\ndef\n", content_type="application/octet-stream"),
        Reply.json(
            {"object": "list", "data": [file_object("file-a", "in.jsonl")], "has_more": False}
        ),
    )
    uploaded = await client.files.create(file=path, purpose="batch")
    content = await client.files.content(uploaded.id)
    async with client.files.with_streaming_response.content(uploaded.id) as response:
        await response.stream_to_file(folder / "out.txt")
        lines = []
    ids = [f.id async for f in client.files.list()]
    return (
        uploaded.id,
        content.text,
        content.read(),
        (folder / "out.txt").read_bytes(),
        lines,
        ids,
    )


@programs
async def async_download_read_in_chunks(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    # the official SDK's async readers are coroutines returning the iterator: awaited, then iterated
    body = b'{"custom_id": "a"}\n{"custom_id": "b"}\n'
    server.default = Reply.raw(body, content_type="application/octet-stream")
    content = await client.files.content("file-out")
    sizes = [len(chunk) async for chunk in await content.aiter_bytes(8)]
    lines = [line async for line in await content.aiter_lines()]
    text = "".join([piece async for piece in await content.aiter_text()])
    whole = await content.aread()
    await content.astream_to_file(folder / "results.jsonl")
    return sizes, lines, text, whole, (folder / "results.jsonl").read_bytes() == body


@programs
async def async_upload_file_chunked(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    path = folder / "train.jsonl"
    path.write_bytes(b"abcdefghij")
    server.reply(
        Reply.json(upload_object("pending")),
        Reply.json(part_object("part_1")),
        Reply.json(part_object("part_2")),
        Reply.json(upload_object("completed", file=file_object("file-t", "train.jsonl"))),
    )
    upload = await client.uploads.upload_file_chunked(
        file=path, mime_type="text/jsonl", purpose="fine-tune", part_size=5
    )
    return upload.file.id


def api_error(status: int, message: str, code: str | None, param: str | None = None) -> Reply:
    return Reply.json(
        {
            "error": {
                "message": message,
                "type": "invalid_request_error",
                "param": param,
                "code": code,
            }
        },
        status=status,
        headers={"x-request-id": f"req_{status}", "retry-after-ms": "1"},
    )


@programs
def upload_errors_as_applications_handle_them(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    server.reply(
        api_error(413, "File too large.", "file_too_large", "file"),
        api_error(400, "Invalid purpose.", None, "purpose"),
        api_error(404, "No such File object: file-nope", None, "id"),
        api_error(400, "Batch input file is invalid", "invalid_file_format", "input_file_id"),
    )
    seen = []
    try:
        client.files.create(file=("big.jsonl", b"x" * 100), purpose="batch")
    except openai.APIStatusError as error:
        seen.append(
            (type(error).__name__, error.status_code, error.code, error.param, error.message)
        )
    try:
        client.files.create(file=("a.txt", b"x"), purpose="wrong")
    except openai.BadRequestError as error:
        seen.append((error.body, error.request_id, error.response.headers["x-request-id"]))
    try:
        client.files.content("file-nope")
    except openai.NotFoundError as error:
        seen.append((error.status_code, str(error)))
    try:
        client.batches.create(
            input_file_id="file-bad", endpoint="/v1/chat/completions", completion_window="24h"
        )
    except openai.OpenAIError as error:
        seen.append((type(error).__mro__[1].__name__, getattr(error, "type", None)))
    return seen


@programs
def uploads_are_resent_whole_on_retry(
    openai: ModuleType, client: Any, server: ScriptedServer, folder: Path
) -> Any:
    path = folder / "retry.jsonl"
    path.write_bytes(b'{"n": 1}\n' * 50)
    retrying = client.with_options(max_retries=2)
    server.reply(
        api_error(500, "server error", None),
        Reply.json(file_object("file-r1", "retry.jsonl")),
        api_error(503, "overloaded", None),
        Reply.json(file_object("file-r2", "retry.jsonl")),
        Reply.json(upload_object("pending")),
        api_error(502, "bad gateway", None),
        Reply.json(part_object("part_1")),
        Reply.json(upload_object("completed", file=file_object("file-r3", "retry.jsonl"))),
    )
    with open(path, "rb") as handle:
        first = retrying.files.create(file=handle, purpose="batch")
    second = retrying.files.create(file=path, purpose="batch")
    chunked = retrying.uploads.upload_file_chunked(
        file=path, mime_type="text/jsonl", purpose="batch"
    )
    return first.id, second.id, chunked.file.id, len(server.requests)


MISTAKES = {
    "a path as a plain string": lambda client: client.files.create(
        file="data.jsonl", purpose="batch"
    ),
    "None for the file": lambda client: client.files.create(file=None, purpose="batch"),
    "None for an optional file": lambda client: client.images.edit(
        image=b"png", prompt="p", mask=None
    ),
    "no content in the tuple": lambda client: client.files.create(
        file=("a.txt", None), purpose="batch"
    ),
    "a string in a list of images": lambda client: client.images.edit(image=["a.png"], prompt="p"),
}


@pytest.mark.parametrize("mistake", MISTAKES)
def test_a_file_mistake_fails_before_anything_is_sent(mistake: str, tmp_path: Path) -> None:
    # the official SDK raises RuntimeError before sending (for a tuple without content, an
    # AttributeError from inside the transport); typed_openai a TypeError naming the argument
    def observe(openai: ModuleType) -> Any:
        with ScriptedServer() as server:
            client = openai.OpenAI(api_key="sk-x", base_url=server.url + "/v1", max_retries=0)
            with client, pytest.raises(Exception) as caught:
                MISTAKES[mistake](client)
            return caught.value, len(server.requests)

    (ours, sent_ours), (theirs, _) = run_both(observe)
    assert sent_ours == 0
    assert isinstance(theirs, (RuntimeError, AttributeError))
    assert isinstance(ours, TypeError)
    argument = "mask" if "optional" in mistake else "image" if "images" in mistake else "file"
    assert f"`{argument}`" in str(ours)


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
