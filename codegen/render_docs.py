"""`api.md`: every resource, method and public type, in the official SDK's style, from the IR.

Each resource gets a heading (nested resources one level deeper), its methods as one line each —
HTTP method and path, the call with its positional arguments, the result type, links to the
generated source — and the public types whose package has the resource's path. Types in packages
no resource owns (`shared`, the root package, …) follow under "Shared types", so every public
type is listed once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .ir import ApiIR, HelperIR, OperationIR, walk
from .naming import pascal_case
from .render_helpers import declared_view
from .render_resources import ResourceRenderer, ResultView
from .scope import Scope


@dataclass
class MethodDoc:
    call: str  # client.chat.completions
    name: str
    source: str  # file the method is defined in, relative to the repository root
    positional: list[str]  # the arguments the call lists before `**params`
    params: bool  # it takes keyword arguments too (`**params`)
    returns: ResultView
    verb: str = ""  # "post"; "" for a helper
    path: str = ""  # an operation's path
    wraps: str | None = None  # a helper's wrapped method
    overrides: bool = False  # a helper replacing the wrapped method of its name
    impl_module: str | None = None  # a helper's body


@dataclass
class ResourceDoc:
    depth: int
    title: str
    methods: list[MethodDoc] = field(default_factory=list)
    types_package: str | None = None
    types: list[str] = field(default_factory=list)
    module_only: list[tuple[str, list[str]]] = field(default_factory=list)


@dataclass
class TypesDoc:
    package: str
    types: list[str]
    module_only: list[tuple[str, list[str]]] = field(default_factory=list)


class DocsRenderer:
    def __init__(self, api: ApiIR, package: str, generated: str, src_prefix: str) -> None:
        self.api = api
        self.package = package
        self.resources = ResourceRenderer(api, package, generated)
        self.src = src_prefix  # e.g. "src/typed_openai"

    def view(
        self,
        public_types: dict[str, list[str]],
        module_only: dict[str, list[tuple[str, list[str]]]],
        resource_files: dict[tuple[str, ...], str],
        helper_files: dict[tuple[str, ...], str],
    ) -> tuple[list[ResourceDoc], list[TypesDoc]]:
        """`public_types`: types package ("" = root) -> names importable from it; the files map
        resource paths to their generated module files (relative to the package root)."""
        owned: set[str] = set()
        docs: list[ResourceDoc] = []
        for node in walk(self.api.root):
            if not node.path or node.alias_of is not None:
                continue
            doc = ResourceDoc(len(node.path), " ".join(pascal_case(p) for p in node.path[-1:]))
            call = "client." + ".".join(node.path)
            overridden = {h.name for h in node.helpers if h.overrides}
            for op in node.operations:
                if op.method_name in overridden:  # listed once, as the helper replacing it
                    continue
                doc.methods.append(self._method(op, call, resource_files.get(node.path, "")))
            for helper in node.helpers:
                doc.methods.append(self._helper(helper, call, helper_files.get(node.path, "")))
            package = ".".join(node.path)
            if package in public_types and package not in owned:
                owned.add(package)
                doc.types_package = f"{self.package}.types.{package}"
                doc.types = public_types[package]
                doc.module_only = module_only.get(package, [])
            docs.append(doc)
        shared = [
            TypesDoc(
                f"{self.package}.types" + (f".{p}" if p else ""), names, module_only.get(p, [])
            )
            for p, names in sorted(public_types.items())
            if p not in owned and (names or module_only.get(p))
        ]
        return docs, shared

    def _signature(self, op: OperationIR) -> tuple[list[str], bool]:
        """The arguments the call lists, and whether keyword arguments follow."""
        args = self.resources.arguments(op, Scope(self.package, ""))
        return [a.name for a in args.positional], bool(args.keyword)

    def _method(self, op: OperationIR, call: str, source: str) -> MethodDoc:
        scope = Scope(self.package, "")
        positional, params = self._signature(op)
        return MethodDoc(
            call=call,
            name=op.method_name,
            source=f"{self.src}/{source}",
            positional=positional,
            params=params,
            returns=self.resources.result(op, scope),
            verb=op.http_method,
            path=op.path,
        )

    def _helper(self, helper: HelperIR, call: str, source: str) -> MethodDoc:
        scope = Scope(self.package, "")

        def response() -> str:
            assert helper.wraps is not None  # config: `{response: true}` needs `wraps`
            return self.resources.response_annotation(helper.wraps, scope)

        returns = declared_view(helper.returns, False, response)
        if helper.positional is not None:
            positional = list(helper.positional)
        elif helper.wraps is None:
            positional = []
        else:
            positional = [
                a.name
                for a in self.resources.arguments(helper.wraps, scope).positional
                if a.name not in helper.drop
            ]
        return MethodDoc(
            call=call,
            name=helper.name,
            source=f"{self.src}/{source}",
            positional=positional,
            params=True,
            returns=ResultView(declared=returns),
            wraps=None if helper.wraps is None else helper.wraps.method_name,
            overrides=helper.overrides,
            impl_module=helper.impl_module,
        )
