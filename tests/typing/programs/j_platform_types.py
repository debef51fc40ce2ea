"""Sweep J: structured outputs, pages, errors, client options, raw and streamed responses and an
async service, as written for the official SDK, with ``reveal_type`` where its author's editor
shows a type: each must be the SDK's."""

from __future__ import annotations

import asyncio
from typing import List

import httpx
import openai
from openai import AsyncOpenAI, OpenAI, pydantic_function_tool
from pydantic import BaseModel
from typing_extensions import reveal_type

client = OpenAI(api_key="sk-x", timeout=httpx.Timeout(20.0), max_retries=3)


class Step(BaseModel):
    explanation: str
    output: str


class Math(BaseModel):
    steps: List[Step]
    final_answer: str


class Lookup(BaseModel):
    city: str


def structured() -> Math | None:
    completion = client.chat.completions.parse(
        model="gpt-4o",
        messages=[{"role": "user", "content": "2+2"}],
        response_format=Math,
        tools=[pydantic_function_tool(Lookup)],
    )
    reveal_type(completion)
    reveal_type(completion.choices[0])
    reveal_type(completion.choices[0].message)
    reveal_type(completion.choices[0].message.parsed)
    for tool_call in completion.choices[0].message.tool_calls or []:
        reveal_type(tool_call)
        reveal_type(tool_call.function.parsed_arguments)
    reveal_type(client.chat.completions.parse(model="gpt-4o", messages=[]))
    reveal_type(pydantic_function_tool(Lookup, name="lookup", description="d"))
    with client.chat.completions.stream(
        model="gpt-4o", messages=[], response_format=Math
    ) as stream:
        for event in stream:
            if event.type == "content.done":
                reveal_type(event.parsed)
                reveal_type(event.content)
        reveal_type(stream.get_final_completion().choices[0].message.parsed)
    return completion.choices[0].message.parsed


def pages() -> List[str]:
    page = client.files.list(purpose="assistants", limit=20)
    reveal_type(page)
    reveal_type(page.data)
    reveal_type(page.has_more)
    reveal_type(page.has_next_page())
    reveal_type(page.next_page_info())
    reveal_type(page.get_next_page())
    reveal_type(page.iter_pages())
    reveal_type(page._request_id)
    ids: List[str] = []
    for file in page:
        reveal_type(file)
        reveal_type(file.status)
        reveal_type(file.purpose)
        reveal_type(file.expires_at)
        ids.append(file.id)
    reveal_type(client.models.list())
    reveal_type(client.models.list().data[0].owned_by)
    reveal_type(client.batches.list())
    reveal_type(client.fine_tuning.jobs.list())
    reveal_type(client.fine_tuning.jobs.list_events("ftjob-1"))
    reveal_type(client.vector_stores.list())
    reveal_type(client.vector_stores.files.list("vs_1"))
    reveal_type(client.beta.assistants.list())
    reveal_type(client.beta.threads.messages.list("thread_1"))
    reveal_type(client.beta.threads.runs.list("thread_1"))
    return ids


def errors() -> None:
    try:
        client.models.retrieve("gpt-4o")
    except openai.NotFoundError as error:
        reveal_type(error.status_code)
        reveal_type(error.response)
        reveal_type(error.body)
        reveal_type(error.code)
        reveal_type(error.param)
        reveal_type(error.type)
        reveal_type(error.message)
        reveal_type(error.request_id)
        reveal_type(error.request)
    except openai.APIStatusError as error:
        reveal_type(error.status_code)
    except openai.APIConnectionError as error:
        reveal_type(error.request)
        reveal_type(error.message)
    except openai.APIError as error:
        reveal_type(error.body)
        reveal_type(error.code)
    except openai.LengthFinishReasonError as error:
        reveal_type(error.completion)


def options() -> None:
    reveal_type(client.api_key)
    reveal_type(client.organization)
    reveal_type(client.project)
    reveal_type(client.base_url)
    reveal_type(client.timeout)
    reveal_type(client.max_retries)
    reveal_type(client.websocket_base_url)
    reveal_type(client.webhook_secret)
    reveal_type(client.with_options(timeout=5))
    reveal_type(client.copy(max_retries=1))
    reveal_type(client.is_closed())
    reveal_type(client.get("/models", cast_to=httpx.Response))
    reveal_type(client.post("/x", cast_to=object, body={"a": 1}))
    reveal_type(client.get("/x", cast_to=Step, options={"headers": {"X-A": "1"}, "params": {}}))
    reveal_type(client.put("/x", cast_to=Step, body={"a": 1}))
    reveal_type(client.patch("/x", cast_to=Step, body={"a": 1}))
    reveal_type(client.delete("/x", cast_to=Step))
    reveal_type(client.post("/x", cast_to=Step, stream=True, stream_cls=openai.Stream[Step]))
    key: str = client.api_key
    reveal_type(key)


def raw_responses() -> None:
    raw = client.chat.completions.with_raw_response.create(model="gpt-4o", messages=[])
    reveal_type(raw)
    reveal_type(raw.parse())
    reveal_type(raw.headers)
    reveal_type(raw.http_response)
    reveal_type(raw.status_code)
    reveal_type(raw.request_id)
    reveal_type(raw.text)
    reveal_type(raw.content)
    reveal_type(raw.elapsed)
    reveal_type(raw.url)
    reveal_type(raw.method)
    reveal_type(raw.retries_taken)
    reveal_type(client.files.with_raw_response.list().parse())
    reveal_type(
        client.chat.completions.with_raw_response.create(
            model="gpt-4o", messages=[], stream=True
        ).parse()
    )
    reveal_type(client.files.with_raw_response.content("file-1").parse())
    with client.chat.completions.with_streaming_response.create(
        model="gpt-4o", messages=[]
    ) as streamed:
        reveal_type(streamed)
        reveal_type(streamed.parse())
        for line in streamed.iter_lines():
            reveal_type(line)
    content = client.files.content("file-1")
    reveal_type(content)
    reveal_type(content.content)
    reveal_type(content.text)
    reveal_type(content.read())
    with client.files.with_streaming_response.content("file-1") as download:
        download.stream_to_file("out.bin")
        for block in download.iter_bytes():
            reveal_type(block)


async def service() -> None:
    async with AsyncOpenAI() as aclient:
        reveal_type(aclient)
        reveal_type(await aclient.get("/models", cast_to=httpx.Response))
        reveal_type(await aclient.delete("/x", cast_to=Step))
        reveal_type(
            await aclient.post("/x", cast_to=Step, stream=True, stream_cls=openai.AsyncStream[Step])
        )
        chat = await aclient.chat.completions.create(model="gpt-4o", messages=[])
        reveal_type(chat)
        stream = await aclient.chat.completions.create(model="gpt-4o", messages=[], stream=True)
        reveal_type(stream)
        async for chunk in stream:
            reveal_type(chunk)
        reveal_type(aclient.files.list())
        first = await aclient.files.list()
        reveal_type(first)
        reveal_type(await first.get_next_page())
        async for file in aclient.files.list():
            reveal_type(file)
        async for page in first.iter_pages():
            reveal_type(page)
        raw = await aclient.chat.completions.with_raw_response.create(model="gpt-4o", messages=[])
        reveal_type(raw)
        reveal_type(raw.parse())
        async with aclient.chat.completions.with_streaming_response.create(
            model="gpt-4o", messages=[]
        ) as streamed:
            reveal_type(streamed)
            reveal_type(await streamed.parse())
        parsed = await aclient.chat.completions.parse(
            model="gpt-4o", messages=[], response_format=Math
        )
        reveal_type(parsed.choices[0].message.parsed)
        async with aclient.chat.completions.stream(model="gpt-4o", messages=[]) as chat_stream:
            reveal_type(chat_stream)
            reveal_type(await chat_stream.get_final_completion())
        downloaded = await aclient.files.content("file-1")
        reveal_type(downloaded)
        reveal_type(await downloaded.aread())
        embedding = await aclient.embeddings.create(model="m", input=["a"])
        reveal_type(embedding.data[0].embedding)
        both = await asyncio.gather(aclient.models.retrieve("a"), aclient.models.retrieve("b"))
        reveal_type(both)
