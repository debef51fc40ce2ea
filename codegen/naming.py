"""Turn arbitrary spec text into safe Python names, deterministically and without numbering."""

from __future__ import annotations

import functools
import keyword
import re
import unicodedata

# Symbols that carry meaning in parameter names (`created<`, `created>=`) become words, so
# `DateCreated<` and `DateCreated>` stay distinct once made identifiers.
_SYMBOL_WORDS = {
    "<": " lt ",
    ">": " gt ",
    "=": " eq ",
    "!": " not ",
    "+": " plus ",
    "@": " at ",
    "&": " and ",
    "|": " or ",
    "*": " star ",
    "%": " percent ",
    "#": " hash ",
    "$": " dollar ",
}

# Names the generated modules themselves use; a schema with one of these names is suffixed.
RESERVED_CLASS_NAMES = frozenset(
    {
        "Any",
        "Annotated",
        "BaseModel",
        "Dict",
        "Field",
        "Iterable",
        "List",
        "Literal",
        "Mapping",
        "NotRequired",
        "Optional",
        "Required",
        "Sequence",
        "TYPE_CHECKING",
        "TypeAlias",
        "TypedDict",
        "Union",
        "NotGiven",
        "NOT_GIVEN",
        "Stream",
        "AsyncStream",
    }
)

# Attributes of pydantic's BaseModel (and our base's helpers) a field must not shadow.
MODEL_RESERVED_FIELDS = frozenset(
    {
        "construct",
        "copy",
        "dict",
        "json",
        "parse_file",
        "parse_obj",
        "parse_raw",
        "schema",
        "schema_json",
        "update_forward_refs",
        "validate",
        "from_orm",
        "fields",
        "to_dict",
        "to_json",
        "model_config",
        "model_fields",
        "model_computed_fields",
        "model_extra",
        "model_fields_set",
        "model_construct",
        "model_copy",
        "model_dump",
        "model_dump_json",
        "model_json_schema",
        "model_parametrized_name",
        "model_post_init",
        "model_rebuild",
        "model_validate",
        "model_validate_json",
        "model_validate_strings",
        # names linters reject as ambiguous (E741)
        "l",
        "O",
        "I",
    }
)

# Method arguments every generated method has; a parameter with one of these names is renamed.
METHOD_RESERVED_ARGS = frozenset(
    {
        "self",
        "extra_headers",
        "extra_query",
        "extra_body",
        "timeout",
        "cast_to",
        "options",
        # names the generated method bodies use at runtime
        "str",
        "object",
        "bool",
        "int",
        "float",
        "path_template",
        "form_part",
        "RequestOptions",
        "NOT_GIVEN",
        # ambiguous to linters (E741)
        "l",
        "O",
        "I",
    }
)


_CAMEL_BOUNDARY = re.compile(r"([a-z0-9])([A-Z])")
_ACRONYM_BOUNDARY = re.compile(r"([A-Z]+)([A-Z][a-z])")
_NOT_ALNUM = re.compile(r"[^A-Za-z0-9]+")


@functools.cache  # the same names are cased many times over a spec
def _ascii_words(text: str) -> tuple[str, ...]:
    for symbol, word in _SYMBOL_WORDS.items():
        text = text.replace(symbol, word)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    # split camelCase and digit boundaries, then on anything that is not alphanumeric
    text = _CAMEL_BOUNDARY.sub(r"\1 \2", text)
    text = _ACRONYM_BOUNDARY.sub(r"\1 \2", text)
    return tuple(w for w in _NOT_ALNUM.split(text) if w)


def snake_case(text: str) -> str:
    words = _ascii_words(text)
    return "_".join(w.lower() for w in words)


def pascal_case(text: str) -> str:
    words = _ascii_words(text)
    return "".join(w[:1].upper() + w[1:] for w in words)


def class_name(text: str) -> str:
    """A PascalCase class name; keeps an already-Pascal name as written (`ChatCompletion`)."""
    name = text if re.fullmatch(r"[A-Z][A-Za-z0-9]*", text) else pascal_case(text)
    if not name:
        name = "Unnamed"
    if name[0].isdigit():
        name = "N" + name
    if name in RESERVED_CLASS_NAMES or keyword.iskeyword(name):
        name += "Model"
    return name


def identifier(text: str, reserved: frozenset[str] = frozenset()) -> str:
    """A snake_case-ish identifier for a field or argument. Keeps valid snake names unchanged."""
    if text.isidentifier() and text.isascii() and not text.startswith("_") and text == text.lower():
        name = text
    else:
        name = snake_case(text) or "value"
    if name[0].isdigit():
        name = "n_" + name
    if keyword.iskeyword(name) or keyword.issoftkeyword(name) or name in reserved:
        name += "_"
    return name


# pydantic keeps the `model_` attribute namespace for its own API (`model_dump`, `model_validate`,
# and whatever a later version adds), so a model field whose name would start with it takes this
# prefix instead, as in the official SDK (`model_ids` -> `api_model_ids`); the wire name stays its
# alias. Method arguments and TypedDict keys keep the plain name.
PROTECTED_PREFIX = "model_"
MODEL_ATTRIBUTE_PREFIX = "api_"


def model_attribute(wire: str) -> str | None:
    """The attribute a model field with this wire name takes instead of its plain identifier,
    or None when the plain one is outside pydantic's protected namespace."""
    plain = identifier(wire)
    return MODEL_ATTRIBUTE_PREFIX + plain if plain.startswith(PROTECTED_PREFIX) else None


def module_name(text: str) -> str:
    name = snake_case(text) or "module"
    if name[0].isdigit():
        name = "m_" + name
    if keyword.iskeyword(name):
        name += "_"
    return name


def unique(name: str, taken: set[str]) -> str:
    """Make `name` unique in `taken` by appending underscores (never numbers); records it."""
    while name in taken:
        name += "_"
    taken.add(name)
    return name


def singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def docstring(text: str | None) -> str | None:
    """Body for a triple-quoted docstring that spec text cannot close or escape from."""
    if not text:
        return None
    return _docstring(str(text))


@functools.cache  # one description is rendered many times (a model, its TypedDict twin, ...)
def _docstring(text: str) -> str | None:
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return None
    text = text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    text = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    if text.endswith('"'):
        text += " "  # a closing `"` next to the docstring's own `"""` would end it early
    return text


def copy_twin_name(name: str, module: str) -> str:
    """The request-side name of a per-place class: the class a module is named after has its
    name plus `Param` (`ResponseInputTextParam` of `response_input_text`), a class nested in a
    module of another's keeps its own (`response_input_item_param.MessageAgent`)."""
    own = module_name(name) == module.rpartition(".")[2]
    return class_name(name + "Param") if own else name
