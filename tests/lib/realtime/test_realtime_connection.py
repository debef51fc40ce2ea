"""The realtime connection's own rules (the drop-in programs are tests/drop_in/test_realtime_connect.py;
the client-event methods: test_event_methods.py): the URL, the missing extra, a callable api key,
and no websockets import until a connection is opened."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
from websockets.sync.server import ServerConnection

import typed_openai
from tests.support.websocket_server import WebSocketServer, running_server
from typed_openai.lib._realtime._handshake import realtime_url


@pytest.fixture
def ws_server() -> Iterator[WebSocketServer]:
    with running_server() as server:
        yield server


@pytest.mark.parametrize(
    ("base_url", "expected"),
    [
        ("https://api.openai.com/v1", "wss://api.openai.com/v1/realtime?model=m"),
        ("http://127.0.0.1:8080/v1/", "ws://127.0.0.1:8080/v1/realtime?model=m"),
    ],
)
def test_url_from_base_url(base_url: str, expected: str) -> None:
    client = typed_openai.OpenAI(api_key="k", base_url=base_url)
    assert str(realtime_url(client, "m", {})) == expected


def test_url_from_websocket_base_url_keeps_its_query() -> None:
    client = typed_openai.OpenAI(api_key="k", websocket_base_url="wss://proxy.example/rt?region=eu")
    url = realtime_url(client, "m", {"call_id": typed_openai.NOT_GIVEN})
    assert url == httpx.URL("wss://proxy.example/rt/realtime?region=eu&model=m")


def test_missing_extra_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "websockets.sync.client", None)
    monkeypatch.setitem(sys.modules, "websockets.asyncio.client", None)
    client = typed_openai.OpenAI(api_key="k")
    with pytest.raises(typed_openai.OpenAIError, match=r"typed_openai\[realtime\]"):
        client.realtime.connect(model="m").enter()
    aclient = typed_openai.AsyncOpenAI(api_key="k")
    with pytest.raises(typed_openai.OpenAIError, match=r"typed_openai\[realtime\]"):
        asyncio.run(aclient.beta.realtime.connect(model="m").enter())


def test_callable_api_key_is_asked_before_the_handshake(ws_server: WebSocketServer) -> None:
    keys = iter(["key-1", "key-2"])
    client = typed_openai.OpenAI(api_key=lambda: next(keys), base_url=ws_server.url)
    for _ in range(2):
        with client.realtime.connect(model="m"):
            pass
    ws_server.wait_finished(2)
    assert [h.headers["authorization"] for h in ws_server.handshakes] == [
        "Bearer key-1",
        "Bearer key-2",
    ]

    async def token() -> str:
        return "async-key"

    async def run() -> None:
        aclient = typed_openai.AsyncOpenAI(api_key=token, base_url=ws_server.url)
        async with aclient.realtime.connect(model="m"):
            pass

    asyncio.run(run())
    ws_server.wait_finished(3)
    assert ws_server.handshakes[-1].headers["authorization"] == "Bearer async-key"


def test_handshakes_are_recorded_in_the_order_they_were_answered(
    ws_server: WebSocketServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The server's handler runs on the connection's thread after the handshake is answered; a
    # handler starting late (a busy machine) must not reorder the handshakes recorded (the
    # callable api key test once saw "key-2" before "key-1").
    serve = ws_server._serve  # pyright: ignore[reportPrivateUsage]
    late = threading.Event()

    def first_starts_late(connection: ServerConnection) -> None:
        if not late.is_set():
            late.set()
            time.sleep(0.3)
        serve(connection)

    monkeypatch.setattr(ws_server, "_serve", first_starts_late)
    client = typed_openai.OpenAI(api_key="k", base_url=ws_server.url)
    for model in ("first", "second"):
        with client.realtime.connect(model=model):
            pass
    ws_server.wait_finished(2)
    assert [h.path for h in ws_server.handshakes] == [
        "/v1/realtime?model=first",
        "/v1/realtime?model=second",
    ]


def test_a_model_is_sent_by_its_wire_names(ws_server: WebSocketServer) -> None:
    from typed_openai.types.realtime_client_event_response_cancel import (
        RealtimeClientEventResponseCancel,
    )

    client = typed_openai.OpenAI(api_key="k", base_url=ws_server.url)
    with client.realtime.connect(model="m") as connection:
        connection.send(RealtimeClientEventResponseCancel(type="response.cancel", response_id="r"))
    ws_server.wait_finished(1)
    assert ws_server.frames == [{"type": "response.cancel", "response_id": "r"}]


def test_no_websockets_import_until_a_connection_opens() -> None:
    code = (
        "import sys, typed_openai\n"
        "client = typed_openai.OpenAI(api_key='k')\n"
        "manager = client.realtime.connect(model='m')\n"
        "client.beta.realtime.connect(model='m')\n"
        "assert not [m for m in sys.modules if m.startswith('websockets')], 'websockets imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_connect_option_types_have_the_sdks_keys() -> None:
    import openai.types as sdk_types
    import openai.types.beta.realtime as sdk_beta_realtime
    import openai.types.realtime as sdk_realtime

    from typed_openai.types import SyncWebSocketConnectionOptions, WebsocketConnectionOptions
    from typed_openai.types.beta import realtime as beta_realtime
    from typed_openai.types.beta.realtime import realtime_connect_params as beta_connect_params
    from typed_openai.types.realtime.realtime_connect_params import RealtimeConnectParams
    from typed_openai.types.websocket_connection_options import WebSocketConnectionOptions

    pairs = [
        (SyncWebSocketConnectionOptions, sdk_types.SyncWebSocketConnectionOptions),
        (WebSocketConnectionOptions, sdk_types.WebSocketConnectionOptions),
        (WebsocketConnectionOptions, sdk_types.WebsocketConnectionOptions),
        (RealtimeConnectParams, sdk_realtime.RealtimeConnectParams),
        # the beta query requires the model (and has no call_id)
        (beta_connect_params.RealtimeConnectParams, sdk_beta_realtime.RealtimeConnectParams),
    ]
    for ours, theirs in pairs:
        assert ours.__required_keys__ == theirs.__required_keys__
        assert ours.__optional_keys__ == theirs.__optional_keys__
    # the beta package's name is its module's
    assert beta_realtime.RealtimeConnectParams is beta_connect_params.RealtimeConnectParams


def test_azure_url_is_under_the_endpoint_on_tls() -> None:
    bound = typed_openai.AzureOpenAI(
        api_key="k",
        api_version="v1",
        azure_endpoint="https://res.openai.azure.com",
        azure_deployment="my-deployment",
    )
    assert realtime_url(bound, "gpt-realtime", {}) == httpx.URL(
        "wss://res.openai.azure.com/openai/realtime?api-version=v1&deployment=my-deployment"
    )
    unbound = typed_openai.AzureOpenAI(
        api_key="k", api_version="v1", azure_endpoint="http://127.0.0.1:1"
    )
    assert str(realtime_url(unbound, "gpt-realtime", {})).startswith(
        "wss://127.0.0.1:1/openai/realtime?api-version=v1&deployment=gpt-realtime"
    )
    with pytest.raises(typed_openai.OpenAIError, match="`model` is required"):
        realtime_url(unbound, typed_openai.NOT_GIVEN, {})
