"""The intermediate representation: what the builder makes once, complete, and the renderers read.

Type expressions are small frozen trees; named types (`ModelDef`, `AliasDef`, `ParamDef`) live in
modules; operations hang off resources. Nothing here knows about YAML or templates.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from keyword import iskeyword
from typing import Literal as L
from typing import Union

# --- type expressions -------------------------------------------------------------------------

PrimName = L["str", "int", "float", "bool", "object", "None", "file"]


@dataclass(frozen=True)
class Prim:
    name: PrimName


@dataclass(frozen=True)
class Named:
    key: str  # key of a ModelDef / AliasDef in Schemas.defs


@dataclass(frozen=True)
class ListOf:
    item: TypeExpr


@dataclass(frozen=True)
class MapOf:
    value: TypeExpr


@dataclass(frozen=True)
class LiteralOf:
    values: tuple[str | int | bool | None, ...]


@dataclass(frozen=True)
class UnionOf:
    members: tuple[TypeExpr, ...]
    # before `passes.Discriminators` decides: the property the document (or config
    # `discriminators:`) names, "?" to find one, None for none; after: the field pydantic
    # discriminates on, or None
    discriminator: str | None = None
    # decided: `discriminator` only names the member of data no member validates (rendered as a
    # `UnionTag`, which pydantic does not read): a tag two members share, or an optional one
    tag_only: bool = False


TypeExpr = Union[Prim, Named, ListOf, MapOf, LiteralOf, UnionOf]

NONE = Prim("None")


def optional(t: TypeExpr) -> TypeExpr:
    if t == NONE or (isinstance(t, UnionOf) and NONE in t.members):
        return t
    if isinstance(t, UnionOf) and t.discriminator is None:
        return UnionOf((*t.members, NONE))
    return UnionOf((t, NONE))


def strip_none(t: TypeExpr) -> tuple[TypeExpr, bool]:
    """Split `X | None` into (X, True)."""
    if isinstance(t, UnionOf) and NONE in t.members:
        rest = tuple(m for m in t.members if m != NONE)
        inner: TypeExpr = rest[0] if len(rest) == 1 else replace(t, members=rest)
        return inner, True
    return t, False


def tag_only_members(
    u: UnionOf, alias_type: Callable[[str], TypeExpr | None]
) -> tuple[TypeExpr, ...]:
    """The members of a union on the property `u.discriminator`, each tag-only union on the same
    property among them (inline, or the type `alias_type` gives of an alias's key) replaced by its
    own members, as the official SDK lists them: one `Annotated` union, where nested ones would
    hide their members' tags."""
    out: list[TypeExpr] = []
    for m in u.members:
        inner = alias_type(m.key) if isinstance(m, Named) else m
        if isinstance(inner, UnionOf) and inner.tag_only and inner.discriminator == u.discriminator:
            parts = tag_only_members(inner, alias_type)
        else:
            parts = (m,)
        out.extend(p for p in parts if p not in out)
    return tuple(out)


def named_keys(t: TypeExpr) -> list[str]:
    """Every named type a type expression mentions, in order."""
    if isinstance(t, Named):
        return [t.key]
    if isinstance(t, ListOf):
        return named_keys(t.item)
    if isinstance(t, MapOf):
        return named_keys(t.value)
    if isinstance(t, UnionOf):
        return [k for m in t.members for k in named_keys(m)]
    return []


# --- named types ------------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldDef:
    wire: str
    name: str  # python identifier
    type: TypeExpr
    required: bool
    nullable: bool
    doc: str | None = None
    deprecated: bool = False


@dataclass(frozen=True)
class ModelDef:
    key: str
    name: str
    module: str  # dotted module path under the types package, e.g. "chat.chat_completion"
    pointer: str
    doc: str | None
    fields: tuple[FieldDef, ...]
    # the components/schemas name, when it has one (a `copy_of:` copy: its config key)
    schema_name: str | None = None
    # the named model this one extends (`allOf: [{$ref: Base}, {...}]`): its fields come first,
    # in the base's order, as in a subclass of the official SDK
    base: str | None = None


@dataclass(frozen=True)
class AliasDef:
    key: str
    name: str
    module: str
    pointer: str
    doc: str | None
    type: TypeExpr
    schema_name: str | None = None


TypeDef = Union[ModelDef, AliasDef]


@dataclass(frozen=True)
class ParamDef:
    """Request-side twin of a named type: a TypedDict (for models) or an alias (for unions)."""

    key: str  # same key as the TypeDef it mirrors
    name: str
    module: str
    source: TypeDef
    # as an operation's params TypedDict (config-named twin of its body schema): the keys of the
    # arguments sent in the path or query (`path_and_query_keys`), before the source's properties
    outside_body: tuple[FieldDef, ...] = ()
    # False for a twin only the document names (not the config: the official SDK has no such
    # name): where it is an array, a request writes it out as `Iterable[item]`, as the SDK does
    inline_array: bool = False

    def keys(self) -> tuple[FieldDef, ...]:
        """Its TypedDict's keys (a twin of a model)."""
        assert isinstance(self.source, ModelDef)
        return self.outside_body + self.source.fields


# --- operations and resources ----------------------------------------------------------------


@dataclass(frozen=True)
class ParamIR:
    wire: str
    name: str
    location: L["path", "query", "header", "cookie"]
    type: TypeExpr
    required: bool
    doc: str | None
    # `style`/`explode` that join a list into one value (`,` `|` or space); None: repeat the key
    separator: str | None = None


def path_placeholders(path: str) -> list[str]:
    """The wire names of a path's `{placeholders}`, in order."""
    return re.findall(r"\{([^{}]+)\}", path)


def placed_path_params(path: str, params: Sequence[ParamIR]) -> list[ParamIR]:
    """The path parameters filling the path's `{placeholders}`, in the path's order. As in the
    official SDK, the method takes the last one positionally and the ones before it by keyword
    (`steps.retrieve(step_id, thread_id=..., run_id=...)`)."""
    by_wire = {p.wire: p for p in params if p.location == "path"}
    return [by_wire[w] for w in path_placeholders(path) if w in by_wire]


def path_and_query_keys(path: str, params: Sequence[ParamIR]) -> tuple[FieldDef, ...]:
    """The keys an operation's params TypedDict has for arguments the request sends outside its
    body, before the body's properties: the path arguments the method takes by keyword (always
    required), then the query arguments, each under its argument name. That is the official
    SDK's rule (`MessageUpdateParams.thread_id`, `RunCreateParams.include`, never the positional
    last path argument). They only type the keys; the method, not the TypedDict, decides where
    a value goes, so no key moves into the body."""
    keyword_path = placed_path_params(path, params)[:-1]
    return tuple(
        [FieldDef(p.name, p.name, p.type, True, False, p.doc) for p in keyword_path]
        + [
            FieldDef(p.name, p.name, p.type, p.required, False, p.doc)
            for p in params
            if p.location == "query"
        ]
    )


BodyKind = L["json", "multipart", "form", "raw"]


@dataclass(frozen=True)
class BodyIR:
    kind: BodyKind
    content_type: str
    fields: tuple[FieldDef, ...]  # object bodies: one method argument per property
    whole: TypeExpr | None  # non-object bodies: passed as one `body` argument
    required: bool
    file_fields: frozenset[str] = frozenset()
    separators: dict[str, str] = field(default_factory=dict)  # form fields joined, by wire name
    # multipart fields sent as a part of their own media type (`encoding.contentType`), by wire name
    part_types: dict[str, str] = field(default_factory=dict)
    # a multipart body picked for its uploads over the JSON the document lists first: a call that
    # uploads no file sends this JSON content type instead (the official SDK's choice)
    without_files: str | None = None
    # multipart parts (by wire name) the operation also takes alone as its whole body, a string of
    # the part's media type (`application/sdp` beside the form): sent so when nothing else is
    alone_parts: frozenset[str] = frozenset()


ResponseKind = L["json", "empty", "binary", "text"]
PageKind = L["cursor", "page", "conversation_cursor", "next_cursor", "token"]


@dataclass(frozen=True)
class ResponseIR:
    kind: ResponseKind
    type: TypeExpr | None
    content_type: str | None  # binary: every byte media type, comma-separated (its `Accept`)
    # every media type the success answers declare, JSON first: what the call sends as `Accept`
    media_types: tuple[str, ...] = ()


@dataclass(frozen=True)
class StreamIR:
    item: TypeExpr
    event_envelope: bool
    flag_field: str | None  # body field that switches streaming on (`stream`), if any
    flag_value: str | None = None  # that field's value selecting the stream (`sse`); None: truthy


@dataclass(frozen=True)
class PageIR:
    kind: PageKind
    item: TypeExpr


@dataclass(frozen=True)
class ResultByIR:
    """The result type chosen by an argument's value (config `result_by:`): each value's type
    is a member of the result union or ``str``; ``default`` when the argument is not given."""

    argument: str  # the method argument's Python name
    choices: tuple[tuple[str, TypeExpr], ...]
    default: TypeExpr


@dataclass(frozen=True)
class OperationIR:
    operation_id: str
    http_method: str
    path: str
    pointer: str
    summary: str | None
    description: str | None
    deprecated: bool
    params: tuple[ParamIR, ...]
    body: BodyIR | None
    response: ResponseIR
    stream: StreamIR | None
    page: PageIR | None
    resource_path: tuple[str, ...]  # where the operation is placed (tree.plan), before it is built
    method_name: str
    placed_by_config: bool
    headers: dict[str, str] = field(default_factory=dict)
    fixed_query: dict[str, str] = field(default_factory=dict)  # from a `?a=b` path key suffix
    # its `<Resource><Verb>Params` TypedDict (None: no query/body arguments, or the config names one)
    params_def: ParamsTypeIR | None = None
    # else the key of the body schema whose TypedDict the config names `<Resource><Verb>Params`
    params_twin: str | None = None
    security: list[list[str]] | None = None  # the operation's own requirement (`[]`: no auth)
    # message of the DeprecationWarning the method raises (spec `deprecated: true` or config)
    deprecation: str | None = None
    result_by: ResultByIR | None = None


@dataclass(frozen=True)
class ParamsTypeIR:
    """`<Resource><Verb>Params`: the TypedDict of an operation's query/body arguments."""

    name: str
    module: str
    fields: tuple[FieldDef, ...]


@dataclass(frozen=True)
class DeclaredType:
    """A type a helper's declaration names (config `returns:`, an argument's `type:` or `also:`):
    a class or Python annotation (`name`), with type arguments (`name[args]`); `async_twin`: the
    async class names `Async<name>` instead. `response`: the wrapped method's result type."""

    name: str = ""
    async_twin: bool = False
    args: tuple[DeclaredType, ...] = ()
    response: bool = False

    def mentions_response(self) -> bool:
        return self.response or any(a.mentions_response() for a in self.args)


@dataclass(frozen=True)
class HelperArgIR:
    """An argument a helper adds, or the new shape of one it takes from the wrapped method."""

    name: str
    type: DeclaredType | None  # None: the wrapped method's annotation, unchanged
    default: str | None  # Python expression; None: required (retyped: unchanged unless required)
    required: bool = False
    doc: str | None = None
    also: bool = False  # `type` is accepted besides the wrapped method's: `<type> | <original>`
    nullable: bool = False  # `| None` after the type


@dataclass(frozen=True)
class HelperIR:
    """A hand-written method (body in `lib`) whose arguments are those of `wraps`, adjusted
    (or, without `wraps`, only the added ones)."""

    name: str
    wraps: OperationIR | None
    impl_module: str
    impl_function: str  # the same function for the sync and the async class
    returns: DeclaredType
    doc: str | None
    drop: frozenset[str]
    retype: tuple[HelperArgIR, ...]
    add: tuple[HelperArgIR, ...]
    positional: tuple[str, ...] | None  # None: as the wrapped method
    request_options: bool
    coroutine: bool
    raw: bool
    imports: tuple[tuple[str, str], ...]  # (name, module) the annotations use
    pointer: str  # where in the config it is declared
    deprecation: str | None = None  # message of its DeprecationWarning (PEP 702)
    # config `overrides: true`: it replaces the wrapped method of its name (same public surface)
    overrides: bool = False


@dataclass(frozen=True)
class ResourceIR:
    path: tuple[str, ...]  # ("beta", "threads", "runs")
    class_name: str
    module: str  # dotted path under resources, e.g. "beta.threads.runs"
    operations: tuple[OperationIR, ...] = ()
    children: tuple[ResourceIR, ...] = ()
    headers: dict[str, str] = field(default_factory=dict)
    helpers: tuple[HelperIR, ...] = ()
    alias_of: tuple[str, ...] | None = None
    is_package: bool = False
    exports: dict[str, str] = field(default_factory=dict)  # config `exports:` (name -> module)


def walk(root: ResourceIR) -> list[ResourceIR]:
    """Every resource of a tree, parents before children, in emission order."""
    out = [root]
    for child in root.children:
        out.extend(walk(child))
    return out


@dataclass(frozen=True)
class ClientEventIR:
    """One event a client sends over a websocket: a method at the path its `type` names."""

    type: str  # "conversation.item.create": method `create` of group `conversation.item`
    model: str  # key of its ModelDef: the method's arguments are its fields but `type`


@dataclass(frozen=True)
class WebSocketIR:
    """A websocket interface's client events (config `websockets:`), written as the method
    groups its connection mixes in (`_generated/event_methods/<name>.py`)."""

    name: str  # the module's name
    prefix: str  # the word its group classes start with (`Realtime`)
    union: str  # key of the client-event union
    events: tuple[ClientEventIR, ...]  # sorted by type
    pointer: str  # its config entry (`/websockets/<name>`)
    connection: WebSocketConnectionIR | None = None  # its connection classes, if configured


@dataclass(frozen=True)
class WebSocketConnectionIR:
    """A websocket interface's connection and manager classes (`_with_helpers/_connections/`):
    the config's `connection:` with its server-event union resolved."""

    runtime: str  # the module of the generic connection classes they subclass
    server_union: str  # key of the server-event union a received message is parsed into
    path: str  # the URL path after the websocket base URL
    headers: tuple[tuple[str, str], ...]  # handshake headers the interface adds
    tls_only: bool  # an `http` base URL still connects over `wss`


@dataclass(frozen=True)
class ClientIR:
    sync_class: str
    async_class: str
    base_url: str | None
    base_url_env: str | None
    log_env: str | None
    log_name: str | None
    api_key_env: str | None
    api_key_header: str | None
    api_key_format: str
    options: list[tuple[str, str | None, str | None, str]]  # (name, env, header, annotation)
    user_agent: str | None = None
    headers_env: str | None = None  # see config.ClientConfig
    query_array_format: str | None = None  # see config.ClientConfig
    idempotency_keys: bool = True  # see config.ClientConfig
    # security schemes: (scheme name, kind, credential options, header/query/cookie name)
    auth: list[tuple[str, str, tuple[str, ...], str | None]] = field(default_factory=list)
    security: tuple[tuple[str, ...], ...] | None = None  # the spec's top-level requirement
    class_argument_hints: tuple[tuple[str, str], ...] = ()  # see config.ClientConfig
    # (option, Literal name, (name, url) pairs, excluded options): see config.NamedBaseURLs
    named_base_urls: tuple[str, str, tuple[tuple[str, str], ...], tuple[str, ...]] | None = None


@dataclass(frozen=True)
class ApiIR:
    title: str
    package: str
    defs: dict[str, TypeDef]
    params: dict[str, ParamDef]
    operations: tuple[OperationIR, ...]
    root: ResourceIR
    client: ClientIR
    schema_count: int
    public_extras: dict[str, dict[str, str]] = field(default_factory=dict)
    # public types module -> {SDK name: (generated types module, name)} (config `sdk_names:`)
    sdk_names: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)
    # types module -> {class name: the document's name} of the models named as the official SDK
    # names them (config `sdk_class_names:`) and of their TypedDict twins renamed with them
    # (codegen/param_names.py); the document's name is a second name of the class
    document_names: dict[str, dict[str, str]] = field(default_factory=dict)
    # public types module -> the names the facts (config `sdk_names:`) give it: the official
    # SDK's (a renamed type's former name, also a second name, is not one)
    sdk_fact_names: dict[str, frozenset[str]] = field(default_factory=dict)
    # public types module -> {the SDK's request-side second name: the `__name__` of its class}
    # (config `sdk_param_aliases:`)
    sdk_param_aliases: dict[str, dict[str, str]] = field(default_factory=dict)
    # public types packages made even where no type is (config `packages:`)
    packages: tuple[str, ...] = ()
    # model key -> "package.module:Class" the model also derives from (config `mixin:`)
    model_mixins: dict[str, str] = field(default_factory=dict)
    # model key -> properties left out of the model because its mixin computes them
    model_computed: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # model key -> required properties the model still makes Optional (config `optional:`)
    model_optional: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # model key -> required properties its request-side TypedDict leaves optional (config
    # `param: {optional:}`)
    param_optional: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # model key -> {wire name: attribute} for the fields whose model attribute is not the field's
    # `name` (pydantic's `model_` namespace, config `field_names:`); the wire name is the alias
    model_attributes: dict[str, dict[str, str]] = field(default_factory=dict)
    websockets: tuple[WebSocketIR, ...] = ()  # config `websockets:`, by name


def stream_split(fields: Sequence[FieldDef]) -> tuple[list[FieldDef], FieldDef] | None:
    """An operation params TypedDict's keys other than a boolean `stream`, and that key, which
    split it into the official SDK's `...Base` / `...NonStreaming` / `...Streaming` views; None
    without one (or when a key is no identifier: the views are classes)."""
    stream = next((f for f in fields if f.wire == "stream"), None)
    if stream is None or stream.type != Prim("bool"):
        return None
    if not all(f.wire.isidentifier() and not iskeyword(f.wire) for f in fields):
        return None
    return [f for f in fields if f is not stream], stream
