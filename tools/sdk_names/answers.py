"""Where the official SDK's methods answer with a class, and where ours answers from the document.

The SDK declares an operation's answer once per method (`VideoGetCharacterResponse` of
`videos.get_character`, `ContainerListResponse` the item of `containers.list`'s page) where the
document has one schema for several operations (ours: one class). Such a class is held in no field
of a types module, so the places of tools/sdk_names/places.py never see it: its place is the
method. Ours at that place is what the operation of the same resource path and method name answers
with: its JSON answer's schema, or for a page, the `data` items of the page's model.
"""

from __future__ import annotations

import importlib
import typing
import warnings
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from codegen.errors import pointer_join
from codegen.ir import ModelDef, Named, OperationIR, TypeDef
from codegen.spec_view import Responses

from .shapes import is_model, type_args, union_members, unwrapped


def sdk_client(sdk_package: str) -> Any:
    """A client of the SDK whose types package this is (`openai.types`: `openai.OpenAI`), made
    only to read its resources' methods (no request is sent)."""
    root = importlib.import_module(sdk_package.split(".")[0])
    return root.OpenAI(api_key="sdk-names")


def answer_places(
    operations: tuple[OperationIR, ...],
    defs: dict[str, TypeDef],
    document: Any,
    client: Any,
) -> dict[int, list[str]]:
    """id of an SDK model class -> the pointers of the schemas (in our document) that our
    operations answer with where the SDK's method of the same path and name returns that class:
    the schema of the JSON answer, or of the `data` property of a page's model. ``document``: our
    document (tools/sdk_names/copies.Generated: `at` and the JSON pointers of its places)."""
    found: dict[int, list[str]] = defaultdict(list)
    for operation in operations:
        returned = _returned(client, operation)
        if returned is None:
            continue
        if operation.page is not None:
            # the SDK's page is generic in its item (`SyncCursorPage[ContainerListResponse]`, a
            # pydantic generic: its own class, the item in its metadata)
            metadata = getattr(returned, "__pydantic_generic_metadata__", None) or {}
            args = type_args(returned) or tuple(metadata.get("args", ()))
            answered = operation.response.type
            model = defs.get(answered.key) if isinstance(answered, Named) else None
            if not args or not isinstance(model, ModelDef):
                continue
            start = document.property_pointer(model, "data")
            returned = args[0]
        else:
            start = _answer_pointer(document, operation)
        if start is None:
            continue
        for cls in _answered(returned):
            if start not in found[id(cls)]:
                found[id(cls)].append(start)
    return found


def _returned(client: Any, operation: OperationIR) -> Any:
    """The return annotation of the SDK's method at the operation's resource path (None: no such
    method, or no annotation that resolves)."""
    owner = client
    for part in operation.resource_path:
        owner = getattr(owner, part, None)
        if owner is None:
            return None
    method = getattr(owner, operation.method_name, None)
    if method is None:
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return typing.get_type_hints(method).get("return")
    except Exception:  # an annotation that does not resolve: no place to compare
        return None


def _answered(annotation: Any) -> Iterator[type]:
    """The model classes a method's answer is (an arm of a union: `ChatCompletion` of
    `ChatCompletion | Stream[...]`; not the events of a stream)."""
    annotation = unwrapped(annotation)
    members = union_members(annotation)
    if members is not None:
        for member in members:
            yield from _answered(member)
    elif isinstance(annotation, type) and is_model(annotation):
        yield annotation


def _answer_pointer(document: Any, operation: OperationIR) -> str | None:
    """Where the document writes the schema of the operation's JSON answer (its first success
    code, as the generator reads it)."""
    if operation.response.kind != "json" or operation.response.content_type is None:
        return None
    responses = Responses.of(document.node(pointer_join(operation.pointer, "responses")))
    codes = responses.success_codes if responses is not None else []
    if responses is None or not codes:
        return None
    node = responses[codes[0]]
    at = pointer_join(operation.pointer, "responses", codes[0])
    if isinstance(node, dict) and isinstance(node.get("$ref"), str):
        ref = node["$ref"]
        if not ref.startswith("#/"):
            return None
        at = ref[1:]
        node = document.node(at)
    content = node.get("content") if isinstance(node, dict) else None
    if not isinstance(content, dict) or operation.response.content_type not in content:
        return None
    return pointer_join(at, "content", operation.response.content_type, "schema")
