"""Real-world sweep M, libraries that patch the client (instructor's idiom): a ``patch(client)``
that swaps ``client.chat.completions.create`` for a wrapper (``functools.wraps`` of the bound
method) reading ``response_model``, sending it as a forced tool (``ChatCompletionToolParam``) or
JSON mode, validating the answer with pydantic and, on a validation error, re-asking with the
assistant message dumped back and a ``ChatCompletionToolMessageParam`` naming the errors; usage
summed over the attempts into a ``CompletionUsage`` it mutates; the raw completion kept on the
result; a streamed "partial" variant accumulating tool-call arguments; the async twin — run
against both packages over the loopback server.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import json
from types import ModuleType
from typing import Any

from pydantic import BaseModel, Field, ValidationError, field_validator

from tests.support.server import Reply, ScriptedServer

from .programs import async_observed_the_same, observed_the_same, registry
from .test_real_world_apps import (
    USAGE,
    chat_chunk,
    chat_completion,
    output_message,
    response_object,
    sse,
    wire,
)

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


class UserDetail(BaseModel):
    """A user named in the text."""

    name: str = Field(description="the name as written")
    age: int

    @field_validator("name")
    @classmethod
    def upper_case(cls, value: str) -> str:
        if value != value.upper():
            raise ValueError("name must be in uppercase")
        return value


def tool_answer(arguments: dict[str, Any], call_id: str = "call_1", **usage: int) -> Any:
    completion = chat_completion(
        {
            "role": "assistant",
            "content": None,
            "tool_calls": [
                {
                    "id": call_id,
                    "type": "function",
                    "function": {"name": "UserDetail", "arguments": json.dumps(arguments)},
                }
            ],
        },
        finish_reason="tool_calls",
    )
    completion["usage"] = {**completion["usage"], **usage}
    return completion


class InstructorLike:
    """The patching library, written against whichever package it is given."""

    def __init__(self, openai: ModuleType) -> None:
        self.openai = openai
        chat = importlib.import_module(f"{openai.__name__}.types.chat")
        usage_module = importlib.import_module(f"{openai.__name__}.types.completion_usage")
        self.tool_param = chat.ChatCompletionToolParam
        self.tool_message = chat.ChatCompletionToolMessageParam
        self.usage_class = usage_module.CompletionUsage
        self.usage_details = (
            usage_module.CompletionTokensDetails,
            usage_module.PromptTokensDetails,
        )

    def request(self, model: type[BaseModel], mode: str, kwargs: dict[str, Any]) -> dict[str, Any]:
        if mode == "json":
            schema = json.dumps(model.model_json_schema())
            system = {"role": "system", "content": f"Answer in JSON matching this schema: {schema}"}
            return {
                **kwargs,
                "messages": [system, *kwargs["messages"]],
                "response_format": {"type": "json_object"},
            }
        tool = self.tool_param(
            type="function",
            function={
                "name": model.__name__,
                "description": inspect.cleandoc(model.__doc__ or ""),
                "parameters": model.model_json_schema(),
            },
        )
        choice = {"type": "function", "function": {"name": model.__name__}}
        return {**kwargs, "tools": [tool], "tool_choice": choice}

    def read(self, model: type[BaseModel], mode: str, completion: Any) -> BaseModel:
        message = completion.choices[0].message
        if mode == "json":
            return model.model_validate_json(message.content or "")
        return model.model_validate_json(message.tool_calls[0].function.arguments)

    def reask(self, mode: str, completion: Any, error: ValidationError) -> list[Any]:
        message = completion.choices[0].message
        dumped = message.model_dump(exclude_none=True)
        if mode == "json":
            return [
                dumped,
                {"role": "user", "content": f"Correct your JSON: {error.errors()[0]['msg']}"},
            ]
        call = message.tool_calls[0]
        fix = self.tool_message(
            role="tool", tool_call_id=call.id, content=f"Fix: {error.errors()[0]['msg']}"
        )
        return [dumped, fix]

    def empty_usage(self) -> Any:
        completion_details, prompt_details = self.usage_details
        return self.usage_class(
            completion_tokens=0,
            prompt_tokens=0,
            total_tokens=0,
            completion_tokens_details=completion_details(audio_tokens=0, reasoning_tokens=0),
            prompt_tokens_details=prompt_details(audio_tokens=0, cached_tokens=0),
        )

    def add_usage(self, total: Any, usage: Any) -> None:
        total.completion_tokens += usage.completion_tokens or 0
        total.prompt_tokens += usage.prompt_tokens or 0
        total.total_tokens += usage.total_tokens or 0
        if usage.prompt_tokens_details and total.prompt_tokens_details:
            total.prompt_tokens_details.cached_tokens += (
                usage.prompt_tokens_details.cached_tokens or 0
            )

    def patch(self, client: Any, mode: str = "tools") -> Any:
        create = client.chat.completions.create

        @functools.wraps(create)
        def new_create(
            *args: Any, response_model: Any = None, max_retries: int = 1, **kwargs: Any
        ) -> Any:
            if response_model is None:
                return create(*args, **kwargs)
            kwargs = self.request(response_model, mode, kwargs)
            total = self.empty_usage()
            for _ in range(max_retries + 1):
                completion = create(*args, **kwargs)
                self.add_usage(total, completion.usage)
                try:
                    result = self.read(response_model, mode, completion)
                except ValidationError as error:
                    kwargs["messages"] = [*kwargs["messages"], *self.reask(mode, completion, error)]
                    last = error
                    continue
                completion.usage = total
                result._raw_response = completion  # type: ignore[attr-defined]
                return result
            raise last

        client.chat.completions.create = new_create
        return client

    def apatch(self, client: Any) -> Any:
        create = client.chat.completions.create

        @functools.wraps(create)
        async def new_create(
            *args: Any, response_model: Any = None, max_retries: int = 1, **kwargs: Any
        ) -> Any:
            if response_model is None:
                return await create(*args, **kwargs)
            kwargs = self.request(response_model, "tools", kwargs)
            for _ in range(max_retries + 1):
                completion = await create(*args, **kwargs)
                try:
                    return self.read(response_model, "tools", completion)
                except ValidationError as error:
                    kwargs["messages"] = [
                        *kwargs["messages"],
                        *self.reask("tools", completion, error),
                    ]
                    last = error
            raise last

        client.chat.completions.create = new_create
        return client


ASK = [{"role": "user", "content": "Extract: jason is 25 years old"}]


@program
def patched_create_retries_a_validation_error(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(
        Reply.json(tool_answer({"name": "jason", "age": 25}, "call_1")),
        Reply.json(
            tool_answer({"name": "JASON", "age": 25}, "call_2", prompt_tokens=30, total_tokens=42)
        ),
    )
    library = InstructorLike(openai)
    bound = client.chat.completions.create
    patched = library.patch(client)
    user = patched.chat.completions.create(
        model="gpt-4o-mini", messages=ASK, response_model=UserDetail
    )
    raw = user._raw_response  # type: ignore[attr-defined]
    return (
        user.model_dump(),
        (bound.__name__, bound.__qualname__, patched.chat.completions.create.__name__),
        patched.chat.completions.create.__wrapped__ == bound,
        client.chat.completions is client.chat.completions,
        type(raw).__name__,
        raw.usage.model_dump(),
        raw.usage.model_dump(exclude_unset=True),
        raw.model_dump(exclude_none=True)["choices"][0]["message"],
        [wire(r) for r in server.requests],
    )


@program
def patched_create_in_json_mode_and_passthrough(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(
        Reply.json(
            chat_completion({"role": "assistant", "content": '{"name": "jason", "age": "x"}'})
        ),
        Reply.json(
            chat_completion({"role": "assistant", "content": '{"name": "JASON", "age": 25}'})
        ),
        Reply.json(chat_completion({"role": "assistant", "content": "plain"})),
    )
    patched = InstructorLike(openai).patch(client, mode="json")
    user = patched.chat.completions.create(
        model="gpt-4o-mini", messages=ASK, response_model=UserDetail, max_retries=2, temperature=0
    )
    plain = patched.chat.completions.create(model="gpt-4o-mini", messages=ASK)
    return (
        user.model_dump(),
        type(plain).__name__,
        plain.choices[0].message.content,
        [wire(r) for r in server.requests],
    )


@program
def retries_exhausted_raise_the_validation_error(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(
        Reply.json(tool_answer({"name": "jason", "age": 25}, "call_1")),
        Reply.json(tool_answer({"name": "still lower", "age": 25}, "call_2")),
    )
    patched = InstructorLike(openai).patch(client)
    try:
        patched.chat.completions.create(
            model="gpt-4o-mini", messages=ASK, response_model=UserDetail
        )
    except ValidationError as error:
        raised = [e["msg"] for e in error.errors()]
    return raised, [r.json()["messages"][-1] for r in server.requests]


@program
def usage_built_and_mutated_by_the_library(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    library = InstructorLike(openai)
    total = library.empty_usage()
    usage_module = importlib.import_module(f"{openai.__name__}.types")
    for answer in (USAGE, {**USAGE, "prompt_tokens_details": {"cached_tokens": 4}}):
        library.add_usage(total, usage_module.CompletionUsage.model_validate(answer))
    return (
        repr(total),
        total.model_dump(),
        total.model_dump(exclude_unset=True),
        total.to_dict(),
        total.model_fields_set
        == {
            "completion_tokens",
            "prompt_tokens",
            "total_tokens",
            "completion_tokens_details",
            "prompt_tokens_details",
        },
    )


def partial_chunks(arguments: str) -> list[Any]:
    head = {
        "index": 0,
        "id": "call_p",
        "type": "function",
        "function": {"name": "UserDetail", "arguments": ""},
    }
    pieces = [arguments[i : i + 6] for i in range(0, len(arguments), 6)]
    return [
        chat_chunk({"role": "assistant", "content": None, "tool_calls": [head]}),
        *[chat_chunk({"tool_calls": [{"index": 0, "function": {"arguments": p}}]}) for p in pieces],
        chat_chunk({}, finish_reason="tool_calls"),
        {**chat_chunk({}), "choices": [], "usage": USAGE},
    ]


@program
def partial_objects_streamed_from_tool_call_deltas(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """instructor's Partial[...] streaming: arguments accumulated per chunk, parsed leniently."""
    arguments = json.dumps({"name": "JASON", "age": 25})
    server.reply(sse(partial_chunks(arguments)))
    library = InstructorLike(openai)
    stream = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=ASK,
        tools=[library.request(UserDetail, "tools", {"messages": ASK})["tools"][0]],
        tool_choice={"type": "function", "function": {"name": "UserDetail"}},
        stream=True,
        stream_options={"include_usage": True},
    )
    so_far = ""
    partials = []
    usage = None
    for chunk in stream:
        if chunk.usage is not None:
            usage = chunk.usage.model_dump(exclude_none=True)
        if not chunk.choices:
            continue
        for call in chunk.choices[0].delta.tool_calls or []:
            if call.function and call.function.arguments:
                so_far += call.function.arguments
                try:
                    partials.append(
                        json.loads(so_far + '"}' if so_far.count('"') % 2 else so_far + "}")
                    )
                except json.JSONDecodeError:
                    partials.append(None)
    return (
        partials,
        UserDetail.model_validate_json(so_far).model_dump(),
        usage,
        type(stream).__name__,
    )


@program
def instrumentation_wrapping_the_resource_class(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """Tracing libraries (langfuse, openlit) wrap `resources.chat.completions.Completions.create`
    on the class: plain, raw and streaming-response calls all pass through the wrapper."""
    module = importlib.import_module(f"{openai.__name__}.resources.chat.completions")
    cls = module.Completions
    original = cls.create
    spans: list[Any] = []

    @functools.wraps(original)
    def traced(self: Any, *args: Any, **kwargs: Any) -> Any:
        spans.append(
            ("start", type(self).__name__, kwargs.get("model"), kwargs.get("stream", False))
        )
        result = original(self, *args, **kwargs)
        spans.append(("end", type(result).__name__))
        return result

    server.reply(
        Reply.json(chat_completion({"role": "assistant", "content": "one"})),
        Reply.json(chat_completion({"role": "assistant", "content": "two"})),
        Reply.json(chat_completion({"role": "assistant", "content": "three"})),
        sse([chat_chunk({"content": "four"}), chat_chunk({}, finish_reason="stop")]),
    )
    cls.create = traced
    try:
        completions = client.chat.completions
        texts = [completions.create(model="gpt-4o", messages=ASK).choices[0].message.content]
        raw = completions.with_raw_response.create(model="gpt-4o", messages=ASK)
        texts.append(raw.parse().choices[0].message.content)
        with completions.with_streaming_response.create(model="gpt-4o", messages=ASK) as streamed:
            texts.append(streamed.parse().choices[0].message.content)
        texts.extend(
            c.choices[0].delta.content
            for c in completions.create(model="gpt-4o", messages=ASK, stream=True)
        )
    finally:
        cls.create = original
    return texts, spans, cls.create is original


test_program_observes_the_same = observed_the_same(PROGRAMS)


def is_async(function: Any) -> bool:
    """instructor's test for an async create: the function or anything it wraps is a coroutine
    function (the SDK's overloaded creates are plain functions wrapping one)."""
    found = inspect.iscoroutinefunction(function)
    while hasattr(function, "__wrapped__"):
        function = function.__wrapped__
        found = found or inspect.iscoroutinefunction(function)
    return found


@async_program
async def async_patched_create(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        Reply.json(tool_answer({"name": "jason", "age": 25}, "call_1")),
        Reply.json(tool_answer({"name": "JASON", "age": 25}, "call_2")),
    )
    create = client.chat.completions.create
    patched = InstructorLike(openai).apatch(client)
    user = await patched.chat.completions.create(
        model="gpt-4o-mini", messages=ASK, response_model=UserDetail
    )
    return (
        user.model_dump(),
        is_async(create),
        is_async(patched.chat.completions.create),
        [wire(r) for r in server.requests],
    )


@async_program
async def async_instrumentation_of_responses_and_chat(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    chat_module = importlib.import_module(f"{openai.__name__}.resources.chat.completions")
    responses_module = importlib.import_module(f"{openai.__name__}.resources.responses")
    targets = [chat_module.AsyncCompletions, responses_module.AsyncResponses]
    originals = [cls.create for cls in targets]
    spans: list[Any] = []

    def tracer(original: Any) -> Any:
        @functools.wraps(original)
        async def traced(self: Any, *args: Any, **kwargs: Any) -> Any:
            spans.append(("start", type(self).__name__, kwargs.get("model")))
            result = await original(self, *args, **kwargs)
            spans.append(("end", type(result).__name__))
            return result

        return traced

    server.reply(
        Reply.json(chat_completion({"role": "assistant", "content": "chat"})),
        Reply.json(response_object([output_message("responses")])),
        Reply.json(response_object([output_message("raw")])),
    )
    for cls, original in zip(targets, originals, strict=True):
        cls.create = tracer(original)
    try:
        chat = await client.chat.completions.create(model="gpt-4o", messages=ASK)
        response = await client.responses.create(model="gpt-4.1", input="hi")
        raw = await client.responses.with_raw_response.create(model="gpt-4.1", input="hi")
    finally:
        for cls, original in zip(targets, originals, strict=True):
            cls.create = original
    return chat.choices[0].message.content, response.output_text, raw.parse().output_text, spans


test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
