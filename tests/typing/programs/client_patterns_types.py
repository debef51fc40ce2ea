"""Common shapes of service code written for the official SDK around the calls: pages walked
with `for` / `async for` (and page by page), raw responses parsed, each error class caught and
read, per-call options (`with_options`, `copy`) and the module-level settings, with
``reveal_type`` where its author's editor shows a type."""

from __future__ import annotations

import logging

import httpx
import openai
from openai import AsyncOpenAI, OpenAI
from openai.pagination import AsyncCursorPage, SyncCursorPage, SyncPage
from openai.types import FileObject, Model
from openai.types.fine_tuning import FineTuningJob
from typing_extensions import reveal_type

log = logging.getLogger(__name__)
client = OpenAI(max_retries=0)


def walk_pages() -> int:
    count = 0
    for job in client.fine_tuning.jobs.list(limit=50):
        reveal_type(job)
        reveal_type(job.status)
        count += 1
    for event in client.fine_tuning.jobs.list_events("ftjob-1"):
        reveal_type(event.message)
    for model in client.models.list():
        reveal_type(model)
    for batch in client.batches.list():
        reveal_type(batch.request_counts)
    for store in client.vector_stores.list():
        reveal_type(store.file_counts.completed)
    for vs_file in client.vector_stores.files.list("vs_1"):
        reveal_type(vs_file.last_error)
    for assistant in client.beta.assistants.list(order="desc"):
        reveal_type(assistant.tools)
    for message in client.beta.threads.messages.list("thread_1"):
        reveal_type(message.content)
    for item in client.conversations.items.list("conv_1"):
        reveal_type(item)
    for stored in client.chat.completions.list():
        reveal_type(stored)
    for input_item in client.responses.input_items.list("resp_1"):
        reveal_type(input_item)
    page = client.files.list(limit=100)
    while True:
        reveal_type(page.data)
        if not page.has_next_page():
            break
        page = page.get_next_page()
    for one_page in client.fine_tuning.jobs.list().iter_pages():
        reveal_type(one_page)
    jobs: SyncCursorPage[FineTuningJob] = client.fine_tuning.jobs.list()
    models: SyncPage[Model] = client.models.list()
    reveal_type(jobs)
    reveal_type(models)
    return count


async def walk_pages_async(aclient: AsyncOpenAI) -> list[str]:
    ids: list[str] = []
    async for file in aclient.files.list(purpose="batch"):
        reveal_type(file)
        ids.append(file.id)
    async for job in aclient.fine_tuning.jobs.list():
        reveal_type(job.fine_tuned_model)
    async for model in aclient.models.list():
        reveal_type(model.id)
    async for message in aclient.beta.threads.messages.list("thread_1"):
        reveal_type(message.role)
    first: AsyncCursorPage[FileObject] = await aclient.files.list()
    reveal_type(first.data)
    if first.has_next_page():
        reveal_type(await first.get_next_page())
    async for page in first.iter_pages():
        reveal_type(page.data)
    return ids


def raw_responses() -> None:
    raw = client.responses.with_raw_response.create(model="gpt-4.1", input="hi")
    reveal_type(raw.parse())
    reveal_type(raw.parse().output_text)
    reveal_type(
        raw.headers.get("x-ratelimit-remaining-requests")
    )  # differs: httpx's Headers.get is typed Any; the SDK's httpx2 types it str | None
    reveal_type(raw.http_response.status_code)
    embeddings = client.embeddings.with_raw_response.create(model="m", input="x")
    reveal_type(embeddings.parse().data)
    reveal_type(client.models.with_raw_response.list().parse())
    reveal_type(client.images.with_raw_response.generate(prompt="p").parse())
    reveal_type(client.beta.threads.runs.with_raw_response.retrieve("run_1", thread_id="t").parse())
    reveal_type(client.with_raw_response.models.retrieve("gpt-4o").parse())
    with client.responses.with_streaming_response.create(model="gpt-4.1", input="x") as streamed:
        reveal_type(streamed.parse())
        reveal_type(streamed.headers)


async def raw_responses_async(aclient: AsyncOpenAI) -> None:
    raw = await aclient.responses.with_raw_response.create(model="gpt-4.1", input="hi")
    reveal_type(raw)
    reveal_type(raw.parse())
    listed = await aclient.files.with_raw_response.list()
    reveal_type(listed.parse())
    reveal_type((await aclient.with_raw_response.models.retrieve("gpt-4o")).parse())


def errors() -> str:
    try:
        completion = client.chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": "hi"}]
        )
    except openai.RateLimitError as error:
        reveal_type(error)
        reveal_type(error.status_code)
        reveal_type(
            error.response.headers.get("retry-after")
        )  # differs: httpx's Headers.get is Any (SDK: httpx2)
        reveal_type(error.body)
        return "slow down"
    except openai.BadRequestError as error:
        reveal_type(error.code)
        reveal_type(error.param)
        if isinstance(error.body, dict):
            reveal_type(error.body)
        return error.message
    except (openai.AuthenticationError, openai.PermissionDeniedError) as error:
        reveal_type(error)
        reveal_type(error.request_id)
        raise
    except openai.APITimeoutError as error:
        reveal_type(error.request)
        return "timeout"
    except openai.APIConnectionError as error:
        reveal_type(error.__cause__)
        return "offline"
    except openai.InternalServerError as error:
        reveal_type(error.status_code)
        return "retry"
    except openai.APIStatusError as error:
        reveal_type(error.response)
        log.warning("status %s: %s", error.status_code, error.message)
        return "failed"
    except openai.OpenAIError as error:
        reveal_type(error)
        return str(error)
    return completion.choices[0].message.content or ""


def parse_errors() -> None:
    try:
        client.chat.completions.parse(model="gpt-4o", messages=[])
    except openai.LengthFinishReasonError as error:
        reveal_type(error.completion.usage)
    except openai.ContentFilterFinishReasonError as error:
        reveal_type(error)
    except openai.UnprocessableEntityError as error:
        reveal_type(error.status_code)
    except openai.ConflictError as error:
        reveal_type(error.type)
    except openai.APIResponseValidationError as error:
        reveal_type(error.response)


def options(aclient: AsyncOpenAI) -> None:
    quick = client.with_options(timeout=httpx.Timeout(5.0, connect=2.0), max_retries=1)
    reveal_type(quick)
    reveal_type(quick.timeout)
    reveal_type(
        client.with_options(max_retries=5).chat.completions.create(model="gpt-4o", messages=[])
    )
    reveal_type(client.with_options(timeout=10).with_raw_response.models.list())
    reveal_type(aclient.with_options(timeout=30.0))
    reveal_type(aclient.copy(default_headers={"X-Team": "a"}))
    reveal_type(client.with_options(base_url="http://localhost:8000/v1").base_url)
    reveal_type(
        client.chat.completions.create(
            model="gpt-4o",
            messages=[],
            timeout=20.0,
            extra_headers={"X-Trace": "1"},
            extra_query={"debug": "1"},
            extra_body={"metadata": {"a": "b"}},
        )
    )
    reveal_type(client.models.with_raw_response.retrieve("m", timeout=httpx.Timeout(3.0)))


def module_settings() -> None:
    reveal_type(openai.api_key)
    reveal_type(openai.organization)
    reveal_type(openai.base_url)
    reveal_type(openai.timeout)
    reveal_type(openai.max_retries)
    reveal_type(openai.default_headers)
    reveal_type(openai.http_client)
    openai.timeout = httpx.Timeout(10.0)
    openai.timeout = None
    openai.max_retries = 0
