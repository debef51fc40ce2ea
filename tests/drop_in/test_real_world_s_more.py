"""Real-world sweep S, more Responses programs: ``responses.parse`` with dict tools (strict and
not) and unknown names, parsed responses pickled and copied, reasoning content (gpt-oss), output_text
over mixed items, parsed output items fed back as input (the ``parsed`` keys left out), stream
failures and padded or missing final outputs, background streams through ``response.queued``,
reasoning-text streams, parallel tool-call deltas, ``text`` beside ``text_format``, response objects
edited in place, webhook header spellings, ``next()`` on streams, ``ParsedResponse[T]`` revalidated,
the async helper entered by hand — programs written for the official SDK, run unchanged against
both packages over the scripted loopback server.
"""

from __future__ import annotations

import contextlib
import copy
import importlib
import json
import pickle
import warnings
from collections.abc import Iterator
from types import ModuleType
from typing import Any

from pydantic import BaseModel

from tests.support.server import Reply, ScriptedServer

from .programs import async_observed_the_same, observed_the_same, registry
from .test_real_world_apps import (
    function_call,
    output_message,
    response_events,
    response_object,
    sse,
)

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


# a usage as the SDK requires it to revalidate (cache_write_tokens)
USAGE = {
    "input_tokens": 5,
    "input_tokens_details": {"cached_tokens": 0, "cache_write_tokens": 0},
    "output_tokens": 2,
    "output_tokens_details": {"reasoning_tokens": 0},
    "total_tokens": 7,
}


@contextlib.contextmanager
def quietly() -> Iterator[None]:
    """The official SDK's serializer warns on its parsed (generic) output items; the data it
    writes is the same."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        yield


class M(BaseModel):
    a: int
    b: str | None = None


@program
def parse_dict_tools(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        Reply.json(
            response_object(
                [
                    function_call("strict_t", {"a": 1}, "c1"),
                    function_call("loose_t", {"a": 2}, "c2"),
                    function_call("unknown", {"a": 3}, "c3"),
                ]
            )
        )
    )
    r = client.responses.parse(
        model="m",
        input="x",
        tools=[
            {
                "type": "function",
                "name": "strict_t",
                "parameters": {
                    "type": "object",
                    "properties": {"a": {"type": "integer"}},
                    "required": ["a"],
                    "additionalProperties": False,
                },
                "strict": True,
            },
            {"type": "function", "name": "loose_t", "parameters": {}, "strict": False},
        ],
    )
    return [(type(i).__name__, i.parsed_arguments) for i in r.output], [
        x.json() for x in server.requests
    ]


@program
def pickle_parsed(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(Reply.json(response_object([output_message('{"a":1,"b":null}')])))
    r = client.responses.parse(model="m", input="x", text_format=M)
    r2 = pickle.loads(pickle.dumps(r))
    r3 = copy.deepcopy(r)
    return repr(r2.output_parsed), r3.output_parsed == r.output_parsed, type(r2).__name__, r2 == r


@program
def reasoning_content(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    item = {
        "id": "rs_1",
        "type": "reasoning",
        "summary": [],
        "content": [{"type": "reasoning_text", "text": "thinking"}],
        "status": "completed",
    }
    server.reply(Reply.json(response_object([item, output_message("hi")])))
    r = client.responses.create(model="gpt-oss", input="x")
    return str(r.output[0]), r.output[0].content[0].text, r.output[0].model_dump()


@program
def output_text_multi(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    m1 = output_message("A")
    m2 = output_message("B", "msg_2")
    m2["content"].append({"type": "output_text", "text": "C", "annotations": []})
    m2["content"].append({"type": "refusal", "refusal": "R"})
    server.reply(
        Reply.json(response_object([m1, function_call("f", {}, "c"), m2])),
        Reply.json(response_object([])),
    )
    r = client.responses.create(model="m", input="x")
    e = client.responses.create(model="m", input="x")
    return r.output_text, e.output_text


@program
def parsed_output_fed_back(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        Reply.json(
            response_object(
                [
                    {"id": "rs_1", "type": "reasoning", "summary": []},
                    output_message('{"a":1,"b":null}'),
                    function_call("M", {"a": 2, "b": "x"}, "c1"),
                ]
            )
        ),
        Reply.json(response_object([output_message("ok")])),
    )
    r = client.responses.parse(
        model="m", input="x", text_format=M, tools=[openai.pydantic_function_tool(M)]
    )
    hist = [
        {"role": "user", "content": "x"},
        *r.output,
        {"type": "function_call_output", "call_id": "c1", "output": "done"},
    ]
    client.responses.create(model="m", input=hist)
    return server.requests[1].json()


@program
def parsed_output_fed_back_stream(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    item = output_message('{"a":1,"b":null}')
    server.reply(
        sse(response_events(response_object([item]), item)),
        Reply.json(response_object([output_message("ok")])),
    )
    with client.responses.stream(model="m", input="x", text_format=M) as s:
        r = s.get_final_response()
    client.responses.create(model="m", input=r.output)
    return server.requests[1].json()


@program
def failed_event_stream(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    failed = response_object([], status="failed", error={"code": "server_error", "message": "bad"})
    evs = [
        (
            "response.created",
            {
                "type": "response.created",
                "sequence_number": 0,
                "response": {**response_object([]), "status": "in_progress"},
            },
        ),
        ("response.failed", {"type": "response.failed", "sequence_number": 1, "response": failed}),
    ]
    server.reply(sse(evs))
    out = []
    try:
        with client.responses.stream(model="m", input="x") as s:
            for e in s:
                out.append((e.type, type(e).__name__))
            out.append(s.get_final_response().error.model_dump())
    except Exception as e:
        out.append((type(e).__name__, str(e)[:100]))
    return out


@program
def output_items_with_nulls_fed_back(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    msg = output_message("x")
    msg["content"][0]["logprobs"] = None
    fc = function_call("f", {}, "c")
    fc["status"] = None
    ws = {
        "id": "ws",
        "type": "web_search_call",
        "status": "completed",
        "action": {"type": "search", "query": "q", "sources": None},
    }
    fs = {
        "id": "fs",
        "type": "file_search_call",
        "status": "completed",
        "queries": ["q"],
        "results": None,
    }
    rs = {
        "id": "rs",
        "type": "reasoning",
        "summary": [],
        "encrypted_content": None,
        "content": None,
        "status": None,
    }
    server.reply(
        Reply.json(response_object([rs, ws, fs, msg, fc])),
        Reply.json(response_object([output_message("y")])),
    )
    r = client.responses.create(model="m", input="x")
    client.responses.create(
        model="m",
        input=[*r.output, {"type": "function_call_output", "call_id": "c", "output": "o"}],
    )
    return server.requests[1].json()


@program
def input_items_fed_back(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    user = {
        "id": "msg_u",
        "type": "message",
        "role": "user",
        "status": "completed",
        "content": [
            {"type": "input_text", "text": "Hello!"},
            {"type": "input_image", "detail": "auto", "image_url": "https://i", "file_id": None},
        ],
    }
    server.reply(
        Reply.json(
            {
                "object": "list",
                "data": [user],
                "first_id": "msg_u",
                "last_id": "msg_u",
                "has_more": False,
            }
        ),
        Reply.json(response_object([output_message("y")])),
    )
    items = list(client.responses.input_items.list("resp_1"))
    client.responses.create(model="m", input=items)
    return server.requests[1].json()


@program
def mix_text_and_text_format(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        Reply.json(response_object([output_message('{"a":1}')])),
        Reply.json(response_object([output_message('{"a":1}')])),
    )
    out = []
    try:
        client.responses.parse(model="m", input="x", text_format=M, text={"verbosity": "low"})
        out.append(server.requests[-1].json()["text"])
    except Exception as e:
        out.append((type(e).__name__, str(e)))
    try:
        client.responses.parse(
            model="m", input="x", text_format=M, text={"format": {"type": "text"}}
        )
        out.append(server.requests[-1].json()["text"])
    except Exception as e:
        out.append((type(e).__name__, str(e)))
    try:
        with client.responses.stream(
            model="m", input="x", text_format=M, text={"format": {"type": "text"}}
        ):
            pass
    except Exception as e:
        out.append((type(e).__name__, str(e)))
    return out


@program
def parallel_calls_stream(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    c1 = function_call("a", {"x": 1}, "c1")
    c2 = function_call("b", {"y": 2}, "c2")
    final = response_object([c1, c2])
    pend = {**final, "status": "in_progress", "output": []}
    evs = [
        {"type": "response.created", "response": pend},
        {"type": "response.output_item.added", "output_index": 0, "item": {**c1, "arguments": ""}},
        {"type": "response.output_item.added", "output_index": 1, "item": {**c2, "arguments": ""}},
        {
            "type": "response.function_call_arguments.delta",
            "item_id": c2["id"],
            "output_index": 1,
            "delta": '{"y"',
        },
        {
            "type": "response.function_call_arguments.delta",
            "item_id": c1["id"],
            "output_index": 0,
            "delta": '{"x"',
        },
        {
            "type": "response.function_call_arguments.delta",
            "item_id": c2["id"],
            "output_index": 1,
            "delta": ": 2}",
        },
        {
            "type": "response.function_call_arguments.delta",
            "item_id": c1["id"],
            "output_index": 0,
            "delta": ": 1}",
        },
        {"type": "response.output_item.done", "output_index": 0, "item": c1},
        {"type": "response.output_item.done", "output_index": 1, "item": c2},
        {"type": "response.completed", "response": final},
    ]
    server.reply(sse([(e["type"], {**e, "sequence_number": i}) for i, e in enumerate(evs)]))
    out = []
    with client.responses.stream(
        model="m",
        input="x",
        tools=[
            {"type": "function", "name": "a", "parameters": {}, "strict": True},
            {"type": "function", "name": "b", "parameters": {}, "strict": False},
        ],
    ) as s:
        for e in s:
            if e.type == "response.function_call_arguments.delta":
                out.append((e.output_index, e.snapshot))
        f = s.get_final_response()
    return out, [(i.name, i.parsed_arguments) for i in f.output]


@program
def mutate_then_output_text(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    t = importlib.import_module(openai.__name__ + ".types.responses")
    server.reply(Reply.json(response_object([output_message("A")])))
    r = client.responses.create(model="m", input="x")
    a = r.output_text
    r.output[0].content[0].text = "B"
    b = r.output_text
    r.output.append(t.ResponseOutputMessage.model_validate(output_message("C", "msg_2")))
    c = r.output_text
    r2 = r.model_copy(update={"output": []})
    d = r2.output_text
    r.status = "failed"
    return (
        a,
        b,
        c,
        d,
        r.model_dump()["status"],
        "output_text" in r.model_dump(),
        hasattr(t.Response, "output_text"),
    )


@program
def unwrap_variants(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    import base64
    import hashlib
    import hmac
    import time

    sec = b"0123456789abcdef0123456789abcdef"
    secret = "whsec_" + base64.b64encode(sec).decode()
    body = json.dumps(
        {
            "id": "evt",
            "object": "event",
            "type": "response.completed",
            "created_at": 1,
            "data": {"id": "resp_1"},
        }
    )
    ts = str(int(time.time()))
    sig = (
        "v1,"
        + base64.b64encode(
            hmac.new(sec, f"m1.{ts}.{body}".encode(), hashlib.sha256).digest()
        ).decode()
    )
    hdrs = {"Webhook-Id": "m1", "Webhook-Timestamp": ts, "Webhook-Signature": sig}
    out = []
    c = openai.OpenAI(api_key="k", webhook_secret=secret)
    c.close()  # (webhooks need no connection)
    e = c.webhooks.unwrap(body.encode(), hdrs)
    out.append((e.type, e.data.id, e.object, e.created_at, e.to_dict()))
    out.append(c.webhooks.verify_signature(body, hdrs))
    import httpx

    out.append(c.webhooks.unwrap(body, httpx.Headers(hdrs)).id)
    out.append(c.webhooks.unwrap(body, hdrs, secret=secret).id)
    try:
        c.webhooks.unwrap(body, {**hdrs, "Webhook-Timestamp": str(int(time.time()) - 10000)})
    except Exception as ex:
        out.append(type(ex).__name__)
    try:
        c.webhooks.unwrap(body, {k: v for k, v in hdrs.items() if k != "Webhook-Id"})
    except Exception as ex:
        out.append(type(ex).__name__)
    try:
        openai.OpenAI(api_key="k").webhooks.unwrap(body, hdrs)
    except Exception as ex:
        out.append(type(ex).__name__)
    return out


@program
def next_on_stream(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    item = output_message("hello")
    server.reply(sse(response_events(response_object([item]), item)))
    s = client.responses.create(model="m", input="x", stream=True)
    a = next(s).type
    b = s.__next__().type
    it = iter(s)
    c = next(it).type
    rest = [e.type for e in s]
    try:
        next(s)
    except StopIteration:
        rest.append("stop")
    return a, b, c, rest, it is s, type(s).__name__, isinstance(s, openai.Stream)


@async_program
async def anext_on_stream(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    item = output_message("hello")
    server.reply(sse(response_events(response_object([item]), item)))
    s = await client.responses.create(model="m", input="x", stream=True)
    a = (await s.__anext__()).type
    b = (await anext(s)).type
    rest = [e.type async for e in s]
    return a, b, rest, isinstance(s, openai.AsyncStream), type(s).__name__


@program
def helper_stream_next(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    item = output_message("hello")
    server.reply(sse(response_events(response_object([item]), item)))
    with client.responses.stream(model="m", input="x") as s:
        a = next(s).type
        b = s.__next__().type
        rest = [e.type for e in s]
    return a, b, rest, type(s).__name__


@program
def parsed_generic(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    t = importlib.import_module(openai.__name__ + ".types.responses")
    """A cache stores ``model_dump()``s and revalidates them as ``ParsedResponse[M]``."""
    server.reply(Reply.json(response_object([output_message('{"a": 1}')], usage=USAGE)))
    r = client.responses.parse(model="m", input="x", text_format=M)
    PR = t.ParsedResponse[M]
    with quietly():
        data = r.model_dump()
    back = PR.model_validate(data)
    back2 = t.ParsedResponse.model_validate(data)
    return (
        isinstance(r, t.ParsedResponse),
        isinstance(r, t.Response),
        type(back).__name__,
        repr(back.output_parsed),
        repr(back2.output_parsed),
        type(back.output[0]).__name__,
        type(back.output[0].content[0]).__name__,
        PR.__name__,
        isinstance(back, t.ParsedResponse),
    )


@program
def completed_without_output(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    item = output_message("streamed text")
    evs = response_events(response_object([item]), item)
    name, last = evs[-1]
    r = dict(last["response"])
    r.pop("output")
    evs2 = [*evs[:-1], (name, {**last, "response": r})]
    evs3 = [*evs[:-1], (name, {**last, "response": {**last["response"], "output": []}})]
    server.reply(sse(evs2), sse(evs3))
    out = []
    for _ in range(2):
        try:
            with client.responses.stream(model="m", input="x") as s:
                f = s.get_final_response()
            out.append((f.output_text, len(f.output)))
        except Exception as e:
            out.append((type(e).__name__, str(e)[:200]))
    return out


@program
def queued_background_stream(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    item = output_message("bg")
    evs = response_events(response_object([item], background=True), item)
    q = (
        "response.queued",
        {
            "type": "response.queued",
            "sequence_number": 1,
            "response": {**response_object([], background=True), "status": "queued", "usage": None},
        },
    )
    evs = [evs[0], q, *evs[1:]]
    server.reply(sse(evs))
    out = []
    with client.responses.stream(model="m", input="x", background=True) as s:
        for e in s:
            out.append(
                (e.type, type(e).__name__, getattr(getattr(e, "response", None), "status", None))
            )
        out.append(s.get_final_response().output_text)
    return out


@program
def reasoning_text_stream(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    rs = {
        "id": "rs_1",
        "type": "reasoning",
        "summary": [],
        "content": [{"type": "reasoning_text", "text": "think hard"}],
    }
    final = response_object([rs, output_message("ans")])
    pend = {**final, "status": "in_progress", "output": []}
    w = {"item_id": "rs_1", "output_index": 0, "content_index": 0}
    evs = [
        {"type": "response.created", "response": pend},
        {"type": "response.output_item.added", "output_index": 0, "item": {**rs, "content": []}},
        {
            "type": "response.content_part.added",
            **w,
            "part": {"type": "reasoning_text", "text": ""},
        },
        {"type": "response.reasoning_text.delta", **w, "delta": "think"},
        {"type": "response.reasoning_text.delta", **w, "delta": " hard"},
        {"type": "response.reasoning_text.done", **w, "text": "think hard"},
        {
            "type": "response.content_part.done",
            **w,
            "part": {"type": "reasoning_text", "text": "think hard"},
        },
        {"type": "response.output_item.done", "output_index": 0, "item": rs},
        {"type": "response.completed", "response": final},
    ]
    server.reply(sse([(e["type"], {**e, "sequence_number": i}) for i, e in enumerate(evs)]))
    out = []
    with client.responses.stream(model="gpt-oss", input="x") as s:
        for e in s:
            with quietly():
                out.append((e.type, type(e).__name__, e.model_dump()))
        f = s.get_final_response()
    return out, f.output[0].model_dump()


@async_program
async def async_helper_variants(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    item = output_message('{"a": 1}')
    server.reply(*[sse(response_events(response_object([item]), item))] * 4)
    out = []
    async with client.responses.stream(model="m", input="x", text_format=M) as s:
        await s.until_done()
        f = await s.get_final_response()
        out.append(repr(f.output_parsed))
    mgr = client.responses.stream(model="m", input="x")
    s = await mgr.__aenter__()
    async for e in s:
        out.append(e.type)
        break
    await mgr.__aexit__(None, None, None)
    async with client.responses.with_streaming_response.create(
        model="m", input="x", stream=True
    ) as r:
        out.append([line async for line in r.iter_lines()][:3])
    raw = await client.responses.with_raw_response.create(model="m", input="x", stream=True)
    st = raw.parse()
    out.append([e.type async for e in st][-1])
    return out


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
