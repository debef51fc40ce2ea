"""Views of resource modules and the root client, read by the resource/client templates."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal as L

from .ir import (
    NONE,
    ApiIR,
    FieldDef,
    ListOf,
    LiteralOf,
    Named,
    OperationIR,
    ParamIR,
    Prim,
    ResourceIR,
    ResultByIR,
    TypeExpr,
    UnionOf,
    path_placeholders,
    placed_path_params,
    walk,
)
from .scope import Scope, TypeRenderer, stable_locals


@dataclass(frozen=True)
class DeclaredTypeView:
    """A type a helper's declaration names, in one class (`codegen.ir.DeclaredType`); the
    `declared_type` macro of `templates/_signature.py.jinja` writes it as
    `[Async]<name>[[<args>, ...]]`."""

    name: str  # a class, or annotation text (the wrapped method's result type: as rendered)
    twin: bool = False  # the async twin: `Async<name>`
    args: tuple[DeclaredTypeView, ...] = ()


@dataclass(frozen=True)
class ArgView:
    """One argument; `templates/_signature.py.jinja` writes its annotation as
    `[<declared> | ]<annotation>[ | NotGiven][ | Omit][ | None]`."""

    name: str
    annotation: str  # its type, as the type renderer writes it ("" when `declared` replaces it)
    default: str | None  # None: required
    not_given: bool = False  # may be left out: `| NotGiven`
    nullable: bool = False  # takes None: `| None`
    declared: DeclaredTypeView | None = None  # a helper's type for it (config `type:` / `also:`)
    # ...or passed the SDK's `omit` (its params' sentinel since 2.x, which code written for it
    # passes on, e.g. `temperature: float | Omit = omit`): `| Omit`, dropped like NOT_GIVEN
    omit: bool = False


@dataclass(frozen=True)
class ResultView:
    """What a method returns; the `result` macro of `templates/_signature.py.jinja` writes it.

    A plain `value`; a `stream` class of `item`s (alone, or after `value` when a flag decides);
    or a `page` class of `item`s, which an async list call hands out through `AsyncPaginator`."""

    value: str | None = None
    stream: str | None = None
    item: str | None = None
    page: str | None = None
    paginator: bool = False
    declared: DeclaredTypeView | None = None  # a helper's declared result (config `returns:`)
    more: tuple[str, ...] = ()  # further types it may return besides `value` (their union)


@dataclass
class SignatureView:
    positional: list[ArgView]
    keyword: list[ArgView]
    returns: ResultView


@dataclass
class ArgumentsView:
    positional: list[ArgView]
    keyword: list[ArgView]  # required ones first
    docs: list[tuple[str, str | None]]  # (argument, description) in signature order


@dataclass(frozen=True)
class Entry:
    """One `key: value` of a dict a call passes: an argument (joined into one value by `separator`
    when its style says so) or, with `arg` None, the constant `literal`."""

    key: str
    arg: str | None = None
    literal: str | None = None
    separator: str | None = None
    part_type: str | None = None  # a multipart part of its own media type (`form_part`)
    alone: bool = False  # ...that the operation also takes alone as its whole body


@dataclass(frozen=True, order=True)
class Import:
    """`from module import name [as local]` (the `from_import` macro of `_imports.py.jinja`): in a
    method body (models load lazily) or in a module's TYPE_CHECKING block."""

    module: str
    name: str
    local: str


@dataclass(frozen=True)
class RuntimeTypeView:
    """A type as a call hands it to the engine at runtime (`cast_to=`, `model=`, a stream's item):
    the local name of a class or builtin (`object`: anything), inside `lists` levels of a list.
    The `runtime_type` macro of `templates/_request.py.jinja` writes it (`List[List[Name]]`)."""

    name: str
    lists: int = 0


@dataclass(frozen=True)
class ResultByView:
    """The runtime type of an answer picked by an argument's value (config `result_by:`); the
    `runtime_type` macro writes it as a `result_type_by(argument, {value: type}, default)` call."""

    argument: str
    choices: tuple[tuple[str, RuntimeTypeView], ...]
    default: RuntimeTypeView


CastView = RuntimeTypeView | ResultByView

_OBJECT = RuntimeTypeView("object")


@dataclass
class RequestView:
    """The engine call a method body makes; `templates/_request.py.jinja` lays it out."""

    verb: str  # `_post`, `_get_api_list`, ...
    path: str  # the path, its placeholders renamed to the arguments filling them
    path_args: list[str]  # those arguments (none: the path is a constant)
    body_arg: bool  # a non-object body: passed on as the `body` argument
    body: list[Entry] | None
    files: list[Entry] | None  # [] still sends `files={}`: a form or multipart body without files
    query: list[Entry]
    headers: list[Entry]
    security: list[list[str]] | None  # the operation's own requirement, alternatives of schemes
    page: str | None  # the page class of a list call; `model` is its item
    model: RuntimeTypeView | None
    method: str | None  # HTTP method of a list call that is not a GET
    cast_to: CastView | None
    stream: L["always", "flag", "value"] | None  # streams always / when `flag` / `flag == value`
    stream_flag: str | None
    stream_value: str | None
    stream_cls: str | None  # `Stream` / `AsyncStream` of `stream_item`s
    stream_item: RuntimeTypeView | None
    event_envelope: bool
    # what only a streaming call needs (the stream class, event types the plain answer does not
    # use), imported when the flag asks for a stream: a plain call loads no stream machinery or
    # event models. Empty for an operation that always streams (its imports are the method's).
    stream_imports: list[Import] = field(default_factory=list)


@dataclass
class DocView:
    """What a method's docstring says; the `docstring_text` macro of `templates/_signature.py.jinja`
    lays it out: `Deprecated.`, the paragraphs (else the endpoint, `` `GET /path` ``), `Args:`."""

    paragraphs: list[str]  # the spec's summary and description (a helper's: its `doc:`)
    args: list[tuple[str, str]]  # (argument, its description) of the documented ones, in order
    deprecated: bool = False
    endpoint: tuple[str, str] | None = None  # (HTTP method, path) said when there is no paragraph


@dataclass
class MethodView:
    name: str
    doc: DocView
    deprecated: bool
    deprecation: str | None  # PEP 702 message: the method is decorated with `deprecated(...)`
    overloads: list[SignatureView]
    signature: SignatureView
    is_coroutine: bool
    runtime_imports: list[Import]
    request: RequestView


@dataclass
class ChildView:
    """A child resource reached as a property (`templates/_child.py.jinja` writes it)."""

    attr: str
    class_name: str  # local name of the child's class in this module
    module: str  # the module defining it
    cls: str  # its name there
    alias_of: tuple[str, ...] | None  # an alias node: the path of the resource it is
    generated_module: str  # the generated module of the target (its raw/streaming classes)
    raw_name: str
    streaming_name: str


@dataclass
class ResourceClassView:
    name: str
    base: str
    doc: str | None
    methods: list[MethodView]
    children: list[ChildView]
    raw_name: str
    streaming_name: str
    raw_wrapper: str
    streaming_wrapper: str


@dataclass
class ResourceModuleView:
    path: tuple[str, ...]
    module: str  # dotted path under `resources`
    is_package: bool
    sync: ResourceClassView
    async_: ResourceClassView
    scope: Scope
    type_checking_imports: list[Import] = field(default_factory=list)
    core_runtime: list[str] = field(default_factory=list)


# The `_core` names a generated module (resources or helpers) uses when it runs, not only in
# annotations: imported at module level; any other `_core` name goes under TYPE_CHECKING.
# tests/codegen/test_core_runtime_names.py fails when a generated module uses one missing here.
CORE_RUNTIME = frozenset(
    {
        "SyncAPIResource",
        "AsyncAPIResource",
        "NOT_GIVEN",
        "deprecated",  # applied at class creation
        "RequestOptions",
        "path_template",
        "delimited",
        "form_part",
        "result_type_by",
        "BinaryResponseContent",
        "to_raw_response_wrapper",
        "async_to_raw_response_wrapper",
        "to_streamed_response_wrapper",
        "async_to_streamed_response_wrapper",
    }
)


_DEFAULT_JSON = frozenset({"application/json", "*/*", "application/*"})


class ResourceRenderer:
    def __init__(self, api: ApiIR, package: str, generated: str) -> None:
        self.api = api
        self.package = package  # top package (typed_openai)
        self.generated = generated  # dotted path of the generated package (typed_openai._generated)
        self.types = TypeRenderer(api.defs, api.params)
        self.by_path = {r.path: r for r in walk(api.root)}

    # --- module paths -------------------------------------------------------------------------

    def module_of(self, node: ResourceIR) -> str:
        return f"{self.generated}.resources.{node.module}"

    def class_ref(self, node: ResourceIR, is_async: bool) -> tuple[str, str]:
        """(module, class name) the generated tree instantiates for a node."""
        return self.module_of(node), ("Async" if is_async else "") + node.class_name

    # --- modules -----------------------------------------------------------------------------

    def module_view(self, node: ResourceIR) -> ResourceModuleView:
        # two passes: the first collects the module's imports, the second names them stably
        first = Scope(self.package, "")
        self._module_view(node, first)
        return self._module_view(node, Scope(self.package, "", planned=stable_locals(first)))

    def _module_view(self, node: ResourceIR, scope: Scope) -> ResourceModuleView:
        scope.core.update({"SyncAPIResource", "AsyncAPIResource"})
        type_checking: dict[Import, None] = {}
        views = []
        for is_async in (False, True):
            prefix = "Async" if is_async else ""
            name = prefix + node.class_name
            scope.define(name)
            methods = [self.method(op, scope, is_async) for op in node.operations]
            children = [self.child(c, scope, is_async, type_checking) for c in node.children]
            scope.core.add(
                "async_to_raw_response_wrapper" if is_async else "to_raw_response_wrapper"
            )
            scope.core.add(
                "async_to_streamed_response_wrapper" if is_async else "to_streamed_response_wrapper"
            )
            views.append(
                ResourceClassView(
                    name=name,
                    base="AsyncAPIResource" if is_async else "SyncAPIResource",
                    doc=None,
                    methods=methods,
                    children=children,
                    raw_name=name + "WithRawResponse",
                    streaming_name=name + "WithStreamingResponse",
                    raw_wrapper="async_to_raw_response_wrapper"
                    if is_async
                    else "to_raw_response_wrapper",
                    streaming_wrapper=(
                        "async_to_streamed_response_wrapper"
                        if is_async
                        else "to_streamed_response_wrapper"
                    ),
                )
            )
        view = ResourceModuleView(
            node.path, node.module, node.is_package, views[0], views[1], scope
        )
        # runtime needs only these at import time; streams, pages and annotation-only names are
        # imported for type checkers here and inside the methods that use them at runtime
        view.core_runtime = sorted(scope.core & CORE_RUNTIME)
        view.type_checking_imports = type_checking_imports(
            scope, self.package, CORE_RUNTIME, type_checking
        )
        return view

    def child(
        self, node: ResourceIR, scope: Scope, is_async: bool, tc: dict[Import, None]
    ) -> ChildView:
        """The property handing out a child resource (its classes imported for type checkers)."""
        target = self.by_path.get(node.alias_of, node) if node.alias_of else node
        module, cls = self.class_ref(target, is_async)
        view = child_view(node, module, cls, self.module_of(target), scope)
        tc[Import(module, cls, view.class_name)] = None
        for name in (view.raw_name, view.streaming_name):
            tc[Import(view.generated_module, name, name)] = None
        return view

    # --- methods -------------------------------------------------------------------------------

    def arguments(self, op: OperationIR, scope: Scope) -> ArgumentsView:
        """The method's arguments before the request options: positional, then keyword-only."""
        positional: list[ArgView] = []
        keyword: list[ArgView] = []
        doc_args: list[tuple[str, str | None]] = []
        scope.core.update({"NOT_GIVEN", "NotGiven"})
        placeholders = path_placeholders(op.path)
        placed = placed_path_params(op.path, op.params)
        # As in the official SDK, only the last path parameter is positional
        # (`runs.retrieve(run_id, thread_id=...)`); the ones before it are keyword-only.
        for index, p in enumerate(placed):
            arg = ArgView(p.name, self.types.render(p.type, scope, "param"), None)
            (positional if index == len(placed) - 1 else keyword).append(arg)
            doc_args.append((p.name, p.doc))
        optional_kw: list[ArgView] = []

        def add(name: str, t: TypeExpr, required: bool, nullable: bool, doc: str | None) -> None:
            ann = self.types.render(t, scope, "param")
            if required:
                keyword.append(ArgView(name, ann, None, nullable=nullable))
            else:
                scope.core.add("Omit")
                optional_kw.append(
                    ArgView(name, ann, "NOT_GIVEN", not_given=True, omit=True, nullable=nullable)
                )
            doc_args.append((name, doc))

        for p in op.params:
            if p.location in ("query", "header", "cookie") or (
                p.location == "path" and p.wire not in placeholders
            ):
                # header values go on the wire as text: a list of texts is joined by the engine
                # (OpenAPI's `simple` style); another typed header (a number) is passed as str
                t = (
                    Prim("str")
                    if p.location == "header" and not _is_header_text(p.type)
                    else p.type
                )
                add(p.name, t, p.required, False, p.doc)
        body = op.body
        if body is not None:
            for f in body.fields:
                add(f.name, f.type, f.required, f.nullable, f.doc)
            if body.whole is not None:
                add("body", body.whole, body.required, False, None)
        keyword.extend(optional_kw)
        return ArgumentsView(positional, keyword, doc_args)

    def method(self, op: OperationIR, scope: Scope, is_async: bool) -> MethodView:
        runtime: dict[tuple[str, str], str] = {}
        args = self.arguments(op, scope)
        positional, keyword, doc_args = args.positional, args.keyword, args.docs
        stream_field = op.stream.flag_field if op.stream else None
        returns, cast_expr = self._result(op, scope, runtime, is_async)
        request = self._request(op, scope, runtime, is_async, cast_expr)
        overloads: list[SignatureView] = []
        extra = self.request_options(scope)
        signature = SignatureView(positional, keyword + extra, returns)
        if op.stream is not None and stream_field is not None and op.response.kind == "json":
            overloads = self._stream_overloads(
                op, scope, positional, keyword, extra, is_async, stream_field
            )
        elif op.result_by is not None:
            overloads = self._result_by_overloads(op.result_by, scope, positional, keyword, extra)
        if overloads:
            scope.typing.add("overload")
        if op.deprecation is not None:
            scope.core.add("deprecated")
        return MethodView(
            name=op.method_name,
            doc=_method_doc(op, doc_args + REQUEST_OPTION_DOCS),
            deprecated=op.deprecated,
            deprecation=op.deprecation,
            overloads=overloads,
            signature=signature,
            is_coroutine=is_async and op.page is None,
            runtime_imports=[Import(m, n, local) for (m, n), local in runtime.items()],
            request=request,
        )

    def _request(
        self,
        op: OperationIR,
        scope: Scope,
        runtime: dict[tuple[str, str], str],
        is_async: bool,
        cast_expr: CastView,
    ) -> RequestView:
        """What the method passes to the engine: the data of the call, not its text."""
        placeholders = path_placeholders(op.path)
        if placeholders:
            scope.core.add("path_template")
        path, path_args = _path(op.path, placeholders, op.params)
        body = op.body
        body_entries: list[Entry] | None = None
        files: list[Entry] | None = None
        if body is not None and body.whole is None:
            body_entries = [
                _arg(
                    f.wire,
                    f.name,
                    body.separators.get(f.wire),
                    scope,
                    body.part_types.get(f.wire),
                    f.wire in body.alone_parts,
                )
                for f in (
                    body.fields
                    if body.kind == "form"
                    else sorted(body.fields, key=_body_order(body.kind))
                )
                if f.wire not in body.file_fields
            ]
            if body.file_fields:
                files = [Entry(f.wire, f.name) for f in body.fields if f.wire in body.file_fields]
            elif body.kind in ("form", "multipart"):
                files = []  # no files: the engine encodes the fields in the content type below
        query = [Entry(k, literal=v) for k, v in op.fixed_query.items()]
        # the order of the URL's parameters, as the official SDK sends them: required ones first,
        # then by name (servers, logs and recorded-request matchers see the same URL)
        query += [
            _arg(p.wire, p.name, p.separator, scope)
            for p in sorted(
                (p for p in op.params if p.location == "query"),
                key=lambda p: (not p.required, p.wire),
            )
        ]
        headers = [Entry(h, literal=v) for h, v in op.headers.items()]
        if body is not None and (
            (body.kind in ("json", "raw") and body.content_type not in _DEFAULT_JSON)
            or body.kind == "form"
            or (body.kind == "multipart" and not body.file_fields)
        ):
            headers.append(Entry("Content-Type", literal=body.content_type))
        elif body is not None and body.without_files is not None:
            # the engine sends the upload as multipart, a call without one as this declared JSON
            headers.append(Entry("Content-Type", literal=body.without_files))
        headers += [Entry(p.wire, p.name) for p in op.params if p.location == "header"]
        accept = _accept(op)
        if accept is not None and not any(h.key.lower() == "accept" for h in headers):
            # ask for what the spec declares; a strict server refuses the runtime's JSON default
            headers.append(Entry("Accept", literal=accept))
        security = None
        if self.api.client.auth and op.security is not None:
            # this operation's own requirement replaces the spec's default (`()`: no credentials)
            security = op.security
        scope.core.add("RequestOptions")
        view = RequestView(
            verb="_" + op.http_method,
            path=path,
            path_args=path_args,
            body_arg=body is not None and body.whole is not None,
            body=body_entries,
            files=files,
            query=query,
            headers=headers,
            security=security,
            page=None,
            model=None,
            method=None,
            cast_to=None,
            stream=None,
            stream_flag=None,
            stream_value=None,
            stream_cls=None,
            stream_item=None,
            event_envelope=False,
        )
        if op.page is not None:
            page_cls = self._page_class(op, scope, is_async)
            view.verb = "_get_api_list"
            view.model = self._runtime_type(op.page.item, scope, runtime)
            runtime.setdefault((f"{self.package}._core", page_cls), page_cls)
            view.page = page_cls
            if op.http_method != "get":
                view.method = op.http_method.upper()
            return view
        view.cast_to = cast_expr
        if op.stream is not None:
            stream_cls = "AsyncStream" if is_async else "Stream"
            scope.core.add(stream_cls)
            flag = op.stream.flag_field
            always = flag is None or op.response.kind == "empty"
            imports = runtime if always else dict(runtime)
            item = self._runtime_type(op.stream.item, scope, imports)
            imports.setdefault((f"{self.package}._core", stream_cls), stream_cls)
            view.stream_cls, view.stream_item = stream_cls, item
            if always:
                view.stream = "always"  # the operation answers only with events
            else:
                view.stream_imports = [
                    Import(m, n, local)
                    for (m, n), local in imports.items()
                    if (m, n) not in runtime
                ]
                if op.stream.flag_value is not None:
                    view.stream, view.stream_flag = "value", flag
                    view.stream_value = op.stream.flag_value
                else:
                    view.stream, view.stream_flag = "flag", flag
            view.event_envelope = op.stream.event_envelope
        return view

    def request_options(self, scope: Scope) -> list[ArgView]:
        """The per-call overrides every method takes last (documented by `REQUEST_OPTION_DOCS`)."""
        scope.core.update({"Headers", "Query", "Body", "Timeout"})
        return [
            ArgView("extra_headers", "Headers", "None", nullable=True),
            ArgView("extra_query", "Query", "None", nullable=True),
            ArgView("extra_body", "Body", "None", nullable=True),
            ArgView("timeout", "Timeout", "NOT_GIVEN", not_given=True),
        ]

    def _stream_overloads(
        self,
        op: OperationIR,
        scope: Scope,
        positional: list[ArgView],
        keyword: list[ArgView],
        extra: list[ArgView],
        is_async: bool,
        flag: str,
    ) -> list[SignatureView]:
        assert op.stream is not None
        others = [a for a in keyword if a.name != flag]
        # the not-streaming overload accepts None only where the implementation does (a nullable
        # body field does; a `stream` query parameter does not), or pyright rejects the overloads
        own = next((a for a in keyword if a.name == flag), None)
        required = [a for a in others if a.default is None]
        optional = [a for a in others if a.default is not None]
        stream_cls = "AsyncStream" if is_async else "Stream"
        item = self._annotation(op.stream.item, scope)

        def literal(value: bool) -> str:
            return self.types.render(LiteralOf((value,)), scope, "param")

        not_streaming = ArgView(
            flag,
            literal(False),
            "NOT_GIVEN",
            not_given=True,
            nullable=own is not None and own.nullable,
            omit=True,
        )
        if op.result_by is not None:
            # not streaming: one overload per type the argument's value picks
            plain, *more = self._result_by_types(op.result_by, scope)
            chosen = self._result_by_overloads(
                op.result_by, scope, positional, [*others, not_streaming], extra
            )
        else:
            plain, more = self._annotation(op.response.type, scope), []
            chosen = [
                SignatureView(
                    positional, required + optional + [not_streaming] + extra, ResultView(plain)
                )
            ]
        return [
            *chosen,
            SignatureView(
                positional,
                [*required, ArgView(flag, literal(True), None), *optional, *extra],
                ResultView(stream=stream_cls, item=item),
            ),
            SignatureView(
                positional,
                [*required, ArgView(flag, "bool", None), *optional, *extra],
                ResultView(plain, stream_cls, item, more=tuple(more)),
            ),
        ]

    def _result_by_overloads(
        self,
        result_by: ResultByIR,
        scope: Scope,
        positional: list[ArgView],
        keyword: list[ArgView],
        extra: list[ArgView],
    ) -> list[SignatureView]:
        """The overloads of a method whose result type follows an argument's value (config
        `result_by:`), in the order its types first appear: the values picking one type as a
        `Literal` of that argument (left out: the default's), then the argument's own type
        returning any of them, as the official SDK's transcriptions overload `response_format`."""
        own = next(a for a in keyword if a.name == result_by.argument)
        required = [a for a in keyword if a.default is None and a is not own]
        optional = [a for a in keyword if a.default is not None]
        by_type: dict[str, list[str]] = {}
        for value, t in result_by.choices:
            by_type.setdefault(self._annotation(t, scope), []).append(value)
        default = self._annotation(result_by.default, scope)
        overloads: list[SignatureView] = []
        for returns, values in by_type.items():
            literal = self.types.render(LiteralOf(tuple(values)), scope, "param")
            if returns == default and own.default is not None:  # it may be left out
                picked = replace(own, annotation=literal)
                args = [*required, *(picked if a is own else a for a in optional)]
            else:
                others = [a for a in optional if a is not own]
                args = [*required, ArgView(own.name, literal, None), *others]
            overloads.append(SignatureView(positional, args + extra, ResultView(returns)))
        first, *more = self._result_by_types(result_by, scope)
        union = ResultView(first, more=tuple(more))
        overloads.append(SignatureView(positional, keyword + extra, union))
        return overloads

    def _result_by_types(self, result_by: ResultByIR, scope: Scope) -> list[str]:
        """Every type the argument may pick, the default's first, each once."""
        types = [self._annotation(t, scope) for _, t in result_by.choices]
        return list(dict.fromkeys([self._annotation(result_by.default, scope), *types]))

    def result(self, op: OperationIR, scope: Scope) -> ResultView:
        """What the sync method returns (pages and streams included), as its signature says."""
        return self._result(op, scope, {}, False)[0]

    def response_annotation(self, op: OperationIR, scope: Scope) -> str:
        """The type a plain (not streamed, not paged) call of `op` returns."""
        if op.response.kind == "json":
            return self._annotation(op.response.type, scope)
        if op.response.kind == "binary":
            scope.core.add("BinaryResponseContent")
            return "BinaryResponseContent"
        return "str" if op.response.kind == "text" else "None"

    def _annotation(self, t: TypeExpr | None, scope: Scope) -> str:
        if t is None:
            return "object"
        return self.types.render(t, scope, "model")

    def _runtime_type(
        self, t: TypeExpr, scope: Scope, runtime: dict[tuple[str, str], str]
    ) -> RuntimeTypeView:
        """A runtime expression for a response type: named types are imported in the method body.

        The import sits in the body (not at module level) so that importing a resource module never
        imports its models; it binds the name the module's annotations use for the same type, so a
        type checker verifies `cast_to=Name` and an editor follows it to the class.
        """
        if isinstance(t, Named):
            d = self.api.defs[t.key]
            source = (scope.types_module(d.module), d.name)
            if source in runtime:  # already imported for this method
                return RuntimeTypeView(runtime[source])
            local = scope.from_imports.get((d.module, d.name), d.name)
            while local in scope.locals or local in runtime.values():
                local = "_" + local  # another type of the same name is in use here
            runtime[source] = local
            return RuntimeTypeView(local)
        if isinstance(t, UnionOf) and NONE in t.members:
            rest = [m for m in t.members if m != NONE]
            if len(rest) == 1:
                return self._runtime_type(rest[0], scope, runtime)
        if isinstance(t, Prim) and t.name in ("str", "int", "float", "bool"):
            return RuntimeTypeView(t.name)
        if isinstance(t, ListOf):
            item = self._runtime_type(t.item, scope, runtime)
            if item != _OBJECT:
                runtime.setdefault(("typing", "List"), "List")
                return replace(item, lists=item.lists + 1)
        return _OBJECT

    def _result(
        self, op: OperationIR, scope: Scope, runtime: dict[tuple[str, str], str], is_async: bool
    ) -> tuple[ResultView, CastView]:
        """What the method returns, and the runtime expression its call casts the answer to."""
        kind = op.response.kind
        if op.page is not None:
            page_cls = self._page_class(op, scope, is_async)
            item = self._annotation(op.page.item, scope)
            if is_async:
                scope.core.add("AsyncPaginator")
            return ResultView(item=item, page=page_cls, paginator=is_async), _OBJECT
        cast: CastView
        more: tuple[str, ...] = ()  # the other types an argument's value may pick
        if op.result_by is not None:
            ann, *picked = self._result_by_types(op.result_by, scope)
            more = tuple(picked)
            cast = self._result_by(op.result_by, scope, runtime)
        elif kind == "json":
            ann = self._annotation(op.response.type, scope)
            cast = (
                self._runtime_type(op.response.type, scope, runtime)
                if op.response.type
                else _OBJECT
            )
        else:
            ann = self.response_annotation(op, scope)
            cast = RuntimeTypeView(ann)
        if op.stream is not None:
            stream_cls = "AsyncStream" if is_async else "Stream"
            item = self._annotation(op.stream.item, scope)
            if op.stream.flag_field is None or kind == "empty":
                streamed = ResultView(stream=stream_cls, item=item)
                return streamed, cast if kind == "json" else _OBJECT
            return ResultView(ann, stream_cls, item, more=more), cast
        return ResultView(ann, more=more), cast

    def _result_by(
        self, result_by: ResultByIR, scope: Scope, runtime: dict[tuple[str, str], str]
    ) -> ResultByView:
        """The argument's value picks the type the answer is parsed as (config `result_by:`)."""
        scope.core.add("result_type_by")
        choices = tuple(
            (value, self._runtime_type(t, scope, runtime)) for value, t in result_by.choices
        )
        default = self._runtime_type(result_by.default, scope, runtime)
        return ResultByView(result_by.argument, choices, default)

    def _page_class(self, op: OperationIR, scope: Scope, is_async: bool) -> str:
        """`SyncCursorPage`, `AsyncPage`, …: the page class a list method returns."""
        assert op.page is not None
        cls = ("Async" if is_async else "Sync") + _PAGE_CLASSES[op.page.kind]
        scope.core.add(cls)
        return cls


def child_view(
    node: ResourceIR, module: str, cls: str, generated_module: str, scope: Scope
) -> ChildView:
    """The property of `node` (a child resource, or an alias of one) handing out `module.cls`;
    `generated_module`: the generated module of the resource it is (its raw/streaming classes)."""
    local = cls if cls not in scope.locals else f"_{cls}"
    scope.locals.add(local)
    if node.alias_of:
        scope.typing.add("cast")
    return ChildView(
        attr=node.path[-1],
        class_name=local,
        module=module,
        cls=cls,
        alias_of=node.alias_of,
        generated_module=generated_module,
        raw_name=f"{cls}WithRawResponse",
        streaming_name=f"{cls}WithStreamingResponse",
    )


def type_checking_imports(
    scope: Scope, package: str, core_runtime: frozenset[str], more: dict[Import, None]
) -> list[Import]:
    """A module's TYPE_CHECKING block: the types its annotations name (taken out of the scope's
    imports: the module imports them for type checkers only), the `_core` names not in
    `core_runtime`, and `more` (the classes its properties hand out)."""
    imports = dict(more)
    for (module, name), local in scope.from_imports.items():
        imports[Import(scope.types_module(module), name, local)] = None
    scope.type_checking_only = dict(scope.from_imports)
    scope.from_imports.clear()
    for name in scope.core - core_runtime:
        imports[Import(f"{package}._core", name, name)] = None
    return sorted(imports)


_PAGE_CLASSES = {
    "page": "Page",
    "cursor": "CursorPage",
    "conversation_cursor": "ConversationCursorPage",
    "next_cursor": "NextCursorPage",
    "token": "TokenPage",
}

_RUNTIME_ACCEPTS = frozenset({"application/json", "text/event-stream"})


def _accept(op: OperationIR) -> str | None:
    """The `Accept` header an operation sends, when the runtime's `application/json` is not it."""
    declared = op.response.media_types
    if op.response.kind == "empty" and not declared:
        return "*/*"  # no body is read back (the official SDK asks so for its `-> None` calls)
    if op.response.kind == "binary":
        # the bytes the call returns, alone (as the official SDK asks for downloads and speech)
        return op.response.content_type or ", ".join(declared) or "application/octet-stream"
    if not declared or ("application/json" in declared and set(declared) <= _RUNTIME_ACCEPTS):
        return None
    return ", ".join(declared)


def _is_text(t: TypeExpr) -> bool:
    return t == Prim("str") or (
        isinstance(t, LiteralOf) and all(isinstance(v, str) for v in t.values)
    )


def _is_header_text(t: TypeExpr) -> bool:
    return _is_text(t) or (isinstance(t, ListOf) and _is_text(t.item))


# The properties a JSON request body names first, in this order, wherever the call sends them:
# the official SDK puts the model and the stream switch (and the service tier) ahead of the rest.
_JSON_BODY_FIRST = ("model", "stream", "service_tier")


def _body_order(kind: str) -> Callable[[FieldDef], tuple[int, bool, str]]:
    """Where a property goes in the body a call sends, as in the official SDK's: in a JSON body
    `_JSON_BODY_FIRST`, then the required properties, then the others, each group by name (a
    multipart body: required then the others, by name). A server, a log or a recorded-request
    matcher comparing bodies byte for byte sees the same body. A url-encoded form (no OpenAI
    operation sends one, so the SDK shows no order) keeps the document's order."""
    first = _JSON_BODY_FIRST if kind == "json" else ()

    def order(prop: FieldDef) -> tuple[int, bool, str]:
        rank = first.index(prop.wire) if prop.wire in first else len(first)
        return rank, not prop.required, prop.wire

    return order


def _arg(
    key: str,
    name: str,
    separator: str | None,
    scope: Scope,
    part_type: str | None = None,
    alone: bool = False,
) -> Entry:
    """An argument sent under `key`, joined into one value when its `style`/`explode` says so,
    or as a multipart part of its own media type (`part_type`; `alone`: or as the whole body)."""
    if separator is not None:
        scope.core.add("delimited")
    if part_type is not None:
        scope.core.add("form_part")
    return Entry(key, name, separator=separator, part_type=part_type, alone=alone)


def _path(path: str, placeholders: list[str], params: Sequence[ParamIR]) -> tuple[str, list[str]]:
    """The path with its placeholders renamed to the arguments filling them, and those arguments
    (so any wire name, `{id-with-dash}`, works)."""
    names = {p.wire: p.name for p in params if p.location == "path"}
    args = []
    for wire in placeholders:
        if wire in names:
            path = path.replace("{" + wire + "}", "{" + names[wire] + "}")
            args.append(names[wire])
    return path, args


# the `Args:` text of the per-call overrides `request_options()` adds to each signature
REQUEST_OPTION_DOCS: list[tuple[str, str | None]] = [
    ("extra_headers", "Headers to send with this call besides (or instead of) the usual ones."),
    ("extra_query", "Query parameters to add to this call's URL."),
    ("extra_body", "Properties to add to this call's JSON body."),
    ("timeout", "Seconds (or an `httpx.Timeout`) this call may take, instead of the client's."),
]


def _method_doc(op: OperationIR, args: list[tuple[str, str | None]]) -> DocView:
    paragraphs = [str(p) for p in (op.summary, op.description) if p]
    if len(paragraphs) == 2 and paragraphs[0].strip() == paragraphs[1].strip():
        paragraphs = paragraphs[:1]
    return DocView(
        paragraphs,
        documented(args),
        deprecated=bool(op.deprecated or op.deprecation),
        # a first line that is not `Args:` keeps the argument list's indentation after formatting
        endpoint=(op.http_method, op.path),
    )


def documented(args: list[tuple[str, str | None]]) -> list[tuple[str, str]]:
    """The arguments a docstring's `Args:` lists: those with a description, in signature order."""
    return [(n, str(d)) for n, d in args if d]
