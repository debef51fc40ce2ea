"""A Realtime API session over a websocket: the connection and the managers ``connect()`` returns.

``with client.realtime.connect(model=...) as connection`` (``async with`` on the async client)
opens the websocket on entering and closes it on leaving. The connection sends client events
(``send({...})``, or a method per event: ``connection.session.update(session=...)``), receives
server events parsed into the interface's typed union (``recv()``, or iterating it until the
server closes the connection normally; a close with an error code raises websockets'
``ConnectionClosedError``), and gives raw frames (``recv_bytes()``, ``send_raw()``).

The transport is the ``websockets`` package (the ``realtime`` extra), imported on entering only.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, cast

from typed_openai._core import OpenAIError
from typed_openai._core._models import parse_json
from typed_openai._core._transform import to_wire
from typed_openai.lib._realtime._apis import RealtimeApi
from typed_openai.lib._realtime._client_events import EventNamespace
from typed_openai.lib._realtime._handshake import (
    MISSING_EXTRA,
    async_credential_headers,
    credential_headers,
    handshake_headers,
    realtime_url,
)

if TYPE_CHECKING:
    from websockets.asyncio.client import ClientConnection as AsyncWebSocket
    from websockets.sync.client import ClientConnection as WebSocket

    from typed_openai._core import AsyncAPIClient, SyncAPIClient

__all__ = [
    "AsyncRealtimeConnection",
    "AsyncRealtimeConnectionManager",
    "RealtimeConnection",
    "RealtimeConnectionManager",
]


def _encode(event: object) -> str:
    """A client event (a dict of the params TypedDict, or a model) as the JSON text sent."""
    return json.dumps(to_wire(event))


def _websocket_options(options: Mapping[str, Any]) -> dict[str, Any]:
    """The websockets ``connect()`` options: realtime messages (audio) may be large, so there is
    no size limit, and no compression, unless the caller sets a limit."""
    chosen: dict[str, Any] = {"max_size": None, **options}
    if chosen["max_size"] is None:
        chosen.setdefault("compression", None)
    return chosen


class _Events:
    """The client-event methods (``connection.session.update(...)``, see _client_events)."""

    _events: EventNamespace

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self._events, name)

    def __dir__(self) -> list[str]:
        return sorted({*super().__dir__(), *dir(self._events)})


class RealtimeConnection(_Events):
    """An open realtime session (sync); see the module doc."""

    def __init__(self, connection: WebSocket, api: RealtimeApi) -> None:
        self._connection = connection
        self._api = api
        self._events = EventNamespace.root(api.client_events, self.send)

    def __iter__(self) -> Iterator[Any]:
        """The server's events, until it closes the connection normally."""
        from websockets.exceptions import ConnectionClosedOK

        while True:
            try:
                yield self.recv()
            except ConnectionClosedOK:
                return

    def recv(self) -> Any:
        """The next server event, parsed."""
        return self.parse_event(self.recv_bytes())

    def recv_bytes(self) -> bytes:
        """The next message as it came (a text frame's UTF-8 bytes)."""
        message = self._connection.recv(decode=False)
        return message.encode() if isinstance(message, str) else message

    def send(self, event: object) -> None:
        """Send a client event: a dict of the client-event params, or a client-event model."""
        self.send_raw(_encode(event))

    def send_raw(self, data: bytes | str) -> None:
        self._connection.send(data)

    def close(self, *, code: int = 1000, reason: str = "") -> None:
        self._connection.close(code=code, reason=reason)

    def parse_event(self, data: str | bytes) -> Any:
        """A received message parsed into the interface's server-event union."""
        return parse_json(self._api.server_event, data)


class AsyncRealtimeConnection(_Events):
    """An open realtime session (async); see the module doc."""

    def __init__(self, connection: AsyncWebSocket, api: RealtimeApi) -> None:
        self._connection = connection
        self._api = api
        self._events = EventNamespace.root(api.client_events, self.send)

    async def __aiter__(self) -> AsyncIterator[Any]:
        """The server's events, until it closes the connection normally."""
        from websockets.exceptions import ConnectionClosedOK

        while True:
            try:
                yield await self.recv()
            except ConnectionClosedOK:
                return

    async def recv(self) -> Any:
        """The next server event, parsed."""
        return self.parse_event(await self.recv_bytes())

    async def recv_bytes(self) -> bytes:
        """The next message as it came (a text frame's UTF-8 bytes)."""
        message = await self._connection.recv(decode=False)
        return message.encode() if isinstance(message, str) else message

    async def send(self, event: object) -> None:
        """Send a client event: a dict of the client-event params, or a client-event model."""
        await self.send_raw(_encode(event))

    async def send_raw(self, data: bytes | str) -> None:
        await self._connection.send(data)

    async def close(self, *, code: int = 1000, reason: str = "") -> None:
        await self._connection.close(code=code, reason=reason)

    def parse_event(self, data: str | bytes) -> Any:
        """A received message parsed into the interface's server-event union."""
        return parse_json(self._api.server_event, data)


class _Manager:
    """What a connection is opened with; the handshake is made on entering."""

    def __init__(
        self,
        client: SyncAPIClient | AsyncAPIClient,
        api: RealtimeApi,
        *,
        model: object,
        query: Mapping[str, object],
        extra_headers: Mapping[str, object],
        websocket_connection_options: Mapping[str, Any],
    ) -> None:
        self._client = client
        self._api = api
        self._model = model
        self._query = query
        self._extra_headers = extra_headers
        self._options = websocket_connection_options

    def _handshake(self, credentials: Mapping[str, str]) -> tuple[str, dict[str, str]]:
        url = realtime_url(self._client, self._model, self._query)
        headers = handshake_headers(
            self._client, credentials, self._api.headers, self._extra_headers
        )
        return str(url), headers


class RealtimeConnectionManager(_Manager):
    """``with client.realtime.connect(...) as connection``; ``enter()`` opens it without
    ``with`` (then ``connection.close()`` is the caller's)."""

    _connection: RealtimeConnection | None = None

    def enter(self) -> RealtimeConnection:
        try:
            from websockets.sync.client import connect
        except ImportError as exc:
            raise OpenAIError(MISSING_EXTRA) from exc
        url, headers = self._handshake(credential_headers(cast("SyncAPIClient", self._client)))
        websocket = connect(
            url,
            additional_headers=headers,
            user_agent_header=None,  # the client's own User-Agent is among the headers
            **_websocket_options(self._options),
        )
        self._connection = RealtimeConnection(websocket, self._api)
        return self._connection

    __enter__ = enter

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._connection is not None:
            self._connection.close()


class AsyncRealtimeConnectionManager(_Manager):
    """``async with client.realtime.connect(...) as connection``; ``await enter()`` opens it
    without ``async with`` (then ``await connection.close()`` is the caller's)."""

    _connection: AsyncRealtimeConnection | None = None

    async def enter(self) -> AsyncRealtimeConnection:
        try:
            from websockets.asyncio.client import connect
        except ImportError as exc:
            raise OpenAIError(MISSING_EXTRA) from exc
        client = cast("AsyncAPIClient", self._client)
        url, headers = self._handshake(await async_credential_headers(client))
        websocket = await connect(
            url,
            additional_headers=headers,
            user_agent_header=None,  # the client's own User-Agent is among the headers
            **_websocket_options(self._options),
        )
        self._connection = AsyncRealtimeConnection(websocket, self._api)
        return self._connection

    __aenter__ = enter

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._connection is not None:
            await self._connection.close()
