"""The seed's polling methods end to end against the OpenAI-compatible local server
(`typed_openai.testing`), which moves runs and vector-store files through their states over
time, sends ``openai-poll-after-ms`` and records the peak number of concurrent uploads."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.deprecations import calls_deprecated_operations
from typed_openai import AsyncOpenAI, OpenAI
from typed_openai._with_helpers.beta.threads import AsyncThreads as AsyncThreadsPolling
from typed_openai._with_helpers.beta.threads import Threads as ThreadsPolling
from typed_openai._with_helpers.beta.threads.runs import AsyncRuns as AsyncRunsPolling
from typed_openai._with_helpers.beta.threads.runs import Runs as RunsPolling
from typed_openai._with_helpers.vector_stores.file_batches import AsyncFileBatches, FileBatches
from typed_openai._with_helpers.vector_stores.files import AsyncFiles, Files
from typed_openai.testing import LocalOpenAIServer

pytestmark = calls_deprecated_operations

WEATHER_TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "parameters": {
            "type": "object",
            "properties": {"city": {"type": "string"}},
            "required": ["city"],
        },
    },
}


@pytest.fixture
def local() -> Iterator[LocalOpenAIServer]:
    # Each upload takes 50 ms, so uploads that may overlap do overlap.
    with LocalOpenAIServer(step_seconds=0.01, upload_delay=0.05) as server:
        yield server


@pytest.fixture
def local_client(local: LocalOpenAIServer) -> Iterator[OpenAI]:
    with OpenAI(base_url=local.base_url, api_key=local.api_key, max_retries=0) as client:
        yield client


def _files(count: int) -> list[tuple[str, bytes]]:
    return [(f"doc{i}.txt", f"document number {i}".encode()) for i in range(count)]


def test_batch_upload_and_poll_caps_concurrent_uploads(
    local: LocalOpenAIServer, local_client: OpenAI
) -> None:
    store = local_client.vector_stores.create(name="docs")

    batch = local_client.beta.vector_stores.file_batches.upload_and_poll(
        store.id, files=_files(12), max_concurrency=3
    )

    assert 1 < local.stats.peak_concurrent_uploads <= 3
    assert batch.status == "completed"
    assert batch.file_counts.completed == 12
    assert batch.file_counts.in_progress == 0
    names = sorted(f.filename for f in local_client.files.list())
    assert names == sorted(name for name, _ in _files(12))


@pytest.mark.anyio
async def test_async_batch_upload_and_poll_caps_concurrent_uploads(
    local: LocalOpenAIServer,
) -> None:
    async with AsyncOpenAI(base_url=local.base_url, api_key=local.api_key) as client:
        store = await client.vector_stores.create(name="docs")

        batch = await client.beta.vector_stores.file_batches.upload_and_poll(
            store.id, files=_files(12), max_concurrency=3, file_ids=[]
        )

        assert 1 < local.stats.peak_concurrent_uploads <= 3
        assert batch.status == "completed"
        assert batch.file_counts.completed == 12


def test_upload_and_poll_stores_the_bytes(local_client: OpenAI) -> None:
    store = local_client.vector_stores.create(name="notes")

    vs_file = local_client.beta.vector_stores.files.upload_and_poll(
        vector_store_id=store.id, file=("notes.txt", b"the quick brown fox")
    )

    assert vs_file.status == "completed"
    assert local_client.files.content(vs_file.id).content == b"the quick brown fox"
    assert local_client.files.retrieve(vs_file.id).purpose == "assistants"


def test_an_empty_file_comes_back_failed(local_client: OpenAI) -> None:
    store = local_client.vector_stores.create(name="notes")

    vs_file = local_client.vector_stores.files.upload_and_poll(
        vector_store_id=store.id, file=("empty.txt", b"  ")
    )

    assert vs_file.status == "failed"
    assert vs_file.last_error is not None


def test_tool_run_round_trip(local_client: OpenAI) -> None:
    assistant = local_client.beta.assistants.create(model="gpt-4o", tools=[WEATHER_TOOL])
    thread = local_client.beta.threads.create(
        messages=[{"role": "user", "content": "What is the weather in Paris?"}]
    )
    runs = local_client.beta.threads.runs

    run = runs.create_and_poll(thread_id=thread.id, assistant_id=assistant.id)

    assert run.status == "requires_action"
    assert run.required_action is not None
    call = run.required_action.submit_tool_outputs.tool_calls[0]
    assert call.function.name == "get_weather"

    run = runs.submit_tool_outputs_and_poll(
        run_id=run.id,
        thread_id=thread.id,
        tool_outputs=[{"tool_call_id": call.id, "output": "sunny"}],
    )

    assert run.status == "completed"


@pytest.mark.anyio
async def test_async_create_and_run_poll(local: LocalOpenAIServer) -> None:
    async with AsyncOpenAI(base_url=local.base_url, api_key=local.api_key) as client:
        assistant = await client.beta.assistants.create(model="gpt-4o")

        run = await client.beta.threads.create_and_run_poll(
            assistant_id=assistant.id,
            thread={"messages": [{"role": "user", "content": "hello"}]},
        )

        assert run.status == "completed"
        again = await client.beta.threads.runs.poll(run.id, thread_id=run.thread_id)
        assert again.status == "completed"


def test_create_and_run_poll(local_client: OpenAI) -> None:
    assistant = local_client.beta.assistants.create(model="gpt-4o")

    run = local_client.beta.threads.create_and_run_poll(
        assistant_id=assistant.id,
        thread={"messages": [{"role": "user", "content": "hello"}]},
        poll_interval_ms=5,
    )

    assert run.status == "completed"


def test_the_client_tree_serves_the_polling_classes(local_client: OpenAI) -> None:
    # The seed's paths: `client.beta.threads(.runs)` and `client(.beta).vector_stores`.
    assert isinstance(local_client.beta.threads, ThreadsPolling)
    assert isinstance(local_client.beta.threads.runs, RunsPolling)
    assert local_client.beta.vector_stores is local_client.vector_stores
    assert isinstance(local_client.beta.vector_stores.files, Files)
    assert isinstance(local_client.beta.vector_stores.file_batches, FileBatches)


@pytest.mark.anyio
async def test_the_async_client_tree_serves_the_polling_classes(local: LocalOpenAIServer) -> None:
    async with AsyncOpenAI(base_url=local.base_url, api_key=local.api_key) as client:
        assert isinstance(client.beta.threads, AsyncThreadsPolling)
        assert isinstance(client.beta.threads.runs, AsyncRunsPolling)
        assert client.beta.vector_stores is client.vector_stores
        assert isinstance(client.beta.vector_stores.files, AsyncFiles)
        assert isinstance(client.beta.vector_stores.file_batches, AsyncFileBatches)


@pytest.mark.anyio
async def test_async_tool_run_round_trip(local: LocalOpenAIServer) -> None:
    async with AsyncOpenAI(base_url=local.base_url, api_key=local.api_key) as client:
        assistant = await client.beta.assistants.create(model="gpt-4o", tools=[WEATHER_TOOL])
        thread = await client.beta.threads.create(
            messages=[{"role": "user", "content": "Weather in Oslo?"}]
        )

        run = await client.beta.threads.runs.create_and_poll(
            thread_id=thread.id, assistant_id=assistant.id, poll_interval_ms=5
        )
        assert run.status == "requires_action"
        assert run.required_action is not None
        calls = run.required_action.submit_tool_outputs.tool_calls

        run = await client.beta.threads.runs.submit_tool_outputs_and_poll(
            run_id=run.id,
            thread_id=thread.id,
            tool_outputs=[{"tool_call_id": c.id, "output": "cold"} for c in calls],
        )
        assert run.status == "completed"


@pytest.mark.anyio
async def test_async_files_upload_and_poll_stores_the_bytes(local: LocalOpenAIServer) -> None:
    async with AsyncOpenAI(base_url=local.base_url, api_key=local.api_key) as client:
        store = await client.vector_stores.create(name="notes")

        vs_file = await client.beta.vector_stores.files.upload_and_poll(
            vector_store_id=store.id, file=("n.txt", b"lazy dog")
        )

        assert vs_file.status == "completed"
        assert (await client.files.content(vs_file.id)).content == b"lazy dog"
