"""Real-world sweep L, chat and completions scripts of the 1.x era as their authors print them:
the legacy completions stream with several prompts, ``echo`` and per-chunk logprobs gathered by
choice index (a ``with`` block, its response headers, closed early), ``n=2`` chat answers ranked
by the mean of their token logprobs with ``top_logprobs`` alternatives and their bytes, JSON mode
answers parsed and its 400 when the prompt lacks the word JSON printed, and a throttle reading the
``x-ratelimit-*`` headers of ``with_raw_response`` / ``with_streaming_response`` and of a 429 —
run against both packages over the scripted loopback server.
"""

from __future__ import annotations

import io
import json
import math
from contextlib import redirect_stdout
from types import ModuleType
from typing import Any

from tests.support.server import Reply, ScriptedServer

from .programs import async_observed_the_same, observed_the_same, registry
from .test_real_world_apps import USAGE, chat_completion, sse, wire

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


def wires(server: ScriptedServer) -> list[Any]:
    return [wire(r) for r in server.requests]


# --- the legacy completions stream ---------------------------------------------------------------


def legacy_chunk(index: int, text: str, finish: Any = None, logprobs: Any = None) -> Any:
    return {
        "id": "cmpl-s",
        "object": "text_completion",
        "created": 1733000000,
        "model": "gpt-3.5-turbo-instruct",
        "choices": [{"text": text, "index": index, "logprobs": logprobs, "finish_reason": finish}],
    }


def token_logprobs(token: str, offset: int) -> Any:
    return {
        "tokens": [token],
        "token_logprobs": [-0.25],
        "top_logprobs": [{token: -0.25, " else": -2.5}],
        "text_offset": [offset],
    }


LIMIT_HEADERS = {
    "x-request-id": "req_l",
    "x-ratelimit-limit-requests": "3500",
    "x-ratelimit-limit-tokens": "90000",
    "x-ratelimit-remaining-requests": "3499",
    "x-ratelimit-remaining-tokens": "89950",
    "x-ratelimit-reset-requests": "17ms",
    "x-ratelimit-reset-tokens": "6m0s",
}


@program
def legacy_stream_by_choice_with_echo_and_logprobs(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    chunks = [
        legacy_chunk(0, "Roses", logprobs=token_logprobs("Roses", 0)),
        legacy_chunk(1, "Violets", logprobs=token_logprobs("Violets", 0)),
        legacy_chunk(0, " are red", logprobs=token_logprobs(" are red", 5)),
        legacy_chunk(1, " are blue", finish="stop", logprobs=token_logprobs(" are blue", 7)),
        legacy_chunk(0, "", finish="length"),
        {**legacy_chunk(0, ""), "choices": [], "usage": USAGE},
    ]
    server.reply(
        Reply.sse(
            [f"data: {json.dumps(c)}\n\n" for c in chunks] + ["data: [DONE]\n\n"],
            headers=LIMIT_HEADERS,
        )
    )
    texts: dict[int, str] = {}
    logprobs: dict[int, list[Any]] = {}
    finish: dict[int, str] = {}
    out = io.StringIO()
    with (
        redirect_stdout(out),
        client.completions.create(
            model="gpt-3.5-turbo-instruct",
            prompt=["Roses", "Violets"],
            max_tokens=3,
            echo=True,
            logprobs=1,
            stream=True,
            stream_options={"include_usage": True},
            suffix=None,
            best_of=None,
            logit_bias={"50256": -100},
        ) as stream,
    ):
        headers = stream.response.headers.get("x-ratelimit-remaining-tokens")
        for chunk in stream:
            if not chunk.choices:
                print("usage:", chunk.usage)
                continue
            choice = chunk.choices[0]
            texts[choice.index] = texts.get(choice.index, "") + choice.text
            if choice.logprobs:
                logprobs.setdefault(choice.index, []).extend(
                    zip(choice.logprobs.tokens, choice.logprobs.token_logprobs, strict=True)
                )
                print(choice.logprobs)
            if choice.finish_reason:
                finish[choice.index] = choice.finish_reason
    return wires(server), headers, texts, logprobs, finish, out.getvalue().splitlines()


@program
def legacy_stream_closed_early(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    chunks = [legacy_chunk(0, word) for word in ("a", " b", " c", " d")]
    server.reply(sse(chunks))
    stream = client.completions.create(model="gpt-3.5-turbo-instruct", prompt="Count", stream=True)
    got = []
    last = None
    for chunk in stream:
        got.append(chunk.choices[0].text)
        last = chunk
        if len(got) == 2:
            stream.close()
            break
    return wires(server), got, repr(last), stream.response.is_closed


# --- several chat answers ranked by their logprobs -----------------------------------------------


def token(text: str, logprob: float, alternatives: list[tuple[str, float]]) -> Any:
    return {
        "token": text,
        "logprob": logprob,
        "bytes": list(text.encode()),
        "top_logprobs": [
            {"token": t, "logprob": lp, "bytes": list(t.encode())} for t, lp in alternatives
        ],
    }


def ranked_answer() -> Any:
    completion = chat_completion({"role": "assistant", "content": "Paris"})
    first = completion["choices"][0]
    completion["choices"] = [
        {
            **first,
            "message": {**first["message"], "content": "Paris"},
            "logprobs": {
                "content": [token("Paris", -0.01, [("Paris", -0.01), ("Lyon", -4.6)])],
                "refusal": None,
            },
        },
        {
            **first,
            "index": 1,
            "message": {**first["message"], "content": "It is Paris"},
            "logprobs": {
                "content": [
                    token("It", -1.2, [("It", -1.2), ("Paris", -0.4)]),
                    token(" is", -0.1, [(" is", -0.1), ("'s", -2.3)]),
                    token(" Paris", -0.05, [(" Paris", -0.05), (" Lyon", -3.0)]),
                ],
                "refusal": None,
            },
        },
    ]
    return completion


@program
def n_choices_ranked_by_mean_logprob(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(Reply.json(ranked_answer()))
    completion = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": "Capital of France?"}],
        n=2,
        logprobs=True,
        top_logprobs=2,
        max_completion_tokens=5,
    )
    ranked = []
    out = io.StringIO()
    with redirect_stdout(out):
        for choice in completion.choices:
            tokens = choice.logprobs.content
            mean = sum(t.logprob for t in tokens) / len(tokens)
            ranked.append((round(mean, 4), choice.index, choice.message.content))
            for t in tokens:
                linear = round(math.exp(t.logprob) * 100, 2)
                options = ", ".join(f"{alt.token!r}={alt.logprob}" for alt in t.top_logprobs)
                print(f"{choice.index} {t.token!r} {linear}% [{options}] {bytes(t.bytes).decode()}")
        print(completion.choices[1].logprobs.content[0])
    ranked.sort(reverse=True)
    return (
        wires(server),
        ranked,
        out.getvalue().splitlines(),
        completion.choices[0].logprobs.model_dump(),
        [c.logprobs.refusal for c in completion.choices],
    )


# --- JSON mode -----------------------------------------------------------------------------------


@program
def json_mode_parsed_and_its_400(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    answer = {"winner": "Los Angeles Dodgers", "year": 2020}
    server.reply(
        Reply.json(chat_completion({"role": "assistant", "content": json.dumps(answer)})),
        Reply.json(
            {
                "error": {
                    "message": "'messages' must contain the word 'json' in some form, to use "
                    "'response_format' of type 'json_object'.",
                    "type": "invalid_request_error",
                    "param": "messages",
                    "code": None,
                }
            },
            status=400,
            headers={"x-request-id": "req_bad"},
        ),
    )
    messages = [
        {"role": "system", "content": "You are a helpful assistant designed to output JSON."},
        {"role": "user", "content": "Who won the world series in 2020?"},
    ]
    completion = client.chat.completions.create(
        model="gpt-4o-mini",
        response_format={"type": "json_object"},
        messages=messages,
        seed=42,
    )
    data = json.loads(completion.choices[0].message.content)
    out = io.StringIO()
    try:
        client.chat.completions.create(
            model="gpt-4o-mini",
            response_format={"type": "json_object"},
            messages=[{"role": "user", "content": "Who won?"}],
        )
    except openai.BadRequestError as e:
        with redirect_stdout(out):
            print(e)
            print(e.message)
            print(e.status_code, e.code, e.param, e.type, e.request_id)
            print(e.body)
    return wires(server), data, completion.system_fingerprint, out.getvalue().splitlines()


# --- a throttle reading the rate-limit headers ---------------------------------------------------


def seconds(reset: str) -> float:
    """'6m0s' / '17ms' / '1.5s' as seconds, as throttling snippets parse them."""
    total = 0.0
    number = ""
    index = 0
    while index < len(reset):
        char = reset[index]
        if char.isdigit() or char == ".":
            number += char
        elif reset.startswith("ms", index):
            total += float(number) / 1000
            number = ""
            index += 1
        else:
            total += float(number) * {"h": 3600, "m": 60, "s": 1}[char]
            number = ""
        index += 1
    return total


@program
def throttle_from_rate_limit_headers(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    completion = chat_completion({"role": "assistant", "content": "ok"})
    server.reply(
        Reply.json(completion, headers=LIMIT_HEADERS),
        Reply.json(completion, headers={**LIMIT_HEADERS, "x-ratelimit-remaining-requests": "0"}),
        Reply.json(
            {
                "error": {
                    "message": "Rate limit reached",
                    "type": "requests",
                    "code": "rate_limit_exceeded",
                }
            },
            status=429,
            headers={**LIMIT_HEADERS, "retry-after": "2", "x-ratelimit-remaining-requests": "0"},
        ),
    )
    log = []
    for _ in range(2):
        raw = client.chat.completions.with_raw_response.create(
            model="gpt-4o-mini", messages=[{"role": "user", "content": "ping"}]
        )
        remaining = int(raw.headers.get("x-ratelimit-remaining-requests", "1"))
        wait = seconds(raw.headers["X-RateLimit-Reset-Tokens"]) if remaining == 0 else 0.0
        parsed = raw.parse()
        log.append(
            (
                remaining,
                wait,
                int(raw.headers.get("x-ratelimit-limit-tokens")),
                raw.headers.get("x-ratelimit-missing"),
                sorted(k for k in raw.headers if k.startswith("x-ratelimit")),
                raw.status_code,
                raw.http_response.reason_phrase,
                raw.request_id,
                parsed._request_id,
                parsed.choices[0].message.content,
            )
        )
    try:
        client.chat.completions.create(
            model="gpt-4o-mini", messages=[{"role": "user", "content": "x"}]
        )
    except openai.RateLimitError as e:
        log.append(
            (
                e.status_code,
                e.response.headers.get("retry-after"),
                seconds(e.response.headers["x-ratelimit-reset-requests"]),
                e.code,
                e.type,
                str(e),
            )
        )
    return wires(server), log


@program
def streaming_response_headers_before_the_body(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    completion = chat_completion({"role": "assistant", "content": "streamed"})
    server.reply(Reply.json(completion, headers=LIMIT_HEADERS))
    with client.chat.completions.with_streaming_response.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}]
    ) as response:
        before = (
            response.headers.get("x-ratelimit-remaining-tokens"),
            response.headers.get("x-request-id"),
            response.request_id,
            response.status_code,
        )
        parsed = response.parse()
    return wires(server), before, parsed.choices[0].message.content, parsed._request_id


@async_program
async def async_raw_headers_and_legacy_stream(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(
        Reply.json(chat_completion({"role": "assistant", "content": "a"}), headers=LIMIT_HEADERS),
        sse([legacy_chunk(0, "x"), legacy_chunk(0, "y", finish="stop")]),
    )
    raw = await client.chat.completions.with_raw_response.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}], n=1
    )
    remaining = raw.headers.get("x-ratelimit-remaining-tokens")
    text = raw.parse().choices[0].message.content
    stream = await client.completions.create(
        model="gpt-3.5-turbo-instruct", prompt="x", stream=True
    )
    pieces = [chunk.choices[0].text async for chunk in stream]
    return wires(server), remaining, text, pieces


# --- runners -------------------------------------------------------------------------------------


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
