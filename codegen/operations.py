"""Paths → operations: parameters, request bodies, responses, streaming variants, pagination."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl

from .errors import Diagnostics, GeneratorError, pointer_join
from .ir import (
    BodyIR,
    FieldDef,
    ListOf,
    ModelDef,
    Named,
    OperationIR,
    PageIR,
    ParamIR,
    ResponseIR,
    StreamIR,
    TypeExpr,
    strip_none,
)
from .loader import Document, Loader
from .naming import METHOD_RESERVED_ARGS, identifier, pascal_case, unique
from .schemas import SchemaBuilder

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_BINARY_PREFIXES = (
    "audio/",
    "video/",
    "image/",
    "application/octet-stream",
    "application/zip",
    "application/pdf",
)


def operation_id(op: dict[str, Any], method: str, path: str) -> str:
    return str(op.get("operationId") or f"{method}{pascal_case(split_path_key(path)[0])}")


def split_path_key(key: str) -> tuple[str, dict[str, str]]:
    """A path key without its `#fragment`, and the fixed query a `?a=b` suffix asks for.

    Specs use both to put several operations on one path (`/responses?beta=true`, `/files#raw`)."""
    path = key.split("#", 1)[0]
    path, _, query = path.partition("?")
    fixed = dict(parse_qsl(query, keep_blank_values=True)) if query else {}
    return path, fixed


def _is_json(content_type: str) -> bool:
    ct = content_type.split(";")[0].strip().lower()
    return ct in ("application/json", "*/*", "application/*") or ct.endswith("+json")


def _is_bytes(media: Any) -> bool:
    """A media type whose schema is a byte string (`type: string, format: binary`)."""
    schema = media.get("schema") if isinstance(media, dict) else None
    return isinstance(schema, dict) and schema.get("format") == "binary"


class OperationBuilder:
    def __init__(
        self,
        loader: Loader,
        schemas: SchemaBuilder,
        diags: Diagnostics,
        module_for: Callable[[str, str], str],
    ) -> None:
        self.module_for = (
            module_for  # (operationId, "params" | "response") -> module of inline types
        )
        self.loader = loader
        self.schemas = schemas
        self.diags = diags
        self._operation_ids: set[str] = set()

    def build(self) -> list[OperationIR]:
        doc = self.loader.main
        ops: list[OperationIR] = []
        for section in ("paths", "webhooks"):
            items = doc.root.get(section) or {}
            if not isinstance(items, dict):
                raise GeneratorError("paths-invalid", f"/{section}", "must be a mapping")
            if section == "webhooks" and items:
                # webhooks are requests the API sends to you: their payload schemas become models
                for name, item in items.items():
                    self._webhook_models(str(name), item, doc)
                continue
            for path, item in items.items():
                ops.extend(self._path_item(str(path), item, doc))
        return ops

    def _webhook_models(self, name: str, item: Any, doc: Document) -> None:
        ptr = pointer_join("/webhooks", name)
        item, idoc, ptr = self.loader.deref(item, doc, ptr)
        for method in HTTP_METHODS:
            op = item.get(method) if isinstance(item, dict) else None
            if not isinstance(op, dict) or "requestBody" not in op:
                continue
            body, bdoc, bptr = self.loader.deref(
                op["requestBody"], idoc, pointer_join(ptr, method, "requestBody")
            )
            for ct, media in (body.get("content") or {}).items():
                if isinstance(media, dict) and "schema" in media:
                    hint = pascal_case(name) + "WebhookEvent"
                    self.schemas.type_of(
                        media["schema"],
                        bdoc,
                        pointer_join(bptr, "content", ct, "schema"),
                        hint,
                        "webhooks",
                    )

    def _path_item(self, path: str, item: Any, doc: Document) -> list[OperationIR]:
        ptr = pointer_join("/paths", path)
        item, idoc, iptr = self.loader.deref(item, doc, ptr)
        if not isinstance(item, dict):
            raise GeneratorError("path-invalid", ptr, "a path item must be a mapping")
        shared = item.get("parameters") or []
        ops = []
        for method in HTTP_METHODS:
            if method in item:
                try:
                    ops.append(self._operation(path, method, item[method], shared, idoc, iptr))
                except GeneratorError:
                    raise
                except Exception as exc:  # a generator bug: still say where
                    raise GeneratorError(
                        "internal-error",
                        pointer_join(iptr, method),
                        f"{type(exc).__name__}: {exc}",
                        "please report this input",
                    ) from exc
        return ops

    def _operation(
        self, path: str, method: str, op: Any, shared: list[Any], doc: Document, item_ptr: str
    ) -> OperationIR:
        ptr = pointer_join(item_ptr, method)
        if not isinstance(op, dict):
            raise GeneratorError("operation-invalid", ptr, "an operation must be a mapping")
        op_id = operation_id(op, method, path)
        if op_id in self._operation_ids:
            raise GeneratorError(
                "operation-id-duplicate", ptr, f"operationId {op_id!r} is used twice"
            )
        self._operation_ids.add(op_id)
        path, fixed_query = split_path_key(path)
        hint = pascal_case(op_id)
        module = self.module_for(op_id, "params")
        taken: set[str] = {"self", "extra_headers", "extra_query", "extra_body", "timeout"}
        params = self._parameters(
            shared, item_ptr, op.get("parameters") or [], ptr, doc, hint, module, taken
        )
        declared = {p.wire for p in params if p.location == "path"}
        for wire in re.findall(r"\{([^{}]+)\}", path):
            if wire not in declared:
                raise GeneratorError(
                    "path-param-undeclared",
                    ptr,
                    f"path placeholder {{{wire}}} has no `in: path` parameter",
                    "declare it under the operation's or path item's parameters",
                )
        body = self._body(
            op.get("requestBody"), doc, pointer_join(ptr, "requestBody"), hint, module, taken
        )
        response, stream = self._responses(
            op.get("responses") or {},
            doc,
            pointer_join(ptr, "responses"),
            hint,
            self.module_for(op_id, "response"),
        )
        if stream is not None:
            # The `stream` flag is a body field (POST) or a query parameter (GET /responses/{id}).
            fields = list(body.fields) if body is not None else []
            flag = next((f for f in fields if f.wire == "stream"), None)
            query_flag = next(
                (p for p in params if p.wire == "stream" and p.location == "query"), None
            )
            stream.flag_field = flag.name if flag else query_flag.name if query_flag else None
        page = None  # decided by detect_pages() once every named type is built
        return OperationIR(
            operation_id=op_id,
            http_method=method,
            path=path,
            pointer=ptr,
            summary=op.get("summary"),
            description=op.get("description"),
            deprecated=bool(op.get("deprecated")),
            params=params,
            body=body,
            response=response,
            stream=stream,
            page=page,
            fixed_query=fixed_query,
        )

    # --- parameters -------------------------------------------------------------------------

    def _parameters(
        self,
        shared: list[Any],
        item_ptr: str,
        own: list[Any],
        op_ptr: str,
        doc: Document,
        hint: str,
        module: str,
        taken: set[str],
    ) -> list[ParamIR]:
        merged: dict[tuple[str, str], tuple[dict[str, Any], Document, str]] = {}
        for base, raw_list in ((item_ptr, shared), (op_ptr, own)):
            for i, raw in enumerate(raw_list):
                p, pdoc, pptr = self.loader.deref(raw, doc, pointer_join(base, "parameters", i))
                if not isinstance(p, dict) or "name" not in p or "in" not in p:
                    raise GeneratorError(
                        "parameter-invalid", pptr, "a parameter needs `name` and `in`"
                    )
                merged[(str(p["name"]), str(p["in"]))] = (p, pdoc, pptr)
        result: list[ParamIR] = []
        for (wire, location), (p, pdoc, pptr) in merged.items():
            if location not in ("path", "query", "header", "cookie"):
                raise GeneratorError(
                    "parameter-location", pointer_join(pptr, "in"), f"unknown location {location!r}"
                )
            schema = p.get("schema")
            if schema is None and isinstance(p.get("content"), dict) and p["content"]:
                _content_type, media = next(iter(p["content"].items()))
                schema = media.get("schema") if isinstance(media, dict) else None
            t = self.schemas.type_of(
                schema if schema is not None else {"type": "string"},
                pdoc,
                pointer_join(pptr, "schema"),
                hint + pascal_case(wire),
                module,
            )
            required = location == "path" or bool(p.get("required"))
            result.append(
                ParamIR(
                    wire,
                    unique(identifier(wire, METHOD_RESERVED_ARGS), taken),
                    location,
                    t,
                    required,
                    p.get("description"),
                )
            )
        return result

    # --- request body -----------------------------------------------------------------------

    def _body(
        self, raw: Any, doc: Document, ptr: str, hint: str, module: str, taken: set[str]
    ) -> BodyIR | None:
        if raw is None:
            return None
        body, bdoc, bptr = self.loader.deref(raw, doc, ptr)
        content = body.get("content") if isinstance(body, dict) else None
        if not isinstance(content, dict) or not content:
            raise GeneratorError("body-invalid", bptr, "a request body needs `content`")
        ct, media = self._pick_body_content(content, bdoc, pointer_join(bptr, "content"))
        kind = (
            "json"
            if _is_json(ct)
            else "multipart"
            if ct.startswith("multipart/")
            else "form"
            if ct == "application/x-www-form-urlencoded"
            else "raw"
        )
        if kind == "raw":
            self.diags.warn(
                "body-content-type",
                pointer_join(bptr, "content", ct),
                f"{ct} body: the runtime sends the `body` argument JSON-encoded with this content type",
                "the runtime has no raw-bytes body; check that the server accepts this",
            )
        schema = media.get("schema", {}) if isinstance(media, dict) else {}
        sptr = pointer_join(bptr, "content", ct, "schema")
        required = bool(body.get("required"))
        node, ndoc, nptr = self.loader.deref(schema, bdoc, sptr)
        shape = (
            self.schemas.object_shape(node, ndoc, nptr)
            if isinstance(node, dict) and kind != "raw"
            else None
        )
        if shape is not None and shape[0]:
            props, req, _extra = shape
            fields: list[FieldDef] = []
            files: set[str] = set()
            # body properties named after the body's own schema when it has a name; else the operation
            owner = hint + "Body"  # inline property types are named `<Resource><Verb>Body<Prop>`
            for wire, pschema, pdoc, pptr in props:
                t = self.schemas.type_of(pschema, pdoc, pptr, owner + pascal_case(wire), module)
                inner, nullable = strip_none(t)
                if kind == "multipart" and _mentions_file(inner):
                    files.add(wire)
                p_node = pschema if isinstance(pschema, dict) else {}
                fields.append(
                    FieldDef(
                        wire,
                        unique(identifier(wire, METHOD_RESERVED_ARGS), taken),
                        inner,
                        wire in req,
                        nullable,
                        p_node.get("description"),
                        bool(p_node.get("deprecated")),
                    )
                )
            return BodyIR(kind, ct, fields, None, required, frozenset(files))
        whole = self.schemas.type_of(schema, bdoc, sptr, hint + "Body", module) if schema else None
        taken.add("body")
        return BodyIR(kind, ct, [], whole, required)

    def _pick_body_content(
        self, content: dict[str, Any], doc: Document, ptr: str
    ) -> tuple[str, Any]:
        """JSON first; but a multipart variant that uploads a file wins (`images.edit(image=...)`):
        the official SDK sends files, and a JSON twin can only refer to them by URL or id."""

        def rank(kv: tuple[str, Any]) -> tuple[int, str]:
            ct, media = kv
            if ct.startswith("multipart/") and isinstance(media, dict):
                schema = media.get("schema")
                if self._uploads_file(schema, doc, pointer_join(ptr, ct, "schema"), 0):
                    return (-1, ct)
            return (0 if _is_json(ct) else 1 if ct.startswith("multipart/") else 2, ct)

        ct, media = min(content.items(), key=rank)
        return str(ct), media

    def _uploads_file(self, schema: Any, doc: Document, ptr: str, depth: int) -> bool:
        """Does a body schema have a top-level property that is (a list of) binary strings?"""
        node, ndoc, nptr = self.loader.deref(schema, doc, ptr)
        if not isinstance(node, dict) or depth > 2:
            return False
        if node.get("format") == "binary":
            return True
        if depth > 0 and isinstance(node.get("items"), dict):
            return self._uploads_file(node["items"], ndoc, pointer_join(nptr, "items"), depth + 1)
        for keyword in ("anyOf", "oneOf", "allOf"):
            for i, member in enumerate(node.get(keyword) or []):
                if self._uploads_file(member, ndoc, pointer_join(nptr, keyword, str(i)), depth):
                    return True
        if depth == 0:
            for name, prop in (node.get("properties") or {}).items():
                where = pointer_join(nptr, "properties", name)
                if self._uploads_file(prop, ndoc, where, depth + 1):
                    return True
        return False

    # --- responses --------------------------------------------------------------------------

    def _responses(
        self, responses: Any, doc: Document, ptr: str, hint: str, module: str
    ) -> tuple[ResponseIR, StreamIR | None]:
        if not isinstance(responses, dict):
            raise GeneratorError("responses-invalid", ptr, "responses must be a mapping")
        codes = sorted(str(c) for c in responses if str(c).startswith("2"))
        if not codes and "default" in responses:
            codes = ["default"]
        if not codes:
            return ResponseIR("empty", None, None), None
        code = codes[0]
        raw = responses[code] if code in responses else responses[int(code)]
        resp, rdoc, rptr = self.loader.deref(raw, doc, pointer_join(ptr, code))
        content = resp.get("content") if isinstance(resp, dict) else None
        if not content:
            return ResponseIR("empty", None, None), None
        binary_ct = next((ct for ct in content if _is_bytes(content[ct])), None)
        if binary_ct is not None:
            # the call returns bytes; a JSON-string or SSE twin of them (video and skill downloads,
            # speech's `stream_format: sse`) is read from the same body, as the official SDK does
            return ResponseIR("binary", None, str(binary_ct)), None
        json_ct = next((ct for ct in content if _is_json(ct)), None)
        sse_ct = next((ct for ct in content if ct.startswith("text/event-stream")), None)
        stream: StreamIR | None = None
        if sse_ct is not None:
            media = content[sse_ct] or {}
            schema = media.get("schema")
            item = (
                self.schemas.type_of(
                    schema,
                    rdoc,
                    pointer_join(rptr, "content", sse_ct, "schema"),
                    hint + "StreamEvent",
                    module,
                )
                if schema is not None
                else None
            )
            from .ir import Prim

            stream = StreamIR(item if item is not None else Prim("object"), False, None)
        if json_ct is not None:
            media = content[json_ct] or {}
            schema = media.get("schema")
            if schema is None:
                return ResponseIR("json", None, json_ct), stream
            t = self.schemas.type_of(
                schema,
                rdoc,
                pointer_join(rptr, "content", json_ct, "schema"),
                hint + "Response",
                module,
            )
            return ResponseIR("json", t, json_ct), stream
        if stream is not None:
            return ResponseIR("empty", None, sse_ct), stream
        ct = str(next(iter(content)))
        if (
            ct.startswith("text/")
            or ct == "application/sdp"
            or ct.endswith("+xml")
            or ct.endswith("/xml")
        ):
            return ResponseIR("text", None, ct), None
        return ResponseIR("binary", None, ct), None

    # --- pagination -------------------------------------------------------------------------

    def detect_pages(self, ops: list[OperationIR]) -> None:
        for op in ops:
            op.page = self._page(op.http_method, op.params, op.response)

    def _page(self, method: str, params: list[ParamIR], response: ResponseIR) -> PageIR | None:
        if method != "get" or response.kind != "json" or not isinstance(response.type, Named):
            return None
        model = self.schemas.defs.get(response.type.key)
        if not isinstance(model, ModelDef):
            return None
        by_wire = {f.wire: f for f in model.fields}
        data = by_wire.get("data")
        if data is None or not isinstance(data.type, ListOf):
            return None
        query = {p.wire for p in params if p.location == "query"}
        if "has_more" in by_wire and "after" in query:
            return PageIR("cursor", data.type.item)
        if "object" in by_wire and not query & {"after", "before", "page", "cursor", "page_token"}:
            return PageIR("page", data.type.item)
        return None


def _mentions_file(t: TypeExpr) -> bool:
    from .ir import Prim, UnionOf

    if t == Prim("file"):
        return True
    if isinstance(t, ListOf):
        return _mentions_file(t.item)
    if isinstance(t, UnionOf):
        return any(_mentions_file(m) for m in t.members)
    return False
