"""The Realtime translation and Responses websockets, the same programs run against both SDKs
over the loopback websocket server (tests/support/websocket_server.py): the URL, the headers,
the frames the event methods send and the events received (tests/drop_in/test_realtime_connect.py
does the same for the Realtime connection)."""

from __future__ import annotations

from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest

from tests.drop_in.test_realtime_connect import async_both, both
from tests.support.websocket_server import WebSocketServer, running_server

from .conftest import API_KEY


@pytest.fixture
def ws_server() -> Iterator[WebSocketServer]:
    with running_server() as server:
        yield server


AUDIO = "AAAA"


def translation_answer() -> list[dict[str, Any]]:
    return [
        {"type": "session.output_transcript.delta", "event_id": "e1", "delta": "Bonjour"},
        {"type": "session.closed", "event_id": "e2"},
    ]


def test_translation_session_sync(ws_server: WebSocketServer) -> None:
    ws_server.on("session.close", translation_answer(), close=1000)

    def program(sdk: ModuleType) -> list[Any]:
        client = sdk.OpenAI(api_key=API_KEY, base_url=ws_server.url)
        with client.realtime.translations.connect(
            model="gpt-realtime-translate", extra_headers={"X-Extra": "b"}
        ) as connection:
            connection.session.update(session={"audio": {"output": {"language": "fr"}}})
            connection.session.input_audio_buffer.append(audio=AUDIO, event_id="c1")
            connection.session.close()
            return list(connection)

    ours, theirs = both(ws_server, program)
    assert ours == theirs
    assert ours["path"] == "/v1/realtime/translations?model=gpt-realtime-translate"
    assert ours["headers"] == {"authorization": f"Bearer {API_KEY}", "x-extra": "b"}
    assert ours["frames"] == [
        {"type": "session.update", "session": {"audio": {"output": {"language": "fr"}}}},
        {"type": "session.input_audio_buffer.append", "audio": AUDIO, "event_id": "c1"},
        {"type": "session.close"},
    ]
    assert [t for t, _ in ours["events"]] == [e["type"] for e in translation_answer()]


def test_translation_session_async_send_and_recv(ws_server: WebSocketServer) -> None:
    ws_server.on("session.close", translation_answer(), close=1000)

    async def program(sdk: ModuleType) -> list[Any]:
        client = sdk.AsyncOpenAI(api_key=API_KEY, base_url=ws_server.url)
        async with client.realtime.translations.connect(model="m") as connection:
            await connection.send({"type": "session.input_audio_buffer.append", "audio": AUDIO})
            await connection.session.close(event_id="bye")
            events = [await connection.recv()]
            async for event in connection:
                events.append(event)
            return events

    ours, theirs = async_both(ws_server, program)
    assert ours == theirs
    assert ours["frames"][-1] == {"type": "session.close", "event_id": "bye"}
    assert len(ours["events"]) == 2


def responses_answer() -> list[dict[str, Any]]:
    response = {
        "id": "resp_1",
        "object": "response",
        "created_at": 1,
        "status": "completed",
        "model": "gpt-5",
        "output": [],
        "parallel_tool_calls": True,
        "tool_choice": "auto",
        "tools": [],
    }
    return [
        {
            "type": "response.output_text.delta",
            "item_id": "msg_1",
            "output_index": 0,
            "content_index": 0,
            "delta": "Hi",
            "logprobs": [],
            "sequence_number": 1,
            "stream_id": "lane",
        },
        {"type": "response.completed", "response": response, "sequence_number": 2},
    ]


@pytest.mark.parametrize("beta", [False, True], ids=["ga", "beta"])
def test_responses_websocket(ws_server: WebSocketServer, beta: bool) -> None:
    ws_server.on("response.create", responses_answer(), close=1000)

    def program(sdk: ModuleType) -> list[Any]:
        client = sdk.OpenAI(api_key=API_KEY, base_url=ws_server.url)
        resource = client.beta.responses if beta else client.responses
        with resource.connect(extra_query={"trace": "1"}) as connection:
            connection.response.create(model="gpt-5", input="Say hi", stream_id="lane")
            return list(connection)

    async def async_program(sdk: ModuleType) -> list[Any]:
        client = sdk.AsyncOpenAI(api_key=API_KEY, base_url=ws_server.url)
        resource = client.beta.responses if beta else client.responses
        async with resource.connect() as connection:
            await connection.response.create(model="gpt-5", input="Say hi", store=False)
            return [event async for event in connection]

    ours, theirs = both(ws_server, program)
    assert ours == theirs
    assert ours["path"] == "/v1/responses?trace=1"
    assert "openai-beta" not in ours["headers"]
    assert ours["frames"] == [
        {"type": "response.create", "model": "gpt-5", "input": "Say hi", "stream_id": "lane"}
    ]
    assert [t for t, _ in ours["events"]] == ["response.output_text.delta", "response.completed"]
    assert ours["events"][0][1]["stream_id"] == "lane"

    ours, theirs = async_both(ws_server, async_program)
    assert ours == theirs
    assert ours["path"] == "/v1/responses"
    assert ours["frames"][0]["store"] is False


def test_no_websockets_import_until_a_session_opens() -> None:
    import subprocess
    import sys

    code = (
        "import sys, typed_openai\n"
        "client = typed_openai.OpenAI(api_key='k')\n"
        "client.realtime.translations.connect(model='m')\n"
        "client.responses.connect()\n"
        "client.beta.responses.connect()\n"
        "assert not [m for m in sys.modules if m.startswith('websockets')], 'websockets imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_translation_session_helper_ends_in_order(ws_server: WebSocketServer) -> None:
    ws_server.on("session.close", translation_answer())  # the client closes on session.closed

    def program(sdk: ModuleType) -> list[Any]:
        from importlib import import_module

        helper = import_module(f"{sdk.__name__}.lib.realtime_translation")
        client = sdk.OpenAI(api_key=API_KEY, base_url=ws_server.url)
        session = helper.TranslationSession(client.realtime.translations, model="m")
        with session as connection:
            connection.send({"type": "session.input_audio_buffer.append", "audio": AUDIO})
            connection.send({"type": "session.close"})
            connection.send({"type": "session.close"})  # ignored: already ending
            with pytest.raises(sdk.OpenAIError):
                connection.send({"type": "session.input_audio_buffer.append", "audio": AUDIO})
            events = [connection.recv(), connection.recv(timeout=5)]
            with pytest.raises(sdk.OpenAIError):  # closed for good
                connection.send({"type": "session.close", "event_id": "late"})
        with pytest.raises(RuntimeError):
            session.__enter__()
        return events

    ours, theirs = both(ws_server, program)
    assert ours == theirs
    assert ours["frames"] == [
        {"type": "session.input_audio_buffer.append", "audio": AUDIO},
        {"type": "session.close"},
    ]
    assert [t for t, _ in ours["events"]] == ["session.output_transcript.delta", "session.closed"]


def test_async_translation_session_helper(ws_server: WebSocketServer) -> None:
    ws_server.on("session.close", translation_answer())

    async def program(sdk: ModuleType) -> list[Any]:
        from importlib import import_module

        helper = import_module(f"{sdk.__name__}.lib.realtime_translation")
        client = sdk.AsyncOpenAI(api_key=API_KEY, base_url=ws_server.url)
        session = helper.AsyncTranslationSession(client.realtime.translations, model="m")
        async with session as connection:
            await connection.send({"type": "session.close"})
            await connection.send({"type": "session.close"})
            with pytest.raises(sdk.OpenAIError):
                await connection.send({"type": "session.input_audio_buffer.append", "audio": "A"})
            events = [await connection.recv(), await connection.recv()]
        return events

    ours, theirs = async_both(ws_server, program)
    assert ours == theirs
    assert ours["frames"] == [{"type": "session.close"}]
    assert [t for t, _ in ours["events"]] == ["session.output_transcript.delta", "session.closed"]


@pytest.mark.parametrize(
    ("settings", "arguments", "error"),
    [
        ({}, {"model": ""}, ValueError),
        ({"default_query": {"intent": "x"}}, {"model": "m"}, ValueError),
        ({}, {"model": "m", "extra_query": {"intent": "x"}}, ValueError),
    ],
)
def test_translation_session_refuses_before_connecting(
    ws_server: WebSocketServer, settings: dict[str, Any], arguments: dict[str, Any], error: type
) -> None:
    from importlib import import_module

    from .conftest import official

    for sdk in (import_module("typed_openai"), official()):
        helper = import_module(f"{sdk.__name__}.lib.realtime_translation")
        client = sdk.OpenAI(api_key=API_KEY, base_url=ws_server.url, **settings)
        with pytest.raises(error):
            helper.TranslationSession(client.realtime.translations, **arguments).__enter__()
    assert ws_server.handshakes == []


def test_translation_session_refuses_azure() -> None:
    from importlib import import_module

    from .conftest import official

    for sdk in (import_module("typed_openai"), official()):
        helper = import_module(f"{sdk.__name__}.lib.realtime_translation")
        client = sdk.AzureOpenAI(
            api_key=API_KEY, azure_endpoint="https://x.openai.azure.com", api_version="2025-04-01"
        )
        with pytest.raises(sdk.OpenAIError):
            helper.TranslationSession(client.realtime.translations, model="m").__enter__()


@pytest.mark.parametrize("beta", [False, True], ids=["ga", "beta"])
def test_responses_websocket_function_call_and_create_types(
    ws_server: WebSocketServer, beta: bool
) -> None:
    """The Responses websocket's own event classes at the SDK's names: a received
    `response.function_call_arguments.done` is the module's `…WsDone` class (which the SDK
    declares without `name`: a frame without one is read, one with it too), and `ResponseCreate`
    builds the `response.create` frame a program sends with `connection.send(...)`."""
    done = {
        "type": "response.function_call_arguments.done",
        "item_id": "fc_1",
        "output_index": 0,
        "arguments": '{"city": "Paris"}',
        "sequence_number": 1,
    }
    ws_server.on(
        "response.create", [done, {**done, "name": "weather", "sequence_number": 2}], close=1000
    )
    prefix = ("beta.beta_", "Beta") if beta else ("responses.", "")
    checks: list[Any] = []

    def program(sdk: ModuleType) -> list[Any]:
        from importlib import import_module

        server_events = import_module(f"{sdk.__name__}.types.{prefix[0]}responses_server_event")
        client_events = import_module(f"{sdk.__name__}.types.{prefix[0]}responses_client_event")
        ws_done = getattr(server_events, f"{prefix[1]}ResponseFunctionCallArgumentsWsDone")
        create = client_events.ResponseCreate(type="response.create", model="gpt-5", input="hi")
        client = sdk.OpenAI(api_key=API_KEY, base_url=ws_server.url)
        resource = client.beta.responses if beta else client.responses
        with resource.connect() as connection:
            connection.send(create)
            events = list(connection)
        checks.append(
            (
                ws_done(**done).to_dict(),
                [(isinstance(e, ws_done), getattr(e, "name", None)) for e in events],
            )
        )
        return events

    ours, theirs = both(ws_server, program)
    assert ours == theirs
    assert ours["frames"] == [{"type": "response.create", "model": "gpt-5", "input": "hi"}]
    assert checks[0] == checks[1]
    assert checks[0][1] == [(True, None), (True, "weather")]
