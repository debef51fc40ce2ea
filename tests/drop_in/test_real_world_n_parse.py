"""Real-world sweep N, ``responses.parse`` / ``responses.stream(text_format=...)`` when the model
does not play along, as extraction pipelines meet it: tool arguments that are not JSON or do not
fit the pydantic tool, calls of a tool nobody declared, non-strict dict tools, structured text cut
off by ``max_output_tokens`` or missing a field — each caught by the app's ``except`` and logged.
Programs written for the official SDK, run unchanged against both packages over the scripted
loopback server.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from pydantic import BaseModel

from tests.support.server import Reply, ScriptedServer

from .programs import observed_the_same, registry
from .test_real_world_apps import (
    function_call,
    output_message,
    response_events,
    response_object,
    sse,
)

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


class Lookup(BaseModel):
    city: str


def outcome(call: Any) -> Any:
    """What the pipeline's ``try``/``except`` records."""
    try:
        return ("ok", call())
    except Exception as exc:
        return ("raised", type(exc).__name__, str(exc).split("\n")[:2])


STRICT = {
    "type": "function",
    "name": "lookup",
    "parameters": {
        "type": "object",
        "properties": {"q": {"type": "string"}},
        "required": ["q"],
        "additionalProperties": False,
    },
    "strict": True,
}


@program
def tool_arguments_that_do_not_fit(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    calls = [
        ([STRICT], function_call("lookup", {"q": "x"}, "c1")),
        ([{**STRICT, "name": "loose", "strict": False}], function_call("loose", {"q": "x"}, "c2")),
        (None, {**function_call("Lookup", {}, "c3"), "arguments": '{"town": 1}'}),
        (None, {**function_call("Lookup", {}, "c4"), "arguments": '{"city": '}),
        ([STRICT], function_call("undeclared", {"q": "x"}, "c5")),
        ([STRICT], {**function_call("lookup", {}, "c6"), "arguments": "not json"}),
    ]
    log = []
    for tools, call in calls:
        server.reply(Reply.json(response_object([call])))

        def parsed(tools: Any = tools) -> Any:
            response = client.responses.parse(
                model="gpt-5",
                input="Where?",
                tools=tools if tools is not None else [openai.pydantic_function_tool(Lookup)],
            )
            item = response.output[0]
            return type(item).__name__, item.name, repr(item.parsed_arguments)

        log.append(outcome(parsed))
    return log


def structured_answers() -> list[tuple[dict[str, Any], dict[str, Any]]]:
    truncated = {**output_message('{"city": "Par'), "status": "incomplete"}
    cut = {"status": "incomplete", "incomplete_details": {"reason": "max_output_tokens"}}
    return [
        (output_message('{"city": "Paris"}'), {}),
        (output_message('{"city": '), {}),
        (output_message('{"town": "Paris"}'), {}),
        (truncated, cut),
    ]


@program
def structured_text_that_does_not_fit(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    log = []
    for item, extra in structured_answers():
        server.reply(
            Reply.json(response_object([item], **extra)),
            sse(response_events(response_object([item], **extra), item)),
        )
        log.append(
            outcome(
                lambda: repr(
                    client.responses.parse(
                        model="gpt-5", input="City?", text_format=Lookup, max_output_tokens=8
                    ).output_parsed
                )
            )
        )

        def streamed() -> Any:
            kinds = []
            with client.responses.stream(
                model="gpt-5", input="City?", text_format=Lookup, max_output_tokens=8
            ) as stream:
                for event in stream:
                    kinds.append(event.type)
                final = stream.get_final_response()
            return kinds[-3:], final.status, repr(final.output_parsed)

        log.append(outcome(streamed))
    return log


# --- runners -------------------------------------------------------------------------------------


test_program_observes_the_same = observed_the_same(PROGRAMS)
