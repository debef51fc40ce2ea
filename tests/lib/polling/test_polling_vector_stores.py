"""Vector-store polling and upload helpers against the scripted loopback server, sync and async:
`files.poll/create_and_poll/upload/upload_and_poll`, `file_batches.poll/create_and_poll/
upload_and_poll` (uploads checked on the wire, failures, cancellation)."""

from __future__ import annotations

import io
import threading
import time

import anyio
import pytest

from tests.lib.polling.wire_objects import (
    AsyncSleepRecorder,
    SleepRecorder,
    batch_object,
    file_object,
    json_replies,
    vector_store_file_object,
)
from tests.support.server import RecordedRequest, Reply, ScriptedServer
from typed_openai import AsyncOpenAI, BadRequestError, OpenAI

FILE_PATH = "/vector_stores/vs_1/files/file_1"
BATCH_PATH = "/vector_stores/vs_1/file_batches/vsfb_1"
BAD_UPLOAD = Reply.json({"error": {"message": "bad file", "type": "invalid_request_error"}}, 400)


def _walk_file(server: ScriptedServer, *statuses: str) -> None:
    server.route("GET", FILE_PATH, *json_replies(*(vector_store_file_object(s) for s in statuses)))


def _walk_batch(server: ScriptedServer) -> None:
    server.route(
        "GET",
        BATCH_PATH,
        *json_replies(
            batch_object("in_progress", in_progress=2, completed=1),
            batch_object("in_progress", in_progress=1, completed=2),
            batch_object("completed", in_progress=0, completed=3),
        ),
    )


def _assert_multipart_upload(request: RecordedRequest, filename: str, content: bytes) -> None:
    assert (request.method, request.path) == ("POST", "/files")
    assert request.headers["content-type"].startswith("multipart/form-data; boundary=")
    assert b'name="purpose"\r\n\r\nassistants\r\n' in request.body
    assert f'name="file"; filename="{filename}"'.encode() in request.body
    assert content in request.body


def _upload_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("typed-openai-upload")]


# -- files -------------------------------------------------------------------------------------


def test_files_poll(server: ScriptedServer, client: OpenAI) -> None:
    _walk_file(server, "in_progress", "in_progress", "completed")
    files = client.vector_stores.files
    files._sleep = sleep = SleepRecorder()

    vs_file = files.poll("file_1", vector_store_id="vs_1", poll_interval_ms=5)

    assert vs_file.status == "completed"
    assert [(r.method, r.path) for r in server.requests] == [("GET", FILE_PATH)] * 3
    assert all(r.headers["x-stainless-poll-helper"] == "true" for r in server.requests)
    assert all(r.headers["x-stainless-custom-poll-interval"] == "5" for r in server.requests)
    assert sleep.delays == [0.005, 0.005]


def test_files_create_and_poll_returns_a_failed_file(
    server: ScriptedServer, client: OpenAI
) -> None:
    server.route(
        "POST", "/vector_stores/vs_1/files", Reply.json(vector_store_file_object("in_progress"))
    )
    error = {"code": "invalid_file", "message": "The file is empty."}
    server.route(
        "GET",
        FILE_PATH,
        Reply.json(vector_store_file_object("in_progress"), headers={"openai-poll-after-ms": "6"}),
        Reply.json(vector_store_file_object("failed", last_error=error)),
    )
    files = client.vector_stores.files
    files._sleep = sleep = SleepRecorder()

    vs_file = files.create_and_poll("file_1", vector_store_id="vs_1", attributes={"k": "v"})

    assert vs_file.status == "failed"
    assert vs_file.last_error is not None and vs_file.last_error.code == "invalid_file"
    create = server.requests[0]
    assert (create.method, create.path) == ("POST", "/vector_stores/vs_1/files")
    assert create.json() == {"file_id": "file_1", "attributes": {"k": "v"}}
    assert sleep.delays == [0.006]


@pytest.mark.anyio
async def test_async_files_create_and_poll(
    server: ScriptedServer, async_client: AsyncOpenAI
) -> None:
    server.route(
        "POST", "/vector_stores/vs_1/files", Reply.json(vector_store_file_object("in_progress"))
    )
    _walk_file(server, "in_progress", "cancelled")
    files = async_client.vector_stores.files
    files._sleep = sleep = AsyncSleepRecorder()

    vs_file = await files.create_and_poll("file_1", vector_store_id="vs_1")

    assert vs_file.status == "cancelled"
    assert [r.method for r in server.requests] == ["POST", "GET", "GET"]
    assert sleep.delays == [1.0]


def test_files_upload_sends_multipart_then_attaches(server: ScriptedServer, client: OpenAI) -> None:
    server.route("POST", "/files", Reply.json(file_object("file_1", "notes.txt")))
    server.route(
        "POST", "/vector_stores/vs_1/files", Reply.json(vector_store_file_object("in_progress"))
    )

    vs_file = client.vector_stores.files.upload(
        vector_store_id="vs_1", file=("notes.txt", b"hello notes")
    )

    assert vs_file.status == "in_progress"
    upload, attach = server.requests
    _assert_multipart_upload(upload, "notes.txt", b"hello notes")
    assert attach.path == "/vector_stores/vs_1/files"
    assert attach.json() == {"file_id": "file_1"}


def test_files_upload_and_poll(server: ScriptedServer, client: OpenAI) -> None:
    server.route("POST", "/files", Reply.json(file_object("file_1", "notes.txt")))
    server.route(
        "POST", "/vector_stores/vs_1/files", Reply.json(vector_store_file_object("in_progress"))
    )
    _walk_file(server, "in_progress", "completed")
    files = client.beta.vector_stores.files
    files._sleep = SleepRecorder()

    vs_file = files.upload_and_poll(
        vector_store_id="vs_1",
        file=io.BytesIO(b"hello from a stream"),
        chunking_strategy={"type": "auto"},
        poll_interval_ms=1,
    )

    assert vs_file.status == "completed"
    upload, attach, *polls = server.requests
    assert b'name="purpose"\r\n\r\nassistants' in upload.body
    assert b"hello from a stream" in upload.body
    assert attach.json() == {"file_id": "file_1", "chunking_strategy": {"type": "auto"}}
    assert [r.path for r in polls] == [FILE_PATH] * 2


@pytest.mark.anyio
async def test_async_files_upload_and_poll(
    server: ScriptedServer, async_client: AsyncOpenAI
) -> None:
    server.route("POST", "/files", Reply.json(file_object("file_1", "a.md")))
    server.route(
        "POST", "/vector_stores/vs_1/files", Reply.json(vector_store_file_object("in_progress"))
    )
    _walk_file(server, "in_progress", "completed")
    files = async_client.beta.vector_stores.files
    files._sleep = AsyncSleepRecorder()

    vs_file = await files.upload_and_poll(vector_store_id="vs_1", file=("a.md", b"# title"))

    assert vs_file.status == "completed"
    _assert_multipart_upload(server.requests[0], "a.md", b"# title")
    assert [r.method for r in server.requests] == ["POST", "POST", "GET", "GET"]


@pytest.mark.anyio
async def test_async_files_upload(server: ScriptedServer, async_client: AsyncOpenAI) -> None:
    server.route("POST", "/files", Reply.json(file_object("file_1", "b.txt")))
    server.route(
        "POST", "/vector_stores/vs_1/files", Reply.json(vector_store_file_object("in_progress"))
    )

    vs_file = await async_client.vector_stores.files.upload(
        vector_store_id="vs_1", file=("b.txt", b"bee")
    )

    assert vs_file.id == "file_1"
    _assert_multipart_upload(server.requests[0], "b.txt", b"bee")
    assert server.requests[1].json() == {"file_id": "file_1"}


# -- max_wait_seconds --------------------------------------------------------------------------


def test_zero_max_wait_sends_no_poll(server: ScriptedServer, client: OpenAI) -> None:
    with pytest.raises(TimeoutError):
        client.vector_stores.files.poll("file_1", vector_store_id="vs_1", max_wait_seconds=0)
    assert server.requests == []


def test_max_wait_stops_a_poll_that_never_ends(server: ScriptedServer, client: OpenAI) -> None:
    _walk_file(server, "in_progress")
    started = time.monotonic()

    with pytest.raises(TimeoutError):
        client.vector_stores.files.poll(
            "file_1", vector_store_id="vs_1", poll_interval_ms=10, max_wait_seconds=0.08
        )

    assert 0.08 <= time.monotonic() - started < 3
    assert len(server.requests) >= 2


@pytest.mark.anyio
async def test_async_max_wait_stops_upload_and_poll(
    server: ScriptedServer, async_client: AsyncOpenAI
) -> None:
    server.route("POST", "/files", Reply.json(file_object("file_1")))
    server.route(
        "POST", "/vector_stores/vs_1/files", Reply.json(vector_store_file_object("in_progress"))
    )
    _walk_file(server, "in_progress")
    started = time.monotonic()

    with pytest.raises(TimeoutError):
        await async_client.vector_stores.files.upload_and_poll(
            vector_store_id="vs_1", file=("a.txt", b"a"), poll_interval_ms=10, max_wait_seconds=0.08
        )

    assert 0.08 <= time.monotonic() - started < 3
    assert [r.method for r in server.requests[:3]] == ["POST", "POST", "GET"]


@pytest.mark.anyio
async def test_async_create_and_poll_rejects_a_bad_max_wait_before_any_request(
    server: ScriptedServer, async_client: AsyncOpenAI
) -> None:
    with pytest.raises(ValueError, match="max_wait_seconds"):
        await async_client.vector_stores.files.create_and_poll(
            "file_1", vector_store_id="vs_1", max_wait_seconds=-1
        )
    assert server.requests == []


def test_upload_and_poll_rejects_a_bad_max_wait_before_uploading(
    server: ScriptedServer, client: OpenAI
) -> None:
    with pytest.raises(ValueError, match="max_wait_seconds"):
        client.vector_stores.files.upload_and_poll(
            vector_store_id="vs_1", file=("a.txt", b"a"), max_wait_seconds=float("inf")
        )
    assert server.requests == []


# -- file batches ----------------------------------------------------------------------------


def test_batches_poll_until_no_file_is_in_progress(server: ScriptedServer, client: OpenAI) -> None:
    _walk_batch(server)
    batches = client.vector_stores.file_batches
    batches._sleep = sleep = SleepRecorder()

    batch = batches.poll("vsfb_1", vector_store_id="vs_1")

    assert batch.status == "completed"
    assert batch.file_counts.completed == 3
    assert [r.path for r in server.requests] == [BATCH_PATH] * 3
    assert all("x-stainless-custom-poll-interval" not in r.headers for r in server.requests)
    assert sleep.delays == [1.0, 1.0]


def test_batches_create_and_poll(server: ScriptedServer, client: OpenAI) -> None:
    server.route(
        "POST",
        "/vector_stores/vs_1/file_batches",
        Reply.json(batch_object("in_progress", in_progress=3)),
    )
    _walk_batch(server)
    batches = client.vector_stores.file_batches
    batches._sleep = SleepRecorder()

    batch = batches.create_and_poll("vs_1", file_ids=["f1", "f2", "f3"], poll_interval_ms=2)

    assert batch.status == "completed"
    create = server.requests[0]
    assert create.json() == {"file_ids": ["f1", "f2", "f3"]}
    assert all(r.headers["x-stainless-custom-poll-interval"] == "2" for r in server.requests[1:])


@pytest.mark.anyio
async def test_async_batches_create_and_poll(
    server: ScriptedServer, async_client: AsyncOpenAI
) -> None:
    server.route(
        "POST",
        "/vector_stores/vs_1/file_batches",
        Reply.json(batch_object("in_progress", in_progress=3)),
    )
    _walk_batch(server)
    batches = async_client.vector_stores.file_batches
    batches._sleep = sleep = AsyncSleepRecorder()

    batch = await batches.create_and_poll("vs_1", file_ids=["f1"], poll_interval_ms=3)

    assert batch.file_counts.in_progress == 0
    assert sleep.delays == [0.003, 0.003]


def _script_uploads(server: ScriptedServer, count: int) -> None:
    server.route("POST", "/files", *json_replies(*(file_object(f"file_{i}") for i in range(count))))
    server.route(
        "POST",
        "/vector_stores/vs_1/file_batches",
        Reply.json(batch_object("in_progress", in_progress=count + 1)),
    )
    server.route(
        "GET", BATCH_PATH, Reply.json(batch_object("completed", in_progress=0, completed=count))
    )


def test_batches_upload_and_poll_attaches_given_and_uploaded_ids_in_order(
    server: ScriptedServer, client: OpenAI
) -> None:
    _script_uploads(server, 3)
    contents = [("a.txt", b"alpha"), ("b.txt", b"beta"), ("c.txt", b"gamma")]

    batch = client.vector_stores.file_batches.upload_and_poll(
        "vs_1", files=contents, file_ids=["file_given"], max_concurrency=1, poll_interval_ms=1
    )

    assert batch.status == "completed"
    uploads = [r for r in server.requests if r.path == "/files"]
    for request, (name, content) in zip(uploads, contents, strict=True):
        _assert_multipart_upload(request, name, content)
    (create,) = [r for r in server.requests if r.path.endswith("/file_batches")]
    assert create.json() == {"file_ids": ["file_given", "file_0", "file_1", "file_2"]}
    assert not _upload_threads()


@pytest.mark.anyio
async def test_async_batches_upload_and_poll(
    server: ScriptedServer, async_client: AsyncOpenAI
) -> None:
    _script_uploads(server, 3)
    contents = [("a.txt", b"alpha"), ("b.txt", b"beta"), ("c.txt", b"gamma")]

    batch = await async_client.beta.vector_stores.file_batches.upload_and_poll(
        "vs_1", files=contents, max_concurrency=1, chunking_strategy={"type": "auto"}
    )

    assert batch.status == "completed"
    uploads = [r for r in server.requests if r.path == "/files"]
    for request, (name, content) in zip(uploads, contents, strict=True):
        _assert_multipart_upload(request, name, content)
    (create,) = [r for r in server.requests if r.path.endswith("/file_batches")]
    assert create.json() == {
        "file_ids": ["file_0", "file_1", "file_2"],
        "chunking_strategy": {"type": "auto"},
    }


def _script_failing_uploads(server: ScriptedServer, succeed: int) -> None:
    # The first `succeed` uploads work; every later one gets a 400 (the route reuses its last).
    ok = json_replies(*(file_object(f"file_{i}") for i in range(succeed)))
    server.route("POST", "/files", *ok, BAD_UPLOAD)


@pytest.mark.parametrize("max_concurrency", [1, 3])
def test_a_failed_upload_is_raised_and_no_batch_is_created(
    server: ScriptedServer, client: OpenAI, max_concurrency: int
) -> None:
    _script_failing_uploads(server, succeed=3)
    files = [(f"f{i}.txt", b"x") for i in range(8)]

    with pytest.raises(BadRequestError, match="bad file"):
        client.vector_stores.file_batches.upload_and_poll(
            "vs_1", files=files, max_concurrency=max_concurrency
        )

    assert all(r.path == "/files" for r in server.requests)
    assert 4 <= len(server.requests) <= 8
    assert not _upload_threads()


@pytest.mark.anyio
@pytest.mark.parametrize("max_concurrency", [1, 3])
async def test_async_a_failed_upload_is_raised_and_no_batch_is_created(
    server: ScriptedServer, async_client: AsyncOpenAI, max_concurrency: int
) -> None:
    _script_failing_uploads(server, succeed=3)
    files = [(f"f{i}.txt", b"x") for i in range(8)]

    with pytest.raises(BadRequestError, match="bad file"):
        await async_client.vector_stores.file_batches.upload_and_poll(
            "vs_1", files=files, max_concurrency=max_concurrency
        )

    assert all(r.path == "/files" for r in server.requests)
    assert 4 <= len(server.requests) <= 8


def test_max_concurrency_must_be_positive(client: OpenAI) -> None:
    with pytest.raises(ValueError, match="max_concurrency"):
        client.vector_stores.file_batches.upload_and_poll("vs_1", files=[], max_concurrency=0)


class _InterruptedRead(io.BytesIO):
    """A file whose read is interrupted, as Ctrl-C would interrupt it."""

    def read(self, size: int | None = -1) -> bytes:
        raise KeyboardInterrupt


def test_keyboard_interrupt_during_uploads_joins_the_workers(
    server: ScriptedServer, client: OpenAI
) -> None:
    _script_uploads(server, 4)
    files = [("a.txt", b"a"), ("b.txt", _InterruptedRead()), ("c.txt", b"c"), ("d.txt", b"d")]

    with pytest.raises(KeyboardInterrupt):
        client.vector_stores.file_batches.upload_and_poll("vs_1", files=files, max_concurrency=2)

    assert not _upload_threads()
    assert not any(r.path.endswith("/file_batches") for r in server.requests)


@pytest.mark.anyio
async def test_cancelling_uploads_closes_their_connections(
    server: ScriptedServer, async_client: AsyncOpenAI
) -> None:
    server.route("POST", "/files", Reply.hang())
    files = [(f"f{i}.txt", b"x") for i in range(5)]

    with anyio.move_on_after(0.3) as scope:
        await async_client.vector_stores.file_batches.upload_and_poll(
            "vs_1", files=files, max_concurrency=3
        )

    assert scope.cancelled_caught
    # Three uploads were in flight (the cap); each connection is closed by the cancellation.
    assert len(server.requests) == 3
    await anyio.to_thread.run_sync(server.wait_for_closed, 3)
