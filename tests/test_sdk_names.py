"""spec/sdk_names.yml: the official SDK's type names we re-export under its spelling.

Each entry must name a type of ours with the SDK type's structure (checked here against the
installed `openai`, the oracle), and the file must be what `python -m tools.sdk_names` writes
today (a spec change that adds, removes or reshapes a type shows up as a stale file).
"""

from __future__ import annotations

import importlib
from typing import Literal, Union

import pydantic
from typing_extensions import TypedDict

from tools.sdk_names import __main__ as sdk_names
from tools.sdk_names.index import Entry, entries
from tools.sdk_names.match import Matcher
from tools.sdk_names.shapes import describe


def _entry(module: str, name: str, value: object) -> Entry:
    return Entry(module, name, value, describe(value))


# --- the matcher on small, known shapes ----------------------------------------------------------


class Scroll(pydantic.BaseModel):
    type: Literal["scroll"]
    x: int
    y: int | None = None


class Wait(pydantic.BaseModel):
    type: Literal["wait"]


class ScrollParam(TypedDict, total=False):
    type: Literal["scroll"]
    x: int
    y: int


Action = Union[Scroll, Wait]


class ActionScroll(pydantic.BaseModel):  # the SDK's spelling of Scroll
    type: Literal["scroll"]
    x: int
    y: int | None = None


class ActionWait(pydantic.BaseModel):
    type: Literal["wait"]


class ActionDrag(pydantic.BaseModel):  # same fields as Scroll but another discriminator
    type: Literal["drag"]
    x: int
    y: int | None = None


class ActionScrollParam(TypedDict, total=False):
    type: Literal["scroll"]
    x: int
    y: int


def _matcher() -> Matcher:
    return Matcher(
        [
            _entry("computer", "Scroll", Scroll),
            _entry("computer", "Wait", Wait),
            _entry("computer_param", "ScrollParam", ScrollParam),
            _entry("computer", "Action", Action),
        ]
    )


def test_a_model_matches_the_model_of_the_same_shape_whatever_its_name() -> None:
    found = _matcher().match(_entry("tool_call", "ActionScroll", ActionScroll))
    assert found is not None and (found.module, found.name, found.exact) == (
        "computer",
        "Scroll",
        True,
    )


def test_a_typeddict_matches_a_typeddict_only() -> None:
    found = _matcher().match(_entry("tool_call_param", "ActionScrollParam", ActionScrollParam))
    assert found is not None and found.name == "ScrollParam"


def test_another_discriminator_is_another_schema() -> None:
    assert _matcher().match(_entry("tool_call", "ActionDrag", ActionDrag)) is None


class Tool(pydantic.BaseModel):  # no Literal field: nothing says which schema it is
    name: str
    annotations: dict[str, object] | None = None


class ToolNewer(pydantic.BaseModel):  # the newer SDK types a nested field differently
    name: str
    annotations: object | None = None


def test_without_a_discriminator_the_same_fields_match_only_under_the_same_name() -> None:
    ours = Matcher([_entry("mcp", "Tool", Tool)])
    found = ours.match(_entry("responses.output_item", "Tool", ToolNewer))
    assert found is not None and (found.name, found.exact) == ("Tool", False)
    assert ours.match(_entry("responses.output_item", "ListedTool", ToolNewer)) is None


def test_a_union_matches_through_its_members() -> None:
    found = _matcher().match(_entry("tool_call", "Action", Union[ActionScroll, ActionWait]))
    assert found is not None and found.name == "Action"
    assert _matcher().match(_entry("tool_call", "Other", Union[ActionScroll, ActionDrag])) is None


class Listing(pydantic.BaseModel):  # ours: holds `Tool` (above) in a list
    type: Literal["mcp_list_tools"]
    tools: list[Tool]


class SdkListing(pydantic.BaseModel):  # the SDK's: holds its `ListedTool` at the same place
    type: Literal["mcp_list_tools"]
    tools: list[ToolNewer]


class Tracing(pydantic.BaseModel):
    metadata: dict[str, object] | None = None


class Session(pydantic.BaseModel):  # ours: the tracing configuration as a union arm
    tracing: Literal["auto"] | Tracing | None = None


class UpdateEvent(pydantic.BaseModel):
    type: Literal["session.update"]
    session: Session


class SdkTracing(pydantic.BaseModel):  # the SDK types `metadata` otherwise: not the same shape
    metadata: object | None = None


class SdkSession(pydantic.BaseModel):  # newer than ours: a field more, so no match of its own
    tracing: Literal["auto"] | SdkTracing | None = None
    speed: float | None = None


class SdkUpdateEvent(pydantic.BaseModel):
    type: Literal["session.update"]
    session: SdkSession


def test_an_unmatched_class_matches_ours_at_the_place_the_sdk_holds_it() -> None:
    sdk = [
        _entry("realtime", name, cls)
        for name, cls in [
            ("ListedTool", ToolNewer),
            ("SdkListing", SdkListing),
            ("SdkUpdateEvent", SdkUpdateEvent),
            ("SdkSession", SdkSession),
            ("SessionTracing", SdkTracing),
        ]
    ]
    ours = [
        _entry("mcp", "Tool", Tool),
        _entry("mcp", "Listing", Listing),
        _entry("session", "UpdateEvent", UpdateEvent),
        _entry("session", "Session", Session),
        _entry("session", "Tracing", Tracing),
    ]
    # the holder's counterpart is found by pass 1 (same fields and discriminator); its `tools`
    # items are our `Tool`, with the same field names: the SDK's `ListedTool`
    found = Matcher(ours, {}, sdk).match(sdk[0])
    assert found is not None and (found.module, found.name, found.by_place) == ("mcp", "Tool", True)
    # through a holder that matches nothing itself (the SDK's session is newer) and a union arm
    found = Matcher(ours, {}, sdk).match(sdk[4])
    assert found is not None and (found.module, found.name) == ("session", "Tracing")
    # without the SDK's entries there are no places to look at (pass 3 is off)
    assert Matcher(ours, {}).match(sdk[0]) is None


def test_a_class_at_the_same_place_with_other_fields_is_no_match() -> None:
    class SdkOther(pydantic.BaseModel):
        name: str
        title: str

    class SdkHolder(pydantic.BaseModel):
        type: Literal["mcp_list_tools"]
        tools: list[SdkOther]

    sdk = [_entry("realtime", "Other", SdkOther), _entry("realtime", "Holder", SdkHolder)]
    ours = [_entry("mcp", "Tool", Tool), _entry("mcp", "Listing", Listing)]
    assert Matcher(ours, {}, sdk).match(sdk[0]) is None


class Toolbox(pydantic.BaseModel):  # holds a union of Scroll and Wait inline, in a list
    actions: list[Scroll | Wait] | None = None


class Drawer(pydantic.BaseModel):
    action: Scroll | Wait | None = None


def test_a_union_ours_leaves_inline_matches_the_field_holding_it() -> None:
    matcher = Matcher(
        [
            _entry("computer", "Scroll", Scroll),
            _entry("computer", "Wait", Wait),
            _entry("toolbox", "Toolbox", Toolbox),
            _entry("drawer", "Drawer", Drawer),
        ]
    )
    sdk = Union[ActionScroll, ActionWait]
    found = matcher.match(_entry("toolbox", "Action", sdk))
    # the field in the SDK name's own module wins; a list level is written `[]`
    assert found is not None and (found.module, found.name) == ("toolbox", "Toolbox.actions[]")
    found = matcher.match(_entry("drawer", "Action", sdk))
    assert found is not None and (found.module, found.name) == ("drawer", "Drawer.action")
    assert matcher.match(_entry("drawer", "Other", Union[ActionScroll, ActionDrag])) is None


class Rest(pydantic.BaseModel):  # Wait's shape, under another name in another module
    type: Literal["wait"]


class Pause(pydantic.BaseModel):  # ditto: a third class of that shape
    type: Literal["wait"]


def test_a_union_matches_one_of_the_same_shaped_classes_the_very_classes_first() -> None:
    sdk = Union[ActionScroll, ActionWait]
    # our only union of that kind uses `Rest`, not `Wait`: the same data, so the same union
    other = Matcher(
        [
            _entry("computer", "Scroll", Scroll),
            _entry("computer", "Wait", Wait),
            _entry("idle", "Rest", Rest),
            _entry("drawer", "Moves", Union[Scroll, Rest]),
        ]
    )
    found = other.match(_entry("tool_call", "Action", sdk))
    assert found is not None and (found.module, found.name) == ("drawer", "Moves")

    # where a field holds a union of the very classes the SDK's members match, it wins
    class Kept(pydantic.BaseModel):
        moves: Union[Scroll, Pause]

    class Held(pydantic.BaseModel):
        steps: Union[Scroll, Wait]

    both = Matcher(
        [
            _entry("computer", "Scroll", Scroll),
            _entry("computer", "Wait", Wait),
            _entry("idle", "Pause", Pause),
            _entry("aaa", "Kept", Kept),
            _entry("zzz", "Held", Held),
        ]
    )
    found = both.match(_entry("tool_call", "Action", sdk))
    assert found is not None and (found.module, found.name) == ("zzz", "Held.steps")


# --- the project's facts ---------------------------------------------------------------------------


def _literals(described: object) -> dict[str, object]:
    return {
        item[0]: item[1]
        for item in described.shape[1]  # type: ignore[attr-defined]
        if isinstance(item, tuple) and item[1][0] == "literal"
    }


def test_every_second_name_is_a_type_of_ours_with_the_sdk_types_structure() -> None:
    facts = sdk_names._facts(sdk_names.FACTS)
    assert sum(len(names) for names in facts.values()) > 1000
    wrong = []
    for module, names in facts.items():
        suffix = "" if module == "." else f".{module}"
        ours = importlib.import_module(f"typed_openai.types{suffix}")
        sdk = importlib.import_module(f"openai.types{suffix}")
        for name in names:
            a, b = describe(getattr(ours, name)), describe(getattr(sdk, name))
            if a is None or b is None or a.kind != b.kind:
                wrong.append(f"{module}.{name}: {a and a.kind} vs SDK {b and b.kind}")
            elif a.kind == "union":
                continue  # matched member by member (tools/sdk_names/match.py, pass 2)
            elif a.shape != b.shape and (a.names != b.names or _literals(a) != _literals(b)):
                wrong.append(f"{module}.{name}: fields {sorted(a.names ^ b.names)} differ")
    assert not wrong, "\n".join(wrong)


def test_the_facts_file_is_what_the_tool_writes_today() -> None:
    current = sdk_names._facts(sdk_names.FACTS)
    found, _ = sdk_names.compute(current)
    assert sdk_names.render(found) == sdk_names.FACTS.read_text(encoding="utf-8"), (
        "spec/sdk_names.yml is stale: run `python -m tools.sdk_names`, review, `python -m codegen`"
    )


def test_every_union_named_by_its_field_has_the_sdk_unions_members() -> None:
    """A fact `Name: module:Owner.field` makes `Name` an alias of that field's union at the SDK's
    module (codegen/sdk_unions.py): each member is a class of ours of the shape the SDK union's
    member maps to."""
    facts = sdk_names._facts(sdk_names.FACTS)
    matcher = Matcher(sdk_names.own_types(facts), facts, entries(sdk_names.SDK_TYPES))
    checked, wrong = 0, []
    for module, names in facts.items():
        suffix = "" if module == "." else f".{module}"
        ours = importlib.import_module(f"typed_openai.types{suffix}")
        sdk = importlib.import_module(f"openai.types{suffix}")
        for name, target in names.items():
            if "." not in target.partition(":")[2]:
                continue
            checked += 1
            here = "" if module == "." else module
            # member for member, each our class or one of ours of its exact shape
            mine = matcher._union_key(getattr(ours, name), False, here, alike=True)
            theirs = matcher._union_key(getattr(sdk, name), True, here, alike=True)
            if mine is None or mine != theirs:
                wrong.append(f"{module}.{name}: {mine} vs SDK {theirs}")
    assert checked > 100 and not wrong, "\n".join(wrong)
