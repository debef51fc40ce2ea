"""A websocket session (Realtime, Realtime translation, Responses): the connection and the manager
``connect()`` returns, generic over the interface (the server events ``recv()`` gives, the client
events ``send()`` takes). Each interface's named, typed classes (``RealtimeConnection``…) are
generated from config ``websockets:`` into _with_helpers/_connections/<interface>.py: they
subclass these, mix in the interface's client-event methods (generated from the spec's
client-event union into _generated/event_methods/) and are opened with its `WebSocketInterface`.

``with client.realtime.connect(model=...) as connection`` (``async with`` on the async client)
opens the websocket on entering and closes it on leaving. The connection sends client events
(``send({...})``, or a method per event: ``connection.session.update(session=...)``), receives
server events parsed into the interface's typed union (``recv()``, or iterating it until the
server closes the connection normally; a close with an error code raises websockets'
``ConnectionClosedError``), and gives raw frames (``recv_bytes()``, ``send_raw()``).

Events can also be pushed to handlers: ``connection.on("response.done", handler)`` (or as a
decorator, ``once`` for one event, ``off`` to remove; ``"event"`` for every event) and
``dispatch_events()``, which iterates the connection and calls each event's handlers (an async
connection awaits what they return). An ``error`` event no handler takes raises ``OpenAIError``.

Given ``on_reconnecting``, iterating (and so ``dispatch_events()``) reconnects a dropped
connection under the rules of ``_reconnect.py``; what is sent meanwhile waits in the send
queue and goes out, in order, on the new websocket before anything sent later. Sending through
the manager before entering queues too. When the connection ends with messages still queued,
iterating raises ``WebSocketConnectionClosedError`` carrying them.

The transport is the ``websockets`` package (the ``realtime`` extra), imported on entering only.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import json
import logging
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from types import TracebackType
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

from typed_openai._core import (
    NOT_GIVEN,
    AsyncAPIResource,
    OpenAIError,
    WebSocketConnectionClosedError,
)
from typed_openai._core._models import parse_json
from typed_openai._core._transform import to_wire
from typed_openai.lib._realtime._handlers import (
    ALL_EVENTS,
    Handler,
    HandlerMethods,
    HandlerRegistry,
)
from typed_openai.lib._realtime._handshake import (
    MISSING_EXTRA,
    async_credential_headers,
    credential_headers,
    handshake_headers,
    realtime_url,
)
from typed_openai.lib._realtime._reconnect import (
    ABNORMAL_CLOSURE,
    OnReconnecting,
    ReconnectPolicy,
    is_recoverable_close,
)
from typed_openai.lib._realtime._send_queue import DEFAULT_MAX_QUEUE_SIZE, SendQueue

if TYPE_CHECKING:
    from websockets.asyncio.client import ClientConnection as AsyncWebSocket
    from websockets.exceptions import ConnectionClosed
    from websockets.sync.client import ClientConnection as WebSocket

    from typed_openai._core import AsyncAPIClient, Headers, Query, SyncAPIClient, SyncAPIResource

__all__ = [
    "AsyncWebSocketConnection",
    "AsyncWebSocketConnectionManager",
    "WebSocketConnection",
    "WebSocketConnectionManager",
    "WebSocketInterface",
    "open_manager",
    "receive",
]

ServerEventT = TypeVar("ServerEventT")  # what recv() returns
ClientEventT = TypeVar("ClientEventT")  # what send() takes
ConnectionT = TypeVar("ConnectionT")  # what a manager opens

# under the official SDK's `openai` logger (as every log of this package): code configuring it
# configures ours
log = logging.getLogger("openai.resources.realtime.realtime")


@dataclass(frozen=True)
class WebSocketInterface:
    """What tells one websocket interface from another (config ``websockets:`` ``connection:``):
    the union a received message is parsed into, its URL path after the websocket base URL and
    the handshake headers it adds."""

    server_event: Any  # the discriminated union a received message is parsed into
    path: str = "/realtime"
    headers: Mapping[str, str] = field(default_factory=dict[str, str])
    # a base_url's scheme becomes wss even when it is http (the beta interface, as in the SDK)
    tls_only: bool = False


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


@cache
def _sync_recv_decodes(kind: type[WebSocket]) -> bool:
    """Whether a sync websocket's ``recv()`` takes ``decode`` (websockets 14 on; 13's decodes
    text frames always)."""
    return "decode" in inspect.signature(kind.recv).parameters


def receive(websocket: WebSocket, timeout: float | None = None) -> bytes:
    """The next message of a sync websocket, as bytes (a text frame's UTF-8); ``timeout``
    (seconds) bounds the wait (``TimeoutError``)."""
    if _sync_recv_decodes(type(websocket)):
        message = websocket.recv(timeout, decode=False)
    else:
        message = websocket.recv(timeout)
    return message.encode() if isinstance(message, str) else message


def _close_code(exc: ConnectionClosed) -> int:
    """The code the server closed with (none received: the connection was lost)."""
    return exc.rcvd.code if exc.rcvd is not None else ABNORMAL_CLOSURE


def _unsent_error(unsent: list[str | bytes]) -> WebSocketConnectionClosedError:
    return WebSocketConnectionClosedError(
        f"the realtime connection closed with {len(unsent)} message(s) not sent",
        unsent_messages=unsent,
    )


class _Dispatching(HandlerMethods):
    """The handler registration (``on``/``off``/``once``, see _handlers) and who gets an event."""

    _handlers: HandlerRegistry

    def _handlers_of(self, event: Any) -> list[Handler]:
        """The handlers one received event goes to: its type's, then every event's (``once``
        ones used up); an error event nobody handles raises."""
        own = self._handlers.take(event.type)
        every = self._handlers.take(ALL_EVENTS)
        if event.type == "error" and not own and not every:
            raise OpenAIError(
                "the realtime server sent an error event and no handler is registered for"
                f' "error" or "event" events: {getattr(event, "error", event)!r}'
            )
        return [*own, *every]


class WebSocketConnection(_Dispatching, Generic[ServerEventT, ClientEventT]):
    """An open websocket session (sync); see the module doc. Sending may happen from other
    threads than the one iterating."""

    def __init__(
        self,
        connection: WebSocket,
        api: WebSocketInterface,
        *,
        reopen: Callable[[Query, Headers], WebSocket] | None = None,
        policy: ReconnectPolicy | None = None,
        send_queue: SendQueue | None = None,
        handlers: HandlerRegistry | None = None,
    ) -> None:
        self._connection = connection
        self._api = api
        self._handlers = handlers if handlers is not None else HandlerRegistry()
        # reconnecting: both the way to a new websocket and the policy, or neither
        self._reopen = reopen if policy is not None else None
        self._policy = policy
        self._queue = send_queue if send_queue is not None else SendQueue()
        # guards _connection, _queue and the flags; _closing is set once close() is called
        self._state = threading.Condition()
        self._closing = threading.Event()
        self._reconnecting = False  # the iterating thread is replacing the websocket
        self._flushing = False  # a sender is sending the queue (others queue behind it)

    def __iter__(self) -> Iterator[ServerEventT]:
        """The server's events, until it closes the connection normally (see the module doc for
        reconnecting and unsent messages)."""
        from websockets.exceptions import ConnectionClosed, ConnectionClosedOK

        while True:
            try:
                yield self.recv()
            except ConnectionClosed as exc:
                if self._reconnect(exc):
                    continue
                with self._state:
                    unsent = self._queue.drain()
                if unsent:
                    raise _unsent_error(unsent) from exc
                if isinstance(exc, ConnectionClosedOK):
                    return
                raise

    def dispatch_events(self) -> None:
        """Iterate the connection, calling each event's handlers (``on``/``once``) until it
        ends; blocks this thread meanwhile."""
        for event in self:
            for handler in self._handlers_of(event):
                handler(event)

    def recv(self) -> ServerEventT:
        """The next server event, parsed."""
        return self.parse_event(self.recv_bytes())

    def recv_bytes(self) -> bytes:
        """The next message as it came (a text frame's UTF-8 bytes)."""
        data = receive(self._connection)
        if self._policy is not None:
            self._policy.saw_progress(data)
        return data

    def send(self, event: ClientEventT) -> None:
        """Send a client event: a dict of the client-event params, or a client-event model."""
        self.send_raw(_encode(event))

    def _send_event(self, event: dict[str, object]) -> None:
        """What a client-event method (``connection.session.update(...)``) builds, sent."""
        self.send(cast("ClientEventT", event))

    def send_raw(self, data: bytes | str) -> None:
        """Send one frame (``str`` text, ``bytes`` binary), after those still queued."""
        with self._state:
            queued = not self._closing.is_set() and (
                self._reconnecting or self._flushing or len(self._queue) > 0
            )
            if queued:
                self._queue.put(data)
                if self._reconnecting or self._flushing:
                    return  # who holds the queue sends it
                self._flushing = True
            websocket = self._connection
        if queued:
            self._flush(recovering=False)
        else:
            websocket.send(data)

    def _send_queued(self) -> None:
        """Send what is queued now, unless a sender or the reconnection already does."""
        with self._state:
            if self._flushing or self._reconnecting or not self._queue:
                return
            self._flushing = True
        self._flush(recovering=False)

    def close(self, *, code: int = 1000, reason: str = "") -> None:
        """Close the websocket (and stop any reconnecting)."""
        with self._state:
            self._closing.set()
            websocket = self._connection
        websocket.close(code=code, reason=reason)

    def parse_event(self, data: str | bytes) -> ServerEventT:
        """A received message parsed into the interface's server-event union."""
        return cast("ServerEventT", parse_json(self._api.server_event, data))

    def _flush(self, *, recovering: bool) -> None:
        """Send the queue, in order, on the current websocket: as the sender who found messages
        queued, which stops when reconnecting begins (the reconnection sends the rest), or as
        the reconnection itself, which waits for such a sender to stop and ends reconnecting
        when the queue is empty. A failed message goes back first and the error is raised."""
        while True:
            with self._state:
                if recovering:
                    self._state.wait_for(lambda: not self._flushing)
                elif self._reconnecting:
                    self._stop_flushing()
                    return
                if self._closing.is_set() or not self._queue:
                    if recovering:
                        self._reconnecting = False
                    else:
                        self._stop_flushing()
                    return
                data = self._queue.take()
                websocket = self._connection
            try:
                websocket.send(data)
            except BaseException:
                with self._state:
                    self._queue.put_back(data)
                    if not recovering:
                        self._stop_flushing()
                raise

    def _stop_flushing(self) -> None:
        self._flushing = False
        self._state.notify_all()

    def _reconnect(self, dropped: ConnectionClosed) -> bool:
        """After ``dropped``: reconnect as the policy allows (True: a new websocket is in
        place and the queue sent on it)."""
        from websockets.exceptions import ConnectionClosed

        policy, reopen = self._policy, self._reopen
        if policy is None or reopen is None:
            return False
        code = _close_code(dropped)
        with self._state:
            if self._closing.is_set() or not is_recoverable_close(code):
                return False
            self._reconnecting = True
        try:
            while (delay := policy.next_attempt(code)) is not None:
                log.info(
                    "realtime websocket closed (%d): reconnecting in %.2fs (attempt %d of %d)",
                    code,
                    delay,
                    policy.attempts_used,
                    policy.max_retries,
                )
                if self._closing.wait(delay):
                    return False
                try:
                    websocket = reopen(policy.extra_query, policy.extra_headers)
                except Exception as exc:  # refused or unreachable: that attempt is used
                    log.info("realtime websocket: reconnection attempt failed: %r", exc)
                    continue
                with self._state:
                    closing = self._closing.is_set()
                    if not closing:
                        self._connection = websocket
                if closing:
                    websocket.close()
                    return False
                try:
                    self._flush(recovering=True)
                except Exception as exc:
                    with contextlib.suppress(Exception):
                        websocket.close()
                    if isinstance(exc, ConnectionClosed):
                        code = _close_code(exc)
                        if not is_recoverable_close(code):
                            return False
                    continue
                log.info("realtime websocket reconnected")
                return True
            return False
        finally:
            with self._state:
                self._reconnecting = False


class AsyncWebSocketConnection(_Dispatching, Generic[ServerEventT, ClientEventT]):
    """An open websocket session (async); see the module doc."""

    def __init__(
        self,
        connection: AsyncWebSocket,
        api: WebSocketInterface,
        *,
        reopen: Callable[[Query, Headers], Awaitable[AsyncWebSocket]] | None = None,
        policy: ReconnectPolicy | None = None,
        send_queue: SendQueue | None = None,
        handlers: HandlerRegistry | None = None,
    ) -> None:
        self._connection = connection
        self._api = api
        self._handlers = handlers if handlers is not None else HandlerRegistry()
        self._reopen = reopen if policy is not None else None
        self._policy = policy
        self._queue = send_queue if send_queue is not None else SendQueue()
        # one event loop: the state changes only between awaits, so it needs no lock
        self._closing = asyncio.Event()
        self._reconnecting = False
        self._flushing = False
        self._flush_stopped = asyncio.Event()  # set whenever no sender is sending the queue
        self._flush_stopped.set()

    async def __aiter__(self) -> AsyncIterator[ServerEventT]:
        """The server's events, until it closes the connection normally (see the module doc for
        reconnecting and unsent messages)."""
        from websockets.exceptions import ConnectionClosed, ConnectionClosedOK

        while True:
            try:
                yield await self.recv()
            except ConnectionClosed as exc:
                if await self._reconnect(exc):
                    continue
                unsent = self._queue.drain()
                if unsent:
                    raise _unsent_error(unsent) from exc
                if isinstance(exc, ConnectionClosedOK):
                    return
                raise

    async def dispatch_events(self) -> None:
        """Iterate the connection, calling each event's handlers (``on``/``once``) and awaiting
        what they return when it is awaitable, until the connection ends."""
        async for event in self:
            for handler in self._handlers_of(event):
                result = handler(event)
                if inspect.isawaitable(result):
                    await result

    async def recv(self) -> ServerEventT:
        """The next server event, parsed."""
        return self.parse_event(await self.recv_bytes())

    async def recv_bytes(self) -> bytes:
        """The next message as it came (a text frame's UTF-8 bytes)."""
        message = await self._connection.recv(decode=False)
        data = message.encode() if isinstance(message, str) else message
        if self._policy is not None:
            self._policy.saw_progress(data)
        return data

    async def send(self, event: ClientEventT) -> None:
        """Send a client event: a dict of the client-event params, or a client-event model."""
        await self.send_raw(_encode(event))

    async def _send_event(self, event: dict[str, object]) -> None:
        """What a client-event method (``connection.session.update(...)``) builds, sent."""
        await self.send(cast("ClientEventT", event))

    async def send_raw(self, data: bytes | str) -> None:
        """Send one frame (``str`` text, ``bytes`` binary), after those still queued."""
        queued = not self._closing.is_set() and (
            self._reconnecting or self._flushing or len(self._queue) > 0
        )
        if not queued:
            await self._connection.send(data)
            return
        self._queue.put(data)
        if self._reconnecting or self._flushing:
            return  # who holds the queue sends it
        self._flushing = True
        self._flush_stopped.clear()
        await self._flush(recovering=False)

    async def _send_queued(self) -> None:
        """Send what is queued now, unless a sender or the reconnection already does."""
        if self._flushing or self._reconnecting or not self._queue:
            return
        self._flushing = True
        self._flush_stopped.clear()
        await self._flush(recovering=False)

    async def close(self, *, code: int = 1000, reason: str = "") -> None:
        """Close the websocket (and stop any reconnecting)."""
        self._closing.set()
        await self._connection.close(code=code, reason=reason)

    def parse_event(self, data: str | bytes) -> ServerEventT:
        """A received message parsed into the interface's server-event union."""
        return cast("ServerEventT", parse_json(self._api.server_event, data))

    async def _flush(self, *, recovering: bool) -> None:
        """As the sync connection's ``_flush``."""
        while True:
            if recovering:
                await self._flush_stopped.wait()
            elif self._reconnecting:
                self._stop_flushing()
                return
            if self._closing.is_set() or not self._queue:
                if recovering:
                    self._reconnecting = False
                else:
                    self._stop_flushing()
                return
            data = self._queue.take()
            try:
                await self._connection.send(data)
            except BaseException:
                self._queue.put_back(data)
                if not recovering:
                    self._stop_flushing()
                raise

    def _stop_flushing(self) -> None:
        self._flushing = False
        self._flush_stopped.set()

    async def _reconnect(self, dropped: ConnectionClosed) -> bool:
        """As the sync connection's ``_reconnect``; closing interrupts the wait."""
        from websockets.exceptions import ConnectionClosed

        policy, reopen = self._policy, self._reopen
        if policy is None or reopen is None:
            return False
        code = _close_code(dropped)
        if self._closing.is_set() or not is_recoverable_close(code):
            return False
        self._reconnecting = True
        try:
            while (delay := policy.next_attempt(code)) is not None:
                log.info(
                    "realtime websocket closed (%d): reconnecting in %.2fs (attempt %d of %d)",
                    code,
                    delay,
                    policy.attempts_used,
                    policy.max_retries,
                )
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(self._closing.wait(), delay)
                if self._closing.is_set():
                    return False
                try:
                    websocket = await reopen(policy.extra_query, policy.extra_headers)
                except Exception as exc:  # refused or unreachable: that attempt is used
                    log.info("realtime websocket: reconnection attempt failed: %r", exc)
                    continue
                if self._closing.is_set():
                    await asyncio.shield(websocket.close())
                    return False
                self._connection = websocket
                try:
                    await self._flush(recovering=True)
                except Exception as exc:
                    with contextlib.suppress(Exception):
                        await websocket.close()
                    if isinstance(exc, ConnectionClosed):
                        code = _close_code(exc)
                        if not is_recoverable_close(code):
                            return False
                    continue
                log.info("realtime websocket reconnected")
                return True
            return False
        finally:
            self._reconnecting = False


class _Manager(HandlerMethods, Generic[ConnectionT]):
    """What a connection is opened with; the handshake is made on entering (and again on each
    reconnection, with the extras ``on_reconnecting`` chose). Before entering, ``send()``
    queues events for the connection and ``on``/``once``/``off`` register its handlers."""

    # the interface's connection class (set by each named manager)
    _connection_type: Callable[..., ConnectionT]

    def __init__(
        self,
        client: SyncAPIClient | AsyncAPIClient,
        api: WebSocketInterface,
        *,
        model: object = NOT_GIVEN,
        call_id: object = NOT_GIVEN,
        extra_query: Query,
        extra_headers: Headers,
        websocket_connection_options: Mapping[str, Any],
        on_reconnecting: OnReconnecting | None = None,
        max_retries: int = 5,
        initial_delay: float = 0.5,
        max_delay: float = 8.0,
        max_queue_size: int = DEFAULT_MAX_QUEUE_SIZE,
    ) -> None:
        _check_reconnection(on_reconnecting, max_retries, initial_delay, max_delay, max_queue_size)
        self._client = client
        self._api = api
        self._model = model
        self._call_id = call_id
        self._extra_query = extra_query
        self._extra_headers = extra_headers
        self._options = websocket_connection_options
        self._on_reconnecting = on_reconnecting
        self._max_retries = max_retries
        self._initial_delay = initial_delay
        self._max_delay = max_delay
        self._queue = SendQueue(max_queue_size)
        self._handlers = HandlerRegistry()

    def send(self, event: object) -> None:
        """Queue a client event, sent first once the connection opens."""
        self._queue.put(_encode(event))

    def _policy(self) -> ReconnectPolicy | None:
        if self._on_reconnecting is None:
            return None
        return ReconnectPolicy(
            self._on_reconnecting,
            max_retries=self._max_retries,
            initial_delay=self._initial_delay,
            max_delay=self._max_delay,
            extra_query=self._extra_query,
            extra_headers=self._extra_headers,
        )

    def _handshake(
        self, credentials: Mapping[str, str], extra_query: Query, extra_headers: Headers
    ) -> tuple[str, dict[str, str]]:
        # a new conversation names its model; joining a call names the call
        query = {**extra_query, "call_id": self._call_id}
        url = realtime_url(
            self._client, self._model, query, tls_only=self._api.tls_only, path=self._api.path
        )
        headers = handshake_headers(self._client, credentials, self._api.headers, extra_headers)
        return str(url), headers


def _check_reconnection(
    on_reconnecting: object,
    max_retries: int,
    initial_delay: float,
    max_delay: float,
    max_queue_size: int,
) -> None:
    if on_reconnecting is not None and not callable(on_reconnecting):
        raise TypeError(f"on_reconnecting must be a callable or None, not {on_reconnecting!r}")
    for name, value in (
        ("max_retries", max_retries),
        ("initial_delay", initial_delay),
        ("max_delay", max_delay),
        ("max_queue_size", max_queue_size),
    ):
        if value < 0:
            raise ValueError(f"{name} must not be negative (got {value!r})")


class WebSocketConnectionManager(_Manager[ConnectionT]):
    """``with client.realtime.connect(...) as connection``; ``enter()`` opens it without
    ``with`` (then ``connection.close()`` is the caller's)."""

    _connection: WebSocketConnection[Any, Any] | None = None

    def _open(self, extra_query: Query, extra_headers: Headers) -> WebSocket:
        try:
            from websockets.sync.client import connect
        except ImportError as exc:
            raise OpenAIError(MISSING_EXTRA) from exc
        credentials = credential_headers(cast("SyncAPIClient", self._client))
        url, headers = self._handshake(credentials, extra_query, extra_headers)
        return connect(
            url,
            additional_headers=headers,
            user_agent_header=None,  # the client's own User-Agent is among the headers
            **_websocket_options(self._options),
        )

    def enter(self) -> ConnectionT:
        from websockets.exceptions import ConnectionClosed

        websocket = self._open(self._extra_query, self._extra_headers)
        try:
            connection = self._connection_type(
                websocket,
                self._api,
                reopen=self._open,
                policy=self._policy(),
                send_queue=self._queue,
                handlers=self._handlers,
            )
            # a close here is the reader's to handle: it reconnects, or reports what is queued
            opened = cast("WebSocketConnection[Any, Any]", connection)
            with contextlib.suppress(ConnectionClosed):
                opened._send_queued()  # pyright: ignore[reportPrivateUsage]
        except BaseException:
            with contextlib.suppress(Exception):
                websocket.close()
            raise
        self._connection = opened
        return connection

    __enter__ = enter

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._connection is not None:
            self._connection.close()


class AsyncWebSocketConnectionManager(_Manager[ConnectionT]):
    """``async with client.realtime.connect(...) as connection``; ``await enter()`` opens it
    without ``async with`` (then ``await connection.close()`` is the caller's)."""

    _connection: AsyncWebSocketConnection[Any, Any] | None = None

    async def _open(self, extra_query: Query, extra_headers: Headers) -> AsyncWebSocket:
        try:
            from websockets.asyncio.client import connect
        except ImportError as exc:
            raise OpenAIError(MISSING_EXTRA) from exc
        client = cast("AsyncAPIClient", self._client)
        credentials = await async_credential_headers(client)
        url, headers = self._handshake(credentials, extra_query, extra_headers)
        return await connect(
            url,
            additional_headers=headers,
            user_agent_header=None,  # the client's own User-Agent is among the headers
            **_websocket_options(self._options),
        )

    async def enter(self) -> ConnectionT:
        from websockets.exceptions import ConnectionClosed

        websocket = await self._open(self._extra_query, self._extra_headers)
        try:
            connection = self._connection_type(
                websocket,
                self._api,
                reopen=self._open,
                policy=self._policy(),
                send_queue=self._queue,
                handlers=self._handlers,
            )
            # a close here is the reader's to handle (see the sync manager)
            opened = cast("AsyncWebSocketConnection[Any, Any]", connection)
            with contextlib.suppress(ConnectionClosed):
                await opened._send_queued()  # pyright: ignore[reportPrivateUsage]
        except BaseException:
            with contextlib.suppress(Exception):
                await websocket.close()
            raise
        self._connection = opened
        return connection

    __aenter__ = enter

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._connection is not None:
            await self._connection.close()


def open_manager(
    resource: SyncAPIResource | AsyncAPIResource,
    kinds: tuple[Callable[..., Any], Callable[..., Any]],
    api: WebSocketInterface,
    **arguments: Any,
) -> Any:
    """The body of an interface's ``connect()``: its sync or its async manager (``kinds``), as
    the resource's client is, given the ``connect()`` arguments."""
    kind = kinds[1] if isinstance(resource, AsyncAPIResource) else kinds[0]
    return kind(resource._client, api, **arguments)  # pyright: ignore[reportPrivateUsage]
