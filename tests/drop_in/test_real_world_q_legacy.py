"""Real-world sweep Q, the legacy Completions endpoint and embeddings as batch jobs and RAG code
use them: several prompts with ``n`` grouped back by index, token-id prompts, ``suffix`` fill-in,
``best_of``/``echo``/``logprobs`` read, usage from the last streamed chunk, raw and streamed
responses; embeddings in batches reordered by ``index``, ``dimensions``, base64 decoded with numpy
and with ``struct``, answers of servers that ignore the encoding asked for — programs written for
the official SDK, run unchanged against both packages over the scripted loopback server.
"""

from __future__ import annotations

import array
import asyncio
import base64
import json
import math
import struct
from types import ModuleType
from typing import Any

from tests.support.server import Reply, ScriptedServer

from .programs import async_observed_the_same, observed_the_same, registry
from .test_real_world_apps import USAGE, sse, wire

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


def wires(server: ScriptedServer) -> list[Any]:
    return [wire(r) for r in server.requests]


def completion_body(choices: list[dict[str, Any]], **extra: Any) -> Any:
    return {
        "id": "cmpl-q",
        "object": "text_completion",
        "created": 1733000000,
        "model": "gpt-3.5-turbo-instruct",
        "choices": [
            {"index": n, "logprobs": None, "finish_reason": "stop", **choice}
            for n, choice in enumerate(choices)
        ],
        "usage": USAGE,
        **extra,
    }


@program
def several_prompts_grouped_by_index(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """Batch generation: 2 prompts x n=2, choices grouped back with ``index // n``."""
    texts = ["A1", "A2", "B1", "B2"]
    body = completion_body([{"text": t} for t in texts])
    body["choices"].reverse()  # the API does not promise an order
    server.reply(Reply.json(body))
    prompts = ["Write a tagline for a bakery", "Write a tagline for a gym"]
    completion = client.completions.create(
        model="gpt-3.5-turbo-instruct",
        prompt=prompts,
        n=2,
        max_tokens=16,
        temperature=0.9,
        presence_penalty=0.5,
        frequency_penalty=0.1,
        seed=3,
    )
    grouped: dict[str, list[str]] = {p: [] for p in prompts}
    for choice in sorted(completion.choices, key=lambda c: c.index):
        grouped[prompts[choice.index // 2]].append(choice.text)
    return wires(server), grouped, completion.usage.completion_tokens, type(completion).__name__


@program
def token_id_prompts(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        Reply.json(completion_body([{"text": " world"}])),
        Reply.json(completion_body([{"text": "x"}, {"text": "y"}])),
    )
    one = client.completions.create(model="davinci-002", prompt=[15496, 11], max_tokens=2)
    two = client.completions.create(
        model="davinci-002", prompt=[[15496], [40, 1842]], max_tokens=1, logit_bias={"198": -100}
    )
    return wires(server), one.choices[0].text, [c.text for c in two.choices]


@program
def fill_in_the_middle_with_suffix(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Code completion: the text between a prefix and a ``suffix``; the editor inserts it."""
    server.reply(Reply.json(completion_body([{"text": "    return a + b\n"}])))
    prefix, suffix = "def add(a, b):\n", "\n\nprint(add(1, 2))\n"
    completion = client.completions.create(
        model="gpt-3.5-turbo-instruct",
        prompt=prefix,
        suffix=suffix,
        max_tokens=32,
        temperature=0,
        stop=["\ndef ", "\nclass "],
        user="editor-42",
    )
    return wires(server), prefix + completion.choices[0].text + suffix


@program
def echo_best_of_and_logprobs_read(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Scoring a sentence: ``echo=True, max_tokens=0, logprobs=1`` and the tokens' log-probs."""
    logprobs = {
        "tokens": ["The", " cat", " sat"],
        "token_logprobs": [None, -2.5, -1.25],
        "top_logprobs": [None, {" cat": -2.5, " dog": -2.75}, {" sat": -1.25}],
        "text_offset": [0, 3, 7],
    }
    server.reply(
        Reply.json(
            completion_body(
                [{"text": "The cat sat", "logprobs": logprobs, "finish_reason": "length"}]
            )
        )
    )
    completion = client.completions.create(
        model="davinci-002",
        prompt="The cat sat",
        echo=True,
        max_tokens=0,
        logprobs=1,
        best_of=1,
    )
    lp = completion.choices[0].logprobs
    scored = [t for t in lp.token_logprobs if t is not None]
    return (
        wires(server),
        list(zip(lp.tokens, lp.text_offset, strict=True)),
        round(sum(scored) / len(scored), 4),
        lp.top_logprobs,
        [type(x).__name__ for x in lp.top_logprobs],
        completion.choices[0].finish_reason,
        type(lp).__name__,
        lp.model_dump(),
    )


def legacy_chunks(pieces: list[tuple[int, str]], usage: bool) -> Reply:
    chunks: list[Any] = []
    for index, text in pieces:
        chunk = completion_body([{"text": text}])
        chunk.pop("usage")
        chunk["choices"][0].update(index=index, finish_reason=None)
        chunks.append(chunk)
    last = completion_body([{"text": ""}])
    last.pop("usage")
    last["choices"][0]["finish_reason"] = "length"
    chunks.append(last)
    if usage:
        chunks.append({**completion_body([]), "choices": [], "usage": USAGE})
    return sse(chunks)


@program
def legacy_stream_with_usage_and_headers(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(legacy_chunks([(0, "Once"), (0, " upon"), (0, " a time")], usage=True))
    stream = client.completions.create(
        model="gpt-3.5-turbo-instruct",
        prompt="Tell a story",
        stream=True,
        stream_options={"include_usage": True},
        max_tokens=3,
    )
    text, usage, finishes = "", None, []
    for chunk in stream:
        if chunk.usage:
            usage = chunk.usage
        for choice in chunk.choices:
            text += choice.text
            finishes.append(choice.finish_reason)
    return (
        wires(server),
        text,
        finishes,
        repr(usage),
        stream.response.headers.get("content-type"),
        type(stream).__name__,
    )


@program
def legacy_stream_two_prompts_by_index(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(legacy_chunks([(0, "Ro"), (1, "Bl"), (0, "ses"), (1, "ue")], usage=False))
    texts: dict[int, str] = {}
    with client.completions.create(
        model="gpt-3.5-turbo-instruct", prompt=["Red:", "Blue:"], stream=True, max_tokens=2
    ) as stream:
        for chunk in stream:
            for choice in chunk.choices:
                texts[choice.index] = texts.get(choice.index, "") + choice.text
    return texts


@program
def legacy_raw_and_streamed_responses(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    body = completion_body([{"text": "raw"}])
    server.reply(
        Reply.json(body, headers={"x-request-id": "req_raw", "openai-processing-ms": "12"}),
        Reply.json(body, headers={"x-request-id": "req_streamed"}),
    )
    raw = client.completions.with_raw_response.create(model="gpt-3.5-turbo-instruct", prompt="x")
    parsed = raw.parse()
    with client.completions.with_streaming_response.create(
        model="gpt-3.5-turbo-instruct", prompt="y"
    ) as response:
        streamed = json.loads(response.read())
        request_id = response.headers["x-request-id"]
    return (
        raw.headers["x-request-id"],
        raw.headers["openai-processing-ms"],
        parsed.choices[0].text,
        raw.http_request.method,
        streamed["choices"][0]["text"],
        request_id,
        parsed._request_id,
    )


@program
def legacy_types_for_fixtures(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Unit-test fixtures built from the public types, then printed and compared."""
    types = openai.types
    completion = types.Completion(
        id="cmpl-fixture",
        object="text_completion",
        created=1,
        model="gpt-3.5-turbo-instruct",
        choices=[types.CompletionChoice(text="hi", index=0, logprobs=None, finish_reason="stop")],
        usage=types.CompletionUsage(prompt_tokens=1, completion_tokens=1, total_tokens=2),
    )
    validated = types.Completion.model_validate(completion_body([{"text": "hi"}]))
    return (
        repr(completion),
        completion.to_dict(),
        validated.choices[0] == completion.choices[0],
        completion.model_dump(exclude_unset=True),
        types.CompletionChoice.model_fields["finish_reason"].annotation is not None,
    )


# --- embeddings ----------------------------------------------------------------------------------


VECTORS = [[0.5, -0.25, 0.125, 1.0], [0.0, 1.5, -2.0, 0.75], [1.0, 0.0, 0.0, 0.0]]


def embeddings_answer(
    body: dict[str, Any], *, shuffled: bool = False, ignore_encoding: bool = False
) -> Reply:
    inputs = body["input"] if isinstance(body["input"], list) else [body["input"]]
    if inputs and isinstance(inputs[0], int):
        inputs = [inputs]
    size = body.get("dimensions", 4)
    data = []
    for index in range(len(inputs)):
        vector = VECTORS[index % 3][:size]
        packed: Any = vector
        if body.get("encoding_format") == "base64" and not ignore_encoding:
            packed = base64.b64encode(array.array("f", vector).tobytes()).decode()
        data.append({"object": "embedding", "index": index, "embedding": packed})
    if shuffled:
        data.reverse()
    return Reply.json(
        {
            "object": "list",
            "data": data,
            "model": body["model"],
            "usage": {"prompt_tokens": 3 * len(data), "total_tokens": 3 * len(data)},
        }
    )


def cosine(a: list[float], b: list[float]) -> float:
    dot = sum(x * y for x, y in zip(a, b, strict=True))
    return dot / (math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b)))


@program
def batched_embeddings_reordered_by_index(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.default = Reply.dynamic(lambda r: embeddings_answer(r.json(), shuffled=True))
    documents = [f"doc {n}" for n in range(5)]
    vectors: list[list[float]] = []
    total = 0
    for start in range(0, len(documents), 3):
        batch = documents[start : start + 3]
        response = client.embeddings.create(
            model="text-embedding-3-small", input=batch, encoding_format="float"
        )
        total += response.usage.total_tokens
        vectors.extend(item.embedding for item in sorted(response.data, key=lambda d: d.index))
    return wires(server), vectors, total, round(cosine(vectors[0], vectors[1]), 6)


@program
def base64_decoded_with_numpy_and_struct(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    import numpy as np

    server.default = Reply.dynamic(lambda r: embeddings_answer(r.json()))
    response = client.embeddings.create(
        model="text-embedding-3-large",
        input=["a", "b", "c"],
        encoding_format="base64",
        dimensions=3,
    )
    with_numpy = [
        np.frombuffer(base64.b64decode(item.embedding), dtype=np.float32).tolist()
        for item in response.data
    ]
    raw = base64.b64decode(response.data[0].embedding)
    with_struct = list(struct.unpack(f"<{len(raw) // 4}f", raw))
    return wires(server), with_numpy, with_struct, type(response.data[0].embedding).__name__


@program
def default_encoding_as_floats(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """No encoding asked for: floats come back, whatever travels on the wire."""
    server.default = Reply.dynamic(lambda r: embeddings_answer(r.json()))
    response = client.embeddings.create(model="text-embedding-3-small", input="hello", dimensions=2)
    matrix = [d.embedding for d in response.data]
    return (
        [type(x).__name__ for x in matrix[0]],
        matrix,
        response.model_dump(),
        response.data[0].to_dict(),
    )


@program
def servers_that_ignore_the_encoding(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A compatible server answers floats to a base64 request: code that checks the type."""
    server.default = Reply.dynamic(lambda r: embeddings_answer(r.json(), ignore_encoding=True))
    vectors = []
    for encoding in ("base64", "float", None):
        options = {} if encoding is None else {"encoding_format": encoding}
        response = client.embeddings.create(model="nomic-embed-text", input=["x", "y"], **options)
        for item in response.data:
            value = item.embedding
            if isinstance(value, str):
                value = array.array("f", base64.b64decode(value)).tolist()
            vectors.append(value)
    return vectors


@program
def embedding_errors_for_bad_input(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        Reply.json(
            {
                "error": {
                    "message": "This model's maximum context length is 8192 tokens",
                    "type": "invalid_request_error",
                    "param": "input",
                    "code": None,
                }
            },
            status=400,
        )
    )
    try:
        client.embeddings.create(model="text-embedding-3-small", input=["x" * 50])
    except openai.BadRequestError as error:
        return error.status_code, error.param, error.code, error.type, error.body
    return None


@async_program
async def async_embeddings_gathered(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.default = Reply.dynamic(lambda r: embeddings_answer(r.json()))
    chunks = [["a", "b"], ["c"], ["d", "e", "f"]]
    responses = await asyncio.gather(
        *[
            client.embeddings.create(
                model="text-embedding-3-small", input=chunk, encoding_format="base64"
            )
            for chunk in chunks
        ]
    )
    return [
        [array.array("f", base64.b64decode(d.embedding)).tolist() for d in r.data]
        for r in responses
    ]


@async_program
async def async_legacy_stream_with_usage(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(legacy_chunks([(0, "a"), (0, "b")], usage=True))
    stream = await client.completions.create(
        model="gpt-3.5-turbo-instruct",
        prompt="x",
        stream=True,
        stream_options={"include_usage": True},
    )
    seen = []
    async for chunk in stream:
        seen.append(
            ([c.text for c in chunk.choices], chunk.usage.total_tokens if chunk.usage else None)
        )
    return seen


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
