"""Realtime translation sessions with an orderly end: ``TranslationSession(client.realtime.
translations, model=...)`` (``AsyncTranslationSession`` on the async client), entered once, gives
a connection whose input ends with one ``session.close`` event: later sends are refused (a second
``session.close`` is ignored), and receiving goes on through the server's trailing output until
its ``session.closed`` event, which closes the connection. Nothing sent is ever sent again: a
send that fails closes the connection. Leaving the ``with`` block closes the connection.

Translation goes to OpenAI itself: an Azure OpenAI client, an empty model or an ``intent`` query
parameter (the Realtime API's, not translation's) are refused before connecting.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal

import httpx

from typed_openai._core import OpenAIError
from typed_openai.lib._realtime._types import (
    SyncWebSocketConnectionOptions,
    WebSocketConnectionOptions,
)

if TYPE_CHECKING:
    from typed_openai._core import AsyncAPIClient, SyncAPIClient
    from typed_openai.resources.realtime.translations import AsyncTranslations, Translations
    from typed_openai.resources.realtime.translations.translations import (
        AsyncTranslationsConnection,
        TranslationsConnection,
    )
    from typed_openai.types.realtime import (
        RealtimeTranslationClientEvent,
        RealtimeTranslationClientEventParam,
        RealtimeTranslationServerEvent,
    )

__all__ = [
    "AsyncTranslationConnection",
    "AsyncTranslationSession",
    "TranslationConnection",
    "TranslationSession",
]

_State = Literal["open", "finishing", "closed"]
_CLOSED_INPUT = "this Realtime translation session's input is closed (session.close was sent)"


def _event_type(event: object) -> object:
    return event.get("type") if isinstance(event, Mapping) else getattr(event, "type", None)  # pyright: ignore[reportUnknownMemberType, reportUnknownVariableType]


def _check(client: SyncAPIClient | AsyncAPIClient, model: str, query: Mapping[str, object]) -> None:
    """Refuse what cannot be a translation session, before connecting."""
    from typed_openai.lib.azure import BaseAzureClient

    if not model:
        raise ValueError("a Realtime translation session needs a `model`")
    if isinstance(client, BaseAzureClient):
        raise OpenAIError("Realtime translation is not offered through Azure OpenAI")
    websocket_base_url = getattr(client, "websocket_base_url", None)
    queries: list[Mapping[str, object]] = [client.default_query, query]
    queries.append(dict(client.base_url.params))
    if websocket_base_url is not None:
        queries.append(dict(httpx.URL(str(websocket_base_url)).params))
    if any("intent" in q for q in queries):
        raise ValueError("a Realtime translation session takes no `intent` query parameter")


def _is_closed_event(event: object) -> bool:
    return getattr(event, "type", None) == "session.closed"


class TranslationConnection:
    """An open translation session (sync); see the module doc. Safe to send from one thread
    while another receives."""

    def __init__(self, connection: TranslationsConnection) -> None:
        self._connection = connection
        self._state: _State = "open"
        self._send_lock = threading.Lock()
        self._close_lock = threading.Lock()
        self._closer: threading.Thread | None = None
        self._closed = False

    def send(
        self, event: RealtimeTranslationClientEvent | RealtimeTranslationClientEventParam
    ) -> None:
        closing = _event_type(event) == "session.close"
        with self._send_lock:
            if closing and self._state == "finishing":
                return  # the session is already ending
            if self._state != "open":
                raise OpenAIError(_CLOSED_INPUT)
            if closing:
                self._state = "finishing"
            try:
                self._connection.send(event)
            except BaseException:
                # the frame may have reached the server: never send it again, end the session
                self._state = "closed"
                self._close_now()
                raise

    def recv(self, *, timeout: float | None = None) -> RealtimeTranslationServerEvent:
        """The next server event; ``timeout`` (seconds) bounds the wait (``TimeoutError``).
        The ``session.closed`` event closes the connection."""
        if timeout is None:
            data = self._connection.recv_bytes()
        else:
            from typed_openai.lib._realtime.connection import receive

            data = receive(self._connection._connection, timeout)  # pyright: ignore[reportPrivateUsage]
        event = self._connection.parse_event(data)
        if _is_closed_event(event):
            self._state = "closed"
            if timeout is None:
                self._close_now()
            else:  # a bounded wait does not wait for the closing handshake either
                self._close_in_background()
        return event

    def close(self) -> None:
        self._state = "closed"
        closer = self._closer
        if closer is not None:
            closer.join()
        self._close_now()

    def _close_now(self) -> None:
        with self._close_lock:
            if self._closed:
                return
            self._closed = True
        self._connection.close()

    def _close_in_background(self) -> None:
        with self._close_lock:
            if self._closed or self._closer is not None:
                return
            self._closer = threading.Thread(target=self._close_now, daemon=True)
        self._closer.start()


class AsyncTranslationConnection:
    """An open translation session (async); see the module doc."""

    def __init__(self, connection: AsyncTranslationsConnection) -> None:
        self._connection = connection
        self._state: _State = "open"
        self._send_lock = asyncio.Lock()

    async def send(
        self, event: RealtimeTranslationClientEvent | RealtimeTranslationClientEventParam
    ) -> None:
        closing = _event_type(event) == "session.close"
        async with self._send_lock:
            if closing and self._state == "finishing":
                return
            if self._state != "open":
                raise OpenAIError(_CLOSED_INPUT)
            if closing:
                self._state = "finishing"
            try:
                await self._connection.send(event)
            except BaseException:
                await self.close()
                raise

    async def recv(self) -> RealtimeTranslationServerEvent:
        """The next server event; the ``session.closed`` event closes the connection."""
        event = await self._connection.recv()
        if _is_closed_event(event):
            await self.close()
        return event

    async def close(self) -> None:
        self._state = "closed"
        await self._connection.close()


class _Session:
    _entered = False

    def __init__(
        self,
        resource: Any,
        *,
        model: str,
        extra_query: Mapping[str, object],
        extra_headers: Mapping[str, object],
        websocket_connection_options: Mapping[str, Any],
    ) -> None:
        self._resource = resource
        self._model = model
        self._query = extra_query
        self._headers = extra_headers
        self._options = websocket_connection_options

    def _manager(self) -> Any:
        if self._entered:
            raise RuntimeError("a translation session is entered once; open another for more")
        self._entered = True
        _check(self._resource._client, self._model, self._query)
        return self._resource.connect(
            model=self._model,
            extra_query=self._query,
            extra_headers=self._headers,
            websocket_connection_options=self._options,
        )


class TranslationSession(_Session):
    """``with TranslationSession(client.realtime.translations, model=...) as connection``;
    see the module doc."""

    _connection: TranslationConnection | None = None

    def __init__(
        self,
        resource: Translations,
        *,
        model: str,
        extra_query: Mapping[str, object] = {},
        extra_headers: Mapping[str, object] = {},
        websocket_connection_options: SyncWebSocketConnectionOptions = {},  # noqa: B006 (read only)
    ) -> None:
        super().__init__(
            resource,
            model=model,
            extra_query=extra_query,
            extra_headers=extra_headers,
            websocket_connection_options=websocket_connection_options,
        )

    def enter(self) -> TranslationConnection:
        self._connection = TranslationConnection(self._manager().enter())
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


class AsyncTranslationSession(_Session):
    """``async with AsyncTranslationSession(client.realtime.translations, model=...) as
    connection``; see the module doc."""

    _connection: AsyncTranslationConnection | None = None

    def __init__(
        self,
        resource: AsyncTranslations,
        *,
        model: str,
        extra_query: Mapping[str, object] = {},
        extra_headers: Mapping[str, object] = {},
        websocket_connection_options: WebSocketConnectionOptions = {},  # noqa: B006 (read only)
    ) -> None:
        super().__init__(
            resource,
            model=model,
            extra_query=extra_query,
            extra_headers=extra_headers,
            websocket_connection_options=websocket_connection_options,
        )

    async def enter(self) -> AsyncTranslationConnection:
        self._connection = AsyncTranslationConnection(await self._manager().enter())
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
