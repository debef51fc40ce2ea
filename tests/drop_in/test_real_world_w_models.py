"""Real-world sweep W, answers (de)serialised as applications do it: completions cached to disk as
JSON and read back, ``model_dump`` with the options web apps pass, ``to_dict`` / ``to_json``,
pydantic 1-style ``dict()`` / ``json()`` / ``parse_obj``, ``construct`` of fixtures, ``pickle`` and
``copy.deepcopy`` (task queues and caches), usage tabulated field by field, ``dict(model)`` and
iterating a model's fields, Azure's extra content-filter fields — programs written for the
official SDK, run unchanged against both packages over the scripted loopback server.
"""

from __future__ import annotations

import copy
import importlib
import json
import pickle
import warnings
from pathlib import Path
from tempfile import TemporaryDirectory
from types import ModuleType
from typing import Any

import pydantic

from tests.support.server import Reply, ScriptedServer

from .programs import async_observed_the_same, observed_the_same, registry
from .test_real_world_apps import chat_completion, output_message, response_object

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()

MESSAGES = [{"role": "user", "content": "hi"}]
EMBEDDINGS = {
    "object": "list",
    "data": [
        {"object": "embedding", "index": 0, "embedding": [0.5, -0.25, 0.125]},
        {"object": "embedding", "index": 1, "embedding": [1.0, 0.0, -1.0]},
    ],
    "model": "text-embedding-3-small",
    "usage": {"prompt_tokens": 4, "total_tokens": 4},
}


USAGE = {
    "input_tokens": 30,
    "input_tokens_details": {"cached_tokens": 10, "cache_write_tokens": 5},
    "output_tokens": 10,
    "output_tokens_details": {"reasoning_tokens": 2},
    "total_tokens": 40,
}


def module(openai: ModuleType, name: str) -> Any:
    return importlib.import_module(f"{openai.__name__}.{name}")


def outcome(code: Any) -> Any:
    """What happened; of an error its class (the wording of messages is each package's own)."""
    try:
        return ("ok", code())
    except Exception as error:
        return ("raised", type(error).__name__)


def completion_reply(content: str = "hello", **extra: Any) -> Reply:
    return Reply.json(chat_completion({"role": "assistant", "content": content}, **extra))


# --- caches on disk ------------------------------------------------------------------------------


@program
def completion_cache_on_disk(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A notebook helper caches each completion as a JSON file keyed by the prompt and reads it
    back with ``model_validate_json`` on the next run."""
    server.reply(completion_reply("cached answer"))
    chat = module(openai, "types.chat")
    seen = []
    with TemporaryDirectory() as folder:
        path = Path(folder) / "prompt-1.json"
        for _ in range(2):
            if path.exists():
                completion = chat.ChatCompletion.model_validate_json(path.read_text())
                seen.append("from cache")
            else:
                completion = client.chat.completions.create(model="gpt-4o", messages=MESSAGES)
                path.write_text(completion.model_dump_json(indent=2))
                seen.append("from api")
            seen.append(completion.choices[0].message.content)
            seen.append(completion.usage.total_tokens)
        seen.append(path.read_text())
    seen.append(len(server.requests))
    return seen


@program
def json_dumps_of_model_dump_in_a_log(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A log line per call: ``json.dumps(completion.model_dump())`` and the JSON-mode dump."""
    server.reply(completion_reply("logged"), Reply.json(EMBEDDINGS))
    completion = client.chat.completions.create(model="gpt-4o", messages=MESSAGES)
    embeddings = client.embeddings.create(model="text-embedding-3-small", input=["a", "b"])
    return [
        json.dumps(completion.model_dump()),
        json.dumps(completion.model_dump(mode="json"), sort_keys=True),
        json.dumps(embeddings.model_dump(), indent=1),
        json.dumps([d.embedding for d in embeddings.data]),
        json.dumps(completion.choices[0].message.model_dump(), separators=(",", ":")),
    ]


@program
def jsonl_of_responses_for_evaluation(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """An eval harness writes each response as one JSONL line and later reloads them."""
    server.reply(
        Reply.json(response_object([output_message("first")], usage=USAGE)),
        Reply.json(response_object([output_message("second", "msg_2")], id="resp_2", usage=USAGE)),
        # usage without the cache-write count (older than both SDKs): its dump does not load back
        Reply.json(response_object([output_message("third", "msg_3")], id="resp_3")),
    )
    responses = module(openai, "types.responses")
    lines = []
    for prompt in ("one", "two", "three"):
        response = client.responses.create(model="gpt-4.1", input=prompt)
        lines.append(response.model_dump_json())
    failed = outcome(lambda: responses.Response.model_validate_json(lines.pop()))
    reloaded = [responses.Response.model_validate_json(line) for line in lines]
    return [
        failed,
        lines,
        [r.output_text for r in reloaded],
        [r.id for r in reloaded],
        [type(r.output[0]).__name__ for r in reloaded],
        [r.model_dump(exclude_none=True) for r in reloaded],
    ]


# --- dumps with options ---------------------------------------------------------------------------


@program
def dumps_web_apps_return(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A FastAPI-style endpoint returns the completion through the dump options apps pass."""
    server.reply(completion_reply("to the browser"))
    completion = client.chat.completions.create(model="gpt-4o", messages=MESSAGES)
    return [
        completion.model_dump(exclude_unset=True),
        completion.model_dump(exclude_none=True),
        completion.model_dump(exclude_defaults=True),
        completion.model_dump(include={"id", "model", "usage"}),
        completion.model_dump(exclude={"usage": {"completion_tokens_details"}, "choices": True}),
        completion.model_dump(by_alias=True, exclude_none=True),
        completion.model_dump(mode="json", round_trip=True),
        completion.model_dump_json(exclude_none=True),
        completion.model_dump_json(indent=2, include={"choices"}),
    ]


@program
def to_dict_and_to_json(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """The SDK's own helpers, with each of their options."""
    server.reply(completion_reply("helpers"), Reply.json(response_object([output_message("r")])))
    completion = client.chat.completions.create(model="gpt-4o", messages=MESSAGES)
    response = client.responses.create(model="gpt-4.1", input="x")
    return [
        completion.to_dict(),
        completion.to_dict(mode="python"),
        completion.to_dict(exclude_unset=False),
        completion.to_dict(exclude_none=True),
        completion.to_dict(use_api_names=False),
        completion.to_json(),
        completion.to_json(indent=None),
        completion.to_json(exclude_unset=False, indent=4),
        response.to_dict()["output"],
        response.to_json(indent=None),
        completion.usage.to_dict(),
    ]


@program
def pydantic_1_style_calls(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Code from the 0.x/1.0 migration days: ``.dict()``, ``.json()``, ``parse_obj``,
    ``parse_raw``, ``copy()`` — deprecated in pydantic 2 but still working."""
    server.reply(completion_reply("old style"))
    chat = module(openai, "types.chat")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        completion = client.chat.completions.create(model="gpt-4o", messages=MESSAGES)
        as_dict = completion.dict()
        as_json = completion.json()
        again = chat.ChatCompletion.parse_obj(as_dict)
        raw = chat.ChatCompletion.parse_raw(as_json)
        copied = completion.copy(update={"model": "changed"})
        fields_set = sorted(completion.__fields_set__)
    return [as_dict, as_json, again == completion, raw == completion, copied.model, fields_set]


@program
def reply_appended_back_to_history(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A chat loop keeps the assistant's message as a dict; each variant apps use, sent back."""
    server.default = completion_reply("again")
    history: list[Any] = [{"role": "system", "content": "be brief"}, *MESSAGES]
    reply = client.chat.completions.create(model="gpt-4o", messages=history).choices[0].message
    history.append(reply.model_dump(exclude_unset=True))
    client.chat.completions.create(model="gpt-4o", messages=history)
    history.append(reply.model_dump(exclude_none=True))
    client.chat.completions.create(model="gpt-4o", messages=history)
    history.append({"role": reply.role, "content": reply.content})
    history.append(reply.to_dict())
    client.chat.completions.create(model="gpt-4o", messages=history)
    return [r.json()["messages"] for r in server.requests]


# --- objects rebuilt: validate, construct, copies, pickles ----------------------------------------


@program
def fixtures_built_with_construct(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Unit tests of an app build the SDK's objects by hand, with and without validation."""
    chat = module(openai, "types.chat")
    types = module(openai, "types")
    data = chat_completion({"role": "assistant", "content": "fixture"})
    built = chat.ChatCompletion.construct(**data)
    constructed = chat.ChatCompletion.model_construct(**data)
    validated = chat.ChatCompletion.model_validate(data)
    direct = chat.ChatCompletion(**data)
    usage = types.CompletionUsage.construct(prompt_tokens=1, completion_tokens=2, total_tokens=3)
    partial = chat.ChatCompletion.construct(id="x", choices=[])
    return [
        type(built.choices[0]).__name__,
        built.choices[0].message.content,
        type(constructed.choices[0].message).__name__,
        built == validated,
        direct == validated,
        built.model_dump() == validated.model_dump(),
        usage.model_dump(),
        sorted(usage.model_fields_set),
        partial.model_dump(),
        partial.id,
        outcome(lambda: partial.model),
    ]


@program
def invalid_dicts_rejected_by_model_validate(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A cache loader validates what it read and falls back on a ValidationError."""
    chat = module(openai, "types.chat")
    seen = []
    for data in (
        {"id": "x"},
        {**chat_completion({"role": "assistant", "content": "a"}), "choices": "oops"},
        {**chat_completion({"role": "assistant", "content": "a"}), "created": "not a time"},
        {**chat_completion({"role": "assistant", "content": "a"}), "created": "1733000000"},
        {**chat_completion({"role": "assistant", "content": "a"}), "unknown": {"x": 1}},
    ):
        try:
            completion = chat.ChatCompletion.model_validate(data)
            seen.append(("valid", completion.created, completion.model_extra))
        except pydantic.ValidationError as e:
            seen.append(("invalid", sorted({str(err["loc"][0]) for err in e.errors()})))
    return seen


@program
def pickled_for_a_task_queue(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Celery-style workers pickle results between processes."""
    server.reply(
        completion_reply("pickled"),
        Reply.json(EMBEDDINGS),
        Reply.json(response_object([output_message("resp")])),
    )
    completion = client.chat.completions.create(model="gpt-4o", messages=MESSAGES)
    embeddings = client.embeddings.create(model="text-embedding-3-small", input=["a", "b"])
    response = client.responses.create(model="gpt-4.1", input="x")
    seen = []
    for obj in (completion, embeddings, response, completion.choices[0].message):
        back = pickle.loads(pickle.dumps(obj))
        seen.append((type(back).__name__, back == obj, back.model_dump() == obj.model_dump()))
    seen.append(pickle.loads(pickle.dumps(response)).output_text)
    seen.append(
        pickle.loads(pickle.dumps(completion.usage)).model_fields_set
        == set(completion.usage.model_fields_set)
    )
    return seen


@program
def deep_copies_edited_independently(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A retry helper keeps a pristine copy and edits another."""
    server.reply(completion_reply("original"))
    completion = client.chat.completions.create(model="gpt-4o", messages=MESSAGES)
    deep = copy.deepcopy(completion)
    shallow = copy.copy(completion)
    updated = completion.model_copy(update={"id": "chatcmpl-new"}, deep=True)
    deep.choices[0].message.content = "edited"
    shallow.model = "swapped"
    return [
        completion.choices[0].message.content,
        deep.choices[0].message.content,
        completion.model,
        shallow.model,
        updated.id,
        updated.choices[0].message.content,
        completion == deep,
        sorted(updated.model_fields_set) == sorted(completion.model_fields_set),
        shallow.choices is completion.choices,
    ]


@program
def pickled_errors_cross_processes(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A worker pool ships the exception back to the parent; some SDK errors do not survive it."""
    server.reply(
        Reply.json({"error": {"message": "slow down", "type": "requests", "code": None}}, 429),
    )
    seen = []
    failure: Any = None
    try:
        client.chat.completions.create(model="gpt-4o", messages=MESSAGES)
    except openai.RateLimitError as error:
        failure = error
    seen.append(outcome(lambda: type(pickle.loads(pickle.dumps(failure))).__name__))
    seen.append(outcome(lambda: type(copy.deepcopy(failure)).__name__))
    seen.append(outcome(lambda: copy.copy(failure).status_code))
    plain = openai.OpenAIError("no key")
    seen.append(outcome(lambda: str(pickle.loads(pickle.dumps(plain)))))
    return seen


# --- reading the fields ---------------------------------------------------------------------------


@program
def usage_tabulated_without_pandas(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A cost report sums usage over calls, field by field, nested details flattened."""
    server.default = completion_reply("counted")
    totals: dict[str, int] = {}
    rows = []
    for _ in range(3):
        usage = client.chat.completions.create(model="gpt-4o", messages=MESSAGES).usage
        row = {}
        for name, value in usage:
            if isinstance(value, pydantic.BaseModel):
                for sub, number in value:
                    row[f"{name}.{sub}"] = number
            else:
                row[name] = value
        rows.append(row)
        for key, value in row.items():
            if isinstance(value, int):
                totals[key] = totals.get(key, 0) + value
    header = list(rows[0])
    table = [" | ".join(header)] + [" | ".join(str(r.get(h)) for h in header) for r in rows]
    return table, totals, list(type(usage).model_fields)


@program
def dict_of_a_model_and_its_fields(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """``dict(model)``, ``vars``-like walks, ``model_fields`` and ``getattr`` by name."""
    server.reply(completion_reply("fields"))
    completion = client.chat.completions.create(model="gpt-4o", messages=MESSAGES)
    as_dict = dict(completion)
    choice = completion.choices[0]
    return [
        sorted(as_dict),
        type(as_dict["choices"][0]).__name__,
        [name for name, _ in completion],
        list(dict(choice.message).items()),
        {name: getattr(completion, name) is not None for name in type(completion).model_fields},
        sorted(completion.model_fields_set),
        sorted(choice.message.model_fields_set),
        completion.model_extra,
        "usage" in as_dict,
        isinstance(completion, pydantic.BaseModel),
        isinstance(completion, openai.BaseModel),
    ]


@program
def azure_content_filter_fields_read(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """Azure adds ``prompt_filter_results`` and per-choice ``content_filter_results``; apps read
    them as extra fields."""
    body = chat_completion({"role": "assistant", "content": "safe"})
    body["prompt_filter_results"] = [
        {
            "prompt_index": 0,
            "content_filter_results": {"hate": {"filtered": False, "severity": "safe"}},
        }
    ]
    body["choices"][0]["content_filter_results"] = {
        "self_harm": {"filtered": False, "severity": "safe"}
    }
    server.reply(Reply.json(body))
    completion = client.chat.completions.create(model="gpt-4o", messages=MESSAGES)
    choice = completion.choices[0]
    prompt_results = getattr(completion, "prompt_filter_results", None)
    return [
        prompt_results,
        type(prompt_results).__name__,
        choice.model_extra,
        choice.content_filter_results["self_harm"]["severity"],
        completion.model_dump()["prompt_filter_results"],
        "content_filter_results" in choice.model_dump(exclude_unset=True),
        json.loads(completion.model_dump_json())["choices"][0]["content_filter_results"],
        completion.to_dict()["prompt_filter_results"][0]["prompt_index"],
        sorted(completion.model_fields_set),
    ]


@program
def streamed_chunks_recorded_as_jsonl(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A debugging proxy records every chunk of a stream with ``model_dump_json`` and replays it."""
    chunks = [
        {
            "id": "chatcmpl-s",
            "object": "chat.completion.chunk",
            "created": 1,
            "model": "gpt-4o",
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish, "logprobs": None}],
        }
        for delta, finish in (
            ({"role": "assistant", "content": ""}, None),
            ({"content": "Hel"}, None),
            ({"content": "lo"}, None),
            ({}, "stop"),
        )
    ]
    chunks.append(
        {
            **chunks[0],
            "choices": [],
            "usage": {"prompt_tokens": 1, "completion_tokens": 2, "total_tokens": 3},
        }
    )
    server.reply(Reply.sse([f"data: {json.dumps(c)}\n\n" for c in chunks] + ["data: [DONE]\n\n"]))
    chat = module(openai, "types.chat")
    stream = client.chat.completions.create(
        model="gpt-4o", messages=MESSAGES, stream=True, stream_options={"include_usage": True}
    )
    recorded = [chunk.model_dump_json(exclude_unset=True) for chunk in stream]
    replayed = [chat.ChatCompletionChunk.model_validate_json(line) for line in recorded]
    text = "".join(c.choices[0].delta.content or "" for c in replayed if c.choices)
    return recorded, text, replayed[-1].usage.model_dump()


@async_program
async def async_results_cached_as_dicts(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """An async service caches ``to_dict()`` in memory and rebuilds with ``model_validate``."""
    server.reply(completion_reply("async cached"), Reply.json(EMBEDDINGS))
    chat = module(openai, "types.chat")
    types = module(openai, "types")
    cache: dict[str, Any] = {}
    completion = await client.chat.completions.create(model="gpt-4o", messages=MESSAGES)
    cache["chat"] = completion.to_dict()
    embeddings = await client.embeddings.create(model="e", input=["a", "b"])
    cache["emb"] = embeddings.model_dump(exclude_unset=True)
    restored = chat.ChatCompletion.model_validate(cache["chat"])
    restored_emb = types.CreateEmbeddingResponse.model_validate(cache["emb"])
    return [
        restored == completion,
        restored_emb == embeddings,
        json.dumps(cache, sort_keys=True),
        pickle.loads(pickle.dumps(restored)).model_dump_json(),
    ]


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
