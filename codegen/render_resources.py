"""Views of resource modules and the root client, read by the resource/client templates."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from .ir import (
    NONE,
    AliasDef,
    ApiIR,
    FieldDef,
    ListOf,
    LiteralOf,
    ModelDef,
    Named,
    OperationIR,
    Prim,
    ResourceIR,
    TypeExpr,
    UnionOf,
    walk,
)
from .naming import docstring
from .scope import Scope, TypeRenderer, stable_locals


@dataclass
class ArgView:
    name: str
    annotation: str
    default: str | None


@dataclass
class SignatureView:
    positional: list[ArgView]
    keyword: list[ArgView]
    returns: str


@dataclass
class ArgumentsView:
    positional: list[ArgView]
    keyword: list[ArgView]  # required ones first
    docs: list[tuple[str, str | None]]  # (argument, description) in signature order


@dataclass
class MethodView:
    name: str
    doc: str | None
    deprecated: bool
    deprecation: str | None  # PEP 702 message: the method is decorated with `deprecated(...)`
    overloads: list[SignatureView]
    signature: SignatureView
    is_coroutine: bool
    verb: str
    path_expr: str
    runtime_imports: list[str]  # import lines placed in the method body (lazy model loading)
    call_args: list[tuple[str, str]]  # keyword arguments of the engine call


@dataclass
class ChildView:
    attr: str
    class_name: str  # local name of the child's class in this module
    import_line: str | None  # runtime import inside the property (None for aliases)
    alias_expr: str | None  # `cast(...)` expression for alias nodes
    raw_name: str
    streaming_name: str
    raw_import: str
    streaming_import: str


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
    type_checking_imports: list[str] = field(default_factory=list)
    core_runtime: list[str] = field(default_factory=list)


_CORE_RUNTIME = frozenset(
    {
        "SyncAPIResource",
        "AsyncAPIResource",
        "NOT_GIVEN",
        "RequestOptions",
        "path_template",
        "delimited",
        "BinaryResponseContent",
        "to_raw_response_wrapper",
        "async_to_raw_response_wrapper",
        "to_streamed_response_wrapper",
        "async_to_streamed_response_wrapper",
    }
)


_DEFAULT_JSON = frozenset({"application/json", "*/*", "application/*"})


def _path_placeholders(path: str) -> list[str]:
    return re.findall(r"\{([^{}]+)\}", path)


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
        first = Scope(self.generated, "")
        self._module_view(node, first)
        return self._module_view(node, Scope(self.generated, "", planned=stable_locals(first)))

    def _module_view(self, node: ResourceIR, scope: Scope) -> ResourceModuleView:
        scope.core.update({"SyncAPIResource", "AsyncAPIResource"})
        type_checking: dict[str, None] = {}
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
        for (module, name), local in sorted(scope.from_imports.items()):
            suffix = f" as {local}" if local != name else ""
            type_checking[f"from {scope.types_module(module)} import {name}{suffix}"] = None
        scope.type_checking_only = dict(scope.from_imports)
        scope.from_imports.clear()  # types are imported only for type checkers (see template)
        # runtime needs only these at import time; streams, pages and annotation-only names are
        # imported for type checkers here and inside the methods that use them at runtime
        view.core_runtime = sorted(scope.core & _CORE_RUNTIME)
        annotation_only = sorted(scope.core - _CORE_RUNTIME)
        if annotation_only:
            type_checking[f"from {self.package}._core import {', '.join(annotation_only)}"] = None
        view.type_checking_imports = sorted(type_checking)
        return view

    def child(
        self, node: ResourceIR, scope: Scope, is_async: bool, tc: dict[str, None]
    ) -> ChildView:
        target = self.by_path.get(node.alias_of, node) if node.alias_of else node
        module, cls = self.class_ref(target, is_async)
        gen_module = self.module_of(target)
        prefix = "Async" if is_async else ""
        gen_cls = prefix + target.class_name
        local = cls if cls not in scope.locals else f"_{cls}"
        raw_local = f"{gen_cls}WithRawResponse"
        stream_local = f"{gen_cls}WithStreamingResponse"
        tc[f"from {module} import {cls}" + (f" as {local}" if local != cls else "")] = None
        tc[f"from {gen_module} import {raw_local}, {stream_local}"] = None
        scope.locals.update({local})
        alias_expr = None
        import_line: str | None = f"from {module} import {cls}" + (
            f" as {local}" if local != cls else ""
        )
        if node.alias_of:
            scope.typing.add("cast")
            getters = "self._client"
            for part in node.alias_of:
                getters = f"getattr({getters}, {part!r})"
            alias_expr = f"cast({local!r}, {getters})"
            import_line = None
        return ChildView(
            attr=node.path[-1],
            class_name=local,
            import_line=import_line,
            alias_expr=alias_expr,
            raw_name=raw_local,
            streaming_name=stream_local,
            raw_import=f"from {gen_module} import {raw_local}",
            streaming_import=f"from {gen_module} import {stream_local}",
        )

    # --- methods -------------------------------------------------------------------------------

    def arguments(self, op: OperationIR, scope: Scope) -> ArgumentsView:
        """The method's arguments before the request options: positional, then keyword-only."""
        positional: list[ArgView] = []
        keyword: list[ArgView] = []
        doc_args: list[tuple[str, str | None]] = []
        scope.core.update({"NOT_GIVEN", "NotGiven"})
        placeholders = _path_placeholders(op.path)
        path_params = {p.wire: p for p in op.params if p.location == "path"}
        placed = [path_params[w] for w in placeholders if w in path_params]
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
                keyword.append(ArgView(name, f"{ann} | None" if nullable else ann, None))
            else:
                tail = " | None" if nullable else ""
                optional_kw.append(ArgView(name, f"{ann} | NotGiven{tail}", "NOT_GIVEN"))
            doc_args.append((name, doc))

        for p in op.params:
            if p.location in ("query", "header", "cookie") or (
                p.location == "path" and p.wire not in placeholders
            ):
                # header values go on the wire as text; a typed header (array, enum) is passed as str
                t = Prim("str") if p.location == "header" and not _is_text(p.type) else p.type
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
        runtime: dict[str, None] = {}
        args = self.arguments(op, scope)
        positional, keyword, doc_args = args.positional, args.keyword, args.docs
        placeholders = _path_placeholders(op.path)
        if placeholders:
            scope.core.add("path_template")
        path_params = {p.wire: p for p in op.params if p.location == "path"}
        stream_field = op.stream.flag_field if op.stream else None
        body = op.body

        # what the call returns
        returns, cast_expr = self._result(op, scope, runtime, is_async)
        call: list[tuple[str, str]] = []
        if body is not None:
            if body.whole is not None:
                call.append(("body", "body"))
            else:
                plain = [f for f in body.fields if f.wire not in body.file_fields]
                files = [f for f in body.fields if f.wire in body.file_fields]
                call.append(
                    (
                        "body",
                        _dict_expr(
                            [
                                (f.wire, _joined(f.name, body.separators.get(f.wire), scope))
                                for f in plain
                            ]
                        ),
                    )
                )
                if files:
                    call.append(("files", _dict_expr([(f.wire, f.name) for f in files])))
                elif body.kind in ("form", "multipart"):
                    # no files: the engine encodes the fields in the content type named below
                    call.append(("files", "{}"))
        query = [(k, repr(v)) for k, v in op.fixed_query.items()]
        query += [
            (p.wire, _joined(p.name, p.separator, scope))
            for p in op.params
            if p.location == "query"
        ]
        if query:
            call.append(("query", _dict_expr(query)))
        headers = [(h, repr(v)) for h, v in op.headers.items()]
        if (
            body is not None
            and body.kind in ("json", "raw")
            and body.content_type not in _DEFAULT_JSON
        ):
            headers.append(("Content-Type", repr(body.content_type)))
        if body is not None and (
            body.kind == "form" or (body.kind == "multipart" and not body.file_fields)
        ):
            headers.append(("Content-Type", repr(body.content_type)))
        headers += [(p.wire, p.name) for p in op.params if p.location == "header"]
        accept = _accept(op)
        if accept is not None and not any(h.lower() == "accept" for h, _ in headers):
            # ask for what the spec declares; a strict server refuses the runtime's JSON default
            headers.append(("Accept", repr(accept)))
        if headers:
            call.append(("headers", _dict_expr(headers)))
        if self.api.client.auth and op.security is not None:
            # this operation's own requirement replaces the spec's default (`()`: no credentials)
            alternatives = "".join(
                "(" + "".join(f"{name!r}, " for name in alt) + "), " for alt in op.security
            )
            call.append(("security", f"({alternatives})"))
        scope.core.add("RequestOptions")
        call.append(
            (
                "options",
                "RequestOptions(extra_headers=extra_headers, extra_query=extra_query, "
                "extra_body=extra_body, timeout=timeout)",
            )
        )
        overloads: list[SignatureView] = []
        if op.page is not None:
            page_cls = self._page_class(op, scope, is_async)
            item = self._runtime_type(op.page.item, scope, runtime)
            runtime[f"from {self.package}._core import {page_cls}"] = None
            call.append(("page", f"{page_cls}[{item}]"))
            call.append(("model", item))
            if op.http_method != "get":
                call.append(("method", repr(op.http_method.upper())))
            verb = "_get_api_list"
        else:
            verb = "_" + op.http_method
            call.append(("cast_to", cast_expr))
            if op.stream is not None:
                stream_cls = "AsyncStream" if is_async else "Stream"
                scope.core.add(stream_cls)
                item_rt = self._runtime_type(op.stream.item, scope, runtime)
                runtime[f"from {self.package}._core import {stream_cls}"] = None
                stream_arg = f"{stream_cls}[{item_rt}]"
                if stream_field is None or op.response.kind == "empty":
                    call.append(("stream", "True"))  # the operation answers only with events
                elif op.stream.flag_value is not None:
                    call.append(("stream", f"{stream_field} == {op.stream.flag_value!r}"))
                else:
                    call.append(("stream", f"{stream_field} or False"))
                call.append(("stream_cls", stream_arg))
                if op.stream.event_envelope:
                    call.append(("event_envelope", "True"))

        extra = self.request_options(scope)
        signature = SignatureView(positional, keyword + extra, returns)
        if op.stream is not None and stream_field is not None and op.response.kind == "json":
            overloads = self._stream_overloads(
                op, scope, positional, keyword, extra, is_async, stream_field
            )
            scope.typing.add("overload")
        if op.deprecation is not None:
            scope.ext.add("deprecated")
        return MethodView(
            name=op.method_name,
            doc=docstring(_method_doc(op, doc_args + REQUEST_OPTION_DOCS)),
            deprecated=op.deprecated,
            deprecation=op.deprecation,
            overloads=overloads,
            signature=signature,
            is_coroutine=is_async and op.page is None,
            verb=verb,
            path_expr=_path_expr(op.path, placeholders, path_params),
            runtime_imports=list(runtime),
            call_args=call,
        )

    def request_options(self, scope: Scope) -> list[ArgView]:
        """The per-call overrides every method takes last (documented by `REQUEST_OPTION_DOCS`)."""
        scope.core.update({"Headers", "Query", "Body", "Timeout"})
        return [
            ArgView("extra_headers", "Headers | None", "None"),
            ArgView("extra_query", "Query | None", "None"),
            ArgView("extra_body", "Body | None", "None"),
            ArgView("timeout", "Timeout | NotGiven", "NOT_GIVEN"),
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
        scope.ext.add("Literal")
        others = [a for a in keyword if a.name != flag]
        # the not-streaming overload accepts None only where the implementation does (a nullable
        # body field does; a `stream` query parameter does not), or pyright rejects the overloads
        own = next((a.annotation for a in keyword if a.name == flag), "")
        not_streaming = "Literal[False] | NotGiven" + (" | None" if "None" in own else "")
        required = [a for a in others if a.default is None]
        optional = [a for a in others if a.default is not None]
        plain = self._annotation(op.response.type, scope)
        stream_cls = "AsyncStream" if is_async else "Stream"
        streamed = f"{stream_cls}[{self._annotation(op.stream.item, scope)}]"
        return [
            SignatureView(
                positional,
                required + optional + [ArgView(flag, not_streaming, "NOT_GIVEN")] + extra,
                plain,
            ),
            SignatureView(
                positional,
                [*required, ArgView(flag, "Literal[True]", None), *optional, *extra],
                streamed,
            ),
            SignatureView(
                positional,
                [*required, ArgView(flag, "bool", None), *optional, *extra],
                f"{plain} | {streamed}",
            ),
        ]

    def result_annotation(self, op: OperationIR, scope: Scope) -> str:
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

    def _runtime_type(self, t: TypeExpr, scope: Scope, runtime: dict[str, None]) -> str:
        """A runtime expression for a response type: named types are imported in the method body.

        The import sits in the body (not at module level) so that importing a resource module never
        imports its models; it binds the name the module's annotations use for the same type, so a
        type checker verifies `cast_to=Name` and an editor follows it to the class.
        """
        if isinstance(t, Named):
            d = self.api.defs[t.key]
            source = f"from {scope.types_module(d.module)} import {d.name}"
            for line in runtime:  # already imported for this method
                if line == source or line.startswith(source + " as "):
                    return line.rsplit(" ", 1)[-1]
            local = scope.from_imports.get((d.module, d.name), d.name)
            bound = {line.rsplit(" ", 1)[-1] for line in runtime}
            while local in scope.locals or local in bound:
                local = "_" + local  # another type of the same name is in use here
            runtime[source + (f" as {local}" if local != d.name else "")] = None
            return local
        if isinstance(t, UnionOf) and NONE in t.members:
            rest = [m for m in t.members if m != NONE]
            if len(rest) == 1:
                return self._runtime_type(rest[0], scope, runtime)
        if isinstance(t, Prim) and t.name in ("str", "int", "float", "bool"):
            return t.name
        if isinstance(t, ListOf):
            item = self._runtime_type(t.item, scope, runtime)
            if item != "object":
                runtime["from typing import List"] = None
                return f"List[{item}]"
        return "object"

    def _result(
        self, op: OperationIR, scope: Scope, runtime: dict[str, None], is_async: bool
    ) -> tuple[str, str]:
        kind = op.response.kind
        stream_cls = "AsyncStream" if is_async else "Stream"
        if op.page is not None:
            assert op.page is not None
            page_cls = self._page_class(op, scope, is_async)
            item_ann = self._annotation(op.page.item, scope)
            if is_async:
                scope.core.add("AsyncPaginator")
                return f"AsyncPaginator[{item_ann}, {page_cls}[{item_ann}]]", "object"
            return f"{page_cls}[{item_ann}]", "object"
        if kind == "json":
            ann = self._annotation(op.response.type, scope)
            cast = (
                self._runtime_type(op.response.type, scope, runtime)
                if op.response.type
                else "object"
            )
        elif kind == "binary":
            scope.core.add("BinaryResponseContent")
            ann, cast = "BinaryResponseContent", "BinaryResponseContent"
        elif kind == "text":
            ann, cast = "str", "str"
        else:
            ann, cast = "None", "None"
        if op.stream is not None:
            streamed = f"{stream_cls}[{self._annotation(op.stream.item, scope)}]"
            if op.stream.flag_field is None or kind == "empty":
                return streamed, cast if kind == "json" else "object"
            return f"{ann} | {streamed}", cast
        return ann, cast

    def _page_class(self, op: OperationIR, scope: Scope, is_async: bool) -> str:
        """`SyncCursorPage`, `AsyncPage`, …: the page class a list method returns."""
        assert op.page is not None
        cls = ("Async" if is_async else "Sync") + _PAGE_CLASSES[op.page.kind]
        scope.core.add(cls)
        return cls


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


def _joined(name: str, separator: str | None, scope: Scope) -> str:
    """The argument, joined into one value when its `style`/`explode` says so."""
    if separator is None:
        return name
    scope.core.add("delimited")
    return f"delimited({name}, {separator!r})"


def _dict_expr(items: list[tuple[str, str]]) -> str:
    # the trailing comma keeps one entry a line after formatting, so adding a parameter adds
    # one line instead of rewriting a dict that used to fit on one
    return "{" + "".join(f"{wire!r}: {name}, " for wire, name in items).rstrip() + "}"


def _path_expr(path: str, placeholders: list[str], params: Mapping[str, object]) -> str:
    if not placeholders:
        return repr(path)
    # placeholders are renamed to the argument names, so any wire name (`{id-with-dash}`) works
    template = path
    parts = []
    for wire in placeholders:
        name = getattr(params.get(wire), "name", None)
        if name is None:
            continue
        template = template.replace("{" + wire + "}", "{" + name + "}")
        parts.append(f"{name}={name}")
    return f"path_template({template!r}, {', '.join(parts)})"


# the `Args:` text of the per-call overrides `request_options()` adds to each signature
REQUEST_OPTION_DOCS: list[tuple[str, str | None]] = [
    ("extra_headers", "Headers to send with this call besides (or instead of) the usual ones."),
    ("extra_query", "Query parameters to add to this call's URL."),
    ("extra_body", "Properties to add to this call's JSON body."),
    ("timeout", "Seconds (or an `httpx.Timeout`) this call may take, instead of the client's."),
]


def _method_doc(op: OperationIR, args: list[tuple[str, str | None]]) -> str | None:
    parts = [str(p) for p in (op.summary, op.description) if p]
    if len(parts) == 2 and parts[0].strip() == parts[1].strip():
        parts = parts[:1]
    if not parts:
        # a first line that is not `Args:` keeps the argument list's indentation after formatting
        parts = [f"`{op.http_method.upper()} {op.path}`"]
    if op.deprecated or op.deprecation:
        parts.insert(0, "Deprecated.")
    section = args_section(args)
    if section:
        parts.append(section)
    return "\n\n".join(str(p).strip() for p in parts) if parts else None


def args_section(args: list[tuple[str, str | None]]) -> str | None:
    """The ``Args:`` block of a method docstring: each documented argument, in signature order."""
    documented = [(n, d) for n, d in args if d]
    if not documented:
        return None
    lines = ["Args:"]
    for name, text in documented:
        body = str(text).strip().replace("\n", "\n      ")
        lines.append(f"  {name}: {body}")
        lines.append("")
    return "\n".join(lines).rstrip()


__all__ = ["AliasDef", "FieldDef", "LiteralOf", "ModelDef", "ResourceRenderer"]
