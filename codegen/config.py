"""Load `spec/config.yml` (format: docs/contracts.md §3) into typed dataclasses."""

from __future__ import annotations

import ast
import keyword
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, cast

import yaml

from .errors import GeneratorError, pointer_join
from .ir import DeclaredType
from .naming import MODEL_RESERVED_FIELDS, PROTECTED_PREFIX, copy_twin_name, module_name
from .yaml_load import load_yaml


@dataclass(frozen=True)
class ApiKeyConfig:
    env: str | None
    header: str
    format: str


@dataclass(frozen=True)
class ClientOption:
    name: str
    env: str | None
    header: str | None  # None: kept on the client (e.g. a secret used by a helper), not sent
    type: str = "str"  # the annotation of the keyword (``| None`` is added)


@dataclass(frozen=True)
class AuthOption:
    """The client option holding a security scheme's credential (`client: auth:`)."""

    option: str
    env: str | None = None


@dataclass(frozen=True)
class NamedBaseURLs:
    """A client option picking the base URL by name (the SDK's `data_residency`)."""

    option: str
    type: str  # the name of the Literal of the accepted names, defined in the client module
    urls: tuple[tuple[str, str], ...]
    excludes: tuple[str, ...] = ()  # other options it cannot be combined with (as base_url)


@dataclass(frozen=True)
class ClientConfig:
    sync_class: str = "Client"
    async_class: str = "AsyncClient"
    base_url: str | None = None
    base_url_env: str | None = None
    # a variable holding headers sent with every request ("Name: value" lines), under the
    # client's own `default_headers`
    headers_env: str | None = None
    log_env: str | None = None
    log_name: str | None = None
    api_key: ApiKeyConfig | None = None
    options: tuple[ClientOption, ...] = ()
    user_agent: str | None = None  # sent as `User-Agent` with every request
    # how a list goes in the query string: "repeat" (a=1&a=2, OpenAPI's form/explode), "brackets"
    # (a[]=1&a[]=2) or "comma"; None: the runtime's default ("repeat")
    query_array_format: str | None = None
    # whether each non-GET call carries a fresh `Idempotency-Key` (kept across its retries)
    idempotency_keys: bool = True
    # top-level body field -> what to do instead, added to the TypeError raised (before any
    # request) when a class is passed there (e.g. a pydantic model as `response_format`)
    class_argument_hints: tuple[tuple[str, str], ...] = ()
    named_base_urls: NamedBaseURLs | None = None
    # security scheme name -> its credential option; with `api_key`, the spec's schemes are
    # used too (each operation sends the credential its `security` names)
    auth: dict[str, AuthOption] = field(default_factory=dict)


@dataclass(frozen=True)
class MethodConfig:
    operation_id: str
    headers: dict[str, str] = field(default_factory=dict)
    event_envelope: bool | None = None  # None: decide from the schema
    # forces the page kind (one of PAGE_KINDS); None: infer
    page: str | None = None
    deprecated: str | None = None  # the method's DeprecationWarning message (PEP 702)
    # "binary": the call returns binary content whatever the answer's media type (the official
    # SDK reads every non-JSON answer so, e.g. realtime.calls.create's application/sdp); None: the
    # media type decides (text types give `str`)
    response: str | None = None
    # the result type follows an argument's value, as the official SDK's (transcriptions:
    # response_format "verbose_json" -> TranscriptionVerbose, "text" -> str), instead of the
    # answer's shape deciding between the members of the result union
    result_by: ResultByConfig | None = None
    # the schema (or `types` key of a copy) of the page's items, where the answer's shared list
    # schema holds another class at that place (a list answered whole by one method and paged by
    # another, each holding the SDK's class of its own); None: the list schema's item type
    page_item: str | None = None


@dataclass(frozen=True)
class ResultByConfig:
    argument: str  # the body field or query parameter whose value decides
    # value -> the name of a member of the result union, or `str` (a text answer)
    types: tuple[tuple[str, str], ...]
    default: str  # the member name when the argument is not given (or has another value)


@dataclass(frozen=True)
class HelperArgConfig:
    """An argument a helper adds, or the new shape of one it takes from the wrapped method."""

    type: DeclaredType | None = None  # None: (retyped) the wrapped method's annotation
    default: str | None = None  # Python expression text; None: required (or, retyped: unchanged)
    required: bool = False  # retyped only: the argument loses its default
    doc: str | None = None
    also: bool = False  # retyped only: `type` is accepted besides the original (`<type> | <it>`)
    nullable: bool = False  # `| None` after the type


@dataclass(frozen=True)
class HelperConfig:
    """A method written in `lib` whose signature the generator derives from a wrapped method.

    Format and a worked example: codegen/README.md ("Helpers").
    """

    wraps: str | None  # method on the same resource whose operation supplies the arguments;
    # None: a method of its own (e.g. `webhooks.unwrap`), whose arguments are all under `add`
    impl: str  # "package.module:function", called by the sync and the async class alike
    returns: DeclaredType  # `DeclaredType(response=True)`: the wrapped method's result type
    doc: str | None = None
    drop: tuple[str, ...] = ()
    retype: dict[str, HelperArgConfig] = field(default_factory=dict)
    add: dict[str, HelperArgConfig] = field(default_factory=dict)
    positional: tuple[str, ...] | None = None  # None: as the wrapped method
    request_options: bool = True  # extra_headers / extra_query / extra_body / timeout
    coroutine: bool = True  # the async twin is `async def` (False: a plain def, e.g. a manager)
    raw: bool = False  # also offered by `.with_raw_response` / `.with_streaming_response`
    imports: dict[str, str] = field(default_factory=dict)  # annotation name -> module
    deprecated: str | None = None  # DeprecationWarning message; default: the resource's
    # the helper replaces the method it wraps, under that method's name (no new public method)
    overrides: bool = False


@dataclass(frozen=True)
class ResourceConfig:
    methods: dict[str, MethodConfig] = field(default_factory=dict)
    resources: dict[str, ResourceConfig] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    helpers: dict[str, HelperConfig] = field(default_factory=dict)
    alias: str | None = None  # dotted path of another resource reachable here too
    # every method and helper of this resource and its children is deprecated, with this message
    deprecated: str | None = None
    # the class name when it is not the path segment's (`chatkit` -> `ChatKit`, as in the SDK)
    class_name: str | None = None
    # header parameters of this resource's (and its children's) operations taken as arguments
    # of another name ({header: argument}, e.g. `openai-beta: betas`, the official SDK's name)
    header_arguments: dict[str, str] = field(default_factory=dict)
    # hand-written names the SDK's module of this resource also exports ({name: lib module}),
    # e.g. the connection class a helper hands out: re-exported by the public resource module
    exports: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class TypeConfig:
    name: str | None = None
    module: str | None = None
    param_name: str | None = None  # request-side TypedDict, when not `<name>Param`
    param_module: str | None = None
    # "package.module:Class" mixed into the model (hand-written properties, e.g. `output_text`)
    mixin: str | None = None
    # properties of the schema the mixin computes instead (SDK-only conveniences the API never
    # sends): not generated as fields, which would hide the mixin's property
    computed: tuple[str, ...] = ()
    # properties the document requires but the official SDK's model leaves optional (an answer
    # may leave them out; code building the model by hand omits them): Optional, default None,
    # in the model; the request-side TypedDict keeps the document's required list
    optional: tuple[str, ...] = ()
    # the schema this entry generates again, as a class of its own (the entry's key names the
    # copy, not a schema): where the official SDK has its own class of a shape we share
    # between places, with another required list (`optional:` loosens the copy alone)
    copy_of: str | None = None
    # property wire name -> the model's attribute for it, where the official SDK chose a name of
    # its own (`model_name` -> `run_model_name`); the wire name stays the field's alias. Other
    # properties in pydantic's `model_` namespace get `naming.model_attribute`'s name
    field_names: dict[str, str] = field(default_factory=dict)
    # another schema whose type stands here instead: keyed by a schema name, every reference to
    # that schema (its own module keeps its name, an alias of the other type); keyed by the JSON
    # pointer of a place, that place alone. Where the official SDK has one class for two schemas
    # of the document (`EvalGraderLabelModel` is `GraderLabelModel`, compact's output items are
    # the output items of a response), code checking `isinstance(x, <SDK class>)` needs that class
    use: str | None = None
    # ("module", "Name") pairs (module under types/, dotted) where an earlier configuration put
    # this model: the generator re-exports it there, so code importing the old path keeps working
    former: tuple[tuple[str, str], ...] = ()
    # the official SDK's class subclasses the model its `allOf` extends (the first `$ref`): the
    # base's fields come first, in the base's order, then its own (`repr`, `print()` and
    # `to_json()` show that order); other `allOf` models list their fields flat
    subclass: bool = False
    # ("module", "Name") pairs where the official SDK has this same model under another name that
    # tools/sdk_names cannot pair with it by structure (the SDK spells a discriminator otherwise,
    # or types as a Literal what the document leaves a string): re-exported there, as `former`
    also: tuple[tuple[str, str], ...] = ()
    # the same for the request-side TypedDict (`param: {name, module, also: [...]}`)
    param_also: tuple[tuple[str, str], ...] = ()
    # properties the document requires but the official SDK's request-side TypedDict leaves out
    # (`param: {optional: [...]}`): keys that need not be given (a client event's `session` that
    # the document points at an answer's shape, with the answer's required key)
    param_optional: tuple[str, ...] = ()


@dataclass(frozen=True)
class Config:
    package: str = "client"
    output: str | None = None
    public_types_dir: str | None = None
    # where the resource classes are re-exported at the official SDK's `resources.*` module paths
    # (`resources.chat.completions.Completions`); None: not at all
    public_resources_dir: str | None = None
    api_md: str | None = None  # where api.md goes (relative to the repository root); None: none
    client: ClientConfig = field(default_factory=ClientConfig)
    resources: dict[str, ResourceConfig] = field(default_factory=dict)
    types: dict[str, TypeConfig] = field(default_factory=dict)
    # public types package ("" for the root, "chat", "beta.threads") -> {name: defining module}:
    # hand-written types (lib/) that users import from the same paths as generated ones
    public_extras: dict[str, dict[str, str]] = field(default_factory=dict)
    # `sdk_names:` the facts file (repository-relative, like the other paths) naming the official
    # SDK's second names of generated types; read by the pipeline into `sdk_names`:
    # public types module ("" for the root, "responses.tool") -> {SDK name: (types module, name)}
    sdk_names_file: str | None = None
    sdk_names: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)
    # public types module -> the names of `sdk_names` the facts file gave (the official SDK's),
    # kept apart before `with_former_names` joins the config's `former:`/`also:`/`aliases:` paths
    sdk_fact_names: dict[str, frozenset[str]] = field(default_factory=dict)
    # the facts file's SDK names of unions our types leave inline in a field (`Owner.field`, with
    # `[]` per list level): public types module -> {SDK name: (types module, owner, field path)}
    sdk_unions: dict[str, dict[str, tuple[str, str, str]]] = field(default_factory=dict)
    # `sdk_class_names:` the facts file naming the official SDK's own name of a generated model
    # class where it is the only name the SDK has for it (and not the document's): types module
    # -> {the document's name: the class name}, read by the pipeline into `sdk_class_names`
    sdk_class_names_file: str | None = None
    sdk_class_names: dict[str, dict[str, str]] = field(default_factory=dict)
    # `sdk_param_aliases:` the facts file of the official SDK's request-side second names: public
    # types module -> {SDK name: the `__name__` of the TypedDict it is bound to there}, read by the
    # pipeline into `sdk_param_aliases` (codegen/param_classes.py)
    sdk_param_aliases_file: str | None = None
    sdk_param_aliases: dict[str, dict[str, str]] = field(default_factory=dict)
    # `sdk_copies:` the facts file naming the official SDK's per-place classes of a shape ours
    # shares between places: types module -> {class name: SdkCopy}, read by the pipeline and
    # joined to `types` (`with_sdk_copies`) as `copy_of:` entries and `use:` entries at the places
    sdk_copies_file: str | None = None
    # `packages:` public types packages made even where no type is placed (the official SDK has
    # them empty: `beta.chat` kept from the 1.x line, the packages of content sub-resources)
    packages: tuple[str, ...] = ()
    # `aliases:` names the official SDK gives, outside any schema, to types ours has: public
    # types module -> {name: AliasConfig}
    aliases: dict[str, dict[str, AliasConfig]] = field(default_factory=dict)
    # `websockets:` the message-based interfaces whose client events become connection methods
    # (`connection.session.update(...)`): module name -> WebSocketConfig
    websockets: dict[str, WebSocketConfig] = field(default_factory=dict)
    # `discriminators:` the property a union of the document (by its JSON pointer) is told apart
    # by, where the official SDK's differs from the document's `discriminator`: a name, or None
    # for a plain union (see codegen/passes.py `Discriminators`)
    discriminators: dict[str, str | None] = field(default_factory=dict)


@dataclass(frozen=True)
class WebSocketConfig:
    """One `websockets:` entry: the components/schemas union of the events a client sends, and
    the word its group classes start with (`Realtime` + `ConversationItem` + `Resource`).

    With `connection:` the interface's connection and manager classes are generated too
    (`Realtime` + `Connection`, `Async` + `Realtime` + `ConnectionManager`...)."""

    client_events: str
    prefix: str
    connection: WebSocketConnectionConfig | None = None


@dataclass(frozen=True)
class WebSocketConnectionConfig:
    """A `websockets:` entry's `connection:`: the module whose generic connection classes the
    interface's subclass (`runtime`, see docs/contracts.md §3), the components/schemas union a
    received message is parsed into, the URL path after the websocket base URL, the handshake
    headers the interface adds, and whether an `http` base URL still connects over `wss`."""

    runtime: str
    server_events: str
    path: str
    headers: tuple[tuple[str, str], ...] = ()
    tls_only: bool = False


@dataclass(frozen=True)
class AliasConfig:
    """One `aliases:` entry: a re-export of a generated name (`to`), or a type alias of the
    types of schemas and builtins (`of`, a Union when several) on the model or request side."""

    to: tuple[str, str] | None = None  # (types module, name) of a generated name
    of: tuple[str, ...] = ()  # schema names and builtins (`str`, `int`, `float`, `bool`)
    param: bool = False  # the request-side alias (each schema's TypedDict twin)
    # with `of` one union schema: its members but these (schema names), a plain Union
    without: tuple[str, ...] = ()


ALIAS_BUILTINS = ("str", "int", "float", "bool", "object")


def _str_map(raw: Any, where: str) -> dict[str, str]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise GeneratorError("config-invalid", where, "expected a mapping of strings")
    return {str(k): str(v) for k, v in raw.items()}


# `single`: one page; `cursor`: `after=<last item's id>`; `conversation_cursor`: `after=<last_id>`;
# `next_cursor`: `after=<next>` (the cursor field the list response carries); `token`:
# `page=<next>` (an opaque page token)
PAGE_KINDS = ("cursor", "single", "conversation_cursor", "next_cursor", "token")
# what `response:` may force a method's result to be
RESPONSE_KINDS = ("binary",)


def _method(raw: Any, where: str) -> MethodConfig:
    if isinstance(raw, str):
        return MethodConfig(raw)
    if isinstance(raw, dict) and "operation" in raw:
        envelope = raw.get("event_envelope")
        page = raw.get("page")
        if page is not None and page not in PAGE_KINDS:
            raise GeneratorError(
                "config-invalid", f"{where}/page", f"page is one of {', '.join(PAGE_KINDS)}"
            )
        response = raw.get("response")
        if response is not None and response not in RESPONSE_KINDS:
            raise GeneratorError(
                "config-invalid",
                f"{where}/response",
                f"response is one of {', '.join(RESPONSE_KINDS)}",
            )
        return MethodConfig(
            str(raw["operation"]),
            _str_map(raw.get("headers"), f"{where}/headers"),
            None if envelope is None else bool(envelope),
            page,
            _message(raw.get("deprecated"), f"{where}/deprecated"),
            response,
            _result_by(raw.get("result_by"), f"{where}/result_by"),
            _page_item(raw.get("page_item"), f"{where}/page_item"),
        )
    raise GeneratorError(
        "config-invalid", where, "a method is an operationId or {operation: ..., headers: ...}"
    )


def _page_item(raw: Any, where: str) -> str | None:
    if raw is not None and not (isinstance(raw, str) and raw):
        raise GeneratorError("config-invalid", where, "page_item is the name of a schema")
    return raw


def _result_by(raw: Any, where: str) -> ResultByConfig | None:
    if raw is None:
        return None
    shape = "result_by is {argument: name, types: {value: TypeName or str}, default: TypeName}"
    if not isinstance(raw, dict):
        raise GeneratorError("config-invalid", where, shape)
    argument, default = raw.get("argument"), raw.get("default")
    types = _str_map(raw.get("types"), f"{where}/types")
    if not isinstance(argument, str) or not isinstance(default, str) or not types:
        raise GeneratorError("config-invalid", where, shape)
    return ResultByConfig(argument, tuple(types.items()), default)


_HELPER_KEYS = frozenset(
    {
        "overrides",
        "wraps",
        "impl",
        "returns",
        "doc",
        "drop",
        "retype",
        "add",
        "positional",
        "request_options",
        "coroutine",
        "raw",
        "imports",
        "deprecated",
    }
)


_TYPE_FORMS = (
    "a type is Python annotation text (`int | None`), {name: Class, async_twin: true, "
    "of: [types]} (`Class[...]`, `AsyncClass[...]` in the async class) or {response: true} "
    "(the wrapped method's result type)"
)
_TYPE_KEYS = frozenset({"name", "async_twin", "of", "response"})


# the structured form each placeholder of the old string types became, for the error's hint
_PLACEHOLDER_FORMS = {
    "response": "`{response: true}` for the wrapped method's result type",
    "Async": "`{name: Class, async_twin: true}` for a class with an async twin",
}
# `{type}` (the argument's own type) has a form only in a retyped argument
_ALSO_FORM = "`also: <type>` for a type accepted besides the argument's own"


def _annotation_text(raw: str, where: str, *, retyped: bool = False) -> str:
    """``retyped``: ``raw`` is a retyped argument's whole type, where `also:` can replace it."""
    if "{" in raw or "}" in raw:
        forms = _PLACEHOLDER_FORMS | ({"type": _ALSO_FORM} if retyped else {})
        used = dict.fromkeys(re.findall(r"\{(\w+)\}", raw))
        instead = [forms[p] for p in used if p in forms]
        raise GeneratorError(
            "config-invalid",
            where,
            f"`{raw}`: a type has no `{{...}}` placeholders; {_TYPE_FORMS}",
            "; ".join([*instead, "codegen/README.md, Helpers"]),
        )
    try:
        ast.parse(raw, mode="eval")
    except SyntaxError:
        raise GeneratorError(
            "config-invalid", where, f"`{raw}` is not a Python type expression"
        ) from None
    return raw


def _declared_type(raw: Any, where: str, *, retyped: bool = False) -> DeclaredType:
    """A type a helper declares (`returns`, an argument's `type` / `also`): see `_TYPE_FORMS`.
    ``retyped``: the type of a retyped argument (see `_annotation_text`)."""
    if isinstance(raw, str):
        return DeclaredType(_annotation_text(raw, where, retyped=retyped))
    if not isinstance(raw, dict):
        raise GeneratorError("config-invalid", where, _TYPE_FORMS)
    form = cast(dict[str, Any], raw)
    unknown = set(form) - _TYPE_KEYS
    if unknown:
        raise GeneratorError(
            "config-invalid", where, f"unknown keys {sorted(unknown)}; {_TYPE_FORMS}"
        )
    if "response" in form:
        if form["response"] is not True or len(form) != 1:
            raise GeneratorError(
                "config-invalid",
                where,
                "`{response: true}` stands alone: the wrapped method's result type",
            )
        return DeclaredType(response=True)
    name, twin, of = form.get("name"), form.get("async_twin", False), form.get("of", [])
    if not isinstance(name, str) or not isinstance(twin, bool) or not isinstance(of, list):
        raise GeneratorError("config-invalid", where, _TYPE_FORMS)
    if twin and not name.isidentifier():
        raise GeneratorError(
            "config-invalid",
            f"{where}/name",
            f"`{name}` has an async twin, so it is a class name (`Async{name}` is the twin)",
        )
    args = tuple(_declared_type(a, f"{where}/of/{i}") for i, a in enumerate(cast(list[Any], of)))
    return DeclaredType(_annotation_text(name, f"{where}/name"), twin, args)


def _helper_arg(raw: Any, where: str, *, added: bool) -> HelperArgConfig:
    if isinstance(raw, str) and not added:  # the short form of a retyped argument: its new type
        return HelperArgConfig(type=_declared_type(raw, where, retyped=True))
    if not isinstance(raw, dict) or (added and "type" not in raw):
        raise GeneratorError(
            "config-invalid", where, "an argument is {type: <annotation>, default: <expression>}"
        )
    keys = {"type", "default", "required", "doc", "nullable"} | (set() if added else {"also"})
    unknown = set(raw) - keys
    if unknown:
        raise GeneratorError("config-invalid", where, f"unknown keys {sorted(unknown)}")
    if "type" in raw and "also" in raw:
        raise GeneratorError(
            "config-invalid",
            where,
            "`type` replaces the argument's type, `also` adds one to it: give one of them",
        )
    if added and not str(raw.get("doc") or "").strip():
        # a taken argument keeps the wrapped method's description; an added one has no other
        raise GeneratorError(
            "config-invalid",
            where,
            "an added argument needs `doc` (every argument is documented in the method's Args:)",
        )
    # `default: null` in YAML is the Python default `None`; no `default` key: required
    default = None if "default" not in raw else "None" if raw["default"] is None else raw["default"]
    also = raw.get("also")
    declared = raw.get("type") if also is None else also
    return HelperArgConfig(
        type=None
        if declared is None
        else _declared_type(
            declared, f"{where}/{'also' if also is not None else 'type'}", retyped=not added
        ),
        default=None if default is None else str(default),
        required=bool(raw.get("required", False)),
        doc=None if raw.get("doc") is None else str(raw["doc"]).strip(),
        also=also is not None,
        nullable=bool(raw.get("nullable", False)),
    )


def _names(raw: Any, where: str) -> tuple[str, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(n, str) for n in raw):
        raise GeneratorError("config-invalid", where, "expected a list of argument names")
    return tuple(raw)


def _helper(raw: Any, where: str) -> HelperConfig:
    if not isinstance(raw, dict) or not {"impl", "returns"} <= set(raw):
        raise GeneratorError("config-invalid", where, "a helper needs `impl` and `returns`")
    unknown = set(raw) - _HELPER_KEYS
    if unknown:
        raise GeneratorError("config-invalid", where, f"unknown helper keys {sorted(unknown)}")
    impl = str(raw["impl"])
    module, _, function = impl.partition(":")
    if not function.isidentifier() or not all(p.isidentifier() for p in module.split(".")):
        raise GeneratorError("config-invalid", f"{where}/impl", "impl is `package.module:function`")
    imports = _str_map(raw.get("imports"), f"{where}/imports")
    wraps = None if raw.get("wraps") is None else str(raw["wraps"])
    returns = _declared_type(raw["returns"], f"{where}/returns")
    retype = {
        str(k): _helper_arg(v, f"{where}/retype/{k}", added=False)
        for k, v in (raw.get("retype") or {}).items()
    }
    add = {
        str(k): _helper_arg(v, f"{where}/add/{k}", added=True)
        for k, v in (raw.get("add") or {}).items()
    }
    overrides = bool(raw.get("overrides", False))
    if overrides and wraps is None:
        raise GeneratorError(
            "config-invalid", f"{where}/overrides", "an overriding helper needs `wraps`"
        )
    if wraps is None:
        declared = [("returns", returns)] + [
            (f"{kind}/{name}", arg.type)
            for kind, args in (("retype", retype), ("add", add))
            for name, arg in args.items()
            if arg.type is not None
        ]
        for place, t in declared:
            if t.mentions_response():
                raise GeneratorError(
                    "config-invalid",
                    f"{where}/{place}",
                    "`{response: true}` is the wrapped method's result type: the helper needs `wraps`",
                )
    return HelperConfig(
        wraps=wraps,
        impl=impl,
        returns=returns,
        doc=None if raw.get("doc") is None else str(raw["doc"]).strip(),
        drop=_names(raw.get("drop"), f"{where}/drop"),
        retype=retype,
        add=add,
        positional=None if "positional" not in raw else _names(raw["positional"], where),
        request_options=bool(raw.get("request_options", True)),
        coroutine=bool(raw.get("coroutine", True)),
        raw=bool(raw.get("raw", False)),
        imports=imports,
        deprecated=_message(raw.get("deprecated"), f"{where}/deprecated"),
        overrides=overrides,
    )


def _resource(raw: Any, where: str) -> ResourceConfig:
    if raw is None:
        return ResourceConfig()
    if not isinstance(raw, dict):
        raise GeneratorError("config-invalid", where, "a resource must be a mapping")
    if "subclass" in raw:
        raise GeneratorError(
            "config-invalid",
            f"{where}/subclass",
            "`subclass:` is gone: generated code does not import lib",
            "declare the helper methods under `helpers:` (codegen/README.md, Helpers)",
        )
    methods = raw.get("methods") or {}
    children = raw.get("resources") or {}
    helpers = raw.get("helpers") or {}
    return ResourceConfig(
        methods={str(k): _method(v, f"{where}/methods/{k}") for k, v in methods.items()},
        resources={str(k): _resource(v, f"{where}/resources/{k}") for k, v in children.items()},
        headers=_str_map(raw.get("headers"), f"{where}/headers"),
        header_arguments=_str_map(raw.get("header_arguments"), f"{where}/header_arguments"),
        helpers={str(k): _helper(v, f"{where}/helpers/{k}") for k, v in helpers.items()},
        alias=raw.get("alias"),
        deprecated=_message(raw.get("deprecated"), f"{where}/deprecated"),
        class_name=_class_name(raw.get("class"), f"{where}/class"),
        exports=_exports(raw.get("exports"), f"{where}/exports"),
    )


def _exports(raw: Any, where: str) -> dict[str, str]:
    exports = _str_map(raw, where)
    for name, module in exports.items():
        if not name.isidentifier() or not all(p.isidentifier() for p in module.split(".")):
            raise GeneratorError(
                "config-invalid", f"{where}/{name}", "expected {Name: package.module}"
            )
    return exports


def _class_name(raw: Any, where: str) -> str | None:
    if raw is None:
        return None
    if not isinstance(raw, str) or not raw.isidentifier() or not raw[0].isupper():
        raise GeneratorError("config-invalid", where, "`class` is a class name (`ChatKit`)")
    return raw


def _message(raw: Any, where: str) -> str | None:
    if raw is None:
        return None
    if not isinstance(raw, str) or not raw.strip():
        raise GeneratorError("config-invalid", where, "`deprecated` is the warning's message")
    return raw


def _client(raw: Any) -> ClientConfig:
    if not raw:
        return ClientConfig()
    key = raw.get("api_key")
    api_key = (
        ApiKeyConfig(
            key.get("env"), key.get("header", "Authorization"), key.get("format", "{api_key}")
        )
        if isinstance(key, dict)
        else None
    )
    options = tuple(
        ClientOption(
            str(o["name"]),
            o.get("env"),
            None if o.get("header") is None else str(o["header"]),
            str(o.get("type") or "str"),
        )
        for o in raw.get("options") or ()
    )
    return ClientConfig(
        sync_class=raw.get("sync_class", "Client"),
        async_class=raw.get("async_class", "AsyncClient"),
        base_url=raw.get("base_url"),
        base_url_env=raw.get("base_url_env"),
        headers_env=raw.get("headers_env"),
        log_env=raw.get("log_env"),
        log_name=raw.get("log_name"),
        api_key=api_key,
        options=options,
        user_agent=raw.get("user_agent"),
        query_array_format=_query_array_format(raw.get("query_array_format")),
        idempotency_keys=_flag(raw.get("idempotency_keys", True), "client/idempotency_keys"),
        class_argument_hints=tuple(
            _str_map(raw.get("class_argument_hints"), "client/class_argument_hints").items()
        ),
        named_base_urls=_named_base_urls(raw.get("named_base_urls")),
        auth=_auth_options(raw.get("auth")),
    )


_QUERY_ARRAY_FORMATS = ("repeat", "brackets", "comma")


def _query_array_format(raw: Any) -> str | None:
    if raw is None or raw in _QUERY_ARRAY_FORMATS:
        return raw
    raise GeneratorError(
        "config-invalid", "client/query_array_format", f"one of {', '.join(_QUERY_ARRAY_FORMATS)}"
    )


def _flag(raw: Any, where: str) -> bool:
    if not isinstance(raw, bool):
        raise GeneratorError("config-invalid", where, "`true` or `false`")
    return raw


def _auth_options(raw: Any) -> dict[str, AuthOption]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise GeneratorError(
            "config-invalid", "client/auth", "a mapping of scheme -> {option, env}"
        )
    out: dict[str, AuthOption] = {}
    for scheme, spec in cast(dict[Any, Any], raw).items():
        if not isinstance(spec, dict) or not spec.get("option"):
            raise GeneratorError("config-invalid", f"client/auth/{scheme}", "needs `option`")
        env = cast(dict[str, Any], spec).get("env")
        out[str(scheme)] = AuthOption(str(spec["option"]), None if env is None else str(env))
    return out


def _named_base_urls(raw: Any) -> NamedBaseURLs | None:
    if raw is None:
        return None
    where = "client/named_base_urls"
    if not isinstance(raw, dict) or not raw.get("option") or not raw.get("type"):
        raise GeneratorError("config-invalid", where, "needs `option`, `type` and `urls`")
    urls = _str_map(raw.get("urls"), f"{where}/urls")
    if not urls:
        raise GeneratorError("config-invalid", f"{where}/urls", "name at least one base URL")
    excludes = raw.get("excludes") or []
    if not isinstance(excludes, list):
        raise GeneratorError("config-invalid", f"{where}/excludes", "a list of option names")
    return NamedBaseURLs(
        str(raw["option"]),
        str(raw["type"]),
        tuple(urls.items()),
        tuple(str(e) for e in cast(list[Any], excludes)),
    )


def parse_config(raw: Any) -> Config:
    if raw is None:
        return Config()
    if not isinstance(raw, dict):
        raise GeneratorError("config-invalid", "", "the config must be a mapping")
    types = {}
    for name, v in (raw.get("types") or {}).items():
        if not isinstance(v, dict):
            raise GeneratorError(
                "config-invalid", f"/types/{name}", "a type entry is {name, module}"
            )
        raw_param = v.get("param")
        param: dict[str, Any] = raw_param if isinstance(raw_param, dict) else {}
        mixin = v.get("mixin")
        if mixin is not None and (not isinstance(mixin, str) or mixin.count(":") != 1):
            raise GeneratorError(
                "config-invalid", f"/types/{name}/mixin", "a mixin is 'package.module:ClassName'"
            )
        computed = v.get("computed") or []
        if not isinstance(computed, list) or not all(isinstance(c, str) for c in computed):
            raise GeneratorError(
                "config-invalid", f"/types/{name}/computed", "computed is a list of property names"
            )
        if computed and mixin is None:
            raise GeneratorError(
                "config-invalid", f"/types/{name}/computed", "computed properties need a mixin"
            )
        optional = v.get("optional") or []
        if not isinstance(optional, list) or not all(isinstance(o, str) for o in optional):
            raise GeneratorError(
                "config-invalid", f"/types/{name}/optional", "optional is a list of property names"
            )
        copy_of = v.get("copy_of")
        if copy_of is not None and not (
            isinstance(copy_of, str) and v.get("name") and v.get("module") and not param
        ):
            raise GeneratorError(
                "config-invalid",
                f"/types/{name}/copy_of",
                "a copy is {copy_of: <schema name>, name, module} (no param: it is a model only)",
            )
        use = v.get("use")
        if use is not None and not (isinstance(use, str) and set(v) == {"use"}):
            raise GeneratorError(
                "config-invalid",
                f"/types/{name}/use",
                "`use: <schema name>` stands alone (the other schema keeps its own names)",
            )
        former = _second_paths(v, name, "former")
        also = _second_paths(v, name, "also")
        subclass = v.get("subclass", False)
        if not isinstance(subclass, bool):
            raise GeneratorError(
                "config-invalid", f"/types/{name}/subclass", "subclass is true or false"
            )
        param_also = _second_paths(param, f"{name}/param", "also")
        param_optional = param.get("optional") or []
        if not isinstance(param_optional, list) or not all(
            isinstance(o, str) for o in param_optional
        ):
            raise GeneratorError(
                "config-invalid",
                f"/types/{name}/param/optional",
                "optional is a list of property names",
            )
        types[str(name)] = TypeConfig(
            v.get("name"),
            v.get("module"),
            param.get("name"),
            param.get("module"),
            mixin,
            tuple(computed),
            tuple(optional),
            copy_of,
            _field_names(v.get("field_names"), f"/types/{name}/field_names"),
            use,
            former,
            subclass,
            also,
            param_also,
            tuple(param_optional),
        )
    return Config(
        package=raw.get("package", "client"),
        output=raw.get("output"),
        public_types_dir=raw.get("public_types_dir"),
        public_resources_dir=raw.get("public_resources_dir"),
        api_md=raw.get("api_md"),
        client=_client(raw.get("client")),
        resources={
            str(k): _resource(v, f"/resources/{k}") for k, v in (raw.get("resources") or {}).items()
        },
        types=types,
        public_extras=_public_extras(raw.get("public_extras")),
        sdk_names_file=_path(raw.get("sdk_names"), "/sdk_names"),
        sdk_class_names_file=_path(raw.get("sdk_class_names"), "/sdk_class_names"),
        sdk_param_aliases_file=_path(raw.get("sdk_param_aliases"), "/sdk_param_aliases"),
        sdk_copies_file=_path(raw.get("sdk_copies"), "/sdk_copies"),
        packages=_packages(raw.get("packages")),
        aliases=_aliases(raw.get("aliases")),
        websockets=_websockets(raw.get("websockets")),
        discriminators=_discriminators(raw.get("discriminators")),
    )


def _discriminators(raw: Any) -> dict[str, str | None]:
    """`discriminators: {<pointer of a union schema>: <property name> | null}`."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise GeneratorError(
            "config-invalid", "/discriminators", "expected {union schema pointer: property | null}"
        )
    out: dict[str, str | None] = {}
    for pointer, name in cast("dict[Any, Any]", raw).items():
        if not (isinstance(pointer, str) and pointer.startswith("/")):
            raise GeneratorError(
                "config-invalid", "/discriminators", f"{pointer!r} is no JSON pointer (`/...`)"
            )
        if name is not None and not (isinstance(name, str) and name):
            raise GeneratorError(
                "config-invalid",
                f"/discriminators{pointer}",
                "a property name, or null for a plain union",
            )
        out[pointer] = name
    return out


def _websockets(raw: Any) -> dict[str, WebSocketConfig]:
    """`websockets: {module: {client_events: <union schema>, prefix: <ClassWord>,
    connection?: {...}}}`."""
    if raw is None:
        return {}
    form = (
        "expected {module: {client_events: <schema name>, prefix: <ClassName>, "
        "connection: {runtime, server_events, path, headers, tls_only} (optional)}}"
    )
    if not isinstance(raw, dict):
        raise GeneratorError("config-invalid", "/websockets", form)
    found: dict[str, WebSocketConfig] = {}
    for name, entry in cast(dict[Any, Any], raw).items():
        where = pointer_join("/websockets", str(name))
        if not (isinstance(name, str) and name.isidentifier() and name == module_name(name)):
            raise GeneratorError("config-invalid", where, "a websocket's key is a module name")
        keys = set(cast(dict[Any, Any], entry)) if isinstance(entry, dict) else set[Any]()
        if not isinstance(entry, dict) or not {"client_events", "prefix"} <= keys <= {
            "client_events",
            "prefix",
            "connection",
        }:
            raise GeneratorError("config-invalid", where, form)
        events, prefix = entry["client_events"], entry["prefix"]
        if not isinstance(events, str) or not events:
            raise GeneratorError("config-invalid", f"{where}/client_events", form)
        if not (isinstance(prefix, str) and re.fullmatch(r"[A-Z][A-Za-z0-9]*", prefix)):
            raise GeneratorError(
                "config-invalid", f"{where}/prefix", "a prefix is a PascalCase word (`Realtime`)"
            )
        connection = _websocket_connection(entry.get("connection"), f"{where}/connection")
        found[name] = WebSocketConfig(events, prefix, connection)
    return found


def _websocket_connection(raw: Any, where: str) -> WebSocketConnectionConfig | None:
    """`connection: {runtime: <module>, server_events: <union schema>, path: /<path>,
    headers?: {name: value}, tls_only?: bool}`."""
    if raw is None:
        return None
    form = (
        "expected {runtime: <package.module>, server_events: <schema name>, path: </path>, "
        "headers: {name: value} (optional), tls_only: true|false (optional)}"
    )
    spec = cast(dict[Any, Any], raw) if isinstance(raw, dict) else {}
    required = {"runtime", "server_events", "path"}
    if not required <= set(spec) <= required | {"headers", "tls_only"}:
        raise GeneratorError("config-invalid", where, form)
    runtime, events, path = spec["runtime"], spec["server_events"], spec["path"]
    if not (isinstance(runtime, str) and all(p.isidentifier() for p in runtime.split("."))):
        raise GeneratorError("config-invalid", f"{where}/runtime", "a dotted module path")
    if not (isinstance(events, str) and events):
        raise GeneratorError("config-invalid", f"{where}/server_events", form)
    if not (isinstance(path, str) and path.startswith("/")):
        raise GeneratorError("config-invalid", f"{where}/path", "a URL path (`/realtime`)")
    headers = spec.get("headers", {})
    if not isinstance(headers, dict) or not all(
        isinstance(k, str) and k and isinstance(v, str)
        for k, v in cast(dict[Any, Any], headers).items()
    ):
        raise GeneratorError("config-invalid", f"{where}/headers", "a {name: value} of strings")
    tls_only = spec.get("tls_only", False)
    if not isinstance(tls_only, bool):
        raise GeneratorError("config-invalid", f"{where}/tls_only", "true or false")
    return WebSocketConnectionConfig(
        runtime, events, path, tuple(cast(dict[str, str], headers).items()), tls_only
    )


def _packages(raw: Any) -> tuple[str, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(
        isinstance(p, str) and p and all(part.isidentifier() for part in p.split("."))
        for p in cast(list[Any], raw)
    ):
        raise GeneratorError(
            "config-invalid", "/packages", "a list of dotted types packages (`beta.chat`)"
        )
    return tuple(cast(list[str], raw))


_ALIAS_FORMS = (
    "an alias is 'module:Name' (a re-export of a generated name) or {of: [schema names or "
    f"{', '.join(ALIAS_BUILTINS)}], param: true|false}} or {{of: [one union schema], without: "
    "[its members' schema names]}"
)


def _aliases(raw: Any) -> dict[str, dict[str, AliasConfig]]:
    """`aliases: {types module ("." the types package): {Name: 'module:Name' | {of, param}}}`."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise GeneratorError("config-invalid", "/aliases", "expected {types module: {name: alias}}")
    found: dict[str, dict[str, AliasConfig]] = {}
    for module, names in cast(dict[Any, Any], raw).items():
        where = f"/aliases/{module}"
        key = "" if module == "." else str(module)
        if not isinstance(names, dict) or not all(
            p.isidentifier() for p in (key or "_").split(".")
        ):
            raise GeneratorError("config-invalid", where, "expected {name: alias} under a module")
        entries: dict[str, AliasConfig] = {}
        for name, value in cast(dict[Any, Any], names).items():
            at = f"{where}/{name}"
            if not str(name).isidentifier():
                raise GeneratorError("config-invalid", at, f"{name!r} is not an identifier")
            if isinstance(value, str) and _former_path(value):
                entries[str(name)] = AliasConfig(to=_split_former(value))
                continue
            spec = cast(dict[str, Any], value) if isinstance(value, dict) else {}
            of = spec.get("of")
            param = spec.get("param", False)
            without = spec.get("without", [])
            if (
                set(spec) - {"of", "param", "without"}
                or not isinstance(of, list)
                or not of
                or not all(isinstance(m, str) and m.isidentifier() for m in cast(list[Any], of))
                or not isinstance(param, bool)
                or not isinstance(without, list)
                or not all(isinstance(m, str) and m for m in cast(list[Any], without))
                or (without and (len(cast(list[Any], of)) != 1 or param))
            ):
                raise GeneratorError("config-invalid", at, _ALIAS_FORMS)
            entries[str(name)] = AliasConfig(
                of=tuple(cast(list[str], of)),
                param=param,
                without=tuple(cast(list[str], without)),
            )
        found[key] = entries
    return found


def _field_names(raw: Any, where: str) -> dict[str, str]:
    """`field_names: {wire name: attribute}`; an attribute must be a name a model field can
    take (an identifier outside pydantic's namespace and our base's methods)."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise GeneratorError(
            "config-invalid", where, "field_names maps a property's wire name to the attribute"
        )
    out: dict[str, str] = {}
    for wire, attribute in cast(dict[Any, Any], raw).items():
        at = pointer_join(where, str(wire))
        if not isinstance(attribute, str) or not attribute.isidentifier():
            raise GeneratorError("config-invalid", at, f"{attribute!r} is not a Python identifier")
        if (
            keyword.iskeyword(attribute)
            or attribute.startswith(("_", PROTECTED_PREFIX))
            or attribute in MODEL_RESERVED_FIELDS
        ):
            raise GeneratorError(
                "config-invalid",
                at,
                f"{attribute!r} cannot name a model field: a keyword, private, in pydantic's "
                f"`{PROTECTED_PREFIX}` namespace or a method of the models' base",
            )
        out[str(wire)] = attribute
    return out


def _path(raw: Any, where: str) -> str | None:
    if raw is not None and not isinstance(raw, str):
        raise GeneratorError("config-invalid", where, "expected the path of a file")
    return raw


SdkNames = dict[str, dict[str, tuple[str, str]]]
SdkUnions = dict[str, dict[str, tuple[str, str, str]]]


def load_sdk_names(path: Path) -> tuple[SdkNames, SdkUnions]:
    """The `sdk_names:` facts file: {module: {SDK name: "our module:Name"}}, split into the names
    of generated types and the names of unions left inline in a field ("our module:Owner.field",
    then a step per level the union sits under: `[]` a list's items, `|N` a union's N-th arm)."""
    try:
        facts = load_yaml(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise GeneratorError(
            "config-unreadable", "/sdk_names", f"cannot read {path}: {exc}"
        ) from exc
    if not isinstance(facts, dict):
        raise GeneratorError("config-invalid", "/sdk_names", f"{path}: expected {{module: names}}")
    found: SdkNames = {}
    unions: SdkUnions = {}
    for module, names in facts.items():
        where = f"/sdk_names/{module}"
        entries: dict[str, tuple[str, str]] = {}
        places: dict[str, tuple[str, str, str]] = {}
        for name, target in _str_map(names, where).items():
            our_module, _, our_name = target.partition(":")
            owner, dot, field_path = our_name.partition(".")
            dotted = [] if module == "." else str(module).split(".")
            if not (
                name.isidentifier()
                and owner.isidentifier()
                and (not dot or _field_path(field_path))
                and all(p.isidentifier() for p in [*dotted, *our_module.split(".")])
            ):
                raise GeneratorError(
                    "config-invalid",
                    f"{where}/{name}",
                    "expected `Name: module:Name` or `Name: module:Owner.field` (then `[]` per "
                    f"list level, `|N` per union arm) with identifiers, got {target!r}",
                )
            if dot:
                places[name] = (our_module, owner, field_path)
            else:
                entries[name] = (our_module, our_name)
        key = "" if module == "." else str(module)
        found[key] = entries
        if places:
            unions[key] = places
    return found, unions


def load_sdk_class_names(path: Path) -> dict[str, dict[str, str]]:
    """The `sdk_class_names:` facts file: {types module: {document's name: SDK's class name}}."""
    return _load_name_facts(path, "/sdk_class_names")


def load_sdk_param_aliases(path: Path) -> dict[str, dict[str, str]]:
    """The `sdk_param_aliases:` facts file: {types module: {SDK name: its class's __name__}}."""
    return _load_name_facts(path, "/sdk_param_aliases")


def _load_name_facts(path: Path, key: str) -> dict[str, dict[str, str]]:
    try:
        facts = load_yaml(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise GeneratorError("config-unreadable", key, f"cannot read {path}: {exc}") from exc
    if not isinstance(facts, dict):
        raise GeneratorError("config-invalid", key, f"{path}: expected {{module: {{name: name}}}}")
    found: dict[str, dict[str, str]] = {}
    for module, names in facts.items():
        where = f"{key}/{module}"
        entries = _str_map(names, where)
        if not all(p.isidentifier() for p in str(module).split(".")) or not all(
            a.isidentifier() and b.isidentifier() for a, b in entries.items()
        ):
            raise GeneratorError(
                "config-invalid", where, "expected `module: {Name: ClassName}` with identifiers"
            )
        found[str(module)] = entries
    return found


@dataclass(frozen=True)
class SdkCopy:
    """One per-place class of the official SDK: the schema it is a copy of and the places (JSON
    pointers of the document) whose type it is."""

    copy_of: str
    at: tuple[str, ...]


SdkCopies = dict[str, dict[str, SdkCopy]]


def load_sdk_copies(path: Path) -> SdkCopies:
    """The `sdk_copies:` facts file: {types module: {class name: {copy_of: schema, at: [pointer,
    ...]}}}."""
    try:
        facts = load_yaml(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise GeneratorError(
            "config-unreadable", "/sdk_copies", f"cannot read {path}: {exc}"
        ) from exc
    if not isinstance(facts, dict):
        raise GeneratorError(
            "config-invalid", "/sdk_copies", f"{path}: expected {{module: {{name: copy}}}}"
        )
    found: SdkCopies = {}
    for module, names in facts.items():
        where = f"/sdk_copies/{module}"
        if not all(p.isidentifier() for p in str(module).split(".")) or not isinstance(names, dict):
            raise GeneratorError("config-invalid", where, "expected `module: {Name: copy}`")
        entries: dict[str, SdkCopy] = {}
        for name, copy in names.items():
            at = copy.get("at") if isinstance(copy, dict) else None
            if not (
                str(name).isidentifier()
                and isinstance(copy, dict)
                and set(copy) == {"copy_of", "at"}
                and isinstance(copy["copy_of"], str)
                and isinstance(at, list)
                and at
                and all(isinstance(p, str) and _is_place(p) for p in at)
            ):
                raise GeneratorError(
                    "config-invalid",
                    f"{where}/{name}",
                    "expected `Name: {copy_of: <schema or JSON pointer>, at: [<place>, ...]}`, "
                    "a place a JSON pointer, or `<copy>#<JSON pointer>` for a place of a copy",
                )
            entries[str(name)] = SdkCopy(copy["copy_of"], tuple(at))
        found[str(module)] = entries
    return found


def _is_place(text: str) -> bool:
    """A JSON pointer of the document, or one within a copy: `<copy's types key>#<pointer>`."""
    scope, hash_, pointer = text.rpartition("#")
    return pointer.startswith("/") and (not hash_ or (bool(scope) and "/" not in scope))


def copy_key(module: str, name: str) -> str:
    """The `types` key of a per-place copy from the facts (no schema's name has a colon)."""
    return f"{module}:{name}"


def with_sdk_copies(config: Config, copies: SdkCopies) -> Config:
    """The facts' per-place copies joined to the config's `types`: a `copy_of:` entry each (with
    the schema's own model settings: `optional:`, attribute names, mixin, ...) and a `use:` entry
    at each of its places. A place the config already configures is a conflict."""
    types = dict(config.types)
    for module, names in sorted(copies.items()):
        for name, copy in sorted(names.items()):
            where = f"/sdk_copies/{module}/{name}"
            source = config.types.get(copy.copy_of) or TypeConfig()
            if source.copy_of is not None or source.use is not None:
                raise GeneratorError(
                    "config-conflict", where, f"{copy.copy_of!r} is a copy or stands in"
                )
            key = copy_key(module, name)
            types[key] = replace(
                source,
                name=name,
                module=module.replace(".", "/"),
                param_name=None,
                param_module=None,
                copy_of=copy.copy_of,
                former=(),
                also=(),
                param_also=(),
                param_optional=(),
            )
            for pointer in copy.at:
                if pointer in types:
                    raise GeneratorError(
                        "config-conflict",
                        f"{where}/at",
                        f"{pointer} is configured already (types)",
                        "drop the place from the facts file (regenerate it)",
                    )
                types[pointer] = TypeConfig(use=key)
    # a second path the config gives the source by hand (`also:`, the SDK's name at a module
    # and its package) that a copy now takes is the copy's: the copy is defined there
    taken: dict[str, set[tuple[str, str]]] = {}
    for module, names in copies.items():
        for name, copy in names.items():
            paths = taken.setdefault(copy.copy_of, set())
            paths |= {(module, name), (module.rpartition(".")[0], name)}
    for source, paths in taken.items():
        entry = types.get(source)
        if entry is not None and any(path in paths for path in entry.also):
            also = tuple(path for path in entry.also if path not in paths)
            types[source] = replace(entry, also=also)
    # likewise on the request side: a path the config names the source's TypedDict at by hand
    # (`param: {also:}`, or an `aliases:` re-export) where the SDK has the copy's request-side
    # class (its module's `_param` module, the name `copy_twin_name` gives) is the copy's own
    # TypedDict, defined there
    request_paths: set[tuple[str, str]] = set()
    for module, names in sorted(copies.items()):
        for name, copy in sorted(names.items()):
            entry = types.get(copy.copy_of)
            path = (module + "_param", copy_twin_name(name, module))
            also = entry.param_also if entry is not None else ()
            aliased = config.aliases.get(path[0], {}).get(path[1])
            if path not in also and (aliased is None or aliased.to is None):
                continue
            if entry is not None and path in also:
                given = {path, (path[0].rpartition(".")[0], path[1])}
                types[copy.copy_of] = replace(
                    entry, param_also=tuple(p for p in also if p not in given)
                )
            request_paths.add(path)
            key = copy_key(module, name)
            types[key] = replace(
                types[key], param_name=path[1], param_module=path[0].replace(".", "/")
            )
    # and a re-export the config's `aliases:` puts at a copy's path (the SDK's name of a union
    # a copy of the union now defines there)
    aliases = {
        module: {
            name: alias
            for name, alias in names.items()
            if alias.to is None
            or (name not in copies.get(module, {}) and (module, name) not in request_paths)
        }
        for module, names in config.aliases.items()
    }
    return replace(config, types=types, aliases=aliases)


def _second_paths(entry: dict[str, Any], name: str, key: str) -> tuple[tuple[str, str], ...]:
    """A type entry's `former:` / `also:` list of 'module:Name' paths, as (module, Name) pairs."""
    paths = entry.get(key) or []
    if not isinstance(paths, list) or not all(
        isinstance(f, str) and _former_path(f) for f in paths
    ):
        raise GeneratorError(
            "config-invalid", f"/types/{name}/{key}", f"{key} is a list of 'module:Name'"
        )
    if paths and not (entry.get("name") and entry.get("module")):
        raise GeneratorError(
            "config-invalid",
            f"/types/{name}/{key}",
            f"{key} names need the entry's name and module",
        )
    return tuple(_split_former(f) for f in paths)


def _former_path(path: str) -> bool:
    """'module:Name', the module dotted under types/ ("." for the types package itself)."""
    module, colon, name = path.partition(":")
    return (
        bool(colon)
        and name.isidentifier()
        and (module == "." or all(p.isidentifier() for p in module.split(".")))
    )


def _split_former(path: str) -> tuple[str, str]:
    module, _, name = path.partition(":")
    return ("" if module == "." else module), name


def with_former_names(config: Config) -> Config:
    """The config's `former:` and `also:` paths of its types joined to the second names
    (`sdk_names`): each is a re-export of the type at the path an earlier configuration gave it,
    or at another path where the official SDK has the same model. The facts' own names stay
    apart (`sdk_fact_names`): a path the config gives by hand is a second name, not a class of
    the SDK's own (codegen/param_classes.py)."""
    facts = {module: frozenset(entries) for module, entries in config.sdk_names.items()}
    names = {module: dict(entries) for module, entries in config.sdk_names.items()}
    for key, entry in config.types.items():
        model = (_dotted(entry.module or ""), entry.name or "")
        param = (_dotted(entry.param_module or ""), entry.param_name or "")
        for kind, paths, target in (
            ("former", entry.former, model),
            ("also", entry.also, model),
            ("param/also", entry.param_also, param),
        ):
            for module, name in paths:
                if names.setdefault(module, {}).setdefault(name, target) == target:
                    continue
                raise GeneratorError(
                    "config-conflict",
                    f"/types/{key}/{kind}",
                    f"{module or '.'}:{name} is already a second name of another type",
                )
    for module, entries in config.aliases.items():
        for name, alias in entries.items():
            if alias.to is None:
                continue
            if names.setdefault(module, {}).setdefault(name, alias.to) != alias.to:
                raise GeneratorError(
                    "config-conflict",
                    f"/aliases/{module or '.'}/{name}",
                    f"{module or '.'}:{name} is already a second name of another type",
                )
    return replace(config, sdk_names=names, sdk_fact_names=facts)


def _dotted(module: str) -> str:
    """A config `module:` as the dotted module under types/ it names (as the schemas do)."""
    return ".".join(module_name(part) for part in module.strip("/").replace(".", "/").split("/"))


def _field_path(path: str) -> bool:
    """`field`, `field[]`, `field|2[]`: a field's name and the steps to the union: `[]` into a
    list's items, `|N` into a union's N-th arm."""
    return re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*(\[\]|\|[0-9]+)*", path) is not None


def _public_extras(raw: Any) -> dict[str, dict[str, str]]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise GeneratorError(
            "config-invalid", "/public_extras", "expected {types package: {name: module}}"
        )
    extras: dict[str, dict[str, str]] = {}
    for package, names in raw.items():
        where = f"/public_extras/{package}"
        entries = _str_map(names, where)
        for name, module in entries.items():
            if not name.isidentifier() or not all(p.isidentifier() for p in module.split(".")):
                raise GeneratorError(
                    "config-invalid", f"{where}/{name}", "names and modules must be identifiers"
                )
        extras["" if package in (None, ".") else str(package)] = entries
    return extras


def load_config(path: Path | None) -> Config:
    if path is None:
        return Config()
    try:
        raw = load_yaml(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise GeneratorError("config-unreadable", "", f"cannot read {path}: {exc}") from exc
    return parse_config(raw)
