"""Unions told apart as the official SDK tells them apart.

The SDK marks most unions of models with the property naming their member (``type``), and leaves
some plain. The mark decides how an object no member validates is built (the member its tag
names, a later member winning a tag two share, else the first member) and, here, how the union
validates (a pydantic discriminated union). Ours marks the same unions: a pydantic
discriminator where pydantic can tell the members apart, else a ``UnionTag`` (read only when no
member validates: an input and an output message share ``"message"``), none where the SDK has
none. ``tools.sdk_discriminators`` compares every union field of both packages' models.
A JSON schema describes each of these unions as the SDK's does (pydantic does not read the SDK's
marker), wherever it is used (a model's ``model_json_schema()``, a user's model, a
``TypeAdapter``): ``anyOf``, without pydantic's ``oneOf`` and ``discriminator``.

Each program runs against both packages (over the loopback server where it calls the API).
"""

from __future__ import annotations

import importlib
import json
import re
from types import ModuleType
from typing import Annotated, Any, List, Literal, Union

import pydantic

from tests.support.server import Reply, ScriptedServer
from tools.sdk_discriminators import differences

from .conftest import client_of, run_both


def test_every_union_field_is_marked_as_the_sdks() -> None:
    found, compared = differences()
    assert compared > 250  # the union fields of every model both packages have
    assert found == {}


def seen(value: Any) -> Any:
    if isinstance(value, pydantic.BaseModel):
        return type(value).__name__, value.model_dump(warnings=False)
    return type(value).__name__, value


def test_an_input_item_no_member_validates_is_the_member_its_type_names(
    server: ScriptedServer,
) -> None:
    """``responses.input_items.list``: an input and an output message share the tag
    ``"message"`` (the SDK's table keeps the later, the output message); an MCP call that
    misses its fields is an MCP call (was: the union's first member, an input message)."""
    broken = [
        {
            "type": "message",
            "id": "msg_1",
            "role": "assistant",
            "status": "completed",
            "content": 3,
        },
        {"type": "mcp_call", "id": "mcp_1"},
    ]
    server.default = Reply.json({"object": "list", "data": broken, "has_more": False})

    def observe(sdk: ModuleType) -> Any:
        with client_of(sdk, server.url) as client:
            page = client.responses.input_items.list("resp_1")
            return [seen(item) for item in page.data]

    ours, theirs = run_both(observe)
    assert ours == theirs
    assert [name for name, _ in ours] == ["ResponseOutputMessage", "McpCall"]


def test_a_realtime_item_no_member_validates_is_the_member_its_type_names() -> None:
    """A realtime conversation item (three message members share ``"message"``) built by
    ``construct()``, as a realtime event is."""

    def observe(sdk: ModuleType) -> Any:
        event = sdk.types.realtime.ConversationItemCreatedEvent.construct(
            type="conversation.item.created",
            event_id="event_1",
            item={"type": "function_call_output", "output": 7},
        )
        message = sdk.types.realtime.ConversationItemCreatedEvent.construct(
            type="conversation.item.created",
            event_id="event_2",
            item={"type": "message", "role": "user", "content": 7},
        )
        return seen(event.item), seen(message.item)

    ours, theirs = run_both(observe)
    assert ours == theirs
    assert [name for name, _ in ours] == [
        "RealtimeConversationItemFunctionCallOutput",
        "RealtimeConversationItemAssistantMessage",
    ]


def test_a_realtime_session_requests_tools_are_built_by_their_type_an_answers_are_not() -> None:
    """The tools of a realtime session request are marked by ``type`` in the SDK, those of a
    session's answer (and of a response request) are not: an MCP tool no member validates is an
    MCP tool in a request and the first member, a function tool, in an answer (was: the function
    tool in both, one shared type of ours for the three lists)."""
    tools = [{"type": "mcp", "server_label": 5}, {"type": "function", "name": 7}]

    def observe(sdk: ModuleType) -> Any:
        realtime = importlib.import_module(f"{sdk.__name__}.types.realtime")
        request = realtime.RealtimeSessionCreateRequest.construct(type="realtime", tools=tools)
        answer = realtime.RealtimeSessionCreateResponse.construct(type="realtime", tools=tools)
        return [seen(tool) for tool in request.tools], [seen(tool) for tool in answer.tools]

    ours, theirs = run_both(observe)
    assert ours == theirs
    assert [name for name, _ in ours[0]] == ["Mcp", "RealtimeFunctionTool"]
    assert [name for name, _ in ours[1]] == ["RealtimeFunctionTool", "RealtimeFunctionTool"]


EVAL = {
    "object": "eval",
    "id": "eval_1",
    "name": "e",
    "created_at": 1,
    "metadata": None,
    "data_source_config": {"type": "custom", "schema": {"type": "object"}},
    # a python grader whose source is no string: no member validates it
    "testing_criteria": [{"type": "python", "name": "g", "source": 5}],
}


def test_an_unmarked_union_builds_what_no_member_validates_as_its_first_member(
    server: ScriptedServer,
) -> None:
    """The SDK leaves an eval's graders and a realtime session event's session plain: an object
    none of their members validates is the first member, whatever its tag says (was: the
    member the tag names, a pydantic discriminated union here)."""
    server.default = Reply.json(EVAL)

    def observe(sdk: ModuleType) -> Any:
        with client_of(sdk, server.url) as client:
            evaluation = client.evals.retrieve("eval_1")
        event = sdk.types.realtime.SessionCreatedEvent.construct(
            type="session.created",
            event_id="event_1",
            session={"type": "transcription", "audio": 5},
        )
        return seen(evaluation.testing_criteria[0]), type(event.session).__name__

    ours, theirs = run_both(observe)
    assert ours == theirs
    assert (ours[0][0], ours[1]) == ("LabelModelGrader", "RealtimeSessionCreateRequest")


def _discriminators(schema: Any) -> list[list[str]]:
    """The tag values of each discriminator a JSON schema declares, wherever it is."""
    found: list[list[str]] = []
    if isinstance(schema, dict):
        if "discriminator" in schema:
            found.append(sorted(schema["discriminator"].get("mapping", {})))
        for value in schema.values():
            found += _discriminators(value)
    elif isinstance(schema, list):
        for value in schema:
            found += _discriminators(value)
    return sorted(found)


def test_the_json_schema_of_an_unmarked_union_declares_no_discriminator() -> None:
    """``model_json_schema()`` (what tools hand to other systems) of the unions the SDK leaves
    plain: ``anyOf`` without a ``discriminator``, as the SDK's (was: pydantic's discriminator
    and its mapping here)."""
    places = [
        ("responses", "FileSearchTool", "filters"),
        ("shared", "CompoundFilter", "filters"),
        ("graders", "MultiGrader", "graders"),
        ("chat", "ChatCompletionStoreMessage", "content_parts"),
        ("realtime", "SessionUpdatedEvent", "session"),
        ("fine_tuning", "ReinforcementMethod", "grader"),
        ("", "EvalRetrieveResponse", "testing_criteria"),
        ("beta.threads", "Message", "attachments"),
    ]

    def observe(sdk: ModuleType) -> Any:
        out = {}
        for package, name, field in places:
            module = importlib.import_module(
                ".".join(filter(None, (sdk.__name__, "types", package)))
            )
            schema = getattr(module, name).model_json_schema()
            # a recursive model's schema refers to its own definition
            own = schema if "properties" in schema else _reached(schema, schema)[0]
            # the field's own schema: pydantic writes a union where it is used (its members are
            # definitions of their own, which may hold unions the SDK marks)
            out[f"{name}.{field}"] = _discriminators(own["properties"][field])
        return out

    ours, theirs = run_both(observe)
    assert ours == theirs
    assert all(found == [] for found in ours.values())


def _reached(schema: Any, node: Any) -> list[Any]:
    """The `$defs` entries `node` refers to (not transitively)."""
    found: list[Any] = []
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            found.append(schema["$defs"][ref.removeprefix("#/$defs/")])
        for value in node.values():
            found += _reached(schema, value)
    elif isinstance(node, list):
        for value in node:
            found += _reached(schema, value)
    return found


def test_the_input_items_page_shows_the_marker_as_the_sdks(server: ScriptedServer) -> None:
    """The page class is named after its item union, marker included (``Annotated[Union[...],
    PropertyInfo]``); the SDK's union has one member more, newer than the API document (the
    strict xfail in test_pinned_differences compares the whole name)."""
    server.default = Reply.json({"object": "list", "data": [], "has_more": False})

    def observe(sdk: ModuleType) -> str:
        with client_of(sdk, server.url) as client:
            return type(client.responses.input_items.list("resp_1")).__name__

    ours, theirs = run_both(observe)
    assert ours.startswith("SyncCursorPage[Annotated[Union[ResponseInputMessageItem, ")
    assert ours == theirs.replace("ResponseConfigurationUpdateItem, ", "")


def _comparable(node: Any, *, names: bool = False) -> Any:
    """A JSON schema without its prose (the packages' docstrings differ) and with the names of
    definitions two modules share unprefixed (pydantic prefixes them with the module path)."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if not names and key in ("description", "title"):
                continue
            if names:
                key = re.sub(r"^.*__", "", key)
            if key == "$ref":
                value = re.sub(r"#/\$defs/.*__", "#/$defs/", value)
            out[key] = _comparable(value, names=not names and key in ("properties", "$defs"))
        return out
    if isinstance(node, list):
        return [_comparable(value) for value in node]
    return node


# models whose JSON schemas differed from the SDK's only by their unions' form
SAME_SCHEMA = [
    ("chat", "ChatCompletion"),
    ("beta", "Assistant"),
    ("beta.threads", "Message"),
    ("beta.threads", "Run"),
    ("beta.threads.runs", "RunStep"),
    ("vector_stores", "VectorStoreFile"),
]


def test_a_models_json_schema_lists_its_marked_unions_under_any_of_as_the_sdks() -> None:
    """``model_json_schema()`` of a model with unions the SDK marks (assistant tools, message
    content and annotations, run step tool calls, moderation results): the SDK's marker is no
    pydantic discriminator, so its schema has ``anyOf`` there, optional ones with ``null``
    among the members; ours the same (was: ``oneOf`` with pydantic's ``discriminator`` and its
    mapping, nested in an ``anyOf`` with ``null``)."""

    def observe(sdk: ModuleType) -> Any:
        out = {}
        for package, name in SAME_SCHEMA:
            module = importlib.import_module(f"{sdk.__name__}.types.{package}")
            out[name] = _comparable(getattr(module, name).model_json_schema())
        return out

    ours, theirs = run_both(observe)
    assert ours == theirs
    assert "oneOf" not in json.dumps(ours)
    tools = ours["Assistant"]["properties"]["tools"]["items"]
    assert [member["$ref"] for member in tools["anyOf"]] == [
        "#/$defs/CodeInterpreterTool",
        "#/$defs/FileSearchTool",
        "#/$defs/FunctionTool",
    ]


class Answer(pydantic.BaseModel):
    x: int


class Cat(pydantic.BaseModel):
    kind: Literal["cat"]


class Dog(pydantic.BaseModel):
    kind: Literal["dog"]


def test_a_parsed_responses_json_schema_declares_no_discriminator() -> None:
    """``ParsedResponse[T]`` (lib): its output is one union of every kind of item, marked by
    ``type`` as the SDK's (was: the parsed message and function call, then the generated item
    union), validated into the parsed classes; its schema lists the items under ``anyOf``."""
    data = {
        "id": "resp_1",
        "object": "response",
        "created_at": 1,
        "model": "m",
        "parallel_tool_calls": True,
        "tool_choice": "auto",
        "tools": [],
        "output": [
            {
                "type": "message",
                "id": "msg_1",
                "role": "assistant",
                "status": "completed",
                "content": [
                    {
                        "type": "output_text",
                        "text": '{"x": 1}',
                        "annotations": [],
                        "parsed": {"x": 1},
                    }
                ],
            },
            {"type": "function_call", "call_id": "c1", "name": "f", "arguments": "{}"},
        ],
    }

    def observe(sdk: ModuleType) -> Any:
        parsed_type = sdk.types.responses.ParsedResponse[Answer]
        response = parsed_type.model_validate(data)
        schema = _comparable(parsed_type.model_json_schema())
        items = schema["properties"]["output"]["items"]["anyOf"]
        return (
            [type(item).__name__ for item in response.output],
            response.output_parsed,
            _discriminators(schema),
            [member["$ref"] for member in items[:2]],
        )

    ours, theirs = run_both(observe)
    assert ours == theirs
    assert ours[:2] == (
        ["ParsedResponseOutputMessage[Answer]", "ParsedResponseFunctionToolCall"],
        Answer(x=1),
    )


def test_a_users_subclass_keeps_the_discriminated_unions_it_declares() -> None:
    """A user's subclass of a model (or of the package's ``BaseModel``) declaring a pydantic
    discriminated union of its own: that field is described as pydantic describes it
    (``oneOf`` + ``discriminator``) with both packages, the fields it inherits as the SDK's."""

    def observe(sdk: ModuleType) -> Any:
        class Mine(sdk.types.beta.Assistant):  # type: ignore[name-defined,misc]
            pet: Annotated[Union[Cat, Dog], pydantic.Field(discriminator="kind")]

        class Plain(sdk.BaseModel):  # type: ignore[name-defined,misc]
            pets: List[Annotated[Union[Cat, Dog], pydantic.Field(discriminator="kind")]]

        mine = Mine.model_json_schema()["properties"]
        return (
            sorted(mine["pet"]),
            sorted(mine["tools"]["items"]),
            sorted(Plain.model_json_schema()["properties"]["pets"]["items"]),
        )

    ours, theirs = run_both(observe)
    assert ours == theirs
    assert ours == (
        ["discriminator", "oneOf", "title"],
        ["anyOf"],
        ["discriminator", "oneOf"],
    )


def test_a_users_model_holding_a_generated_union_describes_it_as_the_sdks() -> None:
    """A generated union used outside the package's models: a user's model's fields typed with it
    (in a list, optional) and a ``TypeAdapter`` of it describe it as the SDK's, ``anyOf`` (an
    optional one with ``null`` among the members), while it still validates as a discriminated
    union (was: pydantic's ``oneOf`` + ``discriminator`` there, the rewrite ran in the package's
    models only; the union's own ``Field`` carries it now)."""

    def observe(sdk: ModuleType) -> Any:
        responses = importlib.import_module(f"{sdk.__name__}.types.responses")
        item = responses.ResponseOutputItem

        class Log(pydantic.BaseModel):
            items: List[item]  # type: ignore[valid-type]
            last: item | None = None  # type: ignore[valid-type]

        properties = _comparable(Log.model_json_schema())["properties"]
        adapter = pydantic.TypeAdapter(item)
        call = {"type": "function_call", "call_id": "c", "name": "f", "arguments": "{}"}
        return (
            properties["items"]["items"],
            properties["last"],
            _comparable(adapter.json_schema())["anyOf"],
            type(adapter.validate_python(call)).__name__,
        )

    ours, theirs = run_both(observe)
    assert ours == theirs
    members = ours[0]["anyOf"]
    assert len(members) > 20 and ours[2] == members
    assert ours[1]["anyOf"] == [*members, {"type": "null"}]
    assert ours[3] == "ResponseFunctionToolCall"
