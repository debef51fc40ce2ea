"""The resource tree: which operation becomes which method on which resource.

The config places operations (`chat.completions.create: createChatCompletion`); everything it does
not place goes to a resource named after the first path segment, with the operationId as the method
name, and is reported as a warning. Nothing is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from .config import Config, HelperConfig, ResourceConfig, ResultByConfig
from .errors import Diagnostics, GeneratorError, pointer_join
from .ir import HelperArgIR, HelperIR, OperationIR, ResourceIR
from .loader import Loader
from .naming import class_name, identifier, module_name, pascal_case, singular, unique
from .operations import operation_id, split_path_key
from .spec_view import OpenAPI, PathItem


@dataclass(frozen=True)
class Placement:
    resource_path: tuple[str, ...]
    method_name: str
    headers: dict[str, str]
    event_envelope: bool | None
    by_config: bool
    page: str | None = None
    deprecated: str | None = None  # the config's deprecation message
    response: str | None = None  # the config's forced result kind (config.RESPONSE_KINDS)
    result_by: ResultByConfig | None = None  # the config's result type by an argument's value
    # header parameters taken as arguments of another name (lower-case header -> argument)
    header_arguments: dict[str, str] = field(default_factory=dict)
    page_item: str | None = None  # the config's item schema of the method's pages


def scan_operations(loader: Loader) -> list[tuple[str, str, str]]:
    """(operationId, method, path) of every operation, in document order; each operationId unique
    (see `_unique_ids`)."""
    found: list[tuple[str, str, str]] = []
    for path, item in OpenAPI(loader.main.root).paths.items():
        node, _doc, _ptr = loader.deref(item, loader.main, pointer_join("/paths", path))
        path_item = PathItem.of(node)
        for method, op in path_item.operations if path_item is not None else []:
            if op is not None:
                found.append((operation_id(op, method, path), method, path))
    return _unique_ids(found)


def _unique_ids(found: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Real specs sometimes give two operations one operationId. The first keeps it; a later one
    is renamed after its method and path (`listItems` -> `listItemsGetV2Items`), never to a name
    another operation declares, so the same document always gives the same client."""
    declared = {op_id for op_id, _method, _path in found}
    taken: set[str] = set()
    unique: list[tuple[str, str, str]] = []
    for op_id, method, path in found:
        if op_id in taken:
            base = f"{op_id}{pascal_case(method)}{pascal_case(split_path_key(path)[0])}"
            op_id, n = base, 2
            while op_id in taken or op_id in declared:
                op_id, n = f"{base}{n}", n + 1
        taken.add(op_id)
        unique.append((op_id, method, path))
    return unique


def plan(loader: Loader, config: Config, diags: Diagnostics) -> dict[str, Placement]:
    placements: dict[str, Placement] = {}
    known = {op_id for op_id, _m, _p in scan_operations(loader)}

    def visit(
        name_path: tuple[str, ...],
        res: ResourceConfig,
        inherited: dict[str, str],
        where: str,
        deprecated: str | None = None,
        renamed: dict[str, str] | None = None,
    ) -> None:
        headers = {**inherited, **res.headers}
        renamed = {**(renamed or {}), **{k.lower(): v for k, v in res.header_arguments.items()}}
        deprecated = res.deprecated or deprecated
        for method, mc in res.methods.items():
            if mc.operation_id not in known:
                raise GeneratorError(
                    "config-unknown-operation",
                    f"{where}/methods/{method}",
                    f"operationId {mc.operation_id!r} is not in the spec",
                    "remove it from spec/config.yml or fix the name",
                )
            if mc.operation_id in placements:
                raise GeneratorError(
                    "config-duplicate-operation",
                    f"{where}/methods/{method}",
                    f"operationId {mc.operation_id!r} is placed twice",
                )
            placements[mc.operation_id] = Placement(
                name_path,
                identifier(method),
                {**headers, **mc.headers},
                mc.event_envelope,
                True,
                mc.page,
                mc.deprecated or deprecated,
                mc.response,
                mc.result_by,
                renamed,
                mc.page_item,
            )
        for child, child_cfg in res.resources.items():
            child_where = f"{where}/resources/{child}"
            visit(
                (*name_path, identifier(child)),
                child_cfg,
                headers,
                child_where,
                deprecated,
                renamed,
            )

    for name, res in config.resources.items():
        visit((identifier(name),), res, {}, f"/resources/{name}")

    for op_id, _method, path in scan_operations(loader):
        if op_id in placements:
            continue
        segments = [s for s in split_path_key(path)[0].split("/") if s and not s.startswith("{")]
        resource = identifier(segments[0]) if segments else "root"
        placements[op_id] = Placement((resource,), identifier(op_id), {}, None, False)
        diags.warn(
            "operation-placed-by-default",
            pointer_join("/paths", path),
            f"{op_id} placed at {resource}.{identifier(op_id)}",
            "add it to spec/config.yml to choose its resource and method name",
        )
    return _unique_method_names(
        placements, config, [op_id for op_id, _m, _p in scan_operations(loader)]
    )


def _unique_method_names(
    placements: dict[str, Placement], config: Config, order: list[str]
) -> dict[str, Placement]:
    """Each method name made unique on its resource, against the resource's children and the
    methods placed before it (in document order), so an operation's name is final when it is built."""
    paths = set(_config_paths(config)) | {p.resource_path for p in placements.values()}
    for path in list(paths):
        paths.update(path[:i] for i in range(1, len(path)))
    taken: dict[tuple[str, ...], set[str]] = {}
    for path in paths:
        taken.setdefault(path[:-1], set()).add(path[-1])
    final: dict[str, Placement] = {}
    for op_id in order:
        place = placements[op_id]
        names = taken.setdefault(place.resource_path, set())
        name = unique(place.method_name, names)
        names.add(name)
        final[op_id] = replace(place, method_name=name)
    return final


def _config_paths(config: Config) -> list[tuple[str, ...]]:
    """Every resource path the config declares, methods or not."""
    found: list[tuple[str, ...]] = []

    def visit(path: tuple[str, ...], res: ResourceConfig) -> None:
        found.append(path)
        for child, child_cfg in res.resources.items():
            visit((*path, identifier(child)), child_cfg)

    for name, res in config.resources.items():
        visit((identifier(name),), res)
    return found


def params_module(resource_path: tuple[str, ...], method: str, suffix: str) -> tuple[str, str]:
    """(class name, dotted module) of an operation's `<Resource><Verb>Params` TypedDict."""
    noun = singular(resource_path[-1]) if resource_path else "client"
    name = class_name(pascal_case(noun) + pascal_case(method) + pascal_case(suffix))
    module = ".".join(
        [*(module_name(p) for p in resource_path[:-1]), module_name(f"{noun}_{method}_{suffix}")]
    )
    return name, module


@dataclass(slots=True)  # slots: setting an attribute it lacks is an error, not a no-op
class _Node:
    """A resource while the tree is laid out; frozen into a `ResourceIR` once complete."""

    path: tuple[str, ...]
    children: list[tuple[str, ...]] = field(default_factory=list)
    operations: list[OperationIR] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)
    alias_of: tuple[str, ...] | None = None
    class_name: str | None = None  # the config's name for its class (`class:`)
    declared: tuple[ResourceConfig, str, str | None] | None = None  # (config, pointer, deprecation)


def build_tree(
    ops: list[OperationIR], config: Config, placements: dict[str, Placement], client_name: str
) -> ResourceIR:
    index: dict[tuple[str, ...], _Node] = {(): _Node(())}

    def ensure(path: tuple[str, ...]) -> _Node:
        if path not in index:
            ensure(path[:-1]).children.append(path)
            index[path] = _Node(path)
        return index[path]

    def visit(
        path: tuple[str, ...],
        res: ResourceConfig,
        inherited: dict[str, str],
        where: str,
        deprecated: str | None = None,
    ) -> None:
        node = ensure(path)
        node.headers = {**inherited, **res.headers}
        if res.class_name:
            node.class_name = res.class_name
        if res.alias:
            node.alias_of = tuple(identifier(p) for p in res.alias.split("."))
        deprecated = res.deprecated or deprecated
        node.declared = (res, where, deprecated)
        for child, child_cfg in res.resources.items():
            child_where = f"{where}/resources/{child}"
            visit((*path, identifier(child)), child_cfg, node.headers, child_where, deprecated)

    for name, res in config.resources.items():
        visit((identifier(name),), res, {}, f"/resources/{name}")
    # resources made by the default rule follow the configured ones in name order, so that the
    # order of paths in the spec does not reorder the client
    for path in sorted({p.resource_path for p in placements.values() if not p.by_config}):
        ensure(path)
    for op in ops:
        ensure(placements[op.operation_id].resource_path).operations.append(op)

    def freeze(node: _Node) -> ResourceIR:
        helpers: tuple[HelperIR, ...] = ()
        exports: dict[str, str] = {}
        if node.declared is not None:
            res, where, deprecated = node.declared
            exports = res.exports
            child_names = {c[-1] for c in node.children}
            helpers = tuple(
                _helper(node.path, node.operations, child_names, name, helper, where, deprecated)
                for name, helper in res.helpers.items()
            )
        path = node.path
        return ResourceIR(
            path=path,
            class_name=node.class_name or (_resource_class(path[-1]) if path else client_name),
            module=".".join(module_name(p) for p in path),
            operations=tuple(node.operations),
            children=tuple(freeze(index[c]) for c in node.children),
            headers=node.headers,
            helpers=helpers,
            alias_of=node.alias_of,
            # the client, and a resource with children, is a package (`resources/chat/__init__.py`)
            is_package=not path or bool(node.children),
            exports=exports,
        )

    return freeze(index[()])


def _helper(
    path: tuple[str, ...],
    operations: list[OperationIR],
    child_names: set[str],
    name: str,
    cfg: HelperConfig,
    where: str,
    deprecated: str | None,
) -> HelperIR:
    """A helper's IR: the operation it wraps, and how its arguments differ from that method's."""
    where = f"{where}/helpers/{name}"
    wrapped = next((op for op in operations if op.method_name == cfg.wraps), None)
    if wrapped is None and cfg.wraps is not None:
        raise GeneratorError(
            "config-helper",
            f"{where}/wraps",
            f"`{cfg.wraps}` is not a method of {'.'.join(path)}",
            "name a method under this resource's `methods:`",
        )
    taken = {op.method_name for op in operations} | child_names
    if cfg.overrides and name != cfg.wraps:
        raise GeneratorError(
            "config-helper",
            f"{where}/overrides",
            f"an overriding helper has the name of the method it wraps (`{cfg.wraps}`)",
        )
    if identifier(name) != name or (name in taken and not cfg.overrides):
        raise GeneratorError(
            "config-helper", where, f"helper name `{name}` is not free on {'.'.join(path)}"
        )
    module, _, function = cfg.impl.partition(":")
    return HelperIR(
        name=name,
        wraps=wrapped,
        impl_module=module,
        impl_function=function,
        returns=cfg.returns,
        doc=cfg.doc,
        drop=frozenset(cfg.drop),
        retype=tuple(
            HelperArgIR(n, a.type, a.default, a.required, a.doc, a.also, a.nullable)
            for n, a in cfg.retype.items()
        ),
        add=tuple(
            HelperArgIR(n, a.type, a.default, a.default is None, a.doc, nullable=a.nullable)
            for n, a in cfg.add.items()
        ),
        positional=cfg.positional,
        request_options=cfg.request_options,
        coroutine=cfg.coroutine,
        raw=cfg.raw,
        imports=tuple(sorted(cfg.imports.items())),
        pointer=where,
        deprecation=cfg.deprecated or deprecated,
        overrides=cfg.overrides,
    )


# names resource modules import from `_core` (annotations, bases, helpers); a resource class of the
# same name (a `/query` or `/stream` path, and its `Async…` twin) would shadow them
_CORE_NAMES = frozenset(
    {
        "Body",
        "Headers",
        "NotGiven",
        "Query",
        "Timeout",
        "RequestOptions",
        "Stream",
        "Page",
        "CursorPage",
        "Paginator",
        "APIResource",
        "BinaryResponseContent",
        "FileTypes",
    }
)


def _resource_class(segment: str) -> str:
    name = class_name(segment)
    return name + "Resource" if name in _CORE_NAMES else name
