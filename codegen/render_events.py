"""Views of the `_generated/event_methods/` modules: a websocket interface's client events as
methods (`connection.conversation.item.create(...)`), read by `templates/event_methods.py.jinja`.

An event's method takes its properties but `type` as keyword-only arguments (the required ones
first, then the optional ones defaulting to NOT_GIVEN, each set by name: the official SDK's
order) typed as request-side params, and sends `{"type": ..., **arguments}` through the
connection. One class per group serves the sync and the async connection: a method returns what
the connection's `_send_event` returns (`SentT`). The classes' runtime is `_core/_event_groups.py`.

Given the entry's `connection:`, the interface's connection and manager classes are rendered too
(`templates/websocket_connection.py.jinja`, into `_with_helpers/_connections/<name>.py`, the layer
above `lib` whose generic connection they subclass, mixing in the root class of the methods).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .client_events import method_path
from .errors import GeneratorError
from .ir import ApiIR, ModelDef, Named, WebSocketIR
from .naming import identifier, pascal_case, unique
from .render_resources import (
    ArgView,
    DocView,
    Import,
    ResultView,
    SignatureView,
    documented,
    type_checking_imports,
)
from .scope import Scope, TypeRenderer, stable_locals

EVENT_METHODS_PACKAGE = "event_methods"  # under _generated
CONNECTIONS_PACKAGE = "_connections"  # under _with_helpers
ROOT_CLASS = "ClientEventMethods"  # what a connection class mixes in
SENT = "SentT"
_RESERVED_ARGS = frozenset({"self"})  # the only name a method's body uses besides its arguments


@dataclass
class EventMethodView:
    name: str
    type: str  # the event's `type` value
    doc: DocView
    signature: SignatureView
    fields: list[tuple[str, str]]  # (wire name, argument) of what the event carries


@dataclass
class GroupView:
    class_name: str
    path: str  # dotted, as the connection reaches it ("" for the root class)
    children: list[tuple[str, str]]  # (attribute, class name) of the groups under it
    methods: list[EventMethodView]


@dataclass
class EventModuleView:
    name: str
    union: str  # the client-event union's class name
    root: GroupView
    groups: list[GroupView]
    scope: Scope
    type_checking_imports: list[Import] = field(default_factory=list)


@dataclass
class ConnectionModuleView:
    name: str  # the interface's (and the module's) name
    runtime: str  # the module of the generic connection classes
    connection: str  # `<prefix>Connection`; the others are named from it
    server: str  # the server-event union, as annotations name it
    client: list[str]  # what `send()` takes: the client-event union's model and request types
    server_import: tuple[str, str]  # (module, name) the union is imported from when first used
    path: str
    headers: list[tuple[str, str]]
    tls_only: bool
    type_checking_imports: list[Import]


def connection_module_view(api: ApiIR, websocket: WebSocketIR) -> ConnectionModuleView | None:
    """The connection classes of a websocket interface with a `connection:`, else None."""
    configured = websocket.connection
    if configured is None:
        return None
    scope = Scope(api.package, "")
    connection = f"{websocket.prefix}Connection"
    for name in (connection, f"{connection}Manager", "connect", "interface"):
        scope.define(name)
        scope.define(f"Async{name}")
    scope.core.update({"SyncAPIResource", "AsyncAPIResource"})  # `connect()`'s argument
    types = TypeRenderer(api.defs, api.params)
    server = types.render(Named(configured.server_union), scope, "model")
    sent = [types.render(Named(websocket.union), scope, side) for side in ("model", "param")]
    union = api.defs[configured.server_union]
    return ConnectionModuleView(
        name=websocket.name,
        runtime=configured.runtime,
        connection=connection,
        server=server,
        client=list(dict.fromkeys(sent)),
        server_import=(scope.types_module(union.module), union.name),
        path=configured.path,
        headers=list(configured.headers),
        tls_only=configured.tls_only,
        type_checking_imports=type_checking_imports(scope, api.package, frozenset(), {}),
    )


class EventMethodsRenderer:
    def __init__(self, api: ApiIR) -> None:
        self.api = api
        self.types = TypeRenderer(api.defs, api.params)

    def module_view(self, websocket: WebSocketIR) -> EventModuleView:
        # two passes, as the resource modules: the second names the imports stably
        first = Scope(self.api.package, "")
        self._module_view(websocket, first)
        planned = stable_locals(first)
        return self._module_view(websocket, Scope(self.api.package, "", planned=planned))

    def _module_view(self, websocket: WebSocketIR, scope: Scope) -> EventModuleView:
        paths = {event.type: method_path(event.type) for event in websocket.events}
        group_paths = sorted({path[:i] for path in paths.values() for i in range(1, len(path))})
        classes: dict[tuple[str, ...], str] = {}
        for path in group_paths:
            name = websocket.prefix + "".join(pascal_case(part) for part in path) + "Resource"
            if name in scope.locals or name == ROOT_CLASS:
                raise GeneratorError(
                    "websocket-event",
                    websocket.pointer,
                    f"the groups {'.'.join(path)!r} and another are both class {name}",
                )
            scope.define(name)
            classes[path] = name
        scope.define(ROOT_CLASS)
        scope.core.update({"NOT_GIVEN", "NotGiven", "Omit"})

        def children(of: tuple[str, ...]) -> list[tuple[str, str]]:
            return [(path[-1], classes[path]) for path in group_paths if path[:-1] == of]

        groups = []
        for path in group_paths:
            methods = [
                self._method(event.type, event.model, scope)
                for event in websocket.events
                if paths[event.type][:-1] == path
            ]
            methods.sort(key=lambda m: m.name)
            groups.append(GroupView(classes[path], ".".join(path), children(path), methods))
        view = EventModuleView(
            name=websocket.name,
            union=self.api.defs[websocket.union].name,
            root=GroupView(ROOT_CLASS, "", children(()), []),
            groups=groups,
            scope=scope,
        )
        view.type_checking_imports = type_checking_imports(
            scope, self.api.package, frozenset({"NOT_GIVEN"}), {}
        )
        return view

    def _method(self, event_type: str, key: str, scope: Scope) -> EventMethodView:
        model = self.api.defs[key]
        assert isinstance(model, ModelDef)  # client_events: every event is a model
        optional_in_params = set(self.api.param_optional.get(key, ()))
        required: list[ArgView] = []
        optional: list[ArgView] = []
        docs: dict[str, str | None] = {}
        fields: list[tuple[str, str]] = []
        taken: set[str] = set()
        for f in model.fields:
            if f.wire == "type":
                continue
            # the argument's name: the property's, unless it is `self` or taken by another
            name = unique(identifier(f.wire, _RESERVED_ARGS), taken)
            annotation = self.types.render(f.type, scope, "param")
            if f.required and f.wire not in optional_in_params:
                required.append(ArgView(name, annotation, None, nullable=f.nullable))
            else:
                optional.append(
                    ArgView(
                        name,
                        annotation,
                        "NOT_GIVEN",
                        not_given=True,
                        omit=True,
                        nullable=f.nullable,
                    )
                )
            docs[name] = f.doc
            fields.append((f.wire, name))
        keyword = sorted(required, key=lambda a: a.name) + sorted(optional, key=lambda a: a.name)
        order = {a.name: i for i, a in enumerate(keyword)}
        fields.sort(key=lambda item: order[item[1]])
        summary = model.doc or f"Send a `{event_type}` event."
        return EventMethodView(
            name=method_path(event_type)[-1],
            type=event_type,
            doc=DocView([summary], documented([(a.name, docs[a.name]) for a in keyword])),
            signature=SignatureView([], keyword, ResultView(SENT)),
            fields=fields,
        )


__all__ = [
    "CONNECTIONS_PACKAGE",
    "EVENT_METHODS_PACKAGE",
    "EventMethodsRenderer",
    "connection_module_view",
]
