"""Real-world sweep M, framework wrappers around the client (langchain-openai, llama-index and
litellm idioms): a chat-model class holding an ``OpenAI``/``AsyncOpenAI`` built from its settings
(``default_headers``, ``default_query``, an injected ``httpx`` client with event hooks), calling
``with_raw_response`` and keeping ``dict(raw.headers)``, deriving per-call clients with
``with_options(timeout=..., max_retries=...)``, turning answers into dicts with
``model_dump(exclude_unset / exclude_none)`` and reading them the way the frameworks do, streaming
with ``stream_options={"include_usage": True}`` and merging tool-call deltas into a
``ChoiceDeltaToolCall`` in place; a litellm-like proxy mapping ``openai.APIStatusError``
attributes (status, headers, body, code, param, type, request id) to its own errors and
subclassing ``CompletionUsage`` — run against both packages over the loopback server.
"""

from __future__ import annotations

import importlib
import json
from types import ModuleType
from typing import Any

import httpx
from pydantic import PrivateAttr

from tests.support.server import Reply, ScriptedServer

from .conftest import API_KEY
from .programs import async_observed_the_same, observed_the_same, registry
from .test_real_world_apps import USAGE, chat_chunk, chat_completion, sse, wire

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()

HEADERS = {
    "x-request-id": "req_m",
    "openai-processing-ms": "31",
    "x-ratelimit-remaining-tokens": "999",
}


def types_of(openai: ModuleType, module: str) -> ModuleType:
    return importlib.import_module(f"{openai.__name__}.types.{module}")


class ChatModelLike:
    """langchain-openai's ChatOpenAI, reduced to what it does with the client."""

    def __init__(self, openai: ModuleType, base_url: str, **settings: Any) -> None:
        self.openai = openai
        self.trace: list[Any] = []
        http_client = httpx.Client(
            event_hooks={
                "request": [lambda r: self.trace.append(("request", r.method, r.url.path))],
                "response": [
                    lambda r: self.trace.append(
                        ("response", r.status_code, r.headers.get("x-request-id"))
                    )
                ],
            }
        )
        self.root_client = openai.OpenAI(
            api_key=API_KEY,
            base_url=base_url,
            timeout=settings.get("timeout"),
            max_retries=settings.get("max_retries", 0),
            default_headers={"X-Framework": "chat-model-like"},
            default_query={"api-version": "2024-10-21"},
            http_client=http_client,
        )
        self.client = self.root_client.chat.completions

    def invoke(self, messages: list[Any], **params: Any) -> Any:
        raw = self.client.with_raw_response.create(messages=messages, model="gpt-4o", **params)
        response = raw.parse()
        return self.chat_result(response, {"headers": dict(raw.headers)})

    def chat_result(self, response: Any, info: dict[str, Any]) -> Any:
        response_dict = response if isinstance(response, dict) else response.model_dump()
        if response_dict.get("error"):
            raise ValueError(response_dict.get("error"))
        generations = []
        for res in response_dict["choices"]:
            message = res["message"]
            generations.append(
                {
                    "role": message["role"],
                    "content": message.get("content") or "",
                    "tool_calls": message.get("tool_calls"),
                    "finish_reason": res.get("finish_reason"),
                    "logprobs": res.get("logprobs"),
                    "refusal": message.get("refusal"),
                }
            )
        llm_output = {
            "token_usage": response_dict.get("usage"),
            "model_name": response_dict.get("model"),
            "system_fingerprint": response_dict.get("system_fingerprint", ""),
            "id": response_dict.get("id"),
            "service_tier": response_dict.get("service_tier"),
        }
        parsed = None
        if isinstance(response, self.openai.BaseModel) and getattr(response, "choices", None):
            parsed = getattr(response.choices[0].message, "parsed", "no parsed attribute")
        return generations, llm_output, parsed, info

    def stream(self, messages: list[Any], **params: Any) -> Any:
        chunks = []
        with self.client.create(
            messages=messages,
            model="gpt-4o",
            stream=True,
            stream_options={"include_usage": True},
            **params,
        ) as response:
            for chunk in response:
                if not isinstance(chunk, dict):
                    chunk = chunk.model_dump()
                usage = chunk.get("usage")
                if len(chunk["choices"]) == 0:
                    chunks.append(("usage", usage))
                    continue
                choice = chunk["choices"][0]
                chunks.append(
                    (
                        choice["delta"].get("content"),
                        choice.get("finish_reason"),
                        chunk.get("system_fingerprint"),
                    )
                )
        return chunks


ASK = [{"role": "user", "content": "Hi"}]


@program
def chat_model_invoke_with_raw_response_and_hooks(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(
        Reply.json(chat_completion({"role": "assistant", "content": "Hello!"}), headers=HEADERS)
    )
    model = ChatModelLike(openai, server.url + "/v1", timeout=30.0)
    with model.root_client:
        generations, llm_output, parsed, info = model.invoke(ASK, temperature=0.2, n=1)
    headers = {k: v for k, v in info["headers"].items() if k in HEADERS}
    return generations, llm_output, parsed, headers, model.trace, [wire(r) for r in server.requests]


@program
def chat_model_streams_with_usage(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        sse(
            [
                chat_chunk({"role": "assistant", "content": ""}),
                chat_chunk({"content": "Hel"}),
                chat_chunk({"content": "lo"}),
                chat_chunk({}, finish_reason="stop"),
                {**chat_chunk({}), "choices": [], "usage": USAGE},
            ]
        )
    )
    model = ChatModelLike(openai, server.url + "/v1")
    with model.root_client:
        chunks = model.stream(ASK)
    return chunks, model.trace, [wire(r) for r in server.requests]


@program
def per_call_options_derived_with_with_options(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """llama-index/langchain build a per-call client: `client.with_options(timeout=..., max_retries=...)`."""
    server.reply(
        Reply.json(
            {"error": {"message": "busy", "type": "server_error", "param": None, "code": None}},
            status=500,
        ),
        Reply.json(chat_completion({"role": "assistant", "content": "second try"})),
        Reply.json(chat_completion({"role": "assistant", "content": "copy"})),
    )
    base = openai.OpenAI(api_key=API_KEY, base_url=server.url + "/v1", max_retries=0, timeout=600)
    with base:
        derived = base.with_options(timeout=12.5, max_retries=1)
        answer = derived.chat.completions.create(model="gpt-4o", messages=ASK)
        copied = base.copy(default_headers={"X-Trace": "1"})
        second = copied.chat.completions.create(model="gpt-4o", messages=ASK)
        settings = [
            (c.max_retries, c.timeout, c.base_url == base.base_url) for c in (base, derived, copied)
        ]
    seen = [
        (r.headers.get("x-stainless-retry-count"), r.headers.get("x-trace"))
        for r in server.requests
    ]
    return (
        answer.choices[0].message.content,
        second.choices[0].message.content,
        settings,
        [s[1] for s in seen],
    )


def tool_delta_chunks() -> list[Any]:
    head = {
        "index": 0,
        "id": "call_w",
        "type": "function",
        "function": {"name": "lookup", "arguments": ""},
    }
    return [
        chat_chunk({"role": "assistant", "content": None, "tool_calls": [head]}),
        chat_chunk({"tool_calls": [{"index": 0, "function": {"arguments": '{"q": '}}]}),
        chat_chunk({"tool_calls": [{"index": 0, "function": {"arguments": '"rome"}'}}]}),
        chat_chunk(
            {
                "tool_calls": [
                    {
                        **head,
                        "index": 1,
                        "id": "call_x",
                        "function": {"name": "clock", "arguments": "{}"},
                    }
                ]
            }
        ),
        chat_chunk({}, finish_reason="tool_calls"),
    ]


@program
def llama_index_style_tool_call_merge(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """Deltas merged in place into the first ChoiceDeltaToolCall of each index, as llama-index does."""
    server.reply(sse(tool_delta_chunks()))
    chunk_types = types_of(openai, "chat.chat_completion_chunk")
    tool_calls: list[Any] = []
    for response in client.chat.completions.create(
        model="gpt-4o", messages=ASK, stream=True, tools=[]
    ):
        delta = (
            response.choices[0].delta if len(response.choices) > 0 else chunk_types.ChoiceDelta()
        )
        for tc_delta in delta.tool_calls or []:
            if len(tool_calls) <= tc_delta.index:
                tool_calls.append(tc_delta)
                continue
            current = tool_calls[tc_delta.index]
            if current.function is None or tc_delta.function is None:
                continue
            current.function.arguments = (current.function.arguments or "") + (
                tc_delta.function.arguments or ""
            )
            current.function.name = current.function.name or tc_delta.function.name
            current.id = current.id or tc_delta.id
    return (
        [type(t).__name__ for t in tool_calls],
        [t.model_dump(exclude_none=True) for t in tool_calls],
        [isinstance(t, chunk_types.ChoiceDeltaToolCall) for t in tool_calls],
        repr(chunk_types.ChoiceDelta()),
    )


@program
def message_dicts_for_history(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Answers turned back into request messages: exclude_unset / exclude_none, by_alias."""
    tool_call = {"id": "call_h", "type": "function", "function": {"name": "f", "arguments": "{}"}}
    server.reply(
        Reply.json(
            chat_completion(
                {"role": "assistant", "content": None, "tool_calls": [tool_call]}, "tool_calls"
            )
        ),
        Reply.json(chat_completion({"role": "assistant", "content": "done"})),
    )
    first = client.chat.completions.create(model="gpt-4o", messages=ASK)
    message = first.choices[0].message
    history = [
        *ASK,
        message.model_dump(exclude_unset=True),
        {"role": "tool", "tool_call_id": message.tool_calls[0].id, "content": "42"},
    ]
    client.chat.completions.create(model="gpt-4o", messages=history)
    return (
        message.model_dump(exclude_unset=True),
        message.model_dump(exclude_none=True),
        message.model_dump(exclude_unset=True, exclude_none=True, by_alias=True),
        first.model_dump(exclude_unset=True)["usage"],
        first.model_dump(mode="json", exclude_none=True)["choices"][0],
        server.requests[-1].json()["messages"],
    )


# --- a litellm-like proxy: its own errors and usage on top of the SDK's ----------------------------


class ProxyError(Exception):
    def __init__(self, kind: str, status: int, message: str, headers: Any, detail: Any) -> None:
        super().__init__(message)
        self.kind, self.status, self.headers, self.detail = kind, status, headers, detail


def map_error(openai: ModuleType, error: Exception) -> ProxyError:
    if isinstance(error, openai.APITimeoutError):
        return ProxyError("Timeout", 408, str(error), None, None)
    if isinstance(error, openai.APIConnectionError):
        return ProxyError("APIConnectionError", 500, str(error), None, None)
    if isinstance(error, openai.APIStatusError):
        status_code = getattr(error, "status_code", 500)
        error_headers = getattr(error, "headers", None)
        if error_headers is None and getattr(error, "response", None) is not None:
            error_headers = error.response.headers
        kinds = {
            400: "BadRequestError",
            401: "AuthenticationError",
            404: "NotFoundError",
            429: "RateLimitError",
        }
        detail = {
            "message": getattr(error, "message", str(error)),
            "body": error.body,
            "code": error.code,
            "param": error.param,
            "type": error.type,
            "request_id": error.request_id,
            "class": type(error).__name__,
            "retry_after": error.response.headers.get("retry-after"),
        }
        headers = {
            k: v for k, v in dict(error_headers or {}).items() if k.startswith(("x-", "retry"))
        }
        return ProxyError(
            kinds.get(status_code, "APIError"), status_code, str(error), headers, detail
        )
    raise error


def error_reply(status: int, body: Any, **headers: str) -> Reply:
    return Reply.json(body, status=status, headers={"x-request-id": f"req_{status}", **headers})


@program
def litellm_like_error_mapping(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        error_reply(
            400,
            {
                "error": {
                    "message": "bad temperature",
                    "type": "invalid_request_error",
                    "param": "temperature",
                    "code": "invalid_value",
                }
            },
        ),
        error_reply(
            401,
            {
                "error": {
                    "message": "Incorrect API key",
                    "type": "invalid_request_error",
                    "param": None,
                    "code": "invalid_api_key",
                }
            },
        ),
        error_reply(
            429,
            {
                "error": {
                    "message": "Rate limit",
                    "type": "requests",
                    "param": None,
                    "code": "rate_limit_exceeded",
                }
            },
            **{"retry-after": "2"},
        ),
        error_reply(418, {"unexpected": True}),
        Reply.raw(b"<html>gateway</html>", 502, {"x-request-id": "req_502"}, "text/html"),
        Reply.drop(),
    )
    mapped = []
    for _ in range(6):
        try:
            client.chat.completions.create(model="gpt-4o", messages=ASK, temperature=9)
        except Exception as error:
            proxy_error = map_error(openai, error)
            mapped.append(
                (proxy_error.kind, proxy_error.status, proxy_error.headers, proxy_error.detail)
            )
    return mapped


def usage_subclass(openai: ModuleType) -> type:
    usage_types = types_of(openai, "completion_usage")

    class Usage(usage_types.CompletionUsage):  # type: ignore[misc, valid-type]
        _cache_creation_input_tokens: int = PrivateAttr(0)

        def __init__(
            self,
            prompt_tokens: int | None = None,
            completion_tokens: int | None = None,
            total_tokens: int | None = None,
            reasoning_tokens: int | None = None,
            cache_creation_input_tokens: int | None = None,
            **params: Any,
        ) -> None:
            details = params.pop("completion_tokens_details", None)
            if details is None and reasoning_tokens is not None:
                details = usage_types.CompletionTokensDetails(reasoning_tokens=reasoning_tokens)
            super().__init__(
                prompt_tokens=prompt_tokens or 0,
                completion_tokens=completion_tokens or 0,
                total_tokens=total_tokens or 0,
                completion_tokens_details=details,
                **params,
            )
            if cache_creation_input_tokens is not None:
                self._cache_creation_input_tokens = cache_creation_input_tokens

        def get(self, key: str, default: Any = None) -> Any:
            return getattr(self, key, default)

        def __getitem__(self, key: str) -> Any:
            return getattr(self, key)

        def __contains__(self, key: str) -> bool:
            return getattr(self, key, None) is not None

    return Usage


@program
def litellm_like_usage_from_a_raw_response(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    body = chat_completion({"role": "assistant", "content": "ok"})
    body["usage"]["completion_tokens_details"]["reasoning_tokens"] = 5
    server.reply(Reply.json(body, headers=HEADERS))
    raw = client.chat.completions.with_raw_response.create(model="o3-mini", messages=ASK)
    response = raw.parse()
    Usage = usage_subclass(openai)
    answered = response.usage
    usage = Usage(
        prompt_tokens=answered.prompt_tokens,
        completion_tokens=answered.completion_tokens,
        total_tokens=answered.total_tokens,
        reasoning_tokens=answered.completion_tokens_details.reasoning_tokens,
        cache_creation_input_tokens=3,
        prompt_tokens_details=answered.prompt_tokens_details,
    )
    dumped = response.model_dump()
    dumped["usage"] = usage.model_dump(exclude_none=True)
    return (
        usage.model_dump(),
        usage.get("total_tokens"),
        usage["prompt_tokens"],
        "completion_tokens_details" in usage,
        usage._cache_creation_input_tokens,
        repr(usage),
        Usage(reasoning_tokens=2).model_dump(exclude_unset=True),
        sorted(dumped),
        {k: v for k, v in raw.headers.items() if k in HEADERS},
        raw.http_request.url.path,
        raw.status_code,
        raw.retries_taken,
    )


@program
def litellm_like_raw_stream(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """litellm streams through with_raw_response: headers first, then `parse()` gives the stream."""
    server.reply(
        Reply.sse(
            [
                f"data: {json.dumps(c)}\n\n"
                for c in (
                    chat_chunk({"role": "assistant", "content": "Hi"}),
                    chat_chunk({"content": " there"}),
                    chat_chunk({}, finish_reason="stop"),
                    {**chat_chunk({}), "choices": [], "usage": USAGE},
                )
            ]
            + ["data: [DONE]\n\n"],
            headers=HEADERS,
        )
    )
    raw = client.chat.completions.with_raw_response.create(
        model="gpt-4o", messages=ASK, stream=True, stream_options={"include_usage": True}
    )
    headers = {k: v for k, v in dict(raw.headers).items() if k in HEADERS}
    response = raw.parse()
    pieces = []
    usage = None
    for chunk in response:
        if chunk.usage:
            usage = chunk.usage
        for choice in chunk.choices:
            pieces.append((choice.delta.content, choice.finish_reason, choice.delta.role))
    response.close()
    return (
        headers,
        type(response).__name__,
        pieces,
        usage.model_dump(exclude_unset=True),
        raw.status_code,
    )


def embedding_answer(count: int) -> Any:
    return {
        "object": "list",
        "data": [
            {"object": "embedding", "index": i, "embedding": [0.5 * i, -0.25]} for i in range(count)
        ],
        "model": "text-embedding-3-small",
        "usage": {"prompt_tokens": 5, "total_tokens": 5},
    }


@program
def langchain_like_embeddings_of_token_arrays(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """Texts pre-tokenized and sent in batches as token arrays; answers read back as dicts."""
    server.reply(Reply.json(embedding_answer(2)), Reply.json(embedding_answer(1)))
    embeddings = client.embeddings
    params = {"model": "text-embedding-3-small", "dimensions": 2}
    batches = [[[1, 2, 3], [4, 5]], [[6]]]
    vectors: list[Any] = []
    for batch in batches:
        response = embeddings.create(input=batch, **params)
        if not isinstance(response, dict):
            response = response.model_dump()
        vectors.extend(r["embedding"] for r in response["data"])
    return vectors, response["usage"], [wire(r) for r in server.requests]


test_program_observes_the_same = observed_the_same(PROGRAMS)


@async_program
async def async_wrapper_raw_and_stream(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(
        Reply.json(chat_completion({"role": "assistant", "content": "Hello!"}), headers=HEADERS),
        sse(
            [
                chat_chunk({"content": "a"}),
                chat_chunk({}, finish_reason="stop"),
                {**chat_chunk({}), "choices": [], "usage": USAGE},
            ]
        ),
    )
    per_call = client.with_options(timeout=5.0, max_retries=0)
    raw = await per_call.chat.completions.with_raw_response.create(model="gpt-4o", messages=ASK)
    response = raw.parse()
    seen = []
    stream = await per_call.chat.completions.create(
        model="gpt-4o", messages=ASK, stream=True, stream_options={"include_usage": True}
    )
    async for chunk in stream:
        seen.append(chunk.model_dump(exclude_none=True))
    return (
        response.model_dump(exclude_unset=True),
        {k: v for k, v in raw.headers.items() if k in HEADERS},
        seen,
        per_call.timeout,
        [wire(r) for r in server.requests],
    )


@async_program
async def async_litellm_like_error_mapping(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(
        error_reply(
            404,
            {
                "error": {
                    "message": "no model",
                    "type": "invalid_request_error",
                    "param": "model",
                    "code": "model_not_found",
                }
            },
        ),
    )
    try:
        await client.chat.completions.create(model="nope", messages=ASK)
    except openai.APIStatusError as error:
        proxy_error = map_error(openai, error)
        return proxy_error.kind, proxy_error.status, proxy_error.headers, proxy_error.detail
    return "no error"


@async_program
async def async_wrapper_with_its_own_httpx_client(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """An async wrapper injecting httpx.AsyncClient with async event hooks (tracing, header stamp)."""
    trace: list[Any] = []

    async def on_request(request: httpx.Request) -> None:
        request.headers["x-trace-id"] = "t-1"
        trace.append(
            ("request", request.method, request.url.path, request.url.params.get("api-version"))
        )

    async def on_response(response: httpx.Response) -> None:
        trace.append(("response", response.status_code, response.headers.get("x-request-id")))

    server.reply(
        Reply.json(
            {"error": {"message": "slow down", "type": "requests", "param": None, "code": None}},
            status=429,
            headers={"retry-after-ms": "10", "x-request-id": "req_a"},
        ),
        Reply.json(chat_completion({"role": "assistant", "content": "ok"}), headers=HEADERS),
    )
    async with openai.AsyncOpenAI(
        api_key=API_KEY,
        base_url=server.url + "/v1",
        max_retries=1,
        default_query={"api-version": "2024-10-21"},
        http_client=httpx.AsyncClient(
            event_hooks={"request": [on_request], "response": [on_response]}
        ),
    ) as own:
        response = await own.chat.completions.create(model="gpt-4o", messages=ASK)
    return (
        response.choices[0].message.content,
        trace,
        [(r.path, r.query, r.headers.get("x-trace-id")) for r in server.requests],
    )


test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
