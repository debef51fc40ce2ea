"""Read OpenAPI documents (YAML or JSON) and resolve `$ref`s, including refs into other files."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import yaml

from .errors import GeneratorError
from .yaml_load import load_yaml


def _parse_text(text: str, path: Path) -> Any:
    if path.suffix == ".json":
        return json.loads(text)
    return load_yaml(text)


@dataclass
class Document:
    path: Path
    root: Any

    def at(self, pointer: str) -> Any:
        """Follow a JSON pointer (`/components/schemas/Foo`) inside this document."""
        node = self.root
        if pointer in ("", "/"):
            return node
        for raw in pointer.lstrip("/").split("/"):
            token = unquote(raw).replace("~1", "/").replace("~0", "~")
            if isinstance(node, dict) and token in node:
                node = node[token]
            elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
                node = node[int(token)]
            else:
                raise GeneratorError(
                    "ref-unresolved",
                    pointer,
                    f"nothing at {pointer!r} in {self.path.name}",
                    "check the $ref target",
                )
        return node


@dataclass
class Resolved:
    document: Document
    pointer: str
    node: Any


@dataclass
class Loader:
    """Holds the main document and every document reached through a file `$ref`."""

    main: Document
    documents: dict[Path, Document] = field(default_factory=dict)

    @classmethod
    def from_path(cls, path: Path) -> Loader:
        path = path.resolve()
        try:
            root = _parse_text(path.read_text(encoding="utf-8"), path)
        except (OSError, yaml.YAMLError, json.JSONDecodeError) as exc:
            raise GeneratorError("load-failed", "", f"cannot read {path}: {exc}") from exc
        return cls.from_root(root, path)

    @classmethod
    def from_root(cls, root: Any, path: Path) -> Loader:
        if not isinstance(root, dict) or "openapi" not in root:
            raise GeneratorError(
                "not-openapi",
                "",
                "the document has no `openapi` field",
                "pass an OpenAPI 3.x document",
            )
        version = str(root["openapi"])
        if not version.startswith("3."):
            raise GeneratorError(
                "unsupported-version",
                "/openapi",
                f"OpenAPI {version} is not supported",
                "use 3.0 or 3.1",
            )
        doc = Document(path, root)
        return cls(doc, {path: doc})

    def document(self, path: Path) -> Document:
        path = path.resolve()
        if path not in self.documents:
            try:
                root = _parse_text(path.read_text(encoding="utf-8"), path)
            except (OSError, yaml.YAMLError, json.JSONDecodeError) as exc:
                raise GeneratorError(
                    "load-failed", str(path), f"cannot read {path}: {exc}"
                ) from exc
            self.documents[path] = Document(path, root)
        return self.documents[path]

    def resolve(self, ref: str, origin: Document, at: str) -> Resolved:
        """Resolve one `$ref` written in `origin` at pointer `at`."""
        if not isinstance(ref, str):
            raise GeneratorError("ref-invalid", at, "$ref must be a string")
        file_part, _, fragment = ref.partition("#")
        document = origin
        if file_part:
            if "://" in file_part:
                raise GeneratorError(
                    "ref-remote",
                    at,
                    f"remote $ref {ref!r} is not fetched",
                    "download it next to the spec",
                )
            document = self.document(origin.path.parent / file_part)
        return Resolved(document, fragment, document.at(fragment))

    def deref(self, node: Any, origin: Document, at: str) -> tuple[Any, Document, str]:
        """Follow chained `$ref`s until a concrete node; returns it with its document and pointer."""
        seen: set[tuple[Path, str]] = set()
        while isinstance(node, dict) and "$ref" in node:
            resolved = self.resolve(node["$ref"], origin, at)
            key = (resolved.document.path, resolved.pointer)
            if key in seen:
                raise GeneratorError("ref-cycle", at, "a $ref chain points to itself")
            seen.add(key)
            node, origin, at = resolved.node, resolved.document, resolved.pointer
        return node, origin, at


__all__ = ["Document", "Loader", "Resolved"]
