"""Paths → operations: parameters, request bodies, responses, streaming variants, pagination."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal, cast
from urllib.parse import parse_qsl

from .docfacts import documented
from .errors import Diagnostics, GeneratorError, pointer_join
from .ir import (
    AliasDef,
    BodyIR,
    FieldDef,
    ListOf,
    ModelDef,
    Named,
    OperationIR,
    PageIR,
    PageKind,
    ParamIR,
    ParamsTypeIR,
    Prim,
    ResponseIR,
    ResultByIR,
    StreamIR,
    TypeDef,
    TypeExpr,
    UnionOf,
    path_and_query_keys,
    strip_none,
)
from .loader import Document, Loader
from .naming import METHOD_RESERVED_ARGS, identifier, pascal_case, unique
from .passes import Discriminators, is_event_envelope
from .schemas import SchemaBuilder
from .spec_view import (
    Media,
    Node,
    OpenAPI,
    Operation,
    Parameter,
    PathItem,
    RequestBody,
    Response,
    Responses,
    Schema,
    SchemaObject,
    Styled,
)

if TYPE_CHECKING:
    from .config import ResultByConfig
    from .tree import Placement


def operation_id(op: Operation, method: str, path: str) -> str:
    """Its `operationId`, else one made of its method and path (`getPetsPetId`)."""
    return op.operation_id or f"{method}{pascal_case(split_path_key(path)[0])}"


def split_path_key(key: str) -> tuple[str, dict[str, str]]:
    """A path key without its `#fragment`, and the fixed query a `?a=b` suffix asks for.

    Specs use both to put several operations on one path (`/responses?beta=true`, `/files#raw`)."""
    path = key.split("#", 1)[0]
    path, _, query = path.partition("?")
    fixed = dict(parse_qsl(query, keep_blank_values=True)) if query else {}
    return path, fixed


def _is_text(content_type: str) -> bool:
    """Media types whose body is text the caller reads as `str` (not bytes)."""
    ct = content_type.split(";")[0].strip().lower()
    return (
        ct.startswith("text/")
        or ct in ("application/sdp", "application/javascript", "application/x-ndjson")
        or ct.endswith(("+xml", "/xml", "/yaml", "+yaml", "/x-yaml"))
    )


def _renamed(param: ParamIR, header_arguments: Mapping[str, str]) -> ParamIR:
    """A header parameter the config takes as an argument of another name (`betas`)."""
    name = header_arguments.get(param.wire.lower()) if param.location == "header" else None
    return param if name is None else replace(param, name=name)


def _is_json(content_type: str) -> bool:
    ct = content_type.split(";")[0].strip().lower()
    return ct in ("application/json", "*/*", "application/*") or ct.endswith("+json")


@dataclass(frozen=True)
class ReadOperation:
    """What an operation's own text says, read before the named types are built (not IR: the
    OperationIR is made from it once they are, complete)."""

    operation_id: str
    http_method: str
    path: str
    fixed_query: dict[str, str]  # from a `?a=b` path key suffix
    pointer: str
    view: Operation
    params: tuple[ParamIR, ...]
    body: BodyIR | None
    response: ResponseIR
    stream_item: TypeExpr | None  # the item type of its event stream, when it has one
    security: list[list[str]] | None


class OperationBuilder:
    """Operations in two steps: `read()` reads every operation (registering the inline types it
    names), then, once those types are built and their unions decided, `build()` makes each
    OperationIR whole: placed, paged, its stream and its params TypedDict known."""

    def __init__(
        self,
        loader: Loader,
        schemas: SchemaBuilder,
        diags: Diagnostics,
        names_for: Callable[[str, str], tuple[str, str]],
        placements: Mapping[str, Placement],
    ) -> None:
        # where each operation goes (resource, method name, headers): decided before it is built
        self.placements = placements
        # (operationId, "params" | "response") -> (name, module) of its params TypedDict / answer
        self.names_for = names_for
        self.loader = loader
        self.schemas = schemas
        self.diags = diags
        self._operation_ids: dict[tuple[str, str], str] = {}  # (method, path key) -> unique id

    def read(self) -> list[ReadOperation]:
        from .tree import scan_operations  # the tree module builds on this one

        doc = self.loader.main
        spec = OpenAPI(doc.root)
        self._operation_ids = {(m, p): op_id for op_id, m, p in scan_operations(self.loader)}
        ops: list[ReadOperation] = []
        for path, item in spec.paths.items():
            ops.extend(self._path_item(path, item, doc))
        # webhooks are requests the API sends to you: their payload schemas become models
        for name, item in spec.webhooks.items():
            self._webhook_models(name, item, doc)
        return ops

    def build(self, read: list[ReadOperation], types: Discriminators) -> list[OperationIR]:
        """Each operation, made once its types are built (`types`: their unions decided)."""
        # (name, module) -> key of the schema whose TypedDict the config names so
        configured_twins = {v: k for k, v in self.schemas.param_overrides.items()}
        return [self._operation(r, types, configured_twins) for r in read]

    def _webhook_models(self, name: str, item: Node, doc: Document) -> None:
        ptr = pointer_join("/webhooks", name)
        node, idoc, ptr = self.loader.deref(item, doc, ptr)
        path_item = PathItem.of(node)
        for method, op in path_item.operations if path_item is not None else []:
            if op is None or op.request_body is None:
                continue
            body, bdoc, bptr = self.loader.deref(
                op.request_body, idoc, pointer_join(ptr, method, "requestBody")
            )
            for ct, media in (RequestBody.of(body).content or {}).items():
                if media.has_schema:
                    hint = pascal_case(name) + "WebhookEvent"
                    self.schemas.type_of(
                        media.schema,
                        bdoc,
                        pointer_join(bptr, "content", ct, "schema"),
                        hint,
                        "webhooks",
                    )

    def _path_item(self, path: str, item: Node, doc: Document) -> list[ReadOperation]:
        ptr = pointer_join("/paths", path)
        node, idoc, iptr = self.loader.deref(item, doc, ptr)
        path_item = PathItem.of(node)
        if path_item is None:
            self.diags.warn("path-invalid", ptr, "a path item must be a mapping; skipped")
            return []
        shared = path_item.parameters
        ops: list[ReadOperation] = []
        for method, op in path_item.operations:
            if op is None:
                self.diags.warn(
                    "operation-invalid",
                    pointer_join(iptr, method),
                    "an operation must be a mapping; skipped",
                )
                continue
            try:
                ops.append(self._read(path, method, op, shared, idoc, iptr))
            except GeneratorError:
                raise
            except Exception as exc:  # a generator bug: this operation is left out, the rest stay
                self.diags.warn(
                    "operation-internal-error",
                    pointer_join(iptr, method),
                    f"{type(exc).__name__}: {exc}; the operation is left out",
                    "please report this input",
                )
        return ops

    def _read(
        self,
        path: str,
        method: str,
        view: Operation,
        shared: list[Node],
        doc: Document,
        item_ptr: str,
    ) -> ReadOperation:
        ptr = pointer_join(item_ptr, method)
        declared = operation_id(view, method, path)
        op_id = self._operation_ids.get((method, path), declared)
        if op_id != declared:
            self.diags.warn(
                "operation-id-duplicate",
                ptr,
                f"operationId {declared!r} is already used by another operation; "
                f"this one is named {op_id!r}",
                "give every operation its own operationId",
            )
        path, fixed_query = split_path_key(path)
        hint = pascal_case(op_id)
        module = self.names_for(op_id, "params")[1]
        taken: set[str] = {"self", "extra_headers", "extra_query", "extra_body", "timeout"}
        params = self._parameters(shared, item_ptr, view.parameters, ptr, doc, hint, module, taken)
        declared = {p.wire for p in params if p.location == "path"}
        for wire in re.findall(r"\{([^{}]+)\}", path):
            if wire not in declared:
                self.diags.warn(
                    "path-param-undeclared",
                    ptr,
                    f"path placeholder {{{wire}}} has no `in: path` parameter; taken as a string",
                    "declare it under the operation's or path item's parameters",
                )
                name = unique(identifier(wire, METHOD_RESERVED_ARGS), taken)
                params.append(ParamIR(wire, name, "path", Prim("str"), True, None))
                declared.add(wire)
        body = self._body(
            view.request_body, doc, pointer_join(ptr, "requestBody"), hint, module, taken
        )
        # an inline union answer is named like the SDK's `<Resource><Verb>Response` alias
        union_name, response_module = self.names_for(op_id, "response")
        response, stream_item = self._responses(
            view.responses, doc, pointer_join(ptr, "responses"), hint, response_module, union_name
        )
        if method == "head":
            # a HEAD answer has no body whatever the spec says its GET twin returns
            response, stream_item = ResponseIR("empty", None, None), None
        security = view.security
        if security is None and view.declares_security:
            self.diags.warn(
                "security-invalid",
                pointer_join(ptr, "security"),
                "must be a list of mappings; ignored",
            )
        return ReadOperation(
            op_id,
            method,
            path,
            fixed_query,
            ptr,
            view,
            tuple(params),
            body,
            response,
            stream_item,
            security,
        )

    def _operation(
        self,
        read: ReadOperation,
        types: Discriminators,
        configured_twins: dict[tuple[str, str], str],
    ) -> OperationIR:
        op_id, place = read.operation_id, self.placements[read.operation_id]
        sent = {h.lower() for h in place.headers}
        # header parameters the config already sends for this resource are not arguments
        params = tuple(
            _renamed(types.typed(p), place.header_arguments)
            for p in read.params
            if not (p.location == "header" and p.wire.lower() in sent)
        )
        body = read.body
        if body is not None:
            whole = types.expr(body.whole) if body.whole is not None else None
            fields = types.fields(body.fields)
            if whole is not body.whole or fields is not body.fields:
                body = replace(body, fields=fields, whole=whole)
        response = read.response
        if response.type is not None and (t := types.expr(response.type)) is not response.type:
            response = replace(response, type=t)
        stream = None
        if read.stream_item is not None:
            item = types.expr(read.stream_item)
            flag_field, flag_value = _stream_flag(list(read.params), body, read.response)
            envelope = (
                place.event_envelope
                if place.event_envelope is not None
                else is_event_envelope(item, types.defs)
            )
            stream = StreamIR(item, envelope, flag_field, flag_value)
        page = self._page(read, params, response, types.defs)
        if place.response == "binary" and response.kind != "binary":
            response = _binary(read, response)
        deprecated = read.view.deprecated
        params_def = self._params_type(read, params, body, configured_twins)
        params_twin = None
        if params_def is None and body is not None:
            params_twin = configured_twins.get(self.names_for(read.operation_id, "params"))
        return OperationIR(
            operation_id=op_id,
            http_method=read.http_method,
            path=read.path,
            pointer=read.pointer,
            summary=read.view.summary,
            description=read.view.description,
            deprecated=deprecated,
            params=params,
            body=body,
            response=response,
            stream=stream,
            page=page,
            headers=dict(place.headers),
            fixed_query=read.fixed_query,
            resource_path=place.resource_path,
            method_name=place.method_name,
            placed_by_config=place.by_config,
            params_def=params_def,
            params_twin=params_twin,
            security=read.security,
            # a spec `deprecated: true` without a configured message warns with a plain one
            deprecation=place.deprecated or ("deprecated" if deprecated else None),
            result_by=_result_by(read, place.result_by, params, body, response, types.defs),
        )

    def _params_type(
        self,
        read: ReadOperation,
        params: tuple[ParamIR, ...],
        body: BodyIR | None,
        configured_twins: dict[tuple[str, str], str],
    ) -> ParamsTypeIR | None:
        """The `<Resource><Verb>Params` TypedDict of its query and body arguments (named after
        every schema type, so it never takes a name a type needs), when it has any; its keys
        also name the path arguments taken by keyword (`path_and_query_keys`). A query
        argument's key is its argument name, as with the official SDK (`include`, sent as
        `include[]`): the method, not the TypedDict, knows the wire name."""
        if body is None and not any(p.location == "query" for p in params):
            return None  # path arguments alone make no TypedDict (nor do they in the SDK)
        fields = list(path_and_query_keys(read.path, params))
        if body is not None:
            fields += body.fields
        # header arguments last, under their argument names (`betas`), as the SDK's
        fields += [
            FieldDef(p.name, p.name, p.type, p.required, False, p.doc)
            for p in params
            if p.location == "header"
        ]
        if not fields:
            return None
        name, module = self.names_for(read.operation_id, "params")
        # the config may already name the body's TypedDict this (`CompletionCreateParams`)
        if (name, module) in configured_twins:
            return None
        return ParamsTypeIR(self.schemas.claim(name, read.pointer, module), module, tuple(fields))

    # --- parameters -------------------------------------------------------------------------

    def _parameters(
        self,
        shared: list[Node],
        item_ptr: str,
        own: list[Node],
        op_ptr: str,
        doc: Document,
        hint: str,
        module: str,
        taken: set[str],
    ) -> list[ParamIR]:
        merged: dict[tuple[str, str], tuple[Parameter, Document, str]] = {}
        for base, raw_list in ((item_ptr, shared), (op_ptr, own)):
            for i, raw in enumerate(raw_list):
                node, pdoc, pptr = self.loader.deref(raw, doc, pointer_join(base, "parameters", i))
                p = Parameter.of(node)
                if p is None:
                    self.diags.warn(
                        "parameter-invalid", pptr, "a parameter needs `name` and `in`; skipped"
                    )
                    continue
                merged[(p.name, p.location)] = (p, pdoc, pptr)
        result: list[ParamIR] = []
        for (wire, location), (p, pdoc, pptr) in merged.items():
            if location not in ("path", "query", "header", "cookie"):
                self.diags.warn(
                    "parameter-location",
                    pointer_join(pptr, "in"),
                    f"unknown location {location!r}; skipped",
                )
                continue
            schema = p.schema
            t = self.schemas.type_of(
                schema if schema is not None else {"type": "string"},
                pdoc,
                pointer_join(pptr, "schema"),
                hint + pascal_case(wire),
                module,
            )
            required = location == "path" or p.required
            result.append(
                ParamIR(
                    wire,
                    unique(identifier(wire, METHOD_RESERVED_ARGS), taken),
                    location,
                    t,
                    required,
                    documented(p.description, schema, p.deprecated),
                    _separator(p, "form") if location == "query" else None,
                )
            )
        return result

    # --- request body -----------------------------------------------------------------------

    def _body(
        self, raw: Node, doc: Document, ptr: str, hint: str, module: str, taken: set[str]
    ) -> BodyIR | None:
        if raw is None:
            return None
        node, bdoc, bptr = self.loader.deref(raw, doc, ptr)
        body = RequestBody.of(node)
        content = body.content
        if not content:
            self.diags.warn("body-invalid", bptr, "a request body needs `content`; none is sent")
            return None
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
        schema = media.schema if media.has_schema else {}
        sptr = pointer_join(bptr, "content", ct, "schema")
        required = body.required
        node, ndoc, nptr = self.loader.deref(schema, bdoc, sptr)
        body_schema = SchemaObject.of(node)
        shape = (
            self.schemas.object_shape(body_schema, ndoc, nptr)
            if body_schema is not None and kind != "raw"
            else None
        )
        if shape is not None and shape[0]:
            props, req, _extra = shape
            req = req - self._configured_optional(ndoc, nptr)
            fields: list[FieldDef] = []
            files: set[str] = set()
            # body properties named after the body's own schema when it has a name; else the operation
            owner = hint + "Body"  # inline property types are named `<Resource><Verb>Body<Prop>`
            for wire, pschema, pdoc, pptr in props:
                t = self.schemas.type_of(pschema, pdoc, pptr, owner + pascal_case(wire), module)
                inner, nullable = strip_none(t)
                if kind == "multipart" and (
                    _mentions_file(inner) or self._schema_is_file(pschema, pdoc, pptr)
                ):
                    files.add(wire)
                    if not _mentions_file(inner):
                        # a $ref to a named binary schema: the argument takes a file, typed so
                        inner = ListOf(Prim("file")) if isinstance(inner, ListOf) else Prim("file")
                p_schema = SchemaObject.of(pschema) or SchemaObject({})
                fields.append(
                    FieldDef(
                        wire,
                        unique(identifier(wire, METHOD_RESERVED_ARGS), taken),
                        inner,
                        wire in req,
                        nullable,
                        documented(p_schema.description, p_schema.raw),
                        p_schema.deprecated,
                    )
                )
            separators: dict[str, str] = {}
            if kind == "form":
                for wire, enc in media.encoding.items():
                    sep = _separator(enc, "form")
                    if sep is not None:
                        separators[wire] = sep
            # a multipart field the spec types (`session: application/json`) is one part of
            # that type; a file's type comes with the file
            part_types = {
                wire: enc.content_type
                for wire, enc in media.encoding.items()
                if kind == "multipart" and enc.content_type and wire not in files
            }
            # a part whose media type the operation also takes as its whole body, a string
            # (realtime.calls.create: the SDP offer alone, or the form with a session)
            alone_parts = frozenset(
                wire
                for wire, part_type in part_types.items()
                if part_type != ct
                and part_type in content
                and self._is_text_body(
                    content[part_type], bdoc, pointer_join(bptr, "content", part_type, "schema")
                )
            )
            first = next(iter(content))
            return BodyIR(
                kind,
                ct,
                tuple(fields),
                None,
                required,
                frozenset(files),
                separators,
                part_types,
                first if kind == "multipart" and files and _is_json(first) else None,
                alone_parts,
            )
        whole = self.schemas.type_of(schema, bdoc, sptr, hint + "Body", module) if schema else None
        taken.add("body")
        return BodyIR(kind, ct, (), whole, required)

    def _configured_optional(self, doc: Document, pointer: str) -> set[str]:
        """Body properties the config's `optional:` loosens for a named body schema: required in
        the document, optional arguments in the official SDK (its callers leave them out)."""
        prefix = "/components/schemas/"
        if doc is not self.loader.main or not pointer.startswith(prefix):
            return set()
        entry = self.schemas.config.types.get(pointer[len(prefix) :])
        return set(entry.optional) if entry is not None else set()

    def _schema_is_file(self, node: Schema, doc: Document, pointer: str, depth: int = 0) -> bool:
        """Is this schema binary content, also behind `$ref`s, in array items or union arms?

        Named schemas may not be built yet when a body is read, so this looks at the schemas."""
        if depth > 8:
            return False
        node, doc, pointer = self.loader.deref(node, doc, pointer)
        schema = SchemaObject.of(node)
        if schema is None:
            return False
        if schema.is_binary:
            return True
        if schema.has("items"):
            return self._schema_is_file(
                schema.items, doc, pointer_join(pointer, "items"), depth + 1
            )
        for key in ("oneOf", "anyOf", "allOf"):
            arms = schema.arms(key)
            if arms is not None and any(
                self._schema_is_file(arm, doc, pointer_join(pointer, key, i), depth + 1)
                for i, arm in enumerate(arms)
            ):
                return True
        return False

    def _is_text_body(self, media: Media, doc: Document, ptr: str) -> bool:
        """Is this media type's body a plain string (not bytes)?"""
        if not media.has_schema:
            return False
        node, _, _ = self.loader.deref(media.schema, doc, ptr)
        schema = SchemaObject.of(node)
        return (
            schema is not None and schema.get("type") == "string" and schema.get("format") is None
        )

    def _pick_body_content(
        self, content: dict[str, Media], doc: Document, ptr: str
    ) -> tuple[str, Media]:
        """JSON first; but a multipart variant that uploads a file wins (`images.edit(image=...)`):
        the official SDK sends files, and a JSON twin can only refer to them by URL or id."""

        def rank(kv: tuple[str, Media]) -> tuple[int, str]:
            ct, media = kv
            uploads = ct.startswith("multipart/") and self._uploads_file(
                media.schema, doc, pointer_join(ptr, ct, "schema"), 0
            )
            if uploads:
                return (-1, ct)
            return (0 if _is_json(ct) else 1 if ct.startswith("multipart/") else 2, ct)

        return min(content.items(), key=rank)

    def _uploads_file(self, schema: Schema, doc: Document, ptr: str, depth: int) -> bool:
        """Does a body schema have a top-level property that is (a list of) binary strings?"""
        node, ndoc, nptr = self.loader.deref(schema, doc, ptr)
        body = SchemaObject.of(node)
        if body is None or depth > 2:
            return False
        if body.format == "binary":
            return True
        if depth > 0 and SchemaObject.of(body.items) is not None:
            return self._uploads_file(body.items, ndoc, pointer_join(nptr, "items"), depth + 1)
        for keyword in ("anyOf", "oneOf", "allOf"):
            for i, member in enumerate(body.arms(keyword) or []):
                if self._uploads_file(member, ndoc, pointer_join(nptr, keyword, str(i)), depth):
                    return True
        if depth == 0:
            for name, prop in (body.properties or {}).items():
                where = pointer_join(nptr, "properties", name)
                if self._uploads_file(prop, ndoc, where, depth + 1):
                    return True
        return False

    # --- responses --------------------------------------------------------------------------

    def _responses(
        self,
        responses: Responses | None,
        doc: Document,
        ptr: str,
        hint: str,
        module: str,
        union_name: str,
    ) -> tuple[ResponseIR, TypeExpr | None]:
        """The plain answer, and the item type of its event stream when it has one."""
        if responses is None:
            self.diags.warn("responses-invalid", ptr, "responses must be a mapping; ignored")
            return ResponseIR("empty", None, None), None
        codes = responses.success_codes
        if not codes:
            return ResponseIR("empty", None, None), None
        media_types = self._media_types(responses, codes, doc, ptr)
        code = codes[0]
        resp, rdoc, rptr = self.loader.deref(responses[code], doc, pointer_join(ptr, code))
        content = Response.of(resp).content
        if not content:
            if code.startswith("3"):
                # a redirect with no body described: what it leads to is the result, as bytes
                return ResponseIR("binary", None, None, media_types), None
            return ResponseIR("empty", None, None, media_types), None
        byte_types = [ct for ct, media in content.items() if media.is_bytes]
        if byte_types:
            # the call returns bytes; a JSON-string or SSE twin of them (video and skill downloads,
            # speech's `stream_format: sse`) is read from the same body, as the official SDK does.
            # Every byte media type is asked for: a video download answers a thumbnail as webp.
            return ResponseIR("binary", None, ", ".join(byte_types), media_types), None
        json_ct = next((ct for ct in content if _is_json(ct)), None)
        sse_ct = next((ct for ct in content if ct.startswith("text/event-stream")), None)
        stream: TypeExpr | None = None
        if sse_ct is not None:
            schema = content[sse_ct].schema
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
            stream = item if item is not None else Prim("object")
        if json_ct is not None:
            schema = content[json_ct].schema
            if schema is None:
                return ResponseIR("json", None, json_ct, media_types), stream
            sptr = pointer_join(rptr, "content", json_ct, "schema")
            t = self.schemas.type_of(schema, rdoc, sptr, hint + "Response", module)
            t = self.schemas.named_union(t, rdoc, sptr, union_name, module)
            return ResponseIR("json", t, json_ct, media_types), stream
        others = [ct for ct in content if ct != sse_ct]
        if not others:
            return ResponseIR("empty", None, sse_ct, media_types), stream
        ct = others[0]
        kind: Literal["text", "binary"] = "text" if _is_text(ct) else "binary"
        return ResponseIR(kind, None, ct, media_types), stream

    def _media_types(
        self, responses: Responses, codes: list[str], doc: Document, ptr: str
    ) -> tuple[str, ...]:
        """Media types of every success answer, JSON first (the order `Accept` lists them in)."""
        found: list[str] = []
        for code in codes:
            resp, _rdoc, _rptr = self.loader.deref(responses[code], doc, pointer_join(ptr, code))
            for ct in Response.of(resp).content:
                if ct not in found:
                    found.append(ct)
        return tuple(sorted(found, key=lambda ct: 0 if _is_json(ct) else 1))

    # --- pagination -------------------------------------------------------------------------

    def _page(
        self,
        read: ReadOperation,
        params: tuple[ParamIR, ...],
        response: ResponseIR,
        defs: dict[str, TypeDef],
    ) -> PageIR | None:
        """A list call's page: as the config says (`page:`, see config.PAGE_KINDS), else as its
        answer (a `data` list) and its query (`after`, ...) show."""
        place = self.placements[read.operation_id]
        page = self._page_kind(read, params, response, defs)
        if page is None or place.page_item is None:
            if place.page_item is not None:
                raise GeneratorError(
                    "config-invalid",
                    read.pointer,
                    f"{read.operation_id} has a page_item but answers no page",
                )
            return page
        item = self.schemas.named(place.page_item)
        if item is None:
            raise GeneratorError(
                "config-invalid",
                read.pointer,
                f"page_item of {read.operation_id}: no schema or copy {place.page_item!r}",
            )
        return PageIR(page.kind, item)

    def _page_kind(
        self,
        read: ReadOperation,
        params: tuple[ParamIR, ...],
        response: ResponseIR,
        defs: dict[str, TypeDef],
    ) -> PageIR | None:
        forced = self.placements[read.operation_id].page
        model = defs.get(response.type.key) if isinstance(response.type, Named) else None
        by_wire = {f.wire: f for f in model.fields} if isinstance(model, ModelDef) else {}
        data = by_wire.get("data")
        if forced is not None:
            if data is None or not isinstance(data.type, ListOf):
                raise GeneratorError(
                    "page-not-list",
                    read.pointer,
                    f"{read.operation_id} is configured as a page but its response has no "
                    "`data` list",
                )
            return PageIR(cast(PageKind, "page" if forced == "single" else forced), data.type.item)
        if read.http_method != "get" or response.kind != "json" or data is None:
            return None
        if not isinstance(data.type, ListOf):
            return None
        query = {p.wire for p in params if p.location == "query"}
        if "has_more" in by_wire and "after" in query:
            return PageIR("cursor", data.type.item)
        if "object" in by_wire and not query & {"after", "before", "page", "cursor", "page_token"}:
            return PageIR("page", data.type.item)
        return None


def _result_by(
    read: ReadOperation,
    config: ResultByConfig | None,
    params: tuple[ParamIR, ...],
    body: BodyIR | None,
    response: ResponseIR,
    defs: Mapping[str, TypeDef],
) -> ResultByIR | None:
    """Config `result_by:` checked against the operation: the argument is one of its query or
    body arguments, each type a member of its result union (by name) or `str`."""
    if config is None:
        return None
    where = f"{read.operation_id}: result_by"
    fields = [*(p for p in params if p.location == "query"), *(body.fields if body else ())]
    argument = next((f.name for f in fields if f.wire == config.argument), None)
    if argument is None:
        raise GeneratorError(
            "config-invalid", read.pointer, f"{where}: no argument {config.argument!r}"
        )
    members: dict[str, TypeExpr] = {"str": Prim("str")}
    union = response.type
    while isinstance(union, Named) and isinstance(defs.get(union.key), AliasDef):
        union = cast("AliasDef", defs[union.key]).type  # `TranscriptionCreateResponse`
    for arm in union.members if isinstance(union, UnionOf) else (union,) if union else ():
        if isinstance(arm, Named) and arm.key in defs:
            members[defs[arm.key].name] = arm

    def member(name: str) -> TypeExpr:
        if name not in members:
            raise GeneratorError(
                "config-invalid",
                read.pointer,
                f"{where}: {name!r} is not a member of the result ({', '.join(sorted(members))})",
            )
        return members[name]

    return ResultByIR(
        argument,
        tuple((value, member(name)) for value, name in config.types),
        member(config.default),
    )


def _binary(read: ReadOperation, response: ResponseIR) -> ResponseIR:
    """`response: binary` in the config: a text answer is returned as binary content."""
    if response.kind != "text":
        raise GeneratorError(
            "config-invalid",
            read.pointer,
            f"{read.operation_id}: `response: binary` needs a non-JSON answer, "
            f"not a {response.kind} one",
        )
    return ResponseIR("binary", None, response.content_type, response.media_types)


_SEPARATORS = {"pipeDelimited": "|", "spaceDelimited": " "}


def _separator(styled: Styled, default_style: str) -> str | None:
    """The separator a parameter's `style`/`explode` joins its list with; None to repeat it."""
    style = styled.style or default_style
    if style in _SEPARATORS:
        return _SEPARATORS[style]
    explode = styled.explode
    if style == "form" and explode is False:
        return ","
    return None


def _stream_flag(
    params: list[ParamIR], body: BodyIR | None, response: ResponseIR
) -> tuple[str | None, str | None]:
    """The argument that switches an operation to its event stream, and the value that does.

    The `stream` flag is a body field (POST) or a query parameter (GET /responses/{id}); an
    operation answering bytes or text may pick events by an enum field (`stream_format: sse`)."""
    fields = list(body.fields) if body is not None else []
    flag = next((f for f in fields if f.wire == "stream"), None)
    query_flag = next((p for p in params if p.wire == "stream" and p.location == "query"), None)
    if flag is not None or query_flag is not None:
        return (flag.name if flag else query_flag.name if query_flag else None), None
    if response.kind in ("binary", "text"):
        selector = next((f for f in fields if _sse_choice(f.type)), None)
        if selector is not None:
            return selector.name, _sse_choice(selector.type)
    return None, None


def _sse_choice(t: TypeExpr) -> str | None:
    """The enum value of a field that selects an event stream (`sse`, `event-stream`), if any."""
    from .ir import LiteralOf

    if isinstance(t, LiteralOf):
        for value in t.values:
            if isinstance(value, str) and value.lower() in (
                "sse",
                "event-stream",
                "text/event-stream",
            ):
                return value
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
