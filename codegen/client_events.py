"""Config `websockets:` → `WebSocketIR`: the events a client sends over each websocket interface,
read off the spec's client-event union (each member an object whose `type` has one value).

The `type` names the method: `conversation.item.create` is `create` on the group
`conversation.item`, so every event needs a group (a method directly on the connection could
shadow one of its own) and no group may share a name with a method beside it.
"""

from __future__ import annotations

from .config import WebSocketConfig, WebSocketConnectionConfig
from .errors import GeneratorError, pointer_join
from .ir import (
    ClientEventIR,
    LiteralOf,
    ModelDef,
    Named,
    TypeDef,
    UnionOf,
    WebSocketConnectionIR,
    WebSocketIR,
)
from .naming import identifier


def build_websockets(
    configured: dict[str, WebSocketConfig], defs: dict[str, TypeDef]
) -> tuple[WebSocketIR, ...]:
    by_schema = {d.schema_name: k for k, d in defs.items() if d.schema_name and "@" not in k}
    found = []
    for name, entry in sorted(configured.items()):
        where = pointer_join("/websockets", name)
        key = by_schema.get(entry.client_events)
        if key is None:
            raise GeneratorError(
                "config-invalid", f"{where}/client_events", f"no schema {entry.client_events!r}"
            )
        events = [ClientEventIR(_event_type(model), model.key) for model in _members(key, defs)]
        if not events:
            raise GeneratorError("websocket-event", defs[key].pointer, "no client event")
        events.sort(key=lambda e: e.type)
        _check_paths(events, defs)
        connection = _connection(entry.connection, by_schema, f"{where}/connection")
        found.append(WebSocketIR(name, entry.prefix, key, tuple(events), where, connection))
    return tuple(found)


def _connection(
    configured: WebSocketConnectionConfig | None, by_schema: dict[str, str], where: str
) -> WebSocketConnectionIR | None:
    if configured is None:
        return None
    key = by_schema.get(configured.server_events)
    if key is None:
        raise GeneratorError(
            "config-invalid", f"{where}/server_events", f"no schema {configured.server_events!r}"
        )
    return WebSocketConnectionIR(
        configured.runtime, key, configured.path, configured.headers, configured.tls_only
    )


def _members(
    key: str, defs: dict[str, TypeDef], seen: frozenset[str] = frozenset()
) -> list[ModelDef]:
    """The event models of a union (unions inside it flattened)."""
    d = defs[key]
    if isinstance(d, ModelDef):
        return [d]
    members = d.type.members if isinstance(d.type, UnionOf) else (d.type,)
    out: list[ModelDef] = []
    for member in members:
        if not isinstance(member, Named) or member.key in seen:
            raise GeneratorError(
                "websocket-event",
                d.pointer,
                "a client-event union's members are object schemas (each one event)",
            )
        out.extend(_members(member.key, defs, seen | {key}))
    return out


def _event_type(model: ModelDef) -> str:
    field = next((f for f in model.fields if f.wire == "type"), None)
    if (
        field is None
        or not isinstance(field.type, LiteralOf)
        or len(field.type.values) != 1
        or not isinstance(field.type.values[0], str)
    ):
        raise GeneratorError(
            "websocket-event", model.pointer, "a client event has a `type` of one string value"
        )
    return field.type.values[0]


def method_path(event_type: str) -> tuple[str, ...]:
    """The attribute names leading to an event's method: its `type`'s dotted parts."""
    return tuple(identifier(part) for part in event_type.split("."))


def _check_paths(events: list[ClientEventIR], defs: dict[str, TypeDef]) -> None:
    methods: dict[tuple[str, ...], str] = {}
    groups: set[tuple[str, ...]] = set()
    for event in events:
        path = method_path(event.type)
        pointer = defs[event.model].pointer
        if len(path) < 2:
            raise GeneratorError(
                "websocket-event",
                pointer,
                f"client event {event.type!r} names no group (`<group>.<verb>`)",
                "a method on the connection itself could shadow one of the connection's own",
            )
        if path in methods:
            raise GeneratorError(
                "websocket-event",
                pointer,
                f"client events {methods[path]!r} and {event.type!r} are the same method",
            )
        methods[path] = event.type
        groups.update(path[:i] for i in range(1, len(path)))
    for path in sorted(groups & set(methods)):
        raise GeneratorError(
            "websocket-event",
            defs[next(e.model for e in events if e.type == methods[path])].pointer,
            f"{'.'.join(path)!r} is both a client event and a group of client events",
        )


__all__ = ["build_websockets", "method_path"]
