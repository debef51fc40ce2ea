"""A Realtime session as the SDK's README types one that survives drops: an `on_reconnecting`
policy annotated with the SDK's types, the reconnection settings, queued sends and handlers
registered on the manager, handlers on the connection (sync and async; the method form: the
SDK's `on` returns a union of the connection and a decorator, so its chained and decorator
forms do not type-check against it), dispatch_events and the websocket errors' attributes."""

from __future__ import annotations

from typing import Any

import openai
from openai import AsyncOpenAI, OpenAI, ReconnectingEvent, ReconnectingOverrides
from openai.types.websocket_reconnection import is_recoverable_close


def on_reconnecting(event: ReconnectingEvent) -> ReconnectingOverrides | None:
    if event.attempt >= event.max_attempts or not is_recoverable_close(event.close_code):
        return {"abort": True}
    print(f"reconnecting in {event.delay:.1f}s", dict(event.extra_query), event.extra_headers)
    return {"extra_query": {"session": "s1"}, "extra_headers": {"X-Retry": str(event.attempt)}}


def keep_going(event: ReconnectingEvent) -> None:
    print("attempt", event.attempt)


def log_event(event: Any) -> None:
    print(event)


def session(client: OpenAI) -> int:
    manager = client.realtime.connect(
        model="gpt-realtime",
        on_reconnecting=on_reconnecting,
        max_retries=3,
        initial_delay=0.25,
        max_delay=4.0,
        max_queue_size=2**20,
    )
    manager.send({"type": "session.update", "session": {"type": "realtime"}})
    manager.on("event", log_event)
    manager.once("error", log_event)
    with manager as connection:

        def done(event: Any) -> None:
            connection.close()

        connection.on("response.done", done)
        connection.off("event", log_event)
        connection.on("response.output_text.delta", log_event)
        connection.response.create()
        try:
            connection.dispatch_events()
        except openai.WebSocketConnectionClosedError as exc:
            return len(exc.unsent_messages) + len(exc.unsent_frames)
        except openai.WebSocketQueueFullError:
            return -1
    return 0


async def async_session(client: AsyncOpenAI) -> None:
    async with client.realtime.connect(
        model="gpt-realtime", on_reconnecting=keep_going, max_retries=10
    ) as connection:

        async def on_delta(event: Any) -> None:
            print(event)

        connection.on("response.output_text.delta", on_delta)
        connection.once("response.done", log_event)
        await connection.response.create()
        await connection.dispatch_events()
