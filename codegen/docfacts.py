"""The facts a schema states about a value, as a sentence for its docstring.

A field's or argument's docstring is its description followed by what the schema itself says of
the value: that it is deprecated, its default, its range (minimum/maximum), its length (strings
and lists) and, when short, its allowed values. An IDE shows these in the hover text, so the user
does not have to open the spec to learn that `temperature` runs from 0 to 2.

Only the node itself (and the one non-null member of a nullable `anyOf`/`oneOf`) is read; a `$ref`
is not followed, since the referenced type's name already appears in the annotation.
"""

from __future__ import annotations

from .spec_view import Schema, SchemaObject

# an allowed-values list longer than this is left to the annotation (`Literal[...]`)
MAX_ENUM_VALUES = 8
MAX_ENUM_CHARS = 80
MAX_DEFAULT_CHARS = 40
# the keywords the facts come from (most fields have none of them)
_FACT_KEYWORDS = frozenset(
    {
        "default",
        "enum",
        "anyOf",
        "oneOf",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "minLength",
        "maxLength",
        "minItems",
        "maxItems",
        "minProperties",
        "maxProperties",
    }
)


def documented(text: str | None, node: Schema, deprecated: bool = False) -> str | None:
    """`text` with the facts `node` (a schema) states appended; None when there is neither."""
    schema = SchemaObject.of(node)
    facts = _facts(schema) if schema is not None else []
    text = str(text).strip() if text else ""
    deprecated = deprecated or (schema is not None and schema.get("deprecated") is True)
    if deprecated and not text.lower().startswith("deprecated"):
        facts.insert(0, "Deprecated.")
    if not facts:
        return text or None
    line = " ".join(facts)
    return f"{text}\n\n{line}" if text else line


def schema_facts(node: Schema) -> list[str]:
    """Sentences for the default, range, length and allowed values `node` declares."""
    schema = SchemaObject.of(node)
    return _facts(schema) if schema is not None else []


def _facts(schema: SchemaObject) -> list[str]:
    if not schema.has_any(_FACT_KEYWORDS):
        return []
    value = _value_schema(schema)
    facts: list[str] = []
    default = _default(schema, value)
    if default is not None:
        facts.append(f"Default: `{default}`.")
    for sentence in (_range(value), _length(value), _allowed(value)):
        if sentence:
            facts.append(sentence)
    return facts


def _value_schema(schema: SchemaObject) -> SchemaObject:
    """The schema that constrains the value: the node, or the one non-null member of its union."""
    for key in ("anyOf", "oneOf"):
        members = schema.arms(key)
        if members is not None:
            kept = [
                member
                for m in members
                if (member := SchemaObject.of(m)) is not None and member.get("type") != "null"
            ]
            if len(kept) == 1 and not kept[0].has("$ref"):
                return kept[0]
            return SchemaObject({})
    return schema


def _default(schema: SchemaObject, value: SchemaObject) -> str | None:
    listed = value.enum
    if value.has("const") or (listed is not None and len(listed) == 1):
        return None  # a fixed tag (`type: "message"`): the annotation already says it
    for where in (schema, value):
        if where.has("default"):
            found = where.get("default")
            if found is None or found == [] or found == {}:
                return None  # "nothing" needs no mention: the annotation says it may be absent
            shown = repr(found)
            return shown if len(shown) <= MAX_DEFAULT_CHARS else None
    return None


def _number(value: object) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return repr(int(value)) if isinstance(value, float) and value.is_integer() else repr(value)


def _range(value: SchemaObject) -> str | None:
    low, high = _number(value.get("minimum")), _number(value.get("maximum"))
    # OpenAPI 3.1 gives the exclusive bounds as numbers (3.0 as booleans next to minimum/maximum)
    low_x, high_x = _number(value.get("exclusiveMinimum")), _number(value.get("exclusiveMaximum"))
    if value.get("exclusiveMinimum") is True and low is not None:
        low, low_x = None, low
    if value.get("exclusiveMaximum") is True and high is not None:
        high, high_x = None, high
    if low is not None and high is not None:
        return f"From {low} to {high}."
    lower = f"at least {low}" if low is not None else f"more than {low_x}" if low_x else None
    upper = f"at most {high}" if high is not None else f"less than {high_x}" if high_x else None
    said = " and ".join(p for p in (lower, upper) if p)
    return f"{said[0].upper()}{said[1:]}." if said else None


def _length(value: SchemaObject) -> str | None:
    for low_key, high_key, unit in (
        ("minLength", "maxLength", "characters"),
        ("minItems", "maxItems", "items"),
        ("minProperties", "maxProperties", "entries"),
    ):
        low, high = _number(value.get(low_key)), _number(value.get(high_key))
        if low == "0":
            low = None
        if low is not None and high is not None:
            return f"{low} to {high} {unit}."
        if high is not None:
            return f"At most {high} {_unit(unit, high)}."
        if low is not None:
            return f"At least {low} {_unit(unit, low)}."
    return None


def _unit(plural: str, count: str) -> str:
    return plural[:-1] if count == "1" else plural


def _allowed(value: SchemaObject) -> str | None:
    listed = value.enum
    values = [v for v in listed if v is not None] if listed is not None else []
    if len(values) < 2 or len(values) > MAX_ENUM_VALUES:
        return None  # one value is a tag the annotation shows; a long list is left to it
    shown = ", ".join(f"`{v!r}`" for v in values)
    return f"One of {shown}." if len(shown) <= MAX_ENUM_CHARS else None
