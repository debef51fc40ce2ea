"""Real-world sweep M, agent frameworks on the Responses API (openai-agents and pydantic-ai
idioms): function tools whose schemas come from ``openai.lib._pydantic.to_strict_json_schema`` or
``pydantic_function_tool``, sent as ``FunctionToolParam`` dicts; a run loop that sorts
``response.output`` with ``isinstance`` against ``openai.types.responses`` item classes, feeds the
items back as ``model_dump(exclude_unset=True)`` input, answers calls with ``function_call_output``
items and sums usage; optional settings passed as ``openai.NOT_GIVEN`` / ``openai.omit``; items
the framework builds itself (``ResponseOutputMessage(...)``); streamed runs dispatching events by
class; ``APIStatusError`` turned into the framework's HTTP error — run against both packages over
the loopback server.
"""

from __future__ import annotations

import importlib
from datetime import datetime, timezone
from enum import Enum
from types import ModuleType
from typing import Any, Literal

from pydantic import BaseModel, Field

from tests.support.server import Reply, ScriptedServer

from .programs import async_observed_the_same, observed_the_same, registry
from .test_real_world_apps import (
    chat_completion,
    function_call,
    output_message,
    response_events,
    response_object,
    sse,
    wire,
)

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


class Unit(str, Enum):
    celsius = "c"
    fahrenheit = "f"


class Place(BaseModel):
    city: str
    country: str | None = None


class GetWeather(BaseModel):
    """Weather now at a place."""

    place: Place
    unit: Unit = Field(description="temperature unit")
    days: list[int]
    detail: Literal["short", "long"] | None = None


class Clock(BaseModel):
    """The time in a timezone."""

    tz: str


def responses_types(openai: ModuleType) -> ModuleType:
    return importlib.import_module(f"{openai.__name__}.types.responses")


def strict_schema(openai: ModuleType, model: type[BaseModel]) -> Any:
    return importlib.import_module(f"{openai.__name__}.lib._pydantic").to_strict_json_schema(model)


def function_tools(openai: ModuleType) -> list[Any]:
    """openai-agents' FunctionTool -> FunctionToolParam conversion."""
    types = responses_types(openai)
    return [
        types.FunctionToolParam(
            type="function",
            name=model.__name__,
            description=model.__doc__,
            parameters=strict_schema(openai, model),
            strict=True,
        )
        for model in (GetWeather, Clock)
    ]


def run_tool(name: str, arguments: str) -> str:
    if name == "GetWeather":
        call = GetWeather.model_validate_json(arguments)
        return f"{call.place.city}: 21{call.unit.value}"
    return f"12:00 in {Clock.model_validate_json(arguments).tz}"


class AgentRunner:
    """The run loop of an agents framework, against whichever package it is given."""

    def __init__(self, openai: ModuleType, client: Any) -> None:
        self.openai = openai
        self.client = client
        self.types = responses_types(openai)
        self.usage = {"requests": 0, "input_tokens": 0, "output_tokens": 0, "reasoning_tokens": 0}

    def settings(self, temperature: float | None, tool_choice: str | None) -> dict[str, Any]:
        return {
            "temperature": self.openai.NOT_GIVEN if temperature is None else temperature,
            "tool_choice": tool_choice if tool_choice is not None else self.openai.omit,
            "top_p": self.openai.NOT_GIVEN,
            "max_output_tokens": self.openai.omit,
            "parallel_tool_calls": self.openai.NOT_GIVEN,
            "previous_response_id": self.openai.omit,
            "include": ["reasoning.encrypted_content"],
            "extra_headers": {"User-Agent": "Agents/Python 0.0"},
        }

    def classify(self, item: Any) -> str:
        t = self.types
        if isinstance(item, t.ResponseOutputMessage):
            kinds = [
                "text"
                if isinstance(c, t.ResponseOutputText)
                else "refusal"
                if isinstance(c, t.ResponseOutputRefusal)
                else "?"
                for c in item.content
            ]
            return "message:" + ",".join(kinds)
        if isinstance(item, t.ResponseFunctionToolCall):
            return "call:" + item.name
        if isinstance(item, t.ResponseReasoningItem):
            return f"reasoning:{len(item.summary)}"
        return "other:" + type(item).__name__

    def account(self, response: Any) -> None:
        usage = response.usage
        self.usage["requests"] += 1
        self.usage["input_tokens"] += usage.input_tokens
        self.usage["output_tokens"] += usage.output_tokens
        self.usage["reasoning_tokens"] += usage.output_tokens_details.reasoning_tokens

    def run(self, prompt: str, max_turns: int = 4) -> Any:
        items: list[Any] = [{"role": "user", "content": prompt}]
        seen = []
        for _ in range(max_turns):
            response = self.client.responses.create(
                model="gpt-4.1",
                instructions="You are a helpful agent.",
                input=items,
                tools=function_tools(self.openai),
                **self.settings(temperature=None, tool_choice=None),
            )
            self.account(response)
            seen.append([self.classify(item) for item in response.output])
            items.extend(item.model_dump(exclude_unset=True) for item in response.output)
            calls = [
                i for i in response.output if isinstance(i, self.types.ResponseFunctionToolCall)
            ]
            if not calls:
                return response.output_text, seen, self.usage, items
            for call in calls:
                items.append(
                    {
                        "type": "function_call_output",
                        "call_id": call.call_id,
                        "output": run_tool(call.name, call.arguments),
                    }
                )
        raise RuntimeError("max turns")


def reasoning_item() -> dict[str, Any]:
    return {
        "id": "rs_1",
        "type": "reasoning",
        "summary": [{"type": "summary_text", "text": "Need the weather."}],
        "encrypted_content": "gAAA",
    }


def weather_arguments() -> dict[str, Any]:
    return {"place": {"city": "Rome", "country": None}, "unit": "c", "days": [0, 1], "detail": None}


@program
def agent_run_loop_with_strict_tools(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    usage_reasoning = {
        "input_tokens": 50,
        "input_tokens_details": {"cached_tokens": 0},
        "output_tokens": 20,
        "output_tokens_details": {"reasoning_tokens": 7},
        "total_tokens": 70,
    }
    server.reply(
        Reply.json(
            response_object(
                [
                    reasoning_item(),
                    function_call("GetWeather", weather_arguments(), "call_w"),
                    function_call("Clock", {"tz": "Europe/Rome"}, "call_c"),
                ],
                usage=usage_reasoning,
            )
        ),
        Reply.json(response_object([output_message("21c and noon in Rome.")])),
    )
    text, seen, usage, items = AgentRunner(openai, client).run("Weather and time in Rome?")
    return text, seen, usage, items, [wire(r) for r in server.requests]


@program
def tool_schemas_the_frameworks_build(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    chat_tool = openai.pydantic_function_tool(
        GetWeather, name="get_weather", description="Weather lookup"
    )
    plain_chat_tool = openai.pydantic_function_tool(Clock)
    return (
        strict_schema(openai, GetWeather),
        strict_schema(openai, Clock),
        chat_tool,
        plain_chat_tool,
        function_tools(openai),
    )


@program
def items_built_by_the_framework(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """openai-agents turns chat answers into Responses items it constructs itself."""
    t = responses_types(openai)
    message = t.ResponseOutputMessage(
        id="__fake_id__",
        content=[t.ResponseOutputText(text="hi", type="output_text", annotations=[], logprobs=[])],
        role="assistant",
        status="completed",
        type="message",
    )
    call = t.ResponseFunctionToolCall(
        id="__fake_id__", call_id="call_1", arguments="{}", name="Clock", type="function_call"
    )
    refusal = t.ResponseOutputRefusal(refusal="no", type="refusal")
    server.reply(Reply.json(response_object([output_message("ok")])))
    client.responses.create(
        model="gpt-4.1",
        input=[
            {"role": "user", "content": "hi"},
            message.model_dump(exclude_unset=True),
            call.model_dump(exclude_unset=True),
            {"type": "function_call_output", "call_id": "call_1", "output": "12:00"},
        ],
    )
    return (
        message.model_dump(exclude_unset=True),
        call.model_dump(exclude_unset=True),
        call.model_dump(exclude_none=True),
        call.model_dump(),  # `async_` too, a field newer than the document (x-sdk-newer)
        refusal.model_dump(),
        repr(message),
        message.model_fields_set,
        [wire(r) for r in server.requests],
    )


@program
def chat_settings_left_out_with_not_given(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """pydantic-ai's chat request: every unset setting passed as NOT_GIVEN (or omit), tools as
    ChatCompletionToolParam; the answer's `created` read as a datetime."""
    chat = importlib.import_module(f"{openai.__name__}.types.chat")
    server.reply(Reply.json(chat_completion({"role": "assistant", "content": "ok"})))
    settings: dict[str, Any] = {}
    tool = chat.ChatCompletionToolParam(
        type="function",
        function={
            "name": "Clock",
            "description": "time",
            "parameters": strict_schema(openai, Clock),
            "strict": True,
        },
    )
    response = client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "user", "content": "time?"}],
        n=1,
        parallel_tool_calls=settings.get("parallel_tool_calls", openai.NOT_GIVEN),
        tools=[tool],
        tool_choice=settings.get("tool_choice") or openai.NOT_GIVEN,
        stream=False,
        stream_options=openai.NOT_GIVEN,
        stop=settings.get("stop_sequences", openai.NOT_GIVEN),
        max_completion_tokens=settings.get("max_tokens", openai.omit),
        timeout=settings.get("timeout", openai.NOT_GIVEN),
        seed=settings.get("seed", openai.NOT_GIVEN),
        reasoning_effort=settings.get("reasoning_effort", openai.NOT_GIVEN),
        user=openai.NOT_GIVEN,
        extra_headers={"User-Agent": "pydantic-ai/1.0"},
        extra_body=None,
    )
    created = datetime.fromtimestamp(response.created, tz=timezone.utc)
    return (
        created.isoformat(),
        bool(openai.NOT_GIVEN),
        repr(openai.NOT_GIVEN),
        isinstance(openai.omit, openai.Omit),
        [wire(r) for r in server.requests],
    )


class ModelHTTPError(Exception):
    def __init__(self, status_code: int, model_name: str, body: object) -> None:
        super().__init__(f"status_code: {status_code}, model_name: {model_name}, body: {body}")
        self.status_code, self.model_name, self.body = status_code, model_name, body


@program
def framework_http_error_from_api_status_error(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(
        Reply.json(
            {
                "error": {
                    "message": "context too long",
                    "type": "invalid_request_error",
                    "param": "input",
                    "code": "context_length_exceeded",
                }
            },
            status=400,
            headers={"x-request-id": "req_ctx"},
        ),
        Reply.json(
            {
                "error": {
                    "message": "overloaded",
                    "type": "server_error",
                    "param": None,
                    "code": None,
                }
            },
            status=503,
        ),
    )
    raised = []
    for _ in range(2):
        try:
            try:
                client.responses.create(model="gpt-4.1", input="hi", tools=function_tools(openai))
            except openai.APIStatusError as e:
                if (status_code := e.status_code) >= 400:
                    raise ModelHTTPError(
                        status_code=status_code, model_name="gpt-4.1", body=e.body
                    ) from e
                raise
        except ModelHTTPError as error:
            cause = error.__cause__
            raised.append(
                (str(error), type(cause).__name__, cause.request_id, cause.response.status_code)
            )
    return raised


def stream_events_of_a_call_then_text() -> tuple[list[Any], list[Any]]:
    call = function_call("Clock", {"tz": "UTC"}, "call_s")
    message = output_message("It is noon.")
    return (
        response_events(response_object([call]), call),
        response_events(response_object([message]), message),
    )


@program
def streamed_run_dispatching_events_by_class(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    first, second = stream_events_of_a_call_then_text()
    server.reply(sse(first), sse(second))
    t = responses_types(openai)
    log = []
    items: list[Any] = [{"role": "user", "content": "time?"}]
    for _ in range(2):
        final = None
        text = ""
        stream = client.responses.create(
            model="gpt-4.1",
            input=items,
            tools=function_tools(openai),
            stream=True,
            temperature=openai.NOT_GIVEN,
        )
        for event in stream:
            if isinstance(event, t.ResponseCompletedEvent):
                final = event.response
            elif isinstance(event, t.ResponseTextDeltaEvent):
                text += event.delta
            elif isinstance(event, t.ResponseOutputItemDoneEvent):
                log.append(("done", type(event.item).__name__, event.output_index))
            elif isinstance(event, t.ResponseFunctionCallArgumentsDeltaEvent):
                log.append(("args", event.delta))
            else:
                log.append(("other", event.type, type(event).__name__))
        items.extend(i.model_dump(exclude_unset=True) for i in final.output)
        calls = [i for i in final.output if isinstance(i, t.ResponseFunctionToolCall)]
        for call in calls:
            items.append(
                {
                    "type": "function_call_output",
                    "call_id": call.call_id,
                    "output": run_tool(call.name, call.arguments),
                }
            )
        log.append(("final", text, final.output_text, final.usage.total_tokens))
        if not calls:
            break
    return log, items, [r.json() for r in server.requests]


test_program_observes_the_same = observed_the_same(PROGRAMS)


@async_program
async def async_agent_stream_and_loop(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    first, second = stream_events_of_a_call_then_text()
    server.reply(sse(first), sse(second))
    t = responses_types(openai)
    items: list[Any] = [{"role": "user", "content": "time?"}]
    log = []
    for _ in range(2):
        stream = await client.responses.create(
            model="gpt-4.1",
            input=items,
            tools=function_tools(openai),
            stream=True,
            tool_choice=openai.omit,
        )
        final = None
        async for event in stream:
            if isinstance(event, t.ResponseCompletedEvent):
                final = event.response
            log.append(type(event).__name__)
        output = final.output
        items.extend(i.model_dump(exclude_unset=True) for i in output)
        calls = [i for i in output if isinstance(i, t.ResponseFunctionToolCall)]
        for call in calls:
            items.append(
                {
                    "type": "function_call_output",
                    "call_id": call.call_id,
                    "output": run_tool(call.name, call.arguments),
                }
            )
        if not calls:
            return log, items, final.output_text, [wire(r) for r in server.requests]
    return "no final answer"


test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
