"""Load a YAML document into plain Python data, several times faster than `yaml.CSafeLoader`.

PyYAML's C loader spends most of its time in Python, not in libyaml: for every node it calls the
resolver's `descend_resolver`/`resolve`/`ascend_resolver`, builds a `Node` object, and then the
safe constructor walks those nodes again. The upstream OpenAI document has about 110,000 nodes,
which made YAML loading the slowest phase of a generation (~0.85 s of CPU).

Here libyaml's parser still does all the parsing (the same `CParser` the C loader uses, so a
syntax error is the same error), but the values are built straight from its events: a quoted or
block scalar is a `str`, a plain scalar is typed by PyYAML's own resolver and safe constructor (once
per distinct text: `type`, `string`, `object` repeat thousands of times), mappings and sequences
are dicts and lists. The result is what `yaml.load(text, Loader=yaml.CSafeLoader)` returns.

An alias is the anchored value itself (one object, as PyYAML gives). What this does not handle
itself - explicit tags, merge (`<<`) and value (`=`) keys (how a merge resolves a key given twice
has changed between PyYAML versions), a collection used as a mapping key, an alias of a collection
inside itself, a repeated or unknown anchor, more than one document - sends the whole text to the
C safe loader instead, so such a document gets exactly the standard result or error.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml import events
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

try:  # libyaml's parser; PyYAML built without it has only the pure-Python loader
    from yaml._yaml import CParser  # pyright: ignore[reportMissingModuleSource]

    _STANDARD: Any = yaml.CSafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    CParser = None
    _STANDARD = yaml.SafeLoader

_STR_TAG = "tag:yaml.org,2002:str"
# keys that change the mapping around them; the standard constructor applies them
_KEY_DIRECTIVES = frozenset({"tag:yaml.org,2002:merge", "tag:yaml.org,2002:value"})


class _Unusual(Exception):
    """A construct the fast path leaves to the standard loader."""


class _PlainScalars:
    """The value of a plain (unquoted) scalar, as PyYAML's safe loader types it, memoised."""

    def __init__(self) -> None:
        self._resolver = Resolver()
        self._constructor = SafeConstructor()
        self.known: dict[str, Any] = {}

    def value_of(self, text: str) -> Any:
        tag = self._resolver.resolve(ScalarNode, text, (True, False))
        if tag == _STR_TAG:
            value: Any = text
        elif tag in _KEY_DIRECTIVES:
            raise _Unusual
        else:  # int, float, bool, null, timestamp: immutable, so one object may serve every use
            value = self._constructor.construct_object(ScalarNode(tag, text), deep=True)
        self.known[text] = value
        return value


def load_yaml(text: str) -> Any:
    """The single YAML document in `text` as dicts, lists and scalars (`None` when empty)."""
    if CParser is None:  # pragma: no cover - depends on how PyYAML was built
        return yaml.load(text, Loader=_STANDARD)
    parser = CParser(text)
    try:
        return _build(parser, _PlainScalars())
    except _Unusual:
        pass
    finally:
        parser.dispose()
    return yaml.load(text, Loader=_STANDARD)


_MISSING: Any = object()


def _build(parser: Any, plain: _PlainScalars) -> Any:
    """Build the document from the parser's events (the hot loop: kept flat on purpose)."""
    get = parser.get_event
    scalar_event, alias_event = events.ScalarEvent, events.AliasEvent
    map_start, map_end = events.MappingStartEvent, events.MappingEndEvent
    seq_start, seq_end = events.SequenceStartEvent, events.SequenceEndEvent
    known = plain.known
    if get().__class__ is not events.StreamStartEvent:  # pragma: no cover - libyaml starts so
        raise _Unusual
    first = get()
    if first.__class__ is events.StreamEndEvent:
        return None  # an empty stream
    if first.__class__ is not events.DocumentStartEvent:  # pragma: no cover
        raise _Unusual
    anchors: dict[str, Any] = {}  # anchor -> its value, once complete
    stack: list[tuple[Any, Any, bool, str | None]] = []
    container: Any = None  # the dict or list being filled; None at the top
    key: Any = _MISSING  # in a mapping: the key read, waiting for its value
    in_map = False
    anchor: str | None = None  # the anchor of `container`
    while True:
        event = get()
        kind = event.__class__
        if kind is scalar_event:
            if event.tag is not None:
                raise _Unusual
            if event.implicit[0]:  # plain: typed by the resolver
                value = known.get(event.value, _MISSING)
                if value is _MISSING:
                    value = plain.value_of(event.value)
            else:  # quoted, literal or folded: always a string
                value = event.value
            if event.anchor is not None:
                _anchor(anchors, event.anchor, value)
        elif kind is map_start or kind is seq_start:
            if event.tag is not None:
                raise _Unusual
            stack.append((container, key, in_map, anchor))
            in_map = kind is map_start
            container = {} if in_map else []
            key = _MISSING
            anchor = event.anchor
            continue
        elif kind is map_end or kind is seq_end:
            value = container
            if anchor is not None:
                _anchor(anchors, anchor, value)
            container, key, in_map, anchor = stack.pop()
        elif kind is alias_event:
            value = anchors.get(event.anchor, _MISSING)
            if value is _MISSING:
                raise _Unusual  # unknown, or a collection's alias inside itself
        else:  # pragma: no cover - libyaml emits nothing else inside a document
            raise _Unusual
        if container is None:
            break
        if not in_map:
            container.append(value)
        elif key is _MISSING:
            if value.__class__ is dict or value.__class__ is list:
                raise _Unusual  # an unhashable key: the standard loader reports it
            key = value
        else:
            container[key] = value
            key = _MISSING
    if get().__class__ is not events.DocumentEndEvent:  # pragma: no cover
        raise _Unusual
    if get().__class__ is not events.StreamEndEvent:
        raise _Unusual  # another document follows: the standard loader reports it
    return value


def _anchor(anchors: dict[str, Any], name: str, value: Any) -> None:
    if name in anchors:
        raise _Unusual  # a repeated anchor: the standard loader decides
    anchors[name] = value


__all__ = ["load_yaml"]
