"""Real-world sweep F, structured outputs: the model shapes blog posts and answers reach for
(recursive trees, discriminated unions, constrained fields, aliases, dataclasses, dicts), the
errors applications print or catch (truncated and filtered answers, invalid JSON, non-strict
tools), streamed partial parses and the dumps of parsed results — programs written for the
official SDK, run unchanged against both packages over the scripted loopback server.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
import warnings
from enum import Enum, IntEnum
from types import ModuleType
from typing import Annotated, Any, Generic, Literal, TypeVar, Union

import pydantic
from pydantic import BaseModel, ConfigDict, Field

from tests.support.server import Reply, ScriptedServer

from .conftest import client_of, run_both
from .programs import async_observed_the_same, observed_the_same, registry
from .test_real_world_apps import (
    chat_chunk,
    chat_completion,
    function_call,
    output_message,
    response_events,
    response_object,
    sent,
    sse,
    without_defaults,
)

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()

ItemT = TypeVar("ItemT")


def as_the_api_takes(value: Any) -> Any:
    """``without_defaults`` and, the other deliberate difference in the strict schemas sent: a
    discriminated union goes as ``anyOf`` without pydantic's ``discriminator`` (the API answers
    400 "'oneOf' is not permitted"), where the official SDK sends pydantic's ``oneOf``."""
    value = without_defaults(value)
    if isinstance(value, dict):
        if "oneOf" in value:
            value = {k: v for k, v in value.items() if k != "discriminator"}
        return {("anyOf" if k == "oneOf" else k): as_the_api_takes(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_the_api_takes(v) for v in value]
    return value


def completion_of(content: str | None, finish_reason: str = "stop", **message: Any) -> Reply:
    return Reply.json(
        chat_completion({"role": "assistant", "content": content, **message}, finish_reason)
    )


def outcome(call: Any) -> Any:
    """What a caller sees: the value's repr, or the exception's class (and pydantic's errors).
    The messages of the errors the packages raise themselves are each package's own words."""
    try:
        return ("ok", repr(call()))
    except pydantic.ValidationError as exc:
        return ("invalid", exc.title, [(e["type"], e["loc"]) for e in exc.errors()])
    except Exception as exc:
        return type(exc).__name__


# --- model shapes --------------------------------------------------------------------------------


class TreeNode(BaseModel):
    """A node of an outline."""

    title: str
    children: list[TreeNode]


class Circle(BaseModel):
    kind: Literal["circle"]
    radius: float


class Square(BaseModel):
    kind: Literal["square"]
    side: float


class Drawing(BaseModel):
    shapes: list[Annotated[Union[Circle, Square], Field(discriminator="kind")]]
    background: Literal["white", "black"] | None


class Level(IntEnum):
    LOW = 1
    HIGH = 2


class Mood(Enum):
    HAPPY = "happy"
    SAD = "sad"


class Constrained(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: str = Field(pattern=r"^[A-Z]{3}$", description="ISO currency")
    amount: Annotated[float, Field(ge=0, le=1000)]
    tags: list[str] = Field(min_length=1, max_length=3)
    level: Level
    mood: Mood | None
    when: dt.datetime
    day: dt.date


class Person(BaseModel):
    full_name: str = Field(alias="fullName")
    age: int


@pydantic.dataclasses.dataclass
class Point:
    x: int
    y: int


SHAPES: list[tuple[Any, str]] = [
    (
        TreeNode,
        json.dumps({"title": "root", "children": [{"title": "leaf", "children": []}]}),
    ),
    (
        Drawing,
        json.dumps(
            {
                "shapes": [{"kind": "circle", "radius": 1.5}, {"kind": "square", "side": 2}],
                "background": None,
            }
        ),
    ),
    (
        Constrained,
        json.dumps(
            {
                "code": "EUR",
                "amount": 12.5,
                "tags": ["a"],
                "level": 2,
                "mood": "sad",
                "when": "2025-01-02T03:04:05Z",
                "day": "2025-01-02",
            }
        ),
    ),
    (Person, json.dumps({"fullName": "Ada Lovelace", "age": 36})),
    (Point, json.dumps({"x": 1, "y": 2})),
]


@program
def chat_parse_model_shapes(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(*[completion_of(content) for _, content in SHAPES])
    seen = []
    for model, _ in SHAPES:
        completion = client.chat.completions.parse(
            model="gpt-4o-2024-08-06",
            messages=[{"role": "user", "content": "extract"}],
            response_format=model,
        )
        parsed = completion.choices[0].message.parsed
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # the SDK's, as above
            dumped = completion.choices[0].message.model_dump_json()
        seen.append((repr(parsed), dumped))
    return as_the_api_takes(sent(server, len(SHAPES))), seen


@program
def responses_parse_model_shapes(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(*[Reply.json(response_object([output_message(content)])) for _, content in SHAPES])
    seen = []
    for model, _ in SHAPES:
        response = client.responses.parse(model="gpt-4.1", input="extract", text_format=model)
        seen.append((repr(response.output_parsed), response.output[0].content[0].parsed))
    return as_the_api_takes(sent(server, len(SHAPES))), seen


@program
def schemas_the_api_rejects(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Shapes strict mode cannot express: what each package does before any request."""

    class WithDict(BaseModel):
        counts: dict[str, int]

    class WithAny(BaseModel):
        blob: Any

    class WithTuple(BaseModel):
        pair: tuple[int, str]

    server.reply(*[completion_of('{"counts": {}}')] * 3)
    seen = []
    for model in (WithDict, WithAny, WithTuple):
        seen.append(
            outcome(
                lambda model=model: (
                    client.chat.completions.parse(
                        model="gpt-4o", messages=[], response_format=model
                    )
                    .choices[0]
                    .message.parsed
                )
            )
        )
    return seen, len(server.requests)


@program
def pydantic_tools_with_rich_arguments(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    class Search(BaseModel):
        """Search the catalogue."""

        query: str
        filters: list[Literal["new", "sale"]] | None
        page: int = 1

    class Draw(BaseModel):
        drawing: Drawing

    arguments = [
        {"query": "shoes", "filters": ["sale"], "page": 2},
        {"drawing": {"shapes": [{"kind": "square", "side": 1}], "background": "white"}},
    ]
    calls = [
        {
            "id": f"call_{n}",
            "type": "function",
            "function": {"name": name, "arguments": json.dumps(args)},
        }
        for n, (name, args) in enumerate(zip(["Search", "draw_it"], arguments, strict=True))
    ]
    server.reply(completion_of(None, "tool_calls", tool_calls=calls))
    tools = [
        openai.pydantic_function_tool(Search),
        openai.pydantic_function_tool(Draw, name="draw_it"),
    ]
    completion = client.chat.completions.parse(
        model="gpt-4o", messages=[{"role": "user", "content": "go"}], tools=tools
    )
    message = completion.choices[0].message
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # the SDK's, as above
        dumped = message.model_dump_json()
    return (
        as_the_api_takes(sent(server)),
        [repr(call.function.parsed_arguments) for call in message.tool_calls],
        json.loads(dumped),
        completion.choices[0].finish_reason,
    )


class Verdict(BaseModel):
    label: Literal["spam", "ham"]
    confidence: float


@program
def printed_errors_of_parse(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """What the logs show when parse() fails: str() of every error it raises."""
    cut = chat_completion({"role": "assistant", "content": '{"label": "sp'}, "length")
    cut["usage"] = {"prompt_tokens": 5, "completion_tokens": 4, "total_tokens": 9}
    server.reply(
        Reply.json(cut),
        completion_of("", "content_filter"),
        completion_of('{"label": "spam", "confidence": "high"}'),
        completion_of("not json at all"),
        completion_of('{"label": "spam", "confidence": 0.9, "extra": 1}'),
    )
    seen = []
    for _ in range(5):
        try:
            completion = client.chat.completions.parse(
                model="gpt-4o", messages=[], response_format=Verdict
            )
            seen.append(("parsed", completion.choices[0].message.parsed))
        except openai.LengthFinishReasonError as exc:
            # (the message is each package's own words; both name the usage)
            seen.append(
                (
                    "length",
                    str(exc.completion.usage) in str(exc),
                    exc.completion.choices[0].message.content,
                )
            )
        except openai.ContentFilterFinishReasonError as exc:
            seen.append(("filter", type(exc).__mro__[1].__name__, "content filter" in str(exc)))
        except pydantic.ValidationError as exc:
            seen.append(("invalid", exc.error_count(), exc.errors()[0]["type"]))
    return seen


@program
def parse_rejects_misuse(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Mistakes developers make while moving to parse(): each one's error, before any request."""
    non_strict = {
        "type": "function",
        "function": {"name": "lookup", "parameters": {"type": "object", "properties": {}}},
    }
    server.reply(completion_of("{}"))
    cases = [
        lambda: client.chat.completions.create(
            model="gpt-4o", messages=[], response_format=Verdict
        ),
        lambda: client.chat.completions.parse(model="gpt-4o", messages=[], tools=[non_strict]),
        lambda: client.responses.parse(
            model="gpt-4.1",
            input="x",
            text_format=Verdict,
            text={"format": {"type": "text"}},
        ),
    ]
    return [outcome(case) for case in cases], len(server.requests)


@program
def parsed_results_serialised(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Caching parsed results: dump to JSON and back, as applications store them."""
    content = json.dumps({"label": "ham", "confidence": 0.25})
    server.reply(completion_of(content), Reply.json(response_object([output_message(content)])))
    completion = client.chat.completions.parse(model="gpt-4o", messages=[], response_format=Verdict)
    response = client.responses.parse(model="gpt-4.1", input="x", text_format=Verdict)
    with warnings.catch_warnings():
        # the official SDK's parsed messages warn on every dump ("Expected `none`", its
        # `parsed` field typed by an unbound TypeVar); typed_openai's do not
        warnings.simplefilter("ignore", UserWarning)
        stored = completion.model_dump_json()
        as_dict = completion.to_dict()["choices"][0]["message"]
    restored = openai.types.chat.ChatCompletion.model_validate_json(stored)
    return (
        json.loads(stored)["choices"][0]["message"],
        completion.choices[0].message.parsed.model_dump_json(),
        restored.choices[0].message.content,
        json.loads(response.model_dump_json())["output"][0]["content"][0],
        response.output_parsed.model_dump(),
        as_dict,
        sorted(response.to_dict()),
    )


# --- schema names --------------------------------------------------------------------------------


class Page(BaseModel, Generic[ItemT]):
    items: list[ItemT]
    next_cursor: str | None


class Outer(BaseModel):
    class Inner(BaseModel):
        value: int

    inner: Inner
    notes: list[str] = Field(default_factory=list)


class Titled(BaseModel):
    model_config = ConfigDict(title="Custom Title")

    text: str


@program
def schema_names_of_unusual_classes(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Generic, nested and titled models: the json_schema ``name`` each package derives."""
    contents = [
        '{"items": [1, 2], "next_cursor": null}',
        '{"inner": {"value": 3}, "notes": []}',
        '{"text": "hi"}',
    ]
    models: list[Any] = [Page[int], Outer, Titled]
    server.reply(*[completion_of(c) for c in contents])
    server.reply(*[Reply.json(response_object([output_message(c)])) for c in contents])
    parsed = []
    for model in models:
        completion = client.chat.completions.parse(
            model="gpt-4o", messages=[], response_format=model
        )
        parsed.append(repr(completion.choices[0].message.parsed))
    for model in models:
        response = client.responses.parse(model="gpt-4.1", input="x", text_format=model)
        parsed.append(repr(response.output_parsed))
    bodies = sent(server, 6)
    # a generic model's name is the one deliberate difference: test_generic_model_schema_name
    names = [b["response_format"]["json_schema"].pop("name") for b in bodies[:3]]
    names += [b["text"]["format"].pop("name") for b in bodies[3:]]
    return names[1:3] + names[4:], parsed, as_the_api_takes(bodies)


def test_generic_model_schema_name(server: ScriptedServer) -> None:
    """The API takes a response format's name only of letters, digits, ``_`` and ``-`` (at most
    64): openai 3.57 sends a generic model's class name as it is (``Page[int]``, answered 400);
    typed_openai sends it with the other characters replaced."""

    def run(sdk: ModuleType) -> Any:
        server.reply(completion_of('{"items": [], "next_cursor": null}'))
        with client_of(sdk, server.url + "/v1") as client:
            client.chat.completions.parse(model="gpt-4o", messages=[], response_format=Page[int])
        return sent(server)[0]["response_format"]["json_schema"]["name"]

    ours, theirs = run_both(run)
    assert (ours, theirs) == ("Page_int", "Page[int]")


# --- responses.parse edge cases --------------------------------------------------------------------


@program
def responses_parse_truncated_and_mixed(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    refusal = {
        "id": "msg_r",
        "type": "message",
        "status": "completed",
        "role": "assistant",
        "content": [{"type": "refusal", "refusal": "No."}],
    }
    truncated = output_message('{"label": "sp')
    truncated["status"] = "incomplete"
    two_parts = output_message('{"label": "ham", "confidence": 1}', "msg_2")
    two_parts["content"].append(
        {"type": "output_text", "text": "trailing words", "annotations": [], "logprobs": []}
    )
    server.reply(
        Reply.json(
            response_object(
                [truncated],
                status="incomplete",
                incomplete_details={"reason": "max_output_tokens"},
            )
        ),
        Reply.json(response_object([refusal, two_parts])),
        Reply.json(response_object([REASONING, output_message("")])),
    )
    seen = []
    for _ in range(3):
        seen.append(
            outcome(
                lambda: (
                    lambda r: (
                        r.status,
                        repr(r.output_parsed),
                        r.output_text,
                        [
                            repr(getattr(part, "parsed", "-"))
                            for item in r.output
                            if item.type == "message"
                            for part in item.content
                        ],
                    )
                )(
                    client.responses.parse(
                        model="gpt-4.1", input="x", text_format=Verdict, max_output_tokens=5
                    )
                )
            )
        )
    return seen


REASONING = {"id": "rs_1", "type": "reasoning", "summary": []}


@program
def responses_tools_from_pydantic_in_create(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """pydantic_function_tool() passed to responses.create (not parse) and to stream()."""

    class Lookup(BaseModel):
        """Look a word up."""

        word: str

    call = function_call("Lookup", {"word": "gist"}, "call_l")
    server.reply(
        Reply.json(response_object([call])),
        sse(response_events(response_object([call]), call)),
    )
    tool = openai.pydantic_function_tool(Lookup)
    first = client.responses.create(model="gpt-4.1", input="define gist", tools=[tool])
    with client.responses.stream(model="gpt-4.1", input="define gist", tools=[tool]) as stream:
        final = stream.get_final_response()
    return (
        as_the_api_takes(sent(server, 2)),
        type(first.output[0]).__name__,
        hasattr(first.output[0], "parsed_arguments"),
        repr(final.output[0].parsed_arguments),
    )


@program
def raw_and_streamed_parse_wrappers(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    content = json.dumps({"label": "spam", "confidence": 0.5})
    headers = {"x-request-id": "req_p"}
    server.reply(
        Reply.json(chat_completion({"role": "assistant", "content": content}), headers=headers),
        Reply.json(response_object([output_message(content)]), headers=headers),
    )
    raw_chat = client.chat.completions.with_raw_response.parse(
        model="gpt-4o", messages=[], response_format=Verdict
    )
    chat = raw_chat.parse()
    raw_resp = client.responses.with_raw_response.parse(
        model="gpt-4.1", input="x", text_format=Verdict
    )
    resp = raw_resp.parse()
    return (
        raw_chat.headers["x-request-id"],
        repr(chat.choices[0].message.parsed),
        chat._request_id,
        raw_resp.status_code,
        repr(resp.output_parsed),
        resp._request_id,
        as_the_api_takes(sent(server, 2)),
    )


# --- the SDK's private parsing helpers ---------------------------------------------------------------


def batch_job_with_private_helpers(openai: ModuleType) -> Any:
    """A Batch API job with structured outputs, as blog posts write it: request lines built with
    the SDK's private ``type_to_response_format_param``, output lines parsed with
    ``maybe_parse_content`` / ``parse_chat_completion`` — no request made."""
    package = openai.__name__
    completions = importlib.import_module(f"{package}.lib._parsing._completions")
    parsing = importlib.import_module(f"{package}.lib._parsing")
    tools_module = importlib.import_module(f"{package}.lib._tools")

    class Lookup(BaseModel):
        word: str

    lines = [
        {
            "custom_id": f"review-{n}",
            "method": "POST",
            "url": "/v1/chat/completions",
            "body": {
                "model": "gpt-4o-mini",
                "messages": [{"role": "user", "content": text}],
                "response_format": parsing.type_to_response_format_param(Verdict),
            },
        }
        for n, text in enumerate(["buy now!!!", "see you at lunch"])
    ]
    tools = [tools_module.pydantic_function_tool(Lookup)]
    outputs = [
        chat_completion({"role": "assistant", "content": '{"label": "spam", "confidence": 0.9}'}),
        chat_completion({"role": "assistant", "content": None, "refusal": "no"}),
        chat_completion(
            {
                "role": "assistant",
                "content": None,
                "tool_calls": [
                    {
                        "id": "call_1",
                        "type": "function",
                        "function": {"name": "Lookup", "arguments": '{"word": "gist"}'},
                    }
                ],
            },
            "tool_calls",
        ),
    ]
    parsed = []
    for body in outputs:
        completion = openai.types.chat.ChatCompletion.model_validate(body)
        message = completion.choices[0].message
        parsed.append(
            repr(completions.maybe_parse_content(response_format=Verdict, message=message))
        )
        full = completions.parse_chat_completion(
            response_format=Verdict, input_tools=tools, chat_completion=completion
        )
        first = full.choices[0].message
        parsed.append(
            (
                repr(first.parsed),
                [repr(c.function.parsed_arguments) for c in first.tool_calls or []],
            )
        )
    call = openai.types.chat.ChatCompletion.model_validate(outputs[2]).choices[0].message
    non_strict = {"type": "function", "function": {"name": "f", "parameters": {}}}
    try:
        completions.validate_input_tools([non_strict])
        refused: Any = None
    except ValueError:
        refused = "ValueError"
    return (
        as_the_api_takes(lines),
        parsed,
        [
            completions.has_parseable_input(response_format=Verdict),
            completions.has_parseable_input(
                response_format={"type": "json_object"}, input_tools=tools
            ),
            completions.has_parseable_input(
                response_format={"type": "json_object"}, input_tools=[non_strict]
            ),
            completions.has_rich_response_format(Verdict),
            completions.has_rich_response_format({"type": "text"}),
        ],
        completions.get_input_tool_by_name(input_tools=tools, name="Lookup")["function"]["name"],
        completions.get_input_tool_by_name(input_tools=tools, name="nope"),
        repr(
            completions.parse_function_tool_arguments(
                input_tools=tools, function=call.tool_calls[0].function
            )
        ),
        refused,
        parsing.ResponseFormatT.__name__,
    )


def test_batch_job_with_private_helpers() -> None:
    ours, theirs = run_both(batch_job_with_private_helpers)
    assert ours == theirs
    assert ours[1][0] == "Verdict(label='spam', confidence=0.9)"


# --- streaming -----------------------------------------------------------------------------------


def content_stream(text: str, finish_reason: str = "stop", size: int = 6) -> Reply:
    pieces = [text[i : i + size] for i in range(0, len(text), size)]
    chunks = [chat_chunk({"role": "assistant", "content": ""})]
    chunks += [chat_chunk({"content": piece}) for piece in pieces]
    chunks.append(chat_chunk({}, finish_reason))
    return sse(chunks)


@program
def stream_structured_events_printed(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    text = json.dumps({"shapes": [{"kind": "circle", "radius": 2}], "background": "black"})
    server.reply(content_stream(text))
    seen = []
    with client.chat.completions.stream(
        model="gpt-4o", messages=[{"role": "user", "content": "draw"}], response_format=Drawing
    ) as stream:
        for event in stream:
            if event.type == "chunk":
                seen.append(("chunk", event.chunk.choices[0].delta.content))
            elif event.type == "content.delta":
                seen.append(("delta", event.delta, event.snapshot, repr(event.parsed)))
            elif event.type == "content.done":
                seen.append(("done", event.content, repr(event.parsed)))
            else:
                seen.append(event.type)
        final = stream.get_final_completion()
    return as_the_api_takes(sent(server)), seen, repr(final.choices[0].message.parsed)


@program
def stream_cut_short_while_parsing(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        content_stream('{"label": "spam", "conf', "length"), content_stream("", "content_filter")
    )
    seen = []
    for _ in range(2):
        events = []
        try:
            with client.chat.completions.stream(
                model="gpt-4o", messages=[], response_format=Verdict
            ) as stream:
                for event in stream:
                    events.append(event.type)
            seen.append(("finished", events))
        except openai.LengthFinishReasonError as exc:
            message = exc.completion.choices[0].message
            # (no half-parsed {"label": "spam"}: the text was cut, parsed stays None)
            seen.append(("length", events, message.content, message.parsed))
        except openai.ContentFilterFinishReasonError:
            seen.append(("filter", events))
    return seen


@program
def tool_arguments_that_are_not_json(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A strict dict tool whose call arguments came back broken: the app catches
    ``json.JSONDecodeError`` around parse(), as with ``json.loads`` of its own."""
    tool = {
        "type": "function",
        "function": {
            "name": "lookup",
            "strict": True,
            "parameters": {
                "type": "object",
                "properties": {"q": {"type": "string"}},
                "required": ["q"],
                "additionalProperties": False,
            },
        },
    }
    call = {"id": "c1", "type": "function", "function": {"name": "lookup", "arguments": '{"q": '}}
    server.reply(completion_of(None, "tool_calls", tool_calls=[call]))
    try:
        client.chat.completions.parse(model="gpt-4o", messages=[], tools=[tool])
        caught: Any = None
    except json.JSONDecodeError as exc:
        caught = (exc.doc, exc.pos, isinstance(exc, ValueError))
    return caught


@program
def stream_refusal_events(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    refusal = "I'm sorry, I can't help with that."
    chunks = [chat_chunk({"role": "assistant", "content": None, "refusal": ""})]
    chunks += [chat_chunk({"refusal": refusal[i : i + 9]}) for i in range(0, len(refusal), 9)]
    chunks.append(chat_chunk({}, "stop"))
    server.reply(sse(chunks))
    seen = []
    with client.chat.completions.stream(
        model="gpt-4o", messages=[], response_format=Verdict
    ) as stream:
        for event in stream:
            if event.type == "refusal.delta":
                seen.append(("delta", event.delta, event.snapshot))
            elif event.type == "refusal.done":
                seen.append(("done", event.refusal))
        final = stream.get_final_completion()
    message = final.choices[0].message
    return seen, message.refusal, message.parsed, message.content


@program
def responses_stream_parsed_text_done(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    content = json.dumps({"label": "spam", "confidence": 0.75})
    item = output_message(content)
    call = function_call("Search", {"query": "x"}, "call_q")
    server.reply(
        sse(response_events(response_object([item]), item)),
        sse(response_events(response_object([call]), call)),
    )

    class Search(BaseModel):
        query: str

    seen = []
    with client.responses.stream(model="gpt-4.1", input="classify", text_format=Verdict) as s:
        for event in s:
            if event.type == "response.output_text.done":
                seen.append(("text.done", repr(event.parsed), event.text))
            elif event.type == "response.output_text.delta":
                seen.append(("delta", event.snapshot))
        final = s.get_final_response()
    seen.append((repr(final.output_parsed), repr(final.output[0].content[0].parsed)))
    with client.responses.stream(
        model="gpt-4.1", input="search", tools=[openai.pydantic_function_tool(Search)]
    ) as s:
        for event in s:
            if event.type == "response.function_call_arguments.done":
                seen.append(("args.done", event.arguments, event.name))
        final = s.get_final_response()
    seen.append(repr(final.output[0].parsed_arguments))
    seen.append(final.output_parsed)
    return as_the_api_takes(sent(server, 2)), seen


def parallel_tool_chunks() -> list[Any]:
    """Two tool calls streamed one after the other, with logprobs on the content before them."""
    logprob = {"token": "Ok", "logprob": -0.1, "bytes": [79, 107], "top_logprobs": []}
    first = json.dumps({"query": "shoes", "filters": None, "page": 1})
    second = json.dumps({"city": "Oslo"})
    chunks = [
        chat_chunk({"role": "assistant", "content": "Ok"}),
        chat_chunk({}),
    ]
    chunks[0]["choices"][0]["logprobs"] = {"content": [logprob], "refusal": None}
    calls = [("call_a", "Search", first), ("call_b", "weather", second)]
    for index, (call_id, name, arguments) in enumerate(calls):
        head = {"index": index, "id": call_id, "type": "function"}
        chunks.append(
            chat_chunk({"tool_calls": [{**head, "function": {"name": name, "arguments": ""}}]})
        )
        for piece in (arguments[:10], arguments[10:]):
            chunks.append(
                chat_chunk({"tool_calls": [{"index": index, "function": {"arguments": piece}}]})
            )
    chunks.append(chat_chunk({}, "tool_calls"))
    return chunks


@program
def stream_parallel_tool_calls_and_logprobs(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    class Search(BaseModel):
        query: str
        filters: list[str] | None
        page: int

    weather = {
        "type": "function",
        "function": {
            "name": "weather",
            "strict": True,
            "parameters": {
                "type": "object",
                "properties": {"city": {"type": "string"}},
                "required": ["city"],
                "additionalProperties": False,
            },
        },
    }
    server.reply(sse(parallel_tool_chunks()))
    seen = []
    with client.chat.completions.stream(
        model="gpt-4o",
        messages=[{"role": "user", "content": "shoes, and weather in Oslo"}],
        tools=[openai.pydantic_function_tool(Search), weather],
        logprobs=True,
    ) as stream:
        for event in stream:
            if event.type == "chunk":
                snapshot = event.snapshot.choices[0].message
                seen.append(("chunk", snapshot.content, len(snapshot.tool_calls or [])))
            elif event.type == "logprobs.content.delta":
                seen.append((event.type, [lp.token for lp in event.content]))
            elif event.type == "logprobs.content.done":
                seen.append((event.type, [lp.logprob for lp in event.content]))
            elif event.type == "tool_calls.function.arguments.delta":
                seen.append((event.type, event.index, event.name, event.arguments_delta))
            elif event.type == "tool_calls.function.arguments.done":
                seen.append((event.type, event.index, repr(event.parsed_arguments)))
            elif event.type == "content.done":
                seen.append((event.type, event.content, event.parsed))
            else:
                # (not getattr(event, "content"): typed_openai's content.delta has one, by design)
                seen.append((event.type, event.delta, event.snapshot))
        final = stream.get_final_completion()
        current = stream.current_completion_snapshot
    calls = final.choices[0].message.tool_calls
    return (
        as_the_api_takes(sent(server)),
        seen,
        [(c.id, c.function.name, repr(c.function.parsed_arguments)) for c in calls],
        current.choices[0].finish_reason,
        final.choices[0].logprobs.content[0].token,
    )


@program
def stream_two_choices_parsed(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    texts = ['{"label": "spam", "confidence": 1}', '{"label": "ham", "confidence": 0}']
    chunks = []
    for index, text in enumerate(texts):
        for piece in (text[:9], text[9:]):
            chunk = chat_chunk({"content": piece})
            chunk["choices"][0]["index"] = index
            chunks.append(chunk)
    for index in range(2):
        end = chat_chunk({}, "stop")
        end["choices"][0]["index"] = index
        chunks.append(end)
    server.reply(sse(chunks))
    seen = []
    with client.chat.completions.stream(
        model="gpt-4o", messages=[], response_format=Verdict, n=2
    ) as stream:
        for event in stream:
            if event.type == "content.done":
                seen.append((event.type, event.content, repr(event.parsed)))
            elif event.type == "content.delta":
                seen.append((event.type, event.delta, repr(event.parsed)))
        final = stream.get_final_completion()
    return (
        seen,
        [(c.index, repr(c.message.parsed), c.finish_reason) for c in final.choices],
        sent(server)[0]["n"],
    )


def test_tool_call_delta_event_field_order(server: ScriptedServer) -> None:
    """A chat stream's tool_calls.function.arguments.delta event prints and dumps its fields in
    the SDK's order (type, name, index, arguments, parsed_arguments, arguments_delta), though
    arguments / parsed_arguments are computed from the stream's buffer."""
    chunks = [
        chat_chunk({"role": "assistant", "content": None}),
        chat_chunk(
            {
                "tool_calls": [
                    {
                        "index": 0,
                        "id": "call_1",
                        "type": "function",
                        "function": {"name": "lookup", "arguments": '{"q": "x"}'},
                    }
                ]
            }
        ),
        chat_chunk({}, "tool_calls"),
    ]

    def run(openai: ModuleType) -> Any:
        server.reply(sse(chunks))
        client = client_of(openai, server.url + "/v1")
        with client, client.chat.completions.stream(model="gpt-4o", messages=[]) as stream:
            deltas = [e for e in stream if e.type == "tool_calls.function.arguments.delta"]
        return repr(deltas[0]), list(deltas[0].to_dict()), deltas[0].to_json(indent=None)

    ours, theirs = run_both(run)
    assert theirs[1] == [
        "type",
        "name",
        "index",
        "arguments",
        "parsed_arguments",
        "arguments_delta",
    ]
    assert ours == theirs


# --- async -----------------------------------------------------------------------------------------


@async_program
async def async_parse_tools_and_stream(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    text = json.dumps({"title": "root", "children": []})
    server.reply(completion_of(text), content_stream(text), content_stream('{"title', "length"))
    completion = await client.chat.completions.parse(
        model="gpt-4o", messages=[], response_format=TreeNode
    )
    deltas = []
    async with client.chat.completions.stream(
        model="gpt-4o", messages=[], response_format=TreeNode
    ) as stream:
        async for event in stream:
            if event.type == "content.delta":
                deltas.append(repr(event.parsed))
        final = await stream.get_final_completion()
    try:
        async with client.chat.completions.stream(
            model="gpt-4o", messages=[], response_format=TreeNode
        ) as stream:
            await stream.until_done()
        cut: Any = None
    except openai.LengthFinishReasonError as exc:
        cut = exc.completion.choices[0].message.content
    return (
        repr(completion.choices[0].message.parsed),
        deltas,
        repr(final.choices[0].message.parsed),
        cut,
    )


# --- runners -------------------------------------------------------------------------------------


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
