"""JSON Schema → type expressions and named types, with names taken from each schema's place.

A schema is read through `spec_view.SchemaObject` (its keywords typed as read); its subschemas
stay raw `Schema` nodes until they are read in turn."""

from __future__ import annotations

from pathlib import Path
from typing import cast

from .config import Config
from .docfacts import documented
from .errors import Diagnostics, GeneratorError, pointer_join
from .ir import (
    NONE,
    AliasDef,
    FieldDef,
    ListOf,
    LiteralOf,
    MapOf,
    ModelDef,
    Named,
    Prim,
    TypeDef,
    TypeExpr,
    UnionOf,
    optional,
    strip_none,
)
from .loader import Document, Loader
from .naming import (
    MODEL_RESERVED_FIELDS,
    class_name,
    identifier,
    module_name,
    pascal_case,
    singular,
    unique,
)
from .spec_view import (
    ANNOTATION_KEYS,
    OBJECT_KEYS,
    VALIDATION_KEYS,
    OpenAPI,
    Schema,
    SchemaObject,
)

_PRIMS: dict[str, TypeExpr] = {
    "string": Prim("str"),
    "integer": Prim("int"),
    "number": Prim("float"),
    "boolean": Prim("bool"),
    "null": NONE,
}


def _module_from_config(module: str) -> str:
    return ".".join(module_name(part) for part in module.strip("/").replace(".", "/").split("/"))


class SchemaBuilder:
    """Builds every named type once. Keys are `<document>#<pointer>` of the schema they came from."""

    def __init__(self, loader: Loader, config: Config, diags: Diagnostics) -> None:
        self.loader = loader
        self.config = config
        self.diags = diags
        self.defs: dict[str, TypeDef] = {}
        # class names are unique per module (two modules may both define `Choice`, as the SDK does)
        self.names: dict[str, set[str]] = {}
        self._key_of: dict[tuple[Path, str], str] = {}
        self._pending: list[tuple[str, Schema, Document, str]] = []
        self._in_progress: set[str] = set()
        self.component_keys: list[str] = []
        self._schema_class_names: set[str] = set()
        # configured names ending in `Param` name the request-side twin: key -> (name, module)
        self.param_overrides: dict[str, tuple[str, str]] = {}
        # (module, name, type) of an inline alias the config names by pointer -> its key
        self._configured: dict[tuple[str, str, TypeExpr], str] = {}
        # config `use:` entries applied (a place's pointer that is never read is a config error)
        self._uses_applied: set[str] = set()
        # config `discriminators:` pointers read (one no union is at is a config error)
        self._discriminators_read: set[str] = set()
        # the key of a schema the config has another stand for (`use:`) -> that other's key
        self.stand_ins: dict[str, str] = {}
        # a `copy_of:` entry's name -> the copy's key (what a place's `use:` may name)
        self._copy_keys: dict[str, str] = {}
        # the `copy_of:` entry whose own places are being built (None: a schema's own class):
        # a place's `use:` keyed `<entry>#<pointer>` answers that copy's place alone
        self._scope: str | None = None

    # --- registration ---------------------------------------------------------------------

    def register_components(self) -> None:
        """Claim names for every components/schemas entry before any inline type is named."""
        schemas = OpenAPI(self.loader.main.root).components.schemas
        # every name a schema has or is given: a request-side rename must not take one of them
        self._schema_class_names = {class_name(n) for n in schemas} | {
            class_name(t.name) for t in self.config.types.values() if t.name
        }
        configured = [n for n in schemas if n in self.config.types and self.config.types[n].name]
        others = [n for n in schemas if n not in configured]
        for name in configured + others:
            pointer = pointer_join("/components/schemas", name)
            key = self._register(self.loader.main, pointer, name, None)
            self.component_keys.append(key)
        for entry, override in self.config.types.items():
            if override.copy_of is not None:
                self._register_copy(entry, override.copy_of, schemas)

    def _register_copy(self, entry: str, source: str, schemas: dict[str, Schema]) -> None:
        """Config `copy_of:`: the schema (a components schema's name, or the JSON pointer of one
        written in place) again, as a type of its own named by the entry. Refs keep reaching the
        schema's own type; the copy shares its nested types but where a place's `use:` is keyed
        by the entry (`<entry>#<pointer>`)."""
        if entry in schemas:
            raise GeneratorError(
                "config-invalid", f"/types/{entry}", "a copy's key must not be a schema's name"
            )
        if source.startswith("/"):
            if not self._inline_schema(source):
                raise GeneratorError(
                    "config-invalid",
                    f"/types/{entry}/copy_of",
                    f"no schema written in place at {source!r}",
                )
            pointer = source
        elif source in schemas:
            pointer = pointer_join("/components/schemas", source)
        else:
            raise GeneratorError(
                "config-invalid", f"/types/{entry}/copy_of", f"no schema {source!r}"
            )
        self._copy_keys[entry] = self._register(self.loader.main, pointer, entry, None, copy=True)

    def _inline_schema(self, pointer: str) -> bool:
        """Whether a pointer of the main document reaches a schema written in place (an object,
        not a `$ref`) under a components schema."""
        if not pointer.startswith("/components/schemas/") or pointer.count("/") < 4:
            return False
        try:
            node = self.loader.main.at(pointer)
        except Exception:  # no such place
            return False
        return isinstance(node, dict) and "$ref" not in node

    def _register(
        self,
        doc: Document,
        pointer: str,
        schema_name: str,
        module: str | None,
        *,
        copy: bool = False,
    ) -> str:
        """`copy`: `schema_name` is the key of a `copy_of:` entry, not the schema's name."""
        key = f"{doc.path.name}#{pointer}"
        if copy:
            key += f"@{schema_name}"
        else:
            self._key_of[(doc.path, pointer)] = key
        override = self.config.types.get(schema_name)
        wanted = override.name if override and override.name else schema_name
        configured_module = (
            _module_from_config(override.module) if override and override.module else None
        )
        if override and override.param_name:
            param_module = _module_from_config(
                override.param_module or (override.module or wanted) + "_param"
            )
            self.param_overrides[key] = (class_name(override.param_name), param_module)
        elif not copy and self._names_request_type(wanted, configured_module):
            # (a copy is a model alone, in the module its place's class is: the SDK has model
            # modules named `..._param` too, `response_tool_search_output_item_param`)
            # a request-side name (`...Param`, or a module `..._param`): it names the TypedDict; the
            # model keeps a plain name (the schema's own, minus the suffix when that is free)
            twin = class_name(wanted)
            self.param_overrides[key] = (twin, configured_module or module_name(twin))
            stripped = _strip_param(twin)
            if stripped == twin:
                pass  # `File` in a `_param` module: the model is `File` too, in its own module
            elif wanted == schema_name and stripped not in self._schema_class_names:
                wanted = stripped  # a schema called `FooParam`: its model is `Foo`
            else:
                wanted = (
                    schema_name  # renamed to `...Param` by the config: the model keeps its name
                )
            configured_module = None
            twin_module = self.param_overrides[key][1]
            self.names.setdefault(twin_module, set()).add(twin)  # keep it for the TypedDict alone
        if configured_module:
            module = configured_module
        name = self._claim(class_name(wanted), pointer, module)
        if module is None:
            module = module_name(name)
        # placeholder so recursive refs resolve; replaced when built
        self.defs[key] = AliasDef(key, name, module, pointer, None, Prim("object"), schema_name)
        self._pending.append((key, doc.at(pointer), doc, pointer))
        return key

    def _claim(self, name: str, pointer: str, module: str | None) -> str:
        """Reserve `name` in `module` (None: the module named after the class, `module_name(name)`)."""

        def taken(candidate: str) -> set[str]:
            return self.names.setdefault(module or module_name(candidate), set())

        if name not in taken(name):
            taken(name).add(name)
            return name
        # a second place produced the same name: lengthen it with words from its pointer
        words = [
            pascal_case(p) for p in pointer.split("/") if p and p not in ("properties", "items")
        ]
        for word in reversed(words[-3:]):
            candidate = class_name(name + word) if word and not name.endswith(word) else ""
            if candidate and candidate not in taken(candidate):
                taken(candidate).add(candidate)
                return candidate
        final = name
        while final in taken(final):
            final += "_"
        taken(final).add(final)
        return final

    def named(self, name: str) -> Named | None:
        """The type of the schema ``name``, or of the `copy_of:` copy its `types` entry names."""
        key = self._copy_keys.get(name) or self._key_of.get(
            (self.loader.main.path, pointer_join("/components/schemas", name))
        )
        return None if key is None else Named(key)

    def _used(self, entry: str) -> Named:
        """Config `use:`: the type of the schema the entry names, in place of its own; or of a
        `copy_of:` copy the entry names (a place answering the SDK's class of its own)."""
        target = self.config.types[entry].use
        key = self._copy_keys.get(target or "") or self._key_of.get(
            (self.loader.main.path, pointer_join("/components/schemas", target or ""))
        )
        if key is None:
            raise GeneratorError("config-invalid", f"/types/{entry}/use", f"no schema {target!r}")
        self._uses_applied.add(entry)
        return Named(key)

    def _use_at(self, doc: Document, pointer: str) -> str | None:
        """The config entry with `use:` for this place of the document, if any. Within a copy's
        own places, only an entry keyed by the copy (`<copy entry>#<pointer>`): the schema's own
        places answer its own class, not the copies of it."""
        place = f"{self._scope}#{pointer}" if self._scope is not None else pointer
        entry = self.config.types.get(place)
        if entry is None or entry.use is None or doc.path != self.loader.main.path:
            return None
        return place

    def unapplied_uses(self) -> list[str]:
        """The `use:` entries keyed by a place that no schema has (a typo would change nothing)."""
        return [
            entry
            for entry, override in self.config.types.items()
            if override.use is not None and entry not in self._uses_applied
        ]

    def unread_discriminators(self) -> list[str]:
        """The `discriminators:` pointers at which no union was built (a typo would change
        nothing)."""
        return [p for p in self.config.discriminators if p not in self._discriminators_read]

    def claim(self, name: str, pointer: str, module: str) -> str:
        return self._claim(name, pointer, module)

    def _names_request_type(self, wanted: str, configured_module: str | None) -> bool:
        """Does this name (or configured module) denote the request-side TypedDict of a schema?"""
        if configured_module and configured_module.endswith(("_param", "_params")):
            return True
        stripped = _strip_param(class_name(wanted))
        return stripped != class_name(wanted) and stripped not in self._schema_class_names

    def claim_twin(self, wanted: str, model_name: str, module: str) -> str:
        """Name of a request-side twin: `<Model>Param`, else `<Model>RequestParam` if taken."""
        taken = self.names.setdefault(module, set())
        for candidate in (wanted, class_name(model_name + "RequestParam")):
            if candidate not in taken:
                taken.add(candidate)
                return candidate
        return unique(wanted, taken)

    def build_all(self) -> None:
        while self._pending:
            key, node, doc, pointer = self._pending.pop(0)
            self._build_named(key, node, doc, pointer)

    def unbuilt(self) -> list[str]:
        """Pointers of the registered types not built yet."""
        return [pointer for _key, _node, _doc, pointer in self._pending]

    def _build_named(self, key: str, node: Schema, doc: Document, pointer: str) -> None:
        placeholder = self.defs[key]
        self._in_progress.add(key)
        # a copy's places are its own (`<entry>#<pointer>`); its key ends in `@<entry>`
        self._scope = placeholder.schema_name if "@" in key else None
        try:
            built = self._define(
                node,
                doc,
                pointer,
                placeholder.name,
                placeholder.module,
                key,
                schema_name=placeholder.schema_name,
            )
        except (GeneratorError, RecursionError):
            raise  # unresolvable/unreadable input: no working client can come of it
        except Exception as exc:  # a generator bug: this one type degrades, the client stays
            self.diags.warn(
                "schema-internal-error",
                pointer,
                f"{type(exc).__name__}: {exc}; typed as `object`",
                "please report this input",
            )
            built = AliasDef(
                key,
                placeholder.name,
                placeholder.module,
                pointer,
                None,
                Prim("object"),
                placeholder.schema_name,
            )
        finally:
            self._in_progress.discard(key)
            self._scope = None
        self.defs[key] = built

    def _degrade(self, code: str, pointer: str, message: str, hint: str = "") -> TypeExpr:
        """A construct we cannot type: a warning naming its place, and `object` for it alone."""
        self.diags.warn(code, pointer, f"{message}; typed as `object`", hint)
        return Prim("object")

    # --- named definition -----------------------------------------------------------------

    def _define(
        self,
        node: Schema,
        doc: Document,
        pointer: str,
        name: str,
        module: str,
        key: str,
        schema_name: str | None = None,
    ) -> TypeDef:
        """Turn a schema that has a name into a model (objects) or an alias (everything else);
        `schema_name`: its components/schemas name, when it has one."""
        schema = SchemaObject.of(node)
        if schema is None:
            if node is not True:
                self._degrade("schema-invalid", pointer, "a schema must be an object or boolean")
            return AliasDef(key, name, module, pointer, None, Prim("object"), schema_name)
        doc_text = schema.doc
        entry = self.config.types.get(schema_name) if schema_name is not None else None
        if entry is not None and entry.use is not None and entry.copy_of is None:
            # its module keeps the name, for the type that stands for it everywhere
            used = self._used(schema_name or "")
            self.stand_ins[key] = used.key
            return AliasDef(key, name, module, pointer, doc_text, used, schema_name)
        merged = self.object_shape(schema, doc, pointer)
        if merged is not None:
            properties, required, extra = merged
            if properties or not extra:
                fields = self._fields(properties, required, doc, pointer, name, module)
                base = None
                if entry is not None and entry.subclass:
                    base = self._base(schema, doc, pointer)
                    if base is None:
                        raise GeneratorError(
                            "config-invalid",
                            f"/types/{schema_name}/subclass",
                            "a subclass extends a schema: its allOf needs a $ref member",
                        )
                return ModelDef(key, name, module, pointer, doc_text, fields, schema_name, base)
        expr = self._expr(schema.raw, doc, pointer, name, module, named=True)
        return AliasDef(key, name, module, pointer, doc_text, expr, schema_name)

    def _base(self, schema: SchemaObject, doc: Document, pointer: str) -> str | None:
        """The key of the named schema an `allOf` extends (its first `$ref` member), if any."""
        for i, member in enumerate(schema.arms("allOf") or []):
            if isinstance(member, dict) and "$ref" in member:
                _node, m_doc, m_ptr = self.loader.deref(
                    member, doc, pointer_join(pointer, "allOf", i)
                )
                return self._key_of.get((m_doc.path, m_ptr))
        return None

    def object_shape(
        self, schema: SchemaObject, doc: Document, pointer: str
    ) -> tuple[list[tuple[str, Schema, Document, str]], set[str], bool] | None:
        """Properties/required of an object schema, merging `allOf` members; None if not an object."""
        if schema.has("allOf"):
            members = schema.arms("allOf")
            if not members:
                return None  # not an object shape; `_expr` reports the malformed allOf
            shapes = []
            for i, member in enumerate(members):
                if _is_trivial(member):
                    continue
                m_node, m_doc, m_ptr = self.loader.deref(
                    member, doc, pointer_join(pointer, "allOf", i)
                )
                m_schema = SchemaObject.of(m_node)
                if m_schema is None:
                    return None
                shape = self.object_shape(m_schema, m_doc, m_ptr)
                if shape is None:
                    return None
                shapes.append(shape)
            props: dict[str, tuple[str, Schema, Document, str]] = {}
            required = schema.required
            extra = False
            for p_list, req, ex in shapes:
                for entry in p_list:
                    props[entry[0]] = entry
                required |= req
                extra = extra or ex
            own = self.object_shape(schema.without("allOf"), doc, pointer)
            if own:
                for entry in own[0]:
                    props[entry[0]] = entry
                required |= own[1]
            return list(props.values()), required, extra
        if any(schema.has(k) for k in ("enum", "const", "items")) or any(
            schema.has(k) and not _only_constraints(schema.get(k)) for k in ("oneOf", "anyOf")
        ):
            return None
        types = schema.types
        if not (types == {"object"} or (not types and any(schema.has(k) for k in OBJECT_KEYS))):
            return None
        properties = schema.properties
        if properties is None:
            self.diags.warn(
                "properties-invalid",
                pointer_join(pointer, "properties"),
                "must be a mapping; the object's properties are left untyped",
            )
            properties = {}
        props_list = [
            (name, pschema, doc, pointer_join(pointer, "properties", name))
            for name, pschema in properties.items()
        ]
        return props_list, schema.required, schema.open_ended

    def _is_object_member(self, member: Schema, doc: Document, pointer: str, i: int) -> bool:
        m_node, m_doc, m_ptr = self.loader.deref(member, doc, pointer_join(pointer, "allOf", i))
        m_schema = SchemaObject.of(m_node)
        return m_schema is not None and self.object_shape(m_schema, m_doc, m_ptr) is not None

    def _fields(
        self,
        properties: list[tuple[str, Schema, Document, str]],
        required: set[str],
        doc: Document,
        pointer: str,
        owner: str,
        module: str,
    ) -> tuple[FieldDef, ...]:
        fields: list[FieldDef] = []
        taken: set[str] = set()
        for wire, pschema, pdoc, pptr in properties:
            # a property merged in from another named schema (allOf) is named after that schema,
            # so its inline types get the same name whichever schema is built first
            defined_in = self._key_of.get((pdoc.path, pptr.rsplit("/properties/", 1)[0]))
            source = self.defs.get(defined_in) if defined_in else None
            p_owner, p_module = (source.name, source.module) if source else (owner, module)
            hint = compose(p_owner, pascal_case(wire))
            expr = self.type_of(pschema, pdoc, pptr, hint, p_module)
            inner, nullable = strip_none(expr)
            name = unique(identifier(wire, MODEL_RESERVED_FIELDS), taken)
            p_schema = SchemaObject.of(pschema) or SchemaObject({})
            fields.append(
                FieldDef(
                    wire=wire,
                    name=name,
                    type=inner,
                    required=wire in required,
                    nullable=nullable,
                    doc=documented(p_schema.doc, p_schema.raw),
                    deprecated=p_schema.deprecated,
                )
            )
        return tuple(fields)

    # --- type expressions ------------------------------------------------------------------

    def type_of(
        self, node: Schema, doc: Document, pointer: str, hint: str, module: str
    ) -> TypeExpr:
        """The type of a schema in some place; inline objects become named types called `hint`."""
        return self._expr(node, doc, pointer, hint, module, named=False)

    def named_union(
        self, expr: TypeExpr, doc: Document, pointer: str, hint: str, module: str
    ) -> TypeExpr:
        """An inline union as a named alias, so a call can parse into it (the smart-union rules,
        or its discriminator) instead of returning plain data."""
        inner, nullable = strip_none(expr)
        if not isinstance(inner, UnionOf):
            return expr
        key = f"{doc.path.name}#{pointer}"
        if key not in self.defs:
            name = self._claim(class_name(hint), pointer, module)
            self.defs[key] = AliasDef(key, name, module, pointer, None, inner)
        self._key_of[(doc.path, pointer)] = key
        return optional(Named(key)) if nullable else Named(key)

    def _configured_alias(
        self, expr: TypeExpr, doc: Document, pointer: str, hint: str, module: str
    ) -> TypeExpr:
        """An inline enum, list or union that the config names by its JSON pointer: a named alias
        (the official SDK names many that the upstream document leaves inline, e.g. `FilePurpose`).
        An entry with only `param` names the request-side alias; the other keeps its place's name."""
        override = self.config.types.get(pointer)
        if override is None or not (override.name or override.param_name):
            return expr
        inner, nullable = strip_none(expr)
        if override.module:
            module = _module_from_config(override.module)
        wanted = class_name(override.name or hint)
        key = f"{doc.path.name}#{pointer}"
        # several places of the same enum may carry one name (`include` of three run operations)
        key = self._configured.setdefault((module, wanted, inner), key)
        if key not in self.defs:
            name = self._claim(wanted, pointer, module)
            if override.param_name:
                self.param_overrides[key] = (
                    class_name(override.param_name),
                    _module_from_config(override.param_module or module + "_param"),
                )
            self.defs[key] = AliasDef(key, name, module, pointer, None, inner)
        self._key_of[(doc.path, pointer)] = key
        return optional(Named(key)) if nullable else Named(key)

    def _ref(
        self, schema: SchemaObject, doc: Document, pointer: str, hint: str, module: str
    ) -> TypeExpr:
        resolved = self.loader.resolve(cast(str, schema.ref), doc, pointer)
        parts = [p for p in resolved.pointer.split("/") if p]
        if (
            len(parts) == 3
            and parts[:2] == ["components", "schemas"]
            and resolved.document.path == self.loader.main.path
            and (entry := self.config.types.get(parts[2])) is not None
            and entry.use is not None
        ):
            return self._used(parts[2])  # the schema the config says stands for this one
        location = (resolved.document.path, resolved.pointer)
        if location in self._key_of:
            return Named(self._key_of[location])
        target = resolved.node
        # refs to something that is not a components schema: name it after its own place
        if len(parts) == 3 and parts[:2] == ["components", "schemas"]:
            schema_name = parts[2]
        elif parts:
            schema_name = hint
        else:
            schema_name = resolved.document.path.stem
        if _is_named_worthy(target):
            key = self._register(resolved.document, resolved.pointer, schema_name, None)
            return Named(key)
        return self.type_of(target, resolved.document, resolved.pointer, hint, module)

    def _expr(
        self, node: Schema, doc: Document, pointer: str, hint: str, module: str, *, named: bool
    ) -> TypeExpr:
        if node is True or node is None:
            return Prim("object")
        if node is False:
            return NONE
        schema = SchemaObject.of(node)
        if schema is None:
            return self._degrade(
                "schema-invalid", pointer, f"a schema must be an object, got {type(node).__name__}"
            )
        place = self._use_at(doc, pointer)
        if place is not None:
            expr = self._used(place)
            return optional(expr) if schema.nullable else expr
        if schema.has("$ref"):
            expr = self._ref(schema, doc, pointer, hint, module)
            return optional(expr) if schema.nullable else expr
        expr = self._expr_inner(schema, doc, pointer, hint, module, named=named)
        if not named and not isinstance(expr, Named):
            expr = self._configured_alias(expr, doc, pointer, hint, module)
        if schema.nullable or ("null" in schema.types and not isinstance(expr, UnionOf)):
            expr = optional(expr)
        return expr

    def _expr_inner(
        self,
        schema: SchemaObject,
        doc: Document,
        pointer: str,
        hint: str,
        module: str,
        *,
        named: bool,
    ) -> TypeExpr:
        if schema.has("const"):
            return _literal([schema.const]) or Prim("object")
        if schema.has("enum"):
            values = schema.enum
            if values is None:
                self.diags.warn(
                    "enum-invalid", pointer_join(pointer, "enum"), "must be a list; ignored"
                )
                values = []
            literal = _literal(values) if values else None
            if literal is not None:
                return literal
            return self._plain(schema, doc, pointer, hint, module)
        for key in ("oneOf", "anyOf"):
            if schema.has(key):
                return self._union(schema, key, doc, pointer, hint, module)
        if schema.has("allOf"):
            members = schema.arms("allOf")
            if not members:
                return self._degrade(
                    "allof-invalid", pointer_join(pointer, "allOf"), "must be a non-empty list"
                )
            real = [(i, m) for i, m in enumerate(members) if not _is_trivial(m)]
            if len(real) == 1:
                # a wrapper that only adds a description, default or `null` keeps its member's type
                i, member = real[0]
                expr = self._expr(
                    member, doc, pointer_join(pointer, "allOf", i), hint, module, named=False
                )
                others = [m for j, m in enumerate(members) if j != i]
                return optional(expr) if any(_allows_null(m) for m in others) else expr
            if self.object_shape(schema, doc, pointer) is not None:
                return self._inline_model(schema, doc, pointer, hint, module, named)
            shapeless = [(i, m) for i, m in real if not self._is_object_member(m, doc, pointer, i)]
            if len(shapeless) == 1:
                # a union extended with a few properties: keep the union; the extension's
                # properties still parse (models allow extra fields) but are not typed
                i, member = shapeless[0]
                self.diags.warn(
                    "allof-extension-untyped",
                    pointer,
                    "allOf extends a non-object member with object properties; those stay untyped",
                    "move the extra properties into each union member",
                )
                return self._expr(
                    member, doc, pointer_join(pointer, "allOf", i), hint, module, named=False
                )
            return self._narrow_allof(real, doc, pointer, hint, module)
        return self._plain(schema, doc, pointer, hint, module, named=named)

    def _narrow_allof(
        self, real: list[tuple[int, Schema]], doc: Document, pointer: str, hint: str, module: str
    ) -> TypeExpr:
        """`allOf` of non-object members: the one type every member agrees on, else `object`.

        Members that only add validation keywords (`{maxLength: 5}` next to a `$ref` to a string
        schema) do not change the type; the others must all give the same type expression.
        """
        typed = [(i, m) for i, m in real if not _only_validation(m)] or real
        exprs = [
            self._expr(m, doc, pointer_join(pointer, "allOf", i), hint, module, named=False)
            for i, m in typed
        ]
        if all(e == exprs[0] for e in exprs[1:]):
            if len(typed) < len(real):
                self.diags.warn(
                    "allof-constraints-unchecked",
                    pointer,
                    "allOf adds validation keywords to a non-object type; they are not checked",
                )
            return exprs[0]
        return self._degrade(
            "allof-unsupported",
            pointer,
            "allOf of non-object members with different types",
            "use a single member or objects only",
        )

    def _plain(
        self,
        schema: SchemaObject,
        doc: Document,
        pointer: str,
        hint: str,
        module: str,
        *,
        named: bool = False,
    ) -> TypeExpr:
        types = schema.types
        non_null = sorted(types - {"null"})
        if len(non_null) > 1:
            members = tuple(
                self._plain(schema.with_type(t), doc, pointer, hint + pascal_case(t), module)
                for t in non_null
            )
            return UnionOf(members)
        kind = non_null[0] if non_null else None
        if kind is None and any(schema.has(k) for k in OBJECT_KEYS):
            kind = "object"
        if kind is None and schema.has("items"):
            kind = "array"
        if kind == "array":
            items = schema.items
            item_hint = hint + "Item" if named else _item_hint(hint)
            return ListOf(
                self.type_of(items, doc, pointer_join(pointer, "items"), item_hint, module)
            )
        if kind == "object":
            shape = self.object_shape(schema, doc, pointer)
            if shape and shape[0]:
                return self._inline_model(schema, doc, pointer, hint, module, named)
            extra = SchemaObject.of(schema.additional_properties)
            if extra is not None and extra.keywords:
                value = self.type_of(
                    extra.raw,
                    doc,
                    pointer_join(pointer, "additionalProperties"),
                    hint + "Value",
                    module,
                )
                return MapOf(value)
            return MapOf(Prim("object"))
        if kind == "string":
            return Prim("file") if schema.is_binary else Prim("str")
        if kind in _PRIMS:
            return _PRIMS[kind]
        if kind is None:
            if set(types) == {"null"}:
                return NONE
            return Prim("object")
        return self._degrade(
            "type-unknown", pointer_join(pointer, "type"), f"unknown schema type {kind!r}"
        )

    def _inline_model(
        self, schema: SchemaObject, doc: Document, pointer: str, hint: str, module: str, named: bool
    ) -> TypeExpr:
        key = f"{doc.path.name}#{pointer}"
        if key in self.defs:
            return Named(key)
        # the config may name an inline object by its JSON pointer (the SDK names many of them)
        override = self.config.types.get(pointer)
        if override is not None and override.module and override.name:
            module = _module_from_config(override.module)
        if override is not None and override.name:
            name = self._claim(class_name(override.name), pointer, module)
        else:
            # a named alias whose value is this object (e.g. `anyOf` wrapper): the model is `...Object`
            name = self._claim(class_name(hint + "Object" if named else hint), pointer, module)
        if override is not None and override.param_name:
            param_module = override.param_module or module + "_param"
            self.param_overrides[key] = (
                class_name(override.param_name),
                _module_from_config(param_module),
            )
        self._key_of[(doc.path, pointer)] = key
        self.defs[key] = AliasDef(key, name, module, pointer, None, Prim("object"))
        self._in_progress.add(key)
        # an inline object is one type wherever it is reached from (a copy of the schema
        # around it too): its places are its own, not the copy's
        scope, self._scope = self._scope, None
        try:
            self.defs[key] = self._define(schema.raw, doc, pointer, name, module, key)
        finally:
            self._in_progress.discard(key)
            self._scope = scope
        return Named(key)

    def _union(
        self, schema: SchemaObject, key: str, doc: Document, pointer: str, hint: str, module: str
    ) -> TypeExpr:
        arms = schema.arms(key)
        if not arms:
            return self._degrade(
                "union-invalid", pointer_join(pointer, key), "must be a non-empty list"
            )
        arm_names = _arm_names(arms, self.loader, doc, pointer_join(pointer, key))
        members: list[TypeExpr] = []
        nullable = False
        for i, arm in enumerate(arms):
            arm_ptr = pointer_join(pointer, key, i)
            expr = self.type_of(arm, doc, arm_ptr, compose(hint, arm_names[i]), module)
            inner, is_null = strip_none(expr)
            nullable = nullable or is_null
            if inner == NONE:
                nullable = True
                continue
            parts = (
                inner.members
                if isinstance(inner, UnionOf) and inner.discriminator is None
                else (inner,)
            )
            for part in parts:
                if part not in members:
                    members.append(part)
        disc_name: str | None = schema.discriminator or "?"  # "?": decide once all models exist
        if doc.path == self.loader.main.path and pointer in self.config.discriminators:
            # the official SDK's own decision for this union (None: a plain union)
            disc_name = self.config.discriminators[pointer]
            self._discriminators_read.add(pointer)
        result: TypeExpr
        if not members:
            result = NONE
        elif len(members) == 1:
            result = members[0]
        else:
            result = UnionOf(tuple(members), disc_name)
        return optional(result) if nullable else result


# --- helpers ----------------------------------------------------------------------------------


def _is_trivial(node: Schema) -> bool:
    """A schema that constrains nothing but nullability: `{}`, `{anyOf: [{}, {type: null}]}`."""
    if node is True:
        return True
    schema = SchemaObject.of(node)
    if schema is None or schema.has("$ref"):
        return False
    keywords = schema.keywords
    if keywords <= ANNOTATION_KEYS:
        return True
    if schema.get("type") == "null" and keywords <= ANNOTATION_KEYS | {"type"}:
        return True
    for key in ("anyOf", "oneOf"):
        arms = schema.arms(key)
        if keywords <= ANNOTATION_KEYS | {key} and arms is not None:
            return all(_is_trivial(m) for m in arms)
    return False


def _only_validation(node: Schema) -> bool:
    """A schema that narrows values but names no type: `{maxLength: 5}`, `{pattern: ...}`."""
    schema = SchemaObject.of(node)
    return (
        schema is not None
        and bool(schema.keywords)
        and schema.keywords <= ANNOTATION_KEYS | VALIDATION_KEYS
    )


def _allows_null(node: Schema) -> bool:
    schema = SchemaObject.of(node)
    if schema is None:
        return False
    if schema.nullable or "null" in schema.types:
        return True
    return any(_allows_null(m) for key in ("anyOf", "oneOf") for m in schema.arms(key) or [])


def _literal(values: list[object]) -> TypeExpr | None:
    kept: list[str | int | bool | None] = []
    has_null = False
    for v in values:
        if v is None:
            has_null = True
        elif isinstance(v, (str, bool, int)):
            if v not in kept or type(kept[kept.index(v)]) is not type(v):
                kept.append(v)
        else:
            return None  # floats, objects: not expressible as Literal
    if not kept:
        return NONE if has_null else None
    lit: TypeExpr = LiteralOf(tuple(kept))
    return optional(lit) if has_null else lit


def _strip_param(name: str) -> str:
    for suffix in ("Params", "Param"):
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def compose(hint: str, word: str) -> str:
    """`hint` + `word`, dropping words they share at the seam: `…Tracing` + `TracingConfiguration`
    gives `…TracingConfiguration`. A word wholly repeated (`InputAudio` + `InputAudio`) is kept,
    since merging would give the parent's own name."""
    left, right = _split_words(hint), _split_words(word)
    if "".join(left) != hint or "".join(right) != word:
        return hint + word
    for size in range(min(len(left), len(right) - 1), 0, -1):
        if left[-size:] == right[:size]:
            return "".join(left) + "".join(right[size:])
    return hint + word


def _item_hint(hint: str) -> str:
    """`ChatCompletionChoices` → `ChatCompletionChoice` for the items of an array property."""
    words = [w for w in _split_words(hint)]
    if not words:
        return hint + "Item"
    last = singular(words[-1])
    if last == words[-1]:
        return hint + "Item"
    return "".join(words[:-1]) + last


def _split_words(name: str) -> list[str]:
    import re

    return re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+|[0-9]+", name)


def _is_named_worthy(node: Schema) -> bool:
    schema = SchemaObject.of(node)
    return schema is not None and bool(schema.keywords)


def _arm_names(arms: list[Schema], loader: Loader, doc: Document, pointer: str) -> list[str]:
    """Words naming each inline union arm after its place in the union: its title, the value of
    its discriminating property (also of the schema it extends), or its shape. A `$ref` arm
    keeps its own name (no word); so does a union that a nullable wrapper makes optional
    (`anyOf: [oneOf: [...], null]`): its arms stand where the wrapper stands. Arms that get the
    same word are told apart by what distinguishes them (`_distinct`)."""
    schemas = [SchemaObject.of(arm) for arm in arms]
    real = [s for s in schemas if s is None or not _is_null_only(s)]
    wrapped = real[0] if len(real) == 1 and real[0] is not None else None
    if wrapped is not None and not (wrapped.has("oneOf") or wrapped.has("anyOf")):
        wrapped = None
    names: list[str] = []
    for i, schema in enumerate(schemas):
        if schema is None or schema.has("$ref") or schema is wrapped:
            names.append("")
        else:
            names.append(_arm_word(schema, loader, doc, pointer_join(pointer, i)))
    return _distinct(names, schemas)


def _distinct(words: list[str], schemas: list[SchemaObject | None]) -> list[str]:
    """`words` with the arms that share one told apart, deterministically: by their shapes
    (`StringArray` / `IntegerArray` where both are titled `array`), else each by what it has that
    the others lack (`...WithVectorStores`, `...Enum`), else by their place (`...First`)."""
    words = list(words)
    for refine in (_shape_words, _own_words):
        for group in _clashes(words):
            refined = refine([schemas[i] for i in group], [words[i] for i in group])
            if refined is not None:
                for i, word in zip(group, refined, strict=True):
                    words[i] = word
    while clashes := _clashes(words):
        for group in clashes:
            for place, i in enumerate(group):
                words[i] += _ORDINALS[place] if place < len(_ORDINALS) else f"No{place + 1}"
    return words


def _clashes(words: list[str]) -> list[list[int]]:
    """The positions of each word more than one arm has (in order)."""
    at: dict[str, list[int]] = {}
    for i, word in enumerate(words):
        if word:
            at.setdefault(word, []).append(i)
    return [group for group in at.values() if len(group) > 1]


def _shape_words(arms: list[SchemaObject | None], words: list[str]) -> list[str] | None:
    """Each arm's shape word, when those differ (titles or values said the same)."""
    shapes = [_shape_word(a) if a is not None else w for a, w in zip(arms, words, strict=True)]
    return shapes if len(set(shapes)) == len(shapes) else None


def _own_words(arms: list[SchemaObject | None], words: list[str]) -> list[str] | None:
    """The shared word followed, for each arm, by the first thing it has that the others lack:
    a property (required ones first: `WithVectorStores`), else a fixed set of values (`Enum`).
    An arm with nothing of its own keeps the bare word; None when that leaves a clash."""
    properties = [_properties(a) for a in arms]
    fixed = [a is not None and (a.has("enum") or a.has("const")) for a in arms]
    refined: list[str] = []
    for i, word in enumerate(words):
        others = {p for j, names in enumerate(properties) if j != i for p in names}
        own = next((p for p in properties[i] if p not in others), None)
        if own is not None:
            refined.append(compose(word, "With" + pascal_case(own)))
        elif fixed[i] and not all(f for j, f in enumerate(fixed) if j != i):
            refined.append(compose(word, "Enum"))
        else:
            refined.append(word)
    return refined if len(set(refined)) == len(refined) else None


_ORDINALS = ("First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth")


def _properties(arm: SchemaObject | None) -> list[str]:
    """An arm's property names, required ones first (in their order)."""
    if arm is None:
        return []
    names = list(arm.required_list or [])
    return names + [p for p in arm.properties or {} if p not in names]


def _arm_word(arm: SchemaObject, loader: Loader, doc: Document, pointer: str) -> str:
    if arm.title:
        name = pascal_case(arm.title)
        if name:
            return name
    name = _literal_word(arm) or _extended_word(arm, loader, doc, pointer)
    if name:
        return name
    return _shape_word(arm)


def _shape_word(arm: SchemaObject) -> str:
    """An arm's word from its shape alone: `WithId` (an object, by its first required
    properties), `StringArray`, `Array`, `String`, `Enum`, `Variant`."""
    types = sorted(arm.types - {"null"})
    if types == ["object"] or arm.has("properties"):
        req = arm.required_list or list(arm.properties or {})[:1]
        return "With" + "".join(pascal_case(r) for r in req[:2]) if req else "Object"
    if types == ["array"]:
        # a list of plain values is named by them, so another list arm (of objects) is `Array`
        item = SchemaObject.of(arm.items)
        item_types = sorted(item.types - {"null"}) if item is not None else []
        if len(item_types) == 1 and item_types[0] in ("string", "integer", "number", "boolean"):
            return pascal_case(item_types[0]) + "Array"
        return "Array"
    if types:
        return "".join(pascal_case(t) for t in types)
    return "Enum" if arm.has("enum") else "Variant"


def _extended_word(arm: SchemaObject, loader: Loader, doc: Document, pointer: str) -> str:
    """An arm that extends one named schema (`allOf: [{$ref: X}, {...}]`) is named after what X
    is: its discriminating value, else X's own name."""
    members = arm.arms("allOf") or []
    refs = [(i, m) for i, m in enumerate(members) if (s := SchemaObject.of(m)) and s.has("$ref")]
    if len(refs) != 1:
        return ""
    i, member = refs[0]
    node, _doc, target = loader.deref(member, doc, pointer_join(pointer, "allOf", i))
    extended = SchemaObject.of(node)
    if extended is None:
        return ""
    return _literal_word(extended) or pascal_case(target.rsplit("/", 1)[-1])


def _is_null_only(schema: SchemaObject) -> bool:
    """`{type: null}` (with annotations): the arm that makes a union nullable."""
    return schema.types == {"null"} and schema.keywords <= ANNOTATION_KEYS | {"type"}


def _literal_word(arm: SchemaObject) -> str:
    """The word of the single value a discriminating property (`type`, `event`, ...) takes."""
    props = arm.properties or {}
    for prop in ("type", "object", "event", "role", *props):
        schema = SchemaObject.of(props.get(prop))
        if schema is None:
            continue
        if isinstance(schema.const, str):
            return pascal_case(schema.const)
        enum = schema.enum
        if enum is not None and len(enum) == 1 and isinstance(enum[0], str):
            return pascal_case(enum[0])
    return ""


_CONSTRAINT_KEYS = frozenset({"required", "not", "description", "title"})


def _only_constraints(members: object) -> bool:
    """True for `anyOf: [{required: [a]}, {required: [b]}]`: alternatives of required-field sets.

    Such a union does not change the object's shape (every property stays as declared), it only
    says which combinations must be present, so the object keeps its fields as keyword arguments.
    """
    return (
        isinstance(members, list)
        and bool(members)
        and all(
            (schema := SchemaObject.of(m)) is not None
            and bool(schema.keywords)
            and schema.keywords <= _CONSTRAINT_KEYS
            for m in members
        )
    )
