"""Local `$ref` resolution, checked up front so a broken reference is reported where it is written.

Only references inside the document (`#/...`) are supported. References are resolved lazily by
the comparers (a recursive schema is never expanded), but every one of them is checked once at
load time, so comparing cannot fail halfway.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote

from .errors import SpecError


class RefError(SpecError):
    """A `$ref` that cannot be followed; the message names the pointer and where it was written."""


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _unescape(token: str) -> str:
    return unquote(token).replace("~1", "/").replace("~0", "~")


class RefIndex:
    def __init__(self, document: dict[str, Any], source: str) -> None:
        self._document = document
        self._source = source
        self._targets: dict[str, Any] = {}
        self._recursive: dict[int, tuple[Any, str]] = {}  # id of a `$recursiveRef` node -> anchor
        self._check_all()

    def deref(self, node: Any) -> tuple[Any, str | None]:
        """Follow `node`'s `$ref` chain; return the target and the name of the last hop.

        The name is the last token of the last pointer followed (`#/components/schemas/Foo` →
        `Foo`), or None when `node` is not a reference.
        """
        name: str | None = None
        while isinstance(node, dict):
            pointer = node.get("$ref")
            if isinstance(pointer, str):
                node = self._targets[pointer]
                name = _unescape(pointer.rsplit("/", 1)[-1])
            elif id(node) in self._recursive:
                node, name = self._recursive[id(node)]
            else:
                break
        return node, name

    def _check_all(self) -> None:
        """Resolve every `$ref` of the document once, failing on the first broken one.

        Also binds each `$recursiveRef: "#"` (JSON Schema 2019-09, used by OpenAPI 3.1 documents
        for recursive schemas) to the nearest enclosing schema marked `$recursiveAnchor: true`.
        """
        # (node, its pointer, the nearest enclosing recursive anchor and its name)
        stack: list[tuple[Any, str, tuple[Any, str] | None]] = [(self._document, "", None)]
        while stack:
            node, where, anchor = stack.pop()
            if isinstance(node, dict):
                if node.get("$recursiveAnchor") is True:
                    anchor = (node, _unescape(where.rsplit("/", 1)[-1]))
                ref = node.get("$ref")
                if isinstance(ref, str) and ref not in self._targets:
                    self._targets[ref] = self._resolve(ref, where or "/")
                if node.get("$recursiveRef") == "#" and anchor is not None:
                    self._recursive[id(node)] = anchor
                for key, value in node.items():
                    if isinstance(value, (dict, list)):
                        stack.append((value, f"{where}/{_escape(str(key))}", anchor))
            elif isinstance(node, list):
                for index, value in enumerate(node):
                    if isinstance(value, (dict, list)):
                        stack.append((value, f"{where}/{index}", anchor))
        # A chain of references must end somewhere: `A -> B -> A` describes nothing.
        for pointer in self._targets:
            seen = {pointer}
            target = self._targets[pointer]
            while isinstance(target, dict) and isinstance(target.get("$ref"), str):
                nxt: str = target["$ref"]
                if nxt in seen:
                    raise RefError(f"{self._source}: circular $ref chain through {pointer!r}")
                seen.add(nxt)
                target = self._targets[nxt]

    def _resolve(self, pointer: str, where: str) -> Any:
        if not pointer.startswith("#"):
            raise RefError(
                f"{self._source}: unsupported external $ref {pointer!r} at {where}"
                " (only references inside the document, '#/...', are supported)"
            )
        node: Any = self._document
        body = pointer[1:]
        if body and not body.startswith("/"):
            raise RefError(f"{self._source}: malformed $ref {pointer!r} at {where}")
        for token in body.split("/")[1:] if body else []:
            key = _unescape(token)
            if isinstance(node, dict) and key in node:
                node = node[key]
            elif isinstance(node, list) and key.isdigit() and int(key) < len(node):
                node = node[int(key)]
            else:
                raise RefError(f"{self._source}: unresolvable $ref {pointer!r} at {where}")
        return node
