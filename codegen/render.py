"""IR → source files (path → text), through the jinja2 templates in `templates/`."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import jinja2

from .errors import GeneratorError
from .ir import ApiIR, ResourceIR, walk
from .naming import docstring, module_name
from .param_classes import RequestClasses
from .render_docs import DocsRenderer
from .render_events import (
    CONNECTIONS_PACKAGE,
    EVENT_METHODS_PACKAGE,
    EventMethodsRenderer,
    connection_module_view,
)
from .render_helpers import HELPERS_PACKAGE, HelpersRenderer, extended_children
from .render_resources import Import, ResourceRenderer
from .render_types import TypesRenderer
from .scope import Scope, py_str

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def _pyrepr(value: object) -> str:
    return repr(value)


def _tojson(value: object) -> str:
    """What jinja's `tojson` writes (JSON with `<>&'` escaped, keys sorted), without the policy
    look-ups and encoder set-up it pays on each of the thousands of names it writes."""
    text = json.dumps(value) if isinstance(value, str) else json.dumps(value, sort_keys=True)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("'", "\\u0027")
    )


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        auto_reload=False,  # templates do not change during a run: no stat per get_template
    )
    env.filters["pyrepr"] = _pyrepr
    env.filters["pystr"] = py_str  # a string literal as ruff writes it (double quotes)
    env.filters["tojson"] = _tojson
    env.filters["docstring"] = docstring  # text a triple-quoted docstring cannot be closed by
    return env


def _request_home(package: str, name: str, modules: list[str]) -> str | None:
    """The module of ``package`` whose request-side class of the SDK's ``name`` the package
    re-exports: the one named after it (`webhooks.webhook_list_params` of `WebhookListParams`),
    else the package's only one."""
    children = [m for m in modules if (m.rpartition(".")[0] if "." in m else "") == package]
    named = [m for m in children if m.rpartition(".")[2] == module_name(name)]
    if named:
        return named[0]
    return children[0] if len(children) == 1 else None


def _module_file(dotted: str, packages: set[str]) -> str:
    parts = dotted.split(".")
    if dotted in packages:
        return "/".join(parts) + "/__init__.py"
    return "/".join(parts) + ".py"


def _packages_of(modules: list[str]) -> set[str]:
    packages: set[str] = set()
    for m in modules:
        parts = m.split(".")
        for i in range(1, len(parts)):
            packages.add(".".join(parts[:i]))
    return packages


def _children(package: str, modules: set[str]) -> list[str]:
    """Names of the modules and packages directly inside ``package`` ("" is the root)."""
    prefix = f"{package}." if package else ""
    return sorted(
        {m[len(prefix) :].split(".")[0] for m in modules if m.startswith(prefix) and m != package}
    )


def _unambiguous(entries: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Names a directory re-exports. When two of its modules define a name (`Choice`), only the
    module named after it (`code_interpreter_output_image.CodeInterpreterOutputImage`) is
    re-exported; otherwise the name stays importable from its modules only, as in the SDK."""
    by_name: dict[str, list[str]] = defaultdict(list)
    for name, source in entries:
        by_name[name].append(source)
    kept = []
    for name, sources in sorted(by_name.items()):
        if len(sources) == 1:
            kept.append((name, sources[0]))
            continue
        own = [s for s in sources if s.rsplit(".", 1)[-1] == module_name(name)]
        if len(own) == 1:
            kept.append((name, own[0]))
    return kept


def _group_by_module(entries: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = defaultdict(list)
    for name, module in entries:
        grouped[module].append(name)
    return grouped


def _package_keys(
    own_modules: set[str], renamed: dict[str, dict[str, tuple[str, str]]]
) -> set[str]:
    """The public modules the sdk_names facts name that are packages here: the root, one of ours
    already, or the parent of another module (ours or named there). Computed once: a check per
    module that walked every module each time took a third of a generation."""
    parents = _packages_of([*own_modules, *renamed])
    return {m for m in renamed if m == "" or m in parents}


class Renderer:
    """Renders every generated file. Paths are relative to the package root (`typed_openai/`)."""

    def __init__(self, api: ApiIR, package: str, header: str) -> None:
        self.api = api
        self.package = package
        self.generated = f"{package}._generated"
        self.header = header
        self.env = environment()
        # what api.md lists, recorded while the modules are rendered
        self.public_names: dict[str, list[str]] = {}  # types package -> importable names
        # types package -> [(module, names)] importable from their module only (ambiguous names)
        self.module_only: dict[str, list[tuple[str, list[str]]]] = {}
        self.resource_files: dict[tuple[str, ...], str] = {}
        self.helper_files: dict[tuple[str, ...], str] = {}

    def render(self, public_resources: str | None = None) -> dict[str, str]:
        """``public_resources``: the directory (under the package) re-exporting the resource
        classes at the official SDK's module paths, or None."""
        files: dict[str, str] = {}
        files["_generated/__init__.py"] = self._package_init("generated")
        self._types(files)
        self._resources(files)
        self._client(files)
        self._helpers(files)
        self._event_methods(files)
        if public_resources:
            self._public_resources(files, public_resources)
        return files

    # --- types -----------------------------------------------------------------------------------

    def _types(self, files: dict[str, str]) -> None:
        """`types/...`: each types module at its public path (`types/chat/chat_completion.py`),
        with the official SDK's second names of types (spec `sdk_names:`) next to its own; a
        module holding only second names re-exports them from where the types are defined; each
        package's `__init__` re-exports its modules' names lazily."""
        renamed = self.api.sdk_names  # public module -> {SDK name: (types module, name)}
        renderer = TypesRenderer(self.api, self.package, renamed)
        views = renderer.views()
        modules: dict[str, list[str]] = {v.module: sorted(v.names) for v in views}
        own_modules = set(modules)
        alias_packages = _package_keys(own_modules, renamed)
        alias_modules = set(renamed) - alias_packages - own_modules
        configured = set(self.api.packages)  # config `packages:`, made even when empty
        for package in sorted(configured & (own_modules | alias_modules)):
            raise GeneratorError(
                "config-conflict",
                f"/packages/{package}",
                f"`{package}` is a types module, not a package",
            )
        packages = (
            _packages_of(list(own_modules | alias_modules | configured))
            | alias_packages
            | configured
        ) - {""}
        module_template = self.env.get_template("types_module.py.jinja")
        reexport = self.env.get_template("reexport.py.jinja")
        init = self.env.get_template("types_init.py.jinja")
        self._check_targets(renamed, modules)
        bodies: dict[str, str] = {}  # a types module that is also a package: its init's head
        for view in views:
            for name in renamed.get(view.module, {}):
                self._check_free(name, modules[view.module], view.module)
            text = module_template.render(view=view, header=self.header, package=self.package)
            if view.module in packages:
                bodies[view.module] = text
            else:
                files["types/" + _module_file(view.module, packages)] = text
        per_dir: dict[str, list[tuple[str, str]]] = defaultdict(list)
        # the request side of a per-place copy named as its class (codegen/passes.build_param_twins:
        # `session_update_event_param.Session`): the package's name is the class
        copy_twins = {
            (twin.module, twin.name)
            for key, twin in self.api.params.items()
            if "@" in key and key == twin.key and twin.name == twin.source.name
        }
        for module in sorted(alias_modules - packages):
            requests = renderer.request_classes(module)
            self._alias_module(files, reexport, module, renamed[module], packages, requests)
        for module, names in modules.items():
            parent = module if module in packages else module.rpartition(".")[0]
            # a class named as the SDK names it is re-exported by its package under the
            # document's name, as before: the SDK's name is another module's there too, often
            documents = self.api.document_names.get(module, {})
            for name in names:
                if (module, name) in copy_twins:
                    continue
                per_dir[parent].append((documents.get(name, name), self._types_module(module)))
        # (SDK name, the TypedDict it stands for) -> the request-side modules defining a class of
        # that name deriving from it (codegen/param_classes.py)
        homes: dict[tuple[str, tuple[str, str]], list[str]] = defaultdict(list)
        for module, names in renamed.items():
            requests = renderer.request_classes(module)
            for name in {*requests.classes, *requests.bound}:
                homes[name, names[name]].append(module)
        extras = self.api.public_extras
        for pkg in sorted(packages | {""} | set(extras)):
            entries = _unambiguous(per_dir.get(pkg, []))
            taken = {name for name, _ in entries}
            for name, module in sorted(extras.get(pkg, {}).items()):
                if name in taken:
                    raise GeneratorError(
                        "config-conflict",
                        f"/public_extras/{pkg}/{name}",
                        f"`{name}` is already a generated type in this package",
                        "rename the hand-written type or the schema (config `types:`)",
                    )
                entries.append((name, module))
            self.public_names[pkg] = sorted(name for name, _ in entries)
            second: dict[str, str] = {}  # SDK name -> the name it stands for
            if pkg not in modules:  # (in a types module that is a package: defined in its head)
                for name, (origin, original) in sorted(renamed.get(pkg, {}).items()):
                    self._check_free(name, [n for n, _ in entries], pkg)
                    home = _request_home(pkg, name, homes.get((name, (origin, original)), []))
                    if home is not None:  # (the SDK's package re-exports its module's class)
                        entries.append((name, self._types_module(home)))
                        continue
                    entries.append((name, self._types_module(origin)))
                    if original != name:
                        second[name] = original
            # listed with its module: an ambiguous name, and a class under the SDK's name (its
            # package has it under the document's)
            self.module_only[pkg] = sorted(
                (m, sorted(n))
                for m, n in _group_by_module(
                    [(name, source) for name, source in per_dir.get(pkg, []) if name not in taken]
                    + [
                        (name, self._types_module(module))
                        for module, names in self.api.document_names.items()
                        if (module if module in packages else module.rpartition(".")[0]) == pkg
                        for name in names
                    ]
                ).items()
            )
            path = "types/" + (pkg.replace(".", "/") + "/" if pkg else "") + "__init__.py"
            dotted = self._types_module(pkg)
            lazy = init.render(
                header=self.header,
                lazy=sorted(e for e in entries if e[1] != dotted),
                renamed=second,
                dotted=dotted,
                submodules=_children(pkg, own_modules | alias_modules | packages | set(extras)),
                head=pkg in bodies,
            )
            if pkg in bodies:
                lazy = bodies[pkg] + lazy
            files[path] = lazy

    def _types_module(self, module: str) -> str:
        return f"{self.package}.types" + (f".{module}" if module else "")

    def _alias_module(
        self,
        files: dict[str, str],
        template: jinja2.Template,
        module: str,
        renamed: dict[str, tuple[str, str]],
        packages: set[str],
        requests: RequestClasses,
    ) -> None:
        """A public types module holding only the SDK's second names of types defined elsewhere
        (the SDK spells one shape at two module paths; we define it once); a request-side class
        of the SDK's own derives from ours (codegen/param_classes.py)."""
        imports: dict[str, list[tuple[str, str]]] = defaultdict(list)
        classes: list[tuple[str, str]] = []
        bases: dict[tuple[str, str], str] = {}  # (module, name) -> its local name here
        for name, (origin, original) in sorted(renamed.items()):
            if name in requests.classes:
                base = bases.get((origin, original))
                if base is None:  # (`_Name`, else `_SdkName` where another type has that)
                    taken = "_" + original in bases.values()
                    base = bases[origin, original] = "_" + (name if taken else original)
                    imports[self._types_module(origin)].append((original, base))
                classes.append((name, base))
            elif name not in requests.bound:
                imports[self._types_module(origin)].append((original, name))
        files["types/" + _module_file(module, packages)] = template.render(
            header=self.header,
            imports=sorted((m, sorted(n)) for m, n in imports.items()),
            names=sorted(renamed),
            classes=classes,
            bound=sorted(requests.bound.items()),
        )

    @staticmethod
    def _check_targets(
        renamed: dict[str, dict[str, tuple[str, str]]], modules: dict[str, list[str]]
    ) -> None:
        """Every second name stands for a type generated where the facts say: a facts file older
        than the types (a type renamed or moved since) would otherwise write a module whose import
        fails for the user."""
        for module, names in sorted(renamed.items()):
            for name, (origin, original) in sorted(names.items()):
                if original not in modules.get(origin, ()):
                    raise GeneratorError(
                        "config-conflict",
                        f"/sdk_names/{module or '.'}/{name}",
                        f"`{name}` stands for {origin}:{original}, which is not a generated type",
                        "the facts are older than the types: regenerate them (python -m "
                        "tools.sdk_names) or drop the entry",
                    )

    @staticmethod
    def _check_free(name: str, taken: list[str], module: str) -> None:
        if name in taken:
            raise GeneratorError(
                "config-conflict",
                f"/sdk_names/{module or '.'}/{name}",
                f"`{name}` is already a type of this module",
                "drop the entry from the sdk_names facts file (regenerate it)",
            )

    # --- resources and client -------------------------------------------------------------------

    def _public_resources(self, files: dict[str, str], directory: str) -> None:
        """The resource classes at the official SDK's module paths: a resource with children is a
        package re-exporting its own classes and its children's (lazily), and a module named like
        it holding its own (`resources/chat/__init__.py`, `resources/chat/chat.py`); any other is a
        module (`resources/chat/completions/messages.py`). The classes are the ones the client
        hands out: with their helpers where the config declares some."""
        helpers = HelpersRenderer(self.api, self.package, self.generated)
        reexport = self.env.get_template("reexport.py.jinja")
        init = self.env.get_template("types_init.py.jinja")
        generated = ResourceRenderer(self.api, self.package, self.generated)

        def classes(node: ResourceIR) -> list[tuple[str, str]]:
            """(class name, defining module) of a resource's six classes."""
            raw_helpers = any(h.raw for h in node.helpers)
            found = []
            for prefix in ("", "Async"):
                name = prefix + node.class_name
                extended = node.path in helpers.extended
                found.append(
                    (name, helpers.module_of(node) if extended else generated.module_of(node))
                )
                for view in ("WithRawResponse", "WithStreamingResponse"):
                    module = (
                        helpers.module_of(node)
                        if extended and raw_helpers
                        else generated.module_of(node)
                    )
                    found.append((name + view, module))
            return found

        def module(dotted: str, names: list[tuple[str, str]]) -> None:
            by_source: dict[str, list[tuple[str, str]]] = defaultdict(list)
            for name, source in names:
                by_source[source].append((name, name))
            path = f"{directory}/" + dotted.replace(".", "/") + ".py"
            files[path] = reexport.render(
                header=self.header,
                imports=sorted((m, sorted(n)) for m, n in by_source.items()),
                names=sorted(name for name, _ in names),
            )

        def package(dotted: str, names: list[tuple[str, str]], submodules: list[str]) -> None:
            path = (
                f"{directory}/" + (dotted.replace(".", "/") + "/" if dotted else "") + "__init__.py"
            )
            files[path] = init.render(
                header=self.header,
                lazy=sorted(names),
                renamed={},
                dotted=f"{self.package}.{directory}" + (f".{dotted}" if dotted else ""),
                submodules=sorted(submodules),
                head=False,
            )

        def visit(node: ResourceIR) -> None:
            children = [c for c in node.children if c.alias_of is None]
            dotted = ".".join(node.path)
            # the resource's own module also re-exports its config `exports:` (not its package)
            extra = sorted(node.exports.items())
            if node.path and not children:
                module(dotted, classes(node) + extra)
                return
            own = classes(node) if node.path else []
            exported = list(own)
            for child in children:
                exported += classes(child)
            submodules = [c.path[-1] for c in children]
            if node.path:
                module(f"{dotted}.{node.path[-1]}", own + extra)
                submodules.append(node.path[-1])
            package(dotted, exported, submodules)
            for child in children:
                visit(child)

        visit(self.api.root)

    def _resources(self, files: dict[str, str]) -> None:
        renderer = ResourceRenderer(self.api, self.package, self.generated)
        template = self.env.get_template("resource_module.py.jinja")
        nodes = [n for n in walk(self.api.root) if n.path and n.alias_of is None]
        packages = {n.module for n in nodes if n.is_package}
        packages |= _packages_of([n.module for n in nodes])
        for node in nodes:
            view = renderer.module_view(node)
            path = "_generated/resources/" + _module_file(node.module, packages)
            files[path] = template.render(view=view, header=self.header, package=self.package)
            self.resource_files[node.path] = path
        files["_generated/resources/__init__.py"] = self._package_init()
        for pkg in packages:
            path = "_generated/resources/" + pkg.replace(".", "/") + "/__init__.py"
            files.setdefault(path, self._package_init())

    def _client(self, files: dict[str, str]) -> None:
        renderer = ResourceRenderer(self.api, self.package, self.generated)
        scope = Scope(self.package, "")
        tc: dict[Import, None] = {}
        root: ResourceIR = self.api.root
        sides = []
        for is_async in (False, True):
            name = self.api.client.async_class if is_async else self.api.client.sync_class
            scope.define(name)
            children = [renderer.child(c, scope, is_async, tc) for c in root.children]
            sides.append(
                {
                    "name": name,
                    "is_async": is_async,
                    "base": "AsyncAPIClient" if is_async else "SyncAPIClient",
                    "http_client": "httpx.AsyncClient" if is_async else "httpx.Client",
                    "children": children,
                }
            )
        template = self.env.get_template("client.py.jinja")
        files["_generated/_client.py"] = template.render(
            header=self.header,
            package=self.package,
            client=self.api.client,
            sides=sides,
            scope=scope,
            credentials={
                o for _scheme, _kind, options, _param in self.api.client.auth for o in options
            },
            type_checking_imports=sorted(tc),
            title=self.api.title,
        )

    def _helpers(self, files: dict[str, str]) -> None:
        """`_with_helpers/`: the classes that carry the config's helpers, and the tree down to them."""
        renderer = HelpersRenderer(self.api, self.package, self.generated)
        if not renderer.nodes:
            return
        template = self.env.get_template("helpers_module.py.jinja")
        modules = [n.module for n in renderer.nodes if n.path]
        packages = {
            n.module for n in renderer.nodes if n.path and extended_children(n, renderer.extended)
        }
        packages |= _packages_of(modules)
        for node in renderer.nodes:
            view = renderer.module_view(node)
            name = _module_file(node.module, packages) if node.path else "_client.py"
            files[f"{HELPERS_PACKAGE}/{name}"] = template.render(
                view=view, header=self.header, package=self.package
            )
            self.helper_files[node.path] = f"{HELPERS_PACKAGE}/{name}"
        files[f"{HELPERS_PACKAGE}/__init__.py"] = self._package_init("helpers")
        for pkg in packages:
            files.setdefault(
                f"{HELPERS_PACKAGE}/{pkg.replace('.', '/')}/__init__.py", self._package_init()
            )

    def _event_methods(self, files: dict[str, str]) -> None:
        """`_generated/event_methods/<name>.py`: each websocket interface's client-event methods
        (config `websockets:`)."""
        if not self.api.websockets:
            return
        renderer = EventMethodsRenderer(self.api)
        template = self.env.get_template("event_methods.py.jinja")
        package = f"_generated/{EVENT_METHODS_PACKAGE}"
        for websocket in self.api.websockets:
            files[f"{package}/{websocket.name}.py"] = template.render(
                view=renderer.module_view(websocket), header=self.header, package=self.package
            )
        files[f"{package}/__init__.py"] = self._package_init()
        self._connections(files)

    def _connections(self, files: dict[str, str]) -> None:
        """`_with_helpers/_connections/<name>.py`: the connection and manager classes of each
        websocket interface with a `connection:` (config `websockets:`)."""
        views = [connection_module_view(self.api, w) for w in self.api.websockets]
        if not any(views):
            return
        template = self.env.get_template("websocket_connection.py.jinja")
        package = f"{HELPERS_PACKAGE}/{CONNECTIONS_PACKAGE}"
        for view in views:
            if view is not None:
                files[f"{package}/{view.name}.py"] = template.render(
                    view=view,
                    header=self.header,
                    package=self.package,
                    event_methods=f"{self.generated}.{EVENT_METHODS_PACKAGE}.{view.name}",
                )
        files[f"{package}/__init__.py"] = self._package_init()
        files.setdefault(f"{HELPERS_PACKAGE}/__init__.py", self._package_init("helpers"))

    def _package_init(self, role: str | None = None) -> str:
        """A package `__init__.py` with no code: `role` ("generated", "helpers") picks the
        docstring the template writes for the top packages."""
        return self.env.get_template("package_init.py.jinja").render(header=self.header, role=role)

    @property
    def client_module(self) -> str:
        """Where the root clients users import live: with helpers if the config declares any."""
        has_helpers = bool(HelpersRenderer(self.api, self.package, self.generated).nodes)
        return f"{HELPERS_PACKAGE}._client" if has_helpers else "_generated._client"

    def api_doc(self, package_dir: str) -> str:
        """`api.md` (after `render()`); `package_dir`: the package's directory as links see it."""
        renderer = DocsRenderer(self.api, self.package, self.generated, package_dir)
        resources, shared = renderer.view(
            self.public_names, self.module_only, self.resource_files, self.helper_files
        )
        return self.env.get_template("api.md.jinja").render(
            title=self.api.title,
            header=self.header.lstrip("# "),
            resources=resources,
            shared=shared,
        )

    def standalone_init(self, title: str) -> str:
        template = self.env.get_template("standalone_init.py.jinja")
        return template.render(
            header=self.header,
            title=title,
            sync_class=self.api.client.sync_class,
            async_class=self.api.client.async_class,
            package=self.package,
            client_module=self.client_module,
        )
