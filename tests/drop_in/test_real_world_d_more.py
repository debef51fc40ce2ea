"""Real-world sweep D, more 1.x-era code: the legacy `functions` / `function_call` chat API with
int-keyed `logit_bias`, raw Assistants streams (`stream=True`) and rich message content, an Azure
client with an Entra token provider paging files and parsing, speech played in fixed-size chunks,
admin usage reports paged by hand, fine-tuning with a DPO method and checkpoints, the legacy
completions stream, multi-choice chat streams and streamed transcriptions — each run against both
packages (see real_world_d)."""

from __future__ import annotations

import json
from types import ModuleType
from typing import Any

from pydantic import BaseModel

from tests.support.server import Reply, ScriptedServer

from .programs import registry
from .real_world_d import observed_the_same
from .test_real_world_apps import chat_completion, sse
from .test_real_world_b_assistants import code_interpreter_stream, message, thread

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()

FILE = {
    "id": "file-1",
    "object": "file",
    "bytes": 3,
    "created_at": 1,
    "filename": "x",
    "purpose": "assistants",
    "status": "processed",
}


@program
def legacy_function_calling(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    call = {"name": "f", "arguments": '{"a": 1}'}
    server.default = Reply.json(
        chat_completion(
            {"role": "assistant", "content": None, "function_call": call}, "function_call"
        )
    )
    first = client.chat.completions.create(
        model="gpt-3.5-turbo-0613",
        messages=[{"role": "user", "content": "x", "name": "bob"}],
        functions=[
            {
                "name": "f",
                "description": "d",
                "parameters": {"type": "object", "properties": {"a": {"type": "integer"}}},
            }
        ],
        function_call="auto",
        logit_bias={50256: -100, "1234": 5},
        max_tokens=openai.NOT_GIVEN,
        seed=1,
        user="u",
        n=2,
    )
    message = first.choices[0].message
    history = [
        {"role": "user", "content": "x"},
        message,
        {"role": "function", "name": "f", "content": "42"},
    ]
    client.chat.completions.create(
        model="gpt-3.5-turbo",
        messages=history,
        function_call={"name": "f"},
        functions=[{"name": "f", "parameters": {}}],
    )
    server.default = Reply.json(
        {
            "id": "cmpl",
            "object": "text_completion",
            "created": 1,
            "model": "gpt-3.5-turbo-instruct",
            "choices": [{"index": 0, "text": "ok", "finish_reason": "stop", "logprobs": None}],
        }
    )
    legacy = client.completions.create(
        model="gpt-3.5-turbo-instruct",
        prompt=["a", "b"],
        logit_bias={50256: -100},
        max_tokens=5,
        echo=True,
        logprobs=2,
        stop=["\n"],
    )
    return (
        message.function_call.name,
        json.loads(message.function_call.arguments),
        first.choices[0].finish_reason,
        legacy.choices[0].text,
    )


@program
def raw_assistant_streams_and_rich_messages(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(
        code_interpreter_stream(),
        code_interpreter_stream(),
        code_interpreter_stream(),
        Reply.json(message("user", "x")),
        Reply.json(thread()),
    )
    seen = []
    stream = client.beta.threads.runs.create(
        thread_id="thread_abc", assistant_id="asst_abc", stream=True
    )
    for event in stream:
        seen.append((event.event, type(event).__name__, type(event.data).__name__))
    with client.beta.threads.create_and_run(
        assistant_id="asst_abc",
        thread={"messages": [{"role": "user", "content": "x"}]},
        stream=True,
    ) as second:
        seen.append([e.event for e in second][-1])
    third = client.beta.threads.runs.submit_tool_outputs(
        run_id="run_abc",
        thread_id="thread_abc",
        tool_outputs=[{"tool_call_id": "call_1", "output": "o"}],
        stream=True,
    )
    seen.append(len(list(third)))
    created = client.beta.threads.messages.create(
        "thread_abc",
        role="user",
        content=[
            {"type": "text", "text": "describe"},
            {"type": "image_url", "image_url": {"url": "https://x/a.png", "detail": "low"}},
            {"type": "image_file", "image_file": {"file_id": "file-1"}},
        ],
        attachments=[
            {"file_id": "file-2", "tools": [{"type": "file_search"}, {"type": "code_interpreter"}]}
        ],
    )
    made = client.beta.threads.create(
        messages=[
            {
                "role": "user",
                "content": "hi",
                "attachments": [{"file_id": "f", "tools": [{"type": "file_search"}]}],
            }
        ],
        tool_resources={
            "file_search": {
                "vector_stores": [{"file_ids": ["f"], "chunking_strategy": {"type": "auto"}}]
            }
        },
    )
    return seen, created.id, made.id


class Answer(BaseModel):
    a: int


@program
def azure_entra_pages_and_parse(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        Reply.json(
            {
                "object": "list",
                "data": [FILE],
                "first_id": "file-1",
                "last_id": "file-1",
                "has_more": True,
            }
        ),
        Reply.json(
            {
                "object": "list",
                "data": [{**FILE, "id": "file-2"}],
                "first_id": "file-2",
                "last_id": "file-2",
                "has_more": False,
            }
        ),
        Reply.raw(b"abc"),
        Reply.json(chat_completion({"role": "assistant", "content": '{"a": 1}'})),
        Reply.json(chat_completion({"role": "assistant", "content": "x"})),
    )
    tokens = iter(["t1", "t2", "t3", "t4", "t5", "t6"])
    azure = openai.AzureOpenAI(
        api_version="2024-10-21",
        azure_endpoint=server.url,
        azure_ad_token_provider=lambda: next(tokens),
        default_headers={"x-ms-useragent": "app"},
        max_retries=0,
    )
    out: list[Any] = [f.id for f in azure.files.list(purpose="assistants", limit=1)]
    out.append(azure.files.content("file-1").content)
    parsed = azure.beta.chat.completions.parse(
        model="gpt4o-dep", messages=[{"role": "user", "content": "x"}], response_format=Answer
    )
    out.append(parsed.choices[0].message.parsed.a)
    other = azure.with_options(max_retries=0, default_headers={"x-extra": "1"})
    out.append(
        other.chat.completions.create(model="dep2", messages=[{"role": "user", "content": "x"}])
        .choices[0]
        .message.content
    )
    azure.close()
    return out


@program
def speech_played_in_chunks(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    body = bytes(range(256)) * 20
    server.default = Reply.sse(
        [body[:1000], body[1000:3000], body[3000:]], headers={"content-type": "audio/pcm"}
    )
    out: list[Any] = []
    with client.audio.speech.with_streaming_response.create(
        model="tts-1", voice="alloy", input="x", response_format="pcm"
    ) as response:
        out.append([len(chunk) for chunk in response.iter_bytes(chunk_size=1024)])
    whole = client.audio.speech.create(model="tts-1", voice="alloy", input="x")
    out.append([len(chunk) for chunk in whole.iter_bytes(chunk_size=2048)])
    out.append(len(whole.read()))
    raw = client.audio.speech.with_raw_response.create(model="tts-1", voice="alloy", input="x")
    out.append((len(raw.content), raw.headers["content-type"], raw.parse().read() == body))
    return out


USAGE_BUCKET = {
    "object": "bucket",
    "start_time": 1730419200,
    "end_time": 1730505600,
    "results": [
        {
            "object": "organization.usage.completions.result",
            "input_tokens": 1000,
            "output_tokens": 500,
            "input_cached_tokens": 800,
            "input_audio_tokens": 0,
            "output_audio_tokens": 0,
            "num_model_requests": 5,
            "project_id": None,
            "user_id": None,
            "api_key_id": None,
            "model": "gpt-4o-mini",
            "batch": None,
        }
    ],
}


@program
def admin_usage_costs_and_audit_logs(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    costs = {
        "object": "bucket",
        "start_time": 1730419200,
        "end_time": 1730505600,
        "results": [
            {
                "object": "organization.costs.result",
                "amount": {"value": 0.06, "currency": "usd"},
                "line_item": None,
                "project_id": None,
            }
        ],
    }
    audit = {
        "object": "organization.audit_log",
        "id": "audit_1",
        "type": "project.created",
        "effective_at": 1,
        "actor": {
            "type": "api_key",
            "api_key": {"id": "key_1", "type": "user", "user": {"id": "user_1", "email": "a@b.c"}},
        },
        "project.created": {"id": "proj_1", "data": {"name": "p", "title": "p"}},
    }
    server.reply(
        Reply.json(
            {"object": "page", "data": [USAGE_BUCKET], "has_more": True, "next_page": "page_2"}
        ),
        Reply.json(
            {"object": "page", "data": [USAGE_BUCKET], "has_more": False, "next_page": None}
        ),
        Reply.json({"object": "page", "data": [costs], "has_more": False, "next_page": None}),
        Reply.json(
            {
                "object": "list",
                "data": [audit],
                "first_id": "audit_1",
                "last_id": "audit_1",
                "has_more": False,
            }
        ),
        Reply.json(
            {
                "object": "organization.project.rate_limit",
                "id": "rl-gpt-4o",
                "model": "gpt-4o",
                "max_requests_per_1_minute": 500,
                "max_tokens_per_1_minute": 30000,
            }
        ),
    )
    admin = openai.OpenAI(admin_api_key="sk-admin", base_url=server.url + "/v1", max_retries=0)
    organization = admin.admin.organization
    pages = [
        organization.usage.completions(
            start_time=1730419200, bucket_width="1d", group_by=["model"], limit=7
        )
    ]
    while pages[-1].has_more:
        pages.append(
            organization.usage.completions(start_time=1730419200, page=pages[-1].next_page)
        )
    rows = [
        (bucket.start_time, r.model, r.input_tokens, r.input_cached_tokens)
        for page in pages
        for bucket in page.data
        for r in bucket.results
    ]
    spent = organization.usage.costs(start_time=1730419200)
    logs = organization.audit_logs.list(
        event_types=["project.created"], effective_at={"gte": 1}, limit=5
    )
    limit = organization.projects.rate_limits.update_rate_limit(
        "rl-gpt-4o", project_id="proj_1", max_requests_per_1_minute=500
    )
    admin.close()
    return (
        rows,
        [(r.amount.value, r.amount.currency) for b in spent.data for r in b.results],
        [(log.type, log.actor.api_key.user.email, log.project_created.data.name) for log in logs],
        (limit.model, limit.max_requests_per_1_minute),
    )


@program
def fine_tuning_streams_and_transcripts(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    job = {
        "id": "ftjob-1",
        "object": "fine_tuning.job",
        "created_at": 1,
        "model": "gpt-4o-mini",
        "status": "queued",
        "training_file": "file-1",
        "hyperparameters": {"n_epochs": "auto"},
        "organization_id": "org",
        "result_files": [],
        "seed": 1,
        "method": {"type": "dpo", "dpo": {"hyperparameters": {"beta": 0.1}}},
    }
    checkpoint = {
        "object": "fine_tuning.job.checkpoint",
        "id": "ftckpt_1",
        "created_at": 1,
        "fine_tuned_model_checkpoint": "ft:gpt-4o-mini:org::ck1",
        "fine_tuning_job_id": "ftjob-1",
        "metrics": {"step": 10, "train_loss": 0.5},
        "step_number": 10,
    }

    def text_chunk(text: str, finish_reason: Any) -> Any:
        return {
            "id": "cmpl-1",
            "object": "text_completion",
            "created": 1,
            "model": "gpt-3.5-turbo-instruct",
            "choices": [
                {"index": 0, "text": text, "finish_reason": finish_reason, "logprobs": None}
            ],
        }

    def chat_chunk(index: int, delta: Any, finish_reason: Any) -> Any:
        return {
            "id": "c",
            "object": "chat.completion.chunk",
            "created": 1,
            "model": "m",
            "choices": [{"index": index, "delta": delta, "finish_reason": finish_reason}],
        }

    transcript = [
        'event: transcript.text.delta\ndata: {"type":"transcript.text.delta","delta":"Hel"}\n\n',
        'event: transcript.text.done\ndata: {"type":"transcript.text.done","text":"Hello",'
        '"usage":{"type":"tokens","input_tokens":1,"output_tokens":1,"total_tokens":2}}\n\n',
    ]
    server.reply(
        Reply.json(job),
        Reply.json(
            {
                "object": "list",
                "data": [checkpoint],
                "has_more": False,
                "first_id": "ftckpt_1",
                "last_id": "ftckpt_1",
            }
        ),
        Reply.json({"id": "ft:gpt-4o-mini:org::x", "object": "model", "deleted": True}),
        sse([text_chunk("Hel", None), text_chunk("lo", "stop")]),
        sse(
            [chat_chunk(i, {"content": f"c{i}"}, None) for i in (0, 1)]
            + [chat_chunk(i, {}, "stop") for i in (0, 1)]
        ),
        Reply.sse(transcript),
    )
    created = client.fine_tuning.jobs.create(
        training_file="file-1",
        model="gpt-4o-mini",
        method={"type": "dpo", "dpo": {"hyperparameters": {"beta": 0.1}}},
        suffix="x",
        seed=1,
    )
    out: list[Any] = [(created.method.type, created.method.dpo.hyperparameters.beta)]
    out.append(
        [
            (c.step_number, c.metrics.train_loss)
            for c in client.fine_tuning.jobs.checkpoints.list("ftjob-1")
        ]
    )
    out.append(client.models.delete("ft:gpt-4o-mini:org::x").deleted)
    out.append(
        "".join(
            chunk.choices[0].text
            for chunk in client.completions.create(
                model="gpt-3.5-turbo-instruct", prompt="Say", stream=True
            )
        )
    )
    texts: dict[int, list[Any]] = {}
    for chunk in client.chat.completions.create(
        model="m", messages=[{"role": "user", "content": "x"}], n=2, stream=True
    ):
        for choice in chunk.choices:
            texts.setdefault(choice.index, []).append((choice.delta.content, choice.finish_reason))
    out.append(texts)
    out.append(
        [
            (event.type, getattr(event, "delta", None) or getattr(event, "text", None))
            for event in client.audio.transcriptions.create(
                model="gpt-4o-transcribe", file=("a.wav", b"RIFF"), stream=True
            )
        ]
    )
    return out


test_program = observed_the_same(PROGRAMS)
