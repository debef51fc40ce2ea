"""Real-world sweep 2A, libraries that subclass or patch the client: a client subclass with a
rotating key behind ``auth_headers``, extra constructor arguments and copies of it, a resource
subclass installed on a client, class-level patches the tracing libraries apply (and how raw and
streaming-response calls reach them), ``functools.wraps`` wrappers read back by introspection —
programs written for the official SDK, run unchanged against both packages over the loopback
server.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import itertools
from types import ModuleType
from typing import Any

from tests.support.server import Reply, ScriptedServer

from .conftest import API_KEY
from .programs import async_observed_the_same, observed_the_same, registry
from .test_real_world_apps import chat_chunk, chat_completion, sse

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()

ASK = [{"role": "user", "content": "hi"}]
ANSWER = Reply.json(chat_completion({"role": "assistant", "content": "fine"}))
MODEL = {"id": "gpt-4o", "object": "model", "created": 1, "owned_by": "openai"}


def module_of(openai: ModuleType, path: str) -> ModuleType:
    return importlib.import_module(f"{openai.__name__}.{path}")


@program
def rotating_key_behind_auth_headers(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A key vault client: ``auth_headers`` overridden to hand out the next key for each request;
    copies made by ``with_options`` and ``copy`` stay of the subclass and keep rotating."""
    keys = itertools.count(1)

    class VaultClient(openai.OpenAI):  # type: ignore[misc, name-defined]
        @property
        def auth_headers(self) -> dict[str, str]:
            return {"Authorization": f"Bearer vault-{next(keys)}"}

    server.default = ANSWER
    with VaultClient(api_key=API_KEY, base_url=server.url + "/v1", max_retries=0) as vault:
        vault.chat.completions.create(model="gpt-4o", messages=ASK)
        quick = vault.with_options(timeout=3)
        quick.chat.completions.create(model="gpt-4o", messages=ASK)
        copied = vault.copy(default_headers={"X-App": "a"})
        copied.chat.completions.create(model="gpt-4o", messages=ASK)
        kinds = [type(quick).__name__, type(copied).__name__, isinstance(copied, openai.OpenAI)]
    return kinds, [
        (r.headers.get("authorization"), r.headers.get("x-app")) for r in server.requests
    ]


@program
def subclass_with_its_own_constructor(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A gateway client taking a ``tenant`` of its own and passing the rest on; copying it fails
    (the copy calls the constructor without ``tenant``) — a library learns that the same way."""

    class GatewayClient(openai.OpenAI):  # type: ignore[misc, name-defined]
        def __init__(self, *, tenant: str, **kwargs: Any) -> None:
            self.tenant = tenant
            super().__init__(default_headers={"X-Tenant": tenant}, **kwargs)

    server.default = ANSWER
    gateway = GatewayClient(tenant="t1", api_key=API_KEY, base_url=server.url + "/v1")
    gateway.chat.completions.create(model="gpt-4o", messages=ASK)
    try:
        gateway.with_options(max_retries=0)
        copied: Any = "copied"
    except TypeError as error:
        copied = ("TypeError", "tenant" in str(error))
    gateway.close()
    return (
        gateway.tenant,
        gateway.max_retries,
        copied,
        [r.headers.get("x-tenant") for r in server.requests],
    )


@program
def resource_subclass_installed_on_a_client(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A provider shim: a ``Models`` subclass whose ``retrieve`` adds a prefix, set on the client
    in place of its ``models``; and a chat ``Completions`` subclass defaulting the model."""
    resources = module_of(openai, "resources")
    chat_module = module_of(openai, "resources.chat.completions")

    class PrefixedModels(resources.Models):  # type: ignore[misc, name-defined]
        def retrieve(self, model: str, **kwargs: Any) -> Any:
            return super().retrieve(f"org/{model}", **kwargs)

    class DefaultModelCompletions(chat_module.Completions):  # type: ignore[misc, name-defined]
        def create(self, **kwargs: Any) -> Any:
            kwargs.setdefault("model", "gpt-4o-mini")
            return super().create(**kwargs)

    server.reply(Reply.json(MODEL), ANSWER, Reply.json(MODEL))
    client.models = PrefixedModels(client)
    client.chat.completions = DefaultModelCompletions(client)
    model = client.models.retrieve("gpt-4o")
    completion = client.chat.completions.create(messages=ASK)
    raw = client.models.with_raw_response.retrieve("gpt-4o")
    return (
        model.id,
        completion.choices[0].message.content,
        raw.parse().id,
        type(client.models).__name__,
        isinstance(client.chat.completions, chat_module.Completions),
        [(r.method, r.path, r.json() if r.body else None) for r in server.requests],
    )


@program
def class_patch_sees_raw_and_streaming_calls(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A tracer patching ``Completions.create`` on the class before the client is built: raw and
    streaming-response calls pass through it too, and it tells a raw answer by its ``parse``
    (how the SDK marks such a call in the keyword arguments is pinned in
    test_real_world_2a_known.py)."""
    cls = module_of(openai, "resources.chat.completions").Completions
    original = cls.create
    seen: list[Any] = []

    @functools.wraps(original)
    def traced(self: Any, *args: Any, **kwargs: Any) -> Any:
        result = original(self, *args, **kwargs)
        # what it sends to its backend: the answer's id, or the raw answer's status
        seen.append(
            (kwargs["model"], hasattr(result, "parse"), getattr(result, "status_code", None))
        )
        return result

    server.default = ANSWER
    cls.create = traced
    try:
        with openai.OpenAI(api_key=API_KEY, base_url=server.url + "/v1", max_retries=0) as fresh:
            fresh.chat.completions.create(model="gpt-4o", messages=ASK)
            raw = fresh.chat.completions.with_raw_response.create(model="gpt-4o", messages=ASK)
            with fresh.chat.completions.with_streaming_response.create(
                model="gpt-4o", messages=ASK
            ) as response:
                streamed = response.parse().choices[0].message.content
    finally:
        cls.create = original
    return seen, raw.parse().choices[0].message.content, streamed


@program
def wrapped_methods_read_back(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A decorator library wrapping the bound methods it finds and introspecting them: names,
    the signature's parameters and defaults, the wrapped function reached through
    ``__wrapped__``."""

    def logged(method: Any) -> Any:
        @functools.wraps(method)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            return method(*args, **kwargs)

        return wrapper

    seen = []
    for method in (
        client.chat.completions.create,
        client.embeddings.create,
        client.responses.create,
        client.models.retrieve,
        client.files.list,
    ):
        wrapper = logged(method)
        parameters = inspect.signature(wrapper).parameters
        seen.append(
            (
                wrapper.__name__,
                wrapper.__qualname__,
                wrapper.__wrapped__ is method,
                inspect.ismethod(wrapper.__wrapped__),
                [name for name, p in parameters.items() if p.default is inspect.Parameter.empty],
                repr(parameters["timeout"].default),
                parameters["extra_headers"].default,
                [p.kind.name for p in parameters.values()][:2],
            )
        )
    return seen


@program
def stream_proxy_of_a_tracer(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """openlit / OpenTelemetry's stream proxy: an object holding the SDK's stream, iterating it to
    count chunks and closing it on exit; ``isinstance`` against ``openai.Stream`` picks it."""

    class TracedStream:
        def __init__(self, stream: Any) -> None:
            self.stream = stream
            self.chunks = 0
            self.text: list[str] = []

        def __enter__(self) -> TracedStream:
            return self

        def __exit__(self, *exc: Any) -> None:
            self.stream.close()

        def __iter__(self) -> Any:
            return self

        def __next__(self) -> Any:
            chunk = self.stream.__next__()
            self.chunks += 1
            if chunk.choices and chunk.choices[0].delta.content:
                self.text.append(chunk.choices[0].delta.content)
            return chunk

    server.reply(
        sse(
            [
                chat_chunk({"role": "assistant", "content": "a"}),
                chat_chunk({"content": "b"}),
                chat_chunk({}, "stop"),
            ]
        )
    )
    result = client.chat.completions.create(model="gpt-4o", messages=ASK, stream=True)
    picked = isinstance(result, openai.Stream)
    with TracedStream(result) as traced:
        finishes = [c.choices[0].finish_reason for c in traced]
    return picked, traced.chunks, traced.text, finishes, result.response.is_closed


@program
def instance_patch_of_several_resources(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A cost tracker patching the instance methods of several resources and restoring them with
    ``delattr`` (the instance attribute goes, the class method shows through again)."""
    calls: list[Any] = []

    def tracked(resource: Any, name: str) -> None:
        original = getattr(resource, name)

        @functools.wraps(original)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            result = original(*args, **kwargs)
            calls.append((name, type(result).__name__, getattr(result, "usage", None) is not None))
            return result

        setattr(resource, name, wrapper)

    targets = [(client.chat.completions, "create"), (client.embeddings, "create")]
    for resource, name in targets:
        tracked(resource, name)
    server.reply(
        ANSWER,
        Reply.json(
            {
                "object": "list",
                "data": [{"object": "embedding", "index": 0, "embedding": [0.5, 0.25]}],
                "model": "text-embedding-3-small",
                "usage": {"prompt_tokens": 2, "total_tokens": 2},
            }
        ),
        ANSWER,
    )
    client.chat.completions.create(model="gpt-4o", messages=ASK)
    client.embeddings.create(model="text-embedding-3-small", input="hi", encoding_format="float")
    restored = []
    for resource, name in targets:
        delattr(resource, name)
        restored.append(getattr(resource, name).__func__ is getattr(type(resource), name))
    client.chat.completions.create(model="gpt-4o", messages=ASK)
    return calls, restored


@program
def resource_paths_tracers_import(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """The module paths and class names the tracing libraries wrap (``wrap_function_wrapper(
    "openai.resources.chat.completions", "Completions.create", ...)``), each found, a class with
    that method, and the client's resource an instance of it."""
    targets = [
        ("resources.chat.completions", "Completions", "create", "chat.completions"),
        ("resources.chat.completions", "Completions", "parse", "chat.completions"),
        ("resources.chat.completions", "AsyncCompletions", "create", None),
        ("resources.completions", "Completions", "create", "completions"),
        ("resources.embeddings", "Embeddings", "create", "embeddings"),
        ("resources.embeddings", "AsyncEmbeddings", "create", None),
        ("resources.images", "Images", "generate", "images"),
        ("resources.moderations", "Moderations", "create", "moderations"),
        ("resources.responses", "Responses", "create", "responses"),
        ("resources.responses", "Responses", "parse", "responses"),
        ("resources.responses", "Responses", "stream", "responses"),
        ("resources.responses", "AsyncResponses", "create", None),
        ("resources.audio.transcriptions", "Transcriptions", "create", "audio.transcriptions"),
        ("resources.audio.speech", "Speech", "create", "audio.speech"),
        ("resources.beta.assistants", "Assistants", "create", "beta.assistants"),
        ("resources.beta.threads.runs", "Runs", "create", "beta.threads.runs"),
        ("resources.beta.threads.messages", "Messages", "list", "beta.threads.messages"),
        ("resources.beta.threads", "Threads", "create_and_run", "beta.threads"),
        ("resources.vector_stores", "VectorStores", "create", "vector_stores"),
        ("resources.files", "Files", "create", "files"),
        ("resources.batches", "Batches", "create", "batches"),
        ("resources.chat.completions.completions", "Completions", "create", "chat.completions"),
        ("resources.responses.responses", "Responses", "create", "responses"),
    ]
    seen = []
    for path, name, method, attribute in targets:
        cls = getattr(module_of(openai, path), name)
        instance = None
        if attribute:
            instance = client
            for part in attribute.split("."):
                instance = getattr(instance, part)
        seen.append(
            (
                path,
                name,
                callable(getattr(cls, method)),
                None if instance is None else isinstance(instance, cls),
            )
        )
    return seen


test_program_observes_the_same = observed_the_same(PROGRAMS)


@async_program
async def async_subclass_with_an_async_key(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """An async client subclass whose ``auth_headers`` reads a key refreshed by a coroutine the
    app awaits between calls; the copy keeps the subclass."""
    state = {"key": "k0"}

    class Refreshing(openai.AsyncOpenAI):  # type: ignore[misc, name-defined]
        @property
        def auth_headers(self) -> dict[str, str]:
            return {"Authorization": f"Bearer {state['key']}"}

        async def refresh(self) -> None:
            state["key"] = "k" + str(int(state["key"][1:]) + 1)

    server.default = ANSWER
    async with Refreshing(api_key=API_KEY, base_url=server.url + "/v1", max_retries=0) as c:
        await c.chat.completions.create(model="gpt-4o", messages=ASK)
        await c.refresh()
        copy = c.with_options(timeout=2)
        await copy.chat.completions.create(model="gpt-4o", messages=ASK)
        kind = type(copy).__name__
    return kind, [r.headers.get("authorization") for r in server.requests]


@async_program
async def async_class_patch_of_a_stream(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A tracer patching ``AsyncCompletions.create`` on the class and wrapping the async stream it
    gets back in a generator that counts chunks."""
    cls = module_of(openai, "resources.chat.completions").AsyncCompletions
    original = cls.create
    counted: list[int] = []

    @functools.wraps(original)
    async def traced(self: Any, *args: Any, **kwargs: Any) -> Any:
        result = await original(self, *args, **kwargs)
        if not kwargs.get("stream"):
            return result

        async def counting() -> Any:
            count = 0
            async for chunk in result:
                count += 1
                yield chunk
            counted.append(count)

        return counting()

    server.reply(sse([chat_chunk({"content": "x"}), chat_chunk({"content": "y"}, "stop")]))
    cls.create = traced
    try:
        stream = await client.chat.completions.create(model="gpt-4o", messages=ASK, stream=True)
        text = [c.choices[0].delta.content async for c in stream]
    finally:
        cls.create = original
    return text, counted, cls.create is original


test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
