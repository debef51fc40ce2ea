"""Real-world sweep A, whole small applications: retrieval-augmented answers, a moderation gate,
voice replies, typed request dicts, the chat stream state fed by hand, resuming a background
response's stream — written for the official SDK and run unchanged against both packages over
the scripted loopback server (each returns what its author observes and what was sent).
"""

from __future__ import annotations

import base64
import json
import math
from types import ModuleType
from typing import Any

from tests.support.server import Reply, ScriptedServer

from .programs import async_observed_the_same, observed_the_same, registry
from .test_real_world_apps import (
    chat_chunk,
    chat_completion,
    output_message,
    response_events,
    response_object,
    sent,
    sse,
)

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


def answer(text: str | None, **message: Any) -> Reply:
    return Reply.json(chat_completion({"role": "assistant", "content": text, **message}))


def embeddings(vectors: list[list[float]]) -> Reply:
    return Reply.json(
        {
            "object": "list",
            "data": [
                {"object": "embedding", "index": i, "embedding": v} for i, v in enumerate(vectors)
            ],
            "model": "text-embedding-3-small",
            "usage": {"prompt_tokens": 8, "total_tokens": 8},
        }
    )


def cosine(a: list[float], b: list[float]) -> float:
    dot = sum(x * y for x, y in zip(a, b, strict=True))
    return dot / (math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b)))


# --- retrieval-augmented generation ----------------------------------------------------------------


DOCS = ["Refunds take 5 days.", "Shipping is free over $50.", "Support is open 9-5."]


@program
def rag_over_embeddings(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        embeddings([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]),
        embeddings([[0.9, 0.1, 0.0]]),
        answer("Refunds take 5 days."),
    )
    index = client.embeddings.create(
        model="text-embedding-3-small", input=DOCS, encoding_format="float", dimensions=3
    )
    vectors = [item.embedding for item in sorted(index.data, key=lambda d: d.index)]
    question = "How long do refunds take?"
    query = client.embeddings.create(
        model="text-embedding-3-small", input=question, encoding_format="float"
    )
    scores = [cosine(query.data[0].embedding, v) for v in vectors]
    best = DOCS[scores.index(max(scores))]
    completion = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[
            {"role": "system", "content": f"Answer from this context only:\n{best}"},
            {"role": "user", "content": question},
        ],
    )
    return (
        sent(server, 3),
        best,
        index.usage.total_tokens,
        index.model,
        completion.choices[0].message.content,
    )


@program
def moderation_gate(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    categories = {
        "harassment": False,
        "harassment/threatening": False,
        "hate": False,
        "hate/threatening": False,
        "illicit": False,
        "illicit/violent": False,
        "self-harm": False,
        "self-harm/instructions": False,
        "self-harm/intent": False,
        "sexual": False,
        "sexual/minors": False,
        "violence": True,
        "violence/graphic": False,
    }
    scores = {name: (0.9 if flagged else 0.01) for name, flagged in categories.items()}
    server.reply(
        Reply.json(
            {
                "id": "modr-1",
                "model": "omni-moderation-latest",
                "results": [
                    {
                        "flagged": True,
                        "categories": categories,
                        "category_scores": scores,
                        "category_applied_input_types": {name: ["text"] for name in categories},
                    }
                ],
            }
        )
    )
    result = client.moderations.create(model="omni-moderation-latest", input="I will hurt")
    verdict = result.results[0]
    flagged = [name for name, hit in verdict.categories.model_dump(by_alias=True).items() if hit]
    return (
        sent(server),
        verdict.flagged,
        flagged,
        verdict.categories.violence,
        verdict.categories.self_harm,
        verdict.category_scores.violence,
        verdict.category_applied_input_types.violence,
    )


# --- voice replies and newer chat options -----------------------------------------------------------


@program
def audio_reply_in_chat(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    wav = base64.b64encode(b"RIFF....WAVEfmt ").decode()
    server.reply(
        answer(
            None,
            audio={"id": "audio_1", "data": wav, "expires_at": 1733000000, "transcript": "Hi!"},
        )
    )
    completion = client.chat.completions.create(
        model="gpt-4o-audio-preview",
        modalities=["text", "audio"],
        audio={"voice": "alloy", "format": "wav"},
        messages=[{"role": "user", "content": "Say hi"}],
    )
    audio = completion.choices[0].message.audio
    return (
        sent(server),
        base64.b64decode(audio.data)[:4],
        audio.transcript,
        audio.id,
        completion.choices[0].message.content,
    )


@program
def web_search_and_reasoning_options(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    annotation = {
        "type": "url_citation",
        "url_citation": {
            "start_index": 0,
            "end_index": 5,
            "url": "https://news.example/a",
            "title": "News",
        },
    }
    server.reply(answer("Today ...", annotations=[annotation]), answer("fast"))
    searched = client.chat.completions.create(
        model="gpt-4o-search-preview",
        web_search_options={
            "search_context_size": "low",
            "user_location": {"type": "approximate", "approximate": {"country": "GB"}},
        },
        messages=[{"role": "user", "content": "news?"}],
    )
    reasoned = client.chat.completions.create(
        model="o3-mini",
        reasoning_effort="low",
        max_completion_tokens=500,
        prediction={"type": "content", "content": "fast"},
        store=True,
        metadata={"feature": "x"},
        service_tier="auto",
        verbosity="low",
        messages=[{"role": "developer", "content": "Be fast."}, {"role": "user", "content": "?"}],
    )
    citation = searched.choices[0].message.annotations[0]
    return (
        sent(server, 2),
        (citation.type, citation.url_citation.url, citation.url_citation.title),
        reasoned.choices[0].message.content,
    )


@program
def typed_request_dicts(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Request kwargs kept in a typed dict, then splatted (config-driven apps)."""
    server.reply(answer("from params"), answer("again"))
    params: Any = openai.types.chat.completion_create_params.CompletionCreateParamsNonStreaming(
        model="gpt-4o",
        messages=[{"role": "user", "content": "hi"}],
        temperature=0.3,
    )
    first = client.chat.completions.create(**params)
    response_format: Any = openai.types.shared_params.ResponseFormatJSONObject(type="json_object")
    second = client.chat.completions.create(**{**params, "response_format": response_format})
    return sent(server, 2), first.choices[0].message.content, second.choices[0].message.content


# --- streams handled by hand --------------------------------------------------------------------


@program
def stream_state_fed_by_hand(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    from importlib import import_module

    streaming = import_module(openai.__name__ + ".lib.streaming.chat")
    server.reply(
        sse(
            [
                chat_chunk({"role": "assistant", "content": "Hand"}),
                chat_chunk({"content": "fed"}),
                chat_chunk({}, finish_reason="stop"),
            ]
        )
    )
    state = streaming.ChatCompletionStreamState()
    kinds = []
    for chunk in client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "x"}], stream=True
    ):
        for event in state.handle_chunk(chunk):
            kinds.append(event.type)
    final = state.get_final_completion()
    return kinds, final.choices[0].message.content, final.choices[0].finish_reason


@program
def stream_two_choices_to_ui(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    def chunk(index: int, delta: dict[str, Any], finish: str | None = None) -> Any:
        body = chat_chunk(delta, finish_reason=finish)
        body["choices"][0]["index"] = index
        return body

    server.reply(
        sse(
            [
                chunk(0, {"role": "assistant", "content": "Red"}),
                chunk(1, {"role": "assistant", "content": "Blue"}),
                chunk(0, {"content": "dish"}),
                chunk(1, {"content": "ish"}),
                chunk(0, {}, "stop"),
                chunk(1, {}, "stop"),
            ]
        )
    )
    columns: dict[int, str] = {}
    for part in client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "a colour"}], n=2, stream=True
    ):
        for choice in part.choices:
            columns[choice.index] = columns.get(choice.index, "") + (choice.delta.content or "")
    return sent(server), columns


@program
def resume_background_stream(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    item = output_message("Resumed text")
    events = response_events(response_object([item], background=True), item)
    server.reply(sse(events), sse(events))
    seen = []
    with client.responses.stream(response_id="resp_abc", starting_after=2) as stream:
        for event in stream:
            if event.type == "response.output_text.delta":
                seen.append(event.delta)
        final = stream.get_final_response()
    replay = client.responses.retrieve("resp_abc", stream=True)
    kinds = [event.type for event in replay]
    return (
        [(r.method, r.path, r.query_dict) for r in server.requests[-2:]],
        seen,
        final.output_text,
        kinds[:3],
        len(kinds),
    )


# --- async apps ------------------------------------------------------------------------------------


@async_program
async def async_client_lifecycle(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(answer("one"), answer("two"))
    async with openai.AsyncOpenAI(
        api_key="sk-app", base_url=server.url + "/v1", max_retries=0
    ) as app_client:
        first = await app_client.chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": "1"}]
        )
        tuned = app_client.with_options(timeout=5.0)
        second = await tuned.chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": "2"}]
        )
    return (
        first.choices[0].message.content,
        second.choices[0].message.content,
        app_client.is_closed(),
        sent(server, 2),
    )


@async_program
async def async_rag_batch(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    import asyncio

    server.default = Reply.dynamic(
        lambda request: (
            embeddings([[float(len(text))] for text in request.json()["input"]])
            if request.path.endswith("/embeddings")
            else answer("summary of " + request.json()["messages"][-1]["content"])
        )
    )
    chunks = [DOCS[:2], DOCS[2:]]
    results = await asyncio.gather(
        *(
            client.embeddings.create(
                model="text-embedding-3-small", input=batch, encoding_format="float"
            )
            for batch in chunks
        )
    )
    vectors = [item.embedding for result in results for item in result.data]
    summaries = await asyncio.gather(
        *(
            client.chat.completions.create(
                model="gpt-4o-mini", messages=[{"role": "user", "content": doc}]
            )
            for doc in DOCS
        )
    )
    return vectors, [s.choices[0].message.content for s in summaries]


@async_program
async def async_streaming_response_lines(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(
        sse([chat_chunk({"role": "assistant", "content": "x"}), chat_chunk({"content": "y"})])
    )
    lines = []
    async with client.chat.completions.with_streaming_response.create(
        model="gpt-4o", messages=[{"role": "user", "content": "x"}], stream=True
    ) as response:
        async for line in response.iter_lines():
            if line.startswith("data: ") and line != "data: [DONE]":
                lines.append(json.loads(line[6:])["choices"][0]["delta"])
        status = response.status_code
    return lines, status


# --- runners -------------------------------------------------------------------------------------


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
