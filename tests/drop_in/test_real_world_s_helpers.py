"""Real-world sweep S, the ``responses.stream`` helper's own event classes in applications: relays
of each event's JSON when the API adds ``obfuscation`` to its deltas (as it does unless
``include_obfuscation`` is off), unit tests that build the helper's events by hand with their
``snapshot`` and compare streamed events with them, a consumer that validates relayed JSON back
into the helper's classes — programs written for the official SDK, run unchanged against both
packages over the scripted loopback server.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import warnings
from collections.abc import Iterator
from types import ModuleType
from typing import Any

from tests.support.server import ScriptedServer

from .programs import async_observed_the_same, observed_the_same, registry
from .test_real_world_apps import (
    function_call,
    output_message,
    response_events,
    response_object,
    sse,
)

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


def obfuscated(events: list[Any]) -> list[Any]:
    """The API's events with the ``obfuscation`` padding it adds to every delta event."""
    return [
        (name, {**event, "obfuscation": "x7Qp"} if name.endswith(".delta") else event)
        for name, event in events
    ]


@contextlib.contextmanager
def quietly() -> Iterator[None]:
    """The official SDK's serializer warns on its parsed (generic) output items; the data it
    writes is the same."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        yield


def helper_events(openai: ModuleType) -> Any:
    return importlib.import_module(f"{openai.__name__}.lib.streaming.responses")


@program
def relay_of_helper_events_the_api_pads(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A FastAPI endpoint relays each helper event's JSON; the API pads the deltas."""
    message = output_message("Padded text.")
    call = function_call("lookup", {"q": "x"}, "call_p")
    server.reply(
        sse(obfuscated(response_events(response_object([message]), message))),
        sse(obfuscated(response_events(response_object([call]), call))),
    )
    relayed = []
    for tools in (
        None,
        [{"type": "function", "name": "lookup", "parameters": {}, "strict": False}],
    ):
        with client.responses.stream(
            model="gpt-4.1", input="hi", **({"tools": tools} if tools else {})
        ) as stream:
            for event in stream:
                with quietly():
                    relayed.append(f"event: {event.type}\ndata: {event.model_dump_json()}\n\n")
                    relayed.append(event.to_dict())
    return relayed


@program
def helper_events_built_by_hand_in_a_unit_test(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A test feeds the app's renderer helper events it builds itself, snapshots included."""
    events = helper_events(openai)

    def render(stream_events: list[Any]) -> list[str]:
        lines = []
        for event in stream_events:
            if event.type == "response.output_text.delta":
                lines.append(f"text so far: {event.snapshot}")
            elif event.type == "response.function_call_arguments.delta":
                lines.append(f"args so far: {event.snapshot}")
        return lines

    fake = [
        events.ResponseTextDeltaEvent(
            type="response.output_text.delta",
            delta="Hel",
            snapshot="Hel",
            item_id="msg_1",
            output_index=0,
            content_index=0,
            sequence_number=1,
            logprobs=[],
        ),
        events.ResponseTextDeltaEvent.model_construct(
            type="response.output_text.delta",
            delta="lo",
            snapshot="Hello",
            item_id="msg_1",
            output_index=0,
            content_index=0,
            sequence_number=2,
            logprobs=[],
        ),
        events.ResponseFunctionCallArgumentsDeltaEvent(
            type="response.function_call_arguments.delta",
            delta='{"q"',
            snapshot='{"q"',
            item_id="fc_1",
            output_index=1,
            sequence_number=3,
        ),
    ]
    return (
        render(fake),
        [event.model_dump() for event in fake],
        [dict(event) for event in fake],
        [repr(event) for event in fake],
        fake[0] == fake[0].model_copy(),
    )


@program
def streamed_events_compared_with_expected_ones(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """An integration test asserts the streamed deltas equal the events it expects."""
    events = helper_events(openai)
    message = output_message("Hello")
    server.reply(sse(response_events(response_object([message]), message)))
    with client.responses.stream(model="gpt-4.1", input="hi") as stream:
        deltas = [event for event in stream if event.type == "response.output_text.delta"]
    expected = [
        events.ResponseTextDeltaEvent(
            type="response.output_text.delta",
            delta=delta,
            snapshot=snapshot,
            item_id="msg_1",
            output_index=0,
            content_index=0,
            sequence_number=number,
            logprobs=[],
        )
        for delta, snapshot, number in (("Hell", "Hell", 4), ("o", "Hello", 5))
    ]
    return (
        [d == e for d, e in zip(deltas, expected, strict=False)],
        deltas == expected,
        [dict(d) == dict(e) for d, e in zip(deltas, expected, strict=False)],
    )


@program
def relayed_json_validated_back_into_helper_events(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """The other end of a relay validates each JSON line back into the helper's classes."""
    events = helper_events(openai)
    call = function_call("lookup", {"q": "padded"}, "call_r")
    server.reply(sse(obfuscated(response_events(response_object([call]), call))))
    lines = []
    with (
        client.responses.stream(
            model="gpt-4.1",
            input="hi",
            tools=[{"type": "function", "name": "lookup", "parameters": {}, "strict": False}],
        ) as stream,
        quietly(),
    ):
        lines = [event.model_dump_json() for event in stream]
    received = []
    for line in lines:
        data = json.loads(line)
        if data["type"] == "response.function_call_arguments.delta":
            event = events.ResponseFunctionCallArgumentsDeltaEvent.model_validate(data)
            received.append((event.delta, event.snapshot, event.model_dump()))
    return received


@async_program
async def async_relay_of_padded_events(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    message = output_message("Async padded.")
    server.reply(sse(obfuscated(response_events(response_object([message]), message))))
    relayed = []
    async with client.responses.stream(model="gpt-4.1", input="hi") as stream:
        async for event in stream:
            with quietly():
                relayed.append(event.model_dump(exclude_none=True))
        final = await stream.get_final_response()
    return relayed, final.output_text


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
