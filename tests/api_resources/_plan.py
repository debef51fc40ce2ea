"""What to call for each operation of spec/openapi.yml, read from the spec and spec/config.yml.

For every method the config places, a `Call` says where it lives in the client tree
(`("beta", "threads", "runs")`, `"create"`), which arguments it takes (path, query and body, each
with a value valid against its schema), and what it must return. The values are built from
the schemas (`_values.py`), so they follow the spec as it changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from tests.api_resources._values import Values
from tests.support.yaml_files import load_yaml_file

ROOT = Path(__file__).resolve().parents[2]
HTTP_METHODS = ("get", "post", "put", "patch", "delete")
SCHEMA_REF = "#/components/schemas/"
SSE = "text/event-stream"


@cache
def spec() -> dict[str, Any]:
    return load_yaml_file(ROOT / "spec" / "openapi.yml")


@cache
def config() -> dict[str, Any]:
    return load_yaml_file(ROOT / "spec" / "config.yml")


def resolve(node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        target: Any = spec()
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def schema_name(node: Any) -> str | None:
    if isinstance(node, dict) and str(node.get("$ref", "")).startswith(SCHEMA_REF):
        return str(node["$ref"]).removeprefix(SCHEMA_REF)
    return None


def object_shape(node: Any) -> tuple[dict[str, Any], set[str]]:
    """Properties and required names of an object schema, `allOf` parts merged.

    When the schema requires one of several properties (`anyOf: [{required: [a]}, {required: [b]}]`),
    the first alternative counts as required: a minimal call must still be a valid one.
    """
    node = resolve(node)
    properties: dict[str, Any] = dict(node.get("properties", {}))
    required = set(node.get("required", []))
    for part in node.get("allOf", []):
        more, more_required = object_shape(part)
        properties.update(more)
        required |= more_required
    for keyword in ("anyOf", "oneOf"):
        alternatives = node.get(keyword, [])
        if alternatives and all(set(alt) == {"required"} for alt in alternatives):
            required |= set(alternatives[0]["required"])
    return properties, required


def sample(schema: Any) -> Any:
    """A small value valid against `schema`."""
    return Values(spec()).value(schema)


def python_name(name: str) -> str:
    return name.removesuffix("[]").replace("-", "_")


@dataclass(frozen=True)
class Argument:
    name: str  # the keyword the method takes
    location: str  # path | query | body | form
    required: bool
    schema: Any


@dataclass(frozen=True)
class Expectation:
    kind: str  # json | binary | text | none: what the success response carries
    media: str | None = None  # its media type


@dataclass(frozen=True)
class Call:
    resource: tuple[str, ...]
    method: str
    operation_id: str
    http_method: str
    path: str
    arguments: tuple[Argument, ...]
    expect: Expectation
    streams: bool = False  # has a text/event-stream response selected by `stream: true`
    multipart: bool = False
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return ".".join((*self.resource, self.method))

    def call_args(self, *, everything: bool) -> tuple[list[Any], dict[str, Any]]:
        """Arguments the way SDK users pass them: the last path parameter positionally."""
        kwargs = self.kwargs(everything=everything)
        path_params = [arg.name for arg in self.arguments if arg.location == "path"]
        if not path_params:
            return [], kwargs
        return [kwargs.pop(path_params[-1])], kwargs

    def kwargs(self, *, everything: bool) -> dict[str, Any]:
        """Keyword arguments: only the required ones, or every one the method takes."""
        out: dict[str, Any] = {}
        for arg in self.arguments:
            if not (arg.required or everything):
                continue
            if arg.name == "stream":
                out[arg.name] = False  # Prism answers JSON; streams are checked elsewhere
            elif self.multipart and is_binary(arg.schema):
                upload = ("data.jsonl", b'{"prompt": "x"}\n', "application/jsonl")
                is_list = resolve(arg.schema).get("type") == "array"
                out[arg.name] = [upload] if is_list else upload
            else:
                out[arg.name] = sample(arg.schema)
        return out


def _walk(
    node: dict[str, Any],
    trail: tuple[str, ...],
    headers: dict[str, str],
    renamed: dict[str, str] | None = None,
) -> list[tuple[Any, ...]]:
    out = []
    headers = {**headers, **(node.get("headers") or {})}
    # header parameters taken as arguments of another name (`openai-beta` -> `betas`)
    renamed = {**(renamed or {}), **(node.get("header_arguments") or {})}
    for method, value in (node.get("methods") or {}).items():
        operation = value if isinstance(value, str) else value["operation"]
        out.append((trail, method, operation, headers, renamed))
    for name, child in (node.get("resources") or {}).items():
        if "alias" not in child:
            out += _walk(child, (*trail, name), headers, renamed)
    return out


def _expectation(op: dict[str, Any]) -> Expectation:
    """What the first success response of the operation carries (its type comes from the
    method's own return annotation, see test_conformance)."""
    responses = op["responses"]
    status = next(s for s in sorted(map(str, responses)) if s.startswith("2"))
    content = [m for m in (resolve(responses[status]).get("content") or {}) if m != SSE]
    if not content:
        return Expectation("none")
    media = content[0]
    if media == "application/json":
        return Expectation("json", media)
    if media.startswith("text/"):
        return Expectation("text", media)
    return Expectation("binary", media)  # as the official SDK takes any other answer (SDP too)


def is_binary(schema: Any) -> bool:
    """A file upload: `format: binary`, or an array or union of such."""
    schema = resolve(schema)
    if not isinstance(schema, dict):
        return False
    if schema.get("format") == "binary":
        return True
    variants = schema.get("anyOf") or schema.get("oneOf") or []
    return any(is_binary(v) for v in variants) or is_binary(schema.get("items"))


def body_form(content: dict[str, Any]) -> tuple[str, Any]:
    """The body form the client sends: multipart when that form uploads a file, else JSON when
    the operation takes it, else the first one listed."""
    multipart = content.get("multipart/form-data")
    if multipart is not None:
        properties, _ = object_shape(multipart["schema"])
        if any(is_binary(p) for p in properties.values()):
            return "multipart/form-data", multipart
    if "application/json" in content:
        return "application/json", content["application/json"]
    return next(iter(content.items()))


@cache
def calls() -> tuple[Call, ...]:
    operations = {
        op["operationId"]: (method, path, op)
        for path, item in spec()["paths"].items()
        for method, op in item.items()
        if method in HTTP_METHODS
    }
    out = []
    for trail, method, operation_id, headers, renamed in _walk(config(), (), {}):
        http_method, path, op = operations[operation_id]
        arguments: list[Argument] = []
        for raw in op.get("parameters", []):
            param = resolve(raw)
            if param["in"] == "header" and param["name"] in headers:
                continue  # sent by the resource, not a method argument
            named = renamed.get(param["name"], param["name"])
            arguments.append(
                Argument(
                    python_name(named),
                    param["in"],
                    bool(param.get("required")),
                    param["schema"],
                )
            )
        streams = False
        multipart = False
        body = op.get("requestBody")
        if body is not None:
            ctype, media = body_form(resolve(body)["content"])
            multipart = ctype == "multipart/form-data"
            properties, required = object_shape(media["schema"])
            for name, prop in properties.items():
                location = "form" if multipart else "body"
                arguments.append(Argument(python_name(name), location, name in required, prop))
            streams = "stream" in properties and any(
                SSE in (resolve(r).get("content") or {}) for r in op["responses"].values()
            )
        out.append(
            Call(
                resource=trail,
                method=method,
                operation_id=operation_id,
                http_method=http_method,
                path=path,
                arguments=tuple(arguments),
                expect=_expectation(op),
                streams=streams,
                multipart=multipart,
                headers=headers,
            )
        )
    return tuple(out)
