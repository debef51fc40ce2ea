"""Views of the `_with_helpers` modules: generated classes plus the helpers spec/config.yml declares.

A helper's signature is the wrapped method's (the same `ResourceRenderer.arguments` that writes
`create()`), minus what it drops, with what it retypes and adds; its body calls the `lib` function
that implements it. The tree above a helper-bearing resource is subclassed too (each parent hands
out the helper-bearing child, up to the root client), so type checkers see
`client.beta.threads.runs.create_and_poll` while `_generated` never imports `lib`.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from .errors import GeneratorError
from .ir import ApiIR, DeclaredType, HelperIR, ResourceIR, walk
from .render_resources import (
    CORE_RUNTIME,
    REQUEST_OPTION_DOCS,
    ArgumentsView,
    ArgView,
    ChildView,
    DeclaredTypeView,
    DocView,
    Import,
    ResourceRenderer,
    ResultView,
    SignatureView,
    child_view,
    documented,
    type_checking_imports,
)
from .scope import Scope, stable_locals

HELPERS_PACKAGE = "_with_helpers"


@dataclass
class HelperMethodView:
    name: str
    doc: DocView
    is_coroutine: bool
    awaits: bool
    signature: SignatureView
    impl_module: str
    impl_function: str
    call_args: list[str]
    deprecation: str | None = None  # PEP 702 message: decorated with `deprecated(...)`


@dataclass
class HelperClassView:
    name: str
    children: list[ChildView]
    helpers: list[HelperMethodView]
    helpers_raw: list[str]  # helpers also offered by `.with_raw_response` / streaming
    raw_name: str
    streaming_name: str
    raw_wrapper: str
    streaming_wrapper: str


@dataclass
class HelperModuleView:
    where: str  # the resource's dotted path; "" for the root clients (the docstring names it)
    is_client: bool
    generated_module: str  # the package holding the generated module (imported as `_generated`)
    generated_name: str
    sync: HelperClassView
    async_: HelperClassView
    scope: Scope
    core_runtime: list[str] = field(default_factory=list)
    type_checking_imports: list[Import] = field(default_factory=list)

    @property
    def uses_cached_property(self) -> bool:
        return any(cls.children or cls.helpers_raw for cls in (self.sync, self.async_))


def extended_nodes(api: ApiIR) -> list[ResourceIR]:
    """Nodes that need a `_with_helpers` class: those with helpers, and every node (root included)
    whose child, or alias child, needs one. Empty when the config declares no helper."""
    nodes = walk(api.root)
    by_path = {n.path: n for n in nodes}
    needed = {n.path for n in nodes if n.helpers}
    changed = bool(needed)
    while changed:
        changed = False
        for node in nodes:
            if node.path in needed:
                continue
            for child in node.children:
                if child.path in needed or (child.alias_of and child.alias_of in needed):
                    needed.add(node.path)
                    changed = True
                    break
    return [by_path[p] for p in (n.path for n in nodes) if p in needed]


def extended_children(node: ResourceIR, extended: set[tuple[str, ...]]) -> list[ResourceIR]:
    return [
        c
        for c in node.children
        if c.path in extended or (c.alias_of is not None and c.alias_of in extended)
    ]


class HelpersRenderer:
    def __init__(self, api: ApiIR, package: str, generated: str) -> None:
        self.api = api
        self.package = package
        self.generated = generated
        self.resources = ResourceRenderer(api, package, generated)
        self.nodes = extended_nodes(api)
        self.extended = {n.path for n in self.nodes}

    def module_of(self, node: ResourceIR) -> str:
        return ".".join([self.package, HELPERS_PACKAGE, node.module or "_client"])

    def module_view(self, node: ResourceIR) -> HelperModuleView:
        first = Scope(self.package, "")
        self._module_view(node, first)
        return self._module_view(node, Scope(self.package, "", planned=stable_locals(first)))

    def _module_view(self, node: ResourceIR, scope: Scope) -> HelperModuleView:
        is_client = not node.path
        type_checking: dict[Import, None] = {}
        sides: list[HelperClassView] = []
        for is_async in (False, True):
            prefix = "Async" if is_async else ""
            if is_client:
                name = self.api.client.async_class if is_async else self.api.client.sync_class
            else:
                name = prefix + node.class_name
            scope.define(name)
            children = [
                self._child(c, scope, is_async, type_checking)
                for c in extended_children(node, self.extended)
            ]
            helpers = [self._helper(h, scope, is_async, type_checking) for h in node.helpers]
            raw = [h.name for h in node.helpers if h.raw]
            raw_wrapper = ("async_" if is_async else "") + "to_raw_response_wrapper"
            streaming_wrapper = ("async_" if is_async else "") + "to_streamed_response_wrapper"
            if raw:
                scope.core.update({raw_wrapper, streaming_wrapper})
            sides.append(
                HelperClassView(
                    name=name,
                    children=children,
                    helpers=helpers,
                    helpers_raw=raw,
                    raw_name=name + "WithRawResponse",
                    streaming_name=name + "WithStreamingResponse",
                    raw_wrapper=raw_wrapper,
                    streaming_wrapper=streaming_wrapper,
                )
            )
        if is_client:
            generated_module, generated_name = self.generated, "_client"
        else:
            parent, _, last = self.resources.module_of(node).rpartition(".")
            generated_module, generated_name = parent, last
        return HelperModuleView(
            where=".".join(node.path),
            is_client=is_client,
            generated_module=generated_module,
            generated_name=generated_name,
            sync=sides[0],
            async_=sides[1],
            scope=scope,
            core_runtime=sorted(scope.core & CORE_RUNTIME),
            type_checking_imports=type_checking_imports(
                scope, self.package, CORE_RUNTIME, type_checking
            ),
        )

    def _child(
        self, node: ResourceIR, scope: Scope, is_async: bool, tc: dict[Import, None]
    ) -> ChildView:
        """The property handing out a child's helper-bearing class (an alias: the resource it is)."""
        target = self.resources.by_path[node.alias_of] if node.alias_of else node
        module = self.module_of(target)
        cls = ("Async" if is_async else "") + target.class_name
        view = child_view(node, module, cls, self.resources.module_of(target), scope)
        tc[Import(module, cls, view.class_name)] = None  # the annotation names it
        return view

    # --- helper methods ------------------------------------------------------------------------

    def _helper(
        self, helper: HelperIR, scope: Scope, is_async: bool, tc: dict[Import, None]
    ) -> HelperMethodView:
        self._declare_imports(helper, scope, tc)
        wrapped = helper.wraps
        args = (
            self.resources.arguments(wrapped, scope)
            if wrapped is not None
            else ArgumentsView([], [], [])
        )
        taken = [a for a in args.positional + args.keyword if a.name not in helper.drop]
        names = {a.name for a in args.positional + args.keyword}
        for name in [*helper.drop, *(r.name for r in helper.retype), *(helper.positional or ())]:
            if name not in names and name not in {a.name for a in helper.add}:
                of = f"{wrapped.method_name}()" if wrapped is not None else "its `add:` list"
                raise GeneratorError(
                    "config-helper", helper.pointer, f"`{name}` is not an argument of {of}"
                )

        def declared(t: DeclaredType) -> DeclaredTypeView:
            return declared_view(t, is_async, lambda: self._response(helper, scope))

        docs = dict(REQUEST_OPTION_DOCS + args.docs)
        retyped = {r.name: r for r in helper.retype}
        out: list[ArgView] = []
        for arg in taken:
            change = retyped.get(arg.name)
            if change is None:
                out.append(arg)
                continue
            default = None if change.required else (change.default or arg.default)
            if change.type is None:
                retyped_arg = replace(arg, default=default)
            elif change.also:
                # besides the argument's own type: it may still be left out (or None) as before
                retyped_arg = replace(arg, declared=declared(change.type), default=default)
            else:
                retyped_arg = ArgView(
                    arg.name, "", default, nullable=change.nullable, declared=declared(change.type)
                )
            out.append(retyped_arg)
            if change.doc:
                docs[arg.name] = change.doc
        for added in helper.add:
            assert added.type is not None  # config: an added argument has a `type`
            out.append(
                ArgView(
                    added.name,
                    "",
                    added.default,
                    nullable=added.nullable,
                    declared=declared(added.type),
                )
            )
            docs[added.name] = added.doc
        if helper.positional is None:
            first = {a.name for a in args.positional}
            positional = [a for a in out if a.name in first]
        else:
            by_name = {a.name: a for a in out}
            positional = [by_name[n] for n in helper.positional]
        keyword = [a for a in out if a not in positional]
        if helper.request_options:
            keyword += self.resources.request_options(scope)
        returns = declared(helper.returns)
        ordered = positional + keyword
        doc_args = [(a.name, docs.get(a.name)) for a in ordered]
        if helper.deprecation is not None:
            scope.core.add("deprecated")
        return HelperMethodView(
            name=helper.name,
            doc=DocView([_summary(helper)], documented(doc_args)),
            is_coroutine=is_async and helper.coroutine,
            awaits=is_async and helper.coroutine,
            signature=SignatureView(positional, keyword, ResultView(declared=returns)),
            impl_module=helper.impl_module,
            impl_function=helper.impl_function,
            call_args=[a.name for a in ordered],
            deprecation=helper.deprecation,
        )

    def _response(self, helper: HelperIR, scope: Scope) -> str:
        """The annotation of the wrapped method's plain result (config `{response: true}`)."""
        assert helper.wraps is not None  # config: `{response: true}` needs `wraps`
        return self.resources.response_annotation(helper.wraps, scope)

    def _declare_imports(self, helper: HelperIR, scope: Scope, tc: dict[Import, None]) -> None:
        for name, module in helper.imports:
            if module == "typing":
                scope.typing.add(name)
            elif module == "typing_extensions":
                scope.ext.add(name)
            elif module == f"{self.package}._core":
                scope.core.add(name)
            else:
                line = Import(module, name, name)
                if name in scope.locals and line not in tc:
                    raise GeneratorError(
                        "config-helper",
                        f"{helper.pointer}/imports/{name}",
                        f"`{name}` already names something else in this module",
                    )
                scope.locals.add(name)
                tc[line] = None


def declared_view(t: DeclaredType, is_async: bool, response: Callable[[], str]) -> DeclaredTypeView:
    """A declared type as one class names it (`Async<name>` in the async one where it has an
    async twin); `response()`: the wrapped method's result annotation."""
    if t.response:
        return DeclaredTypeView(response())
    args = tuple(declared_view(a, is_async, response) for a in t.args)
    return DeclaredTypeView(t.name, is_async and t.async_twin, args)


def _summary(helper: HelperIR) -> str:
    return textwrap.fill(helper.doc or f"`{helper.name}`: see `{helper.impl_module}`.", 88)
