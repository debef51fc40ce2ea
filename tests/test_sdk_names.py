"""spec/sdk_names.yml: the official SDK's type names we re-export under its spelling.

Each entry must name a type of ours with the SDK type's structure (checked here against the
installed `openai`, the oracle), and the file must be what `python -m tools.sdk_names` writes
today (a spec change that adds, removes or reshapes a type shows up as a stale file).
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Literal, Union

import pydantic
import pytest
from typing_extensions import TypedDict

from codegen.config import load_sdk_copies
from tools.sdk_names import __main__ as sdk_names
from tools.sdk_names.index import Entry, entries
from tools.sdk_names.match import Match, Matcher
from tools.sdk_names.places import Places, counterpart, discriminators, holds, members
from tools.sdk_names.shapes import describe, standing_for


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


class BetaSession(pydantic.BaseModel):  # the older session shape
    modalities: list[str] | None = None
    voice: str | None = None


class GaSession(pydantic.BaseModel):  # the newer one
    output_modalities: list[str] | None = None
    audio: dict[str, object] | None = None


class GaCreatedEvent(pydantic.BaseModel):  # two events of the same field names and discriminator
    type: Literal["session.created"]
    session: GaSession


class BetaCreatedEvent(pydantic.BaseModel):
    type: Literal["session.created"]
    session: BetaSession


class SdkBetaSession(pydantic.BaseModel):  # the SDK's: the older shape with a field more
    modalities: list[str] | None = None
    voice: str | None = None
    speed: float | None = None


class SdkSessionCreatedEvent(pydantic.BaseModel):
    type: Literal["session.created"]
    session: SdkBetaSession


def test_among_classes_of_the_same_fields_the_one_nested_like_the_sdks_wins() -> None:
    ours = [
        _entry("event_ga", "GaCreatedEvent", GaCreatedEvent),  # the shorter module path
        _entry("event_older", "BetaCreatedEvent", BetaCreatedEvent),
    ]
    found = Matcher(ours).match(_entry("beta.event", "SessionCreatedEvent", SdkSessionCreatedEvent))
    assert found is not None and (found.module, found.name, found.exact) == (
        "event_older",
        "BetaCreatedEvent",
        False,
    )


class StatusA(pydantic.BaseModel):  # two classes of one shape, each held by another response
    reason: str | None = None


class StatusB(pydantic.BaseModel):
    reason: str | None = None


class GaResponse(pydantic.BaseModel):
    object: Literal["realtime.response"]
    output_modalities: list[str] | None = None
    status_details: StatusA | None = None


class OlderResponse(pydantic.BaseModel):
    object: Literal["realtime.response"]
    modalities: list[str] | None = None
    status_details: StatusB | None = None


class SdkStatus(pydantic.BaseModel):
    reason: str | None = None


class SdkResponse(pydantic.BaseModel):  # OlderResponse's shape
    object: Literal["realtime.response"]
    modalities: list[str] | None = None
    status_details: SdkStatus | None = None


def test_among_classes_of_one_shape_the_one_ours_holds_where_the_sdk_holds_it_wins() -> None:
    """`isinstance(response.status_details, RealtimeResponseStatus)` holds in the SDK: the status
    class is the one our counterpart of the SDK's response holds, in whatever module."""
    ours = [
        _entry("a", "StatusA", StatusA),  # the shorter module path, held by the other response
        _entry("bb", "StatusB", StatusB),
        _entry("a", "GaResponse", GaResponse),
        _entry("bb", "OlderResponse", OlderResponse),
    ]
    sdk = [_entry("status", "Status", SdkStatus), _entry("response", "Response", SdkResponse)]
    found = Matcher(ours, {}, sdk).match(sdk[0])
    assert found is not None and (found.module, found.name) == ("bb", "StatusB")
    # without the SDK's entries nothing says where it is held: the shorter module path
    found = Matcher(ours).match(sdk[0])
    assert found is not None and (found.module, found.name) == ("a", "StatusA")


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


class FilePath(pydantic.BaseModel):  # ours: two classes of one shape, each held somewhere
    type: Literal["file_path"]
    file_id: str


class AnnotationFilePath(pydantic.BaseModel):  # named like the SDK's, but held elsewhere
    type: Literal["file_path"]
    file_id: str


class OutputText(pydantic.BaseModel):  # ours at the SDK's place: holds FilePath
    annotations: list[FilePath | Scroll]


class SdkAnnotationFilePath(pydantic.BaseModel):
    type: Literal["file_path"]
    file_id: str


class SdkOutputText(pydantic.BaseModel):
    annotations: list[SdkAnnotationFilePath | ActionScroll]


def _module(name: str, **values: object) -> types.ModuleType:
    module = types.ModuleType(name)
    for key, value in values.items():
        setattr(module, key, value)
        if isinstance(value, type):
            value.__module__ = name  # defined there
    module.__all__ = list(values)  # type: ignore[attr-defined]
    return module


def _places() -> Places:
    # the SDK module defines its classes; ours has the owner under the same name (a re-export)
    sdk = _module(
        "sdk.output_text", OutputText=SdkOutputText, AnnotationFilePath=SdkAnnotationFilePath
    )
    ours = types.ModuleType("ours.output_text")
    ours.OutputText = OutputText  # type: ignore[attr-defined]
    return Places({"output_text": sdk}.get, {"output_text": ours}.get, __name__)


def test_the_class_ours_holds_at_the_sdk_names_place_wins_over_one_named_alike() -> None:
    ours = [
        _entry("computer", "Scroll", Scroll),
        _entry("annotations", "FilePath", FilePath),
        _entry("beta.output_text", "AnnotationFilePath", AnnotationFilePath),
        _entry("output_text", "OutputText", OutputText),
    ]
    sdk = _entry("output_text", "AnnotationFilePath", SdkAnnotationFilePath)
    # without places the same name wins; with them, the class `OutputText.annotations` holds:
    # `isinstance(text.annotations[0], AnnotationFilePath)` is true for ours as for the SDK
    found = Matcher(ours).match(sdk)
    assert found is not None and found.name == "AnnotationFilePath"
    found = Matcher(ours, places=_places()).match(sdk)
    assert found is not None and (found.module, found.name) == ("annotations", "FilePath")


def test_a_place_holds_a_class_or_a_union_at_any_level() -> None:
    assert holds(list[FilePath | None], FilePath)
    assert not holds(list[AnnotationFilePath], FilePath)
    assert holds(Union[Scroll, Wait, None], Union[Wait, Scroll])
    assert holds(list[Union[Scroll, Wait]] | None, Union[Scroll, Wait])
    assert not holds(Union[Scroll, Wait, Rest], Union[Scroll, Wait])
    assert _places().ours_at("output_text", SdkAnnotationFilePath) == [list[FilePath | Scroll]]
    assert _places().ours_at("no_such_module", SdkAnnotationFilePath) == []


class SdkScrollNewer(pydantic.BaseModel):  # the newer SDK added a field
    type: Literal["scroll"]
    x: int
    y: int | None = None
    smooth: bool | None = None


class SdkWaitNewer(pydantic.BaseModel):
    type: Literal["wait"]
    ms: int | None = None


class SdkPanel(pydantic.BaseModel):
    moves: list[SdkScrollNewer | SdkWaitNewer]


class Panel(pydantic.BaseModel):
    moves: list[Scroll | Wait]


def test_a_union_of_reshaped_members_matches_the_field_by_its_discriminators() -> None:
    sdk = _module("sdk.panel", Panel=SdkPanel)
    places = Places(
        {"panel": sdk}.get, {"panel": _module(f"{__name__}.panel", Panel=Panel)}.get, __name__
    )
    ours = [_entry("computer", "Scroll", Scroll), _entry("computer", "Wait", Wait)]
    union = Union[SdkScrollNewer, SdkWaitNewer]
    assert Matcher(ours).match(_entry("panel", "Move", union)) is None  # no member matches
    found = Matcher(ours, places=places).match(_entry("panel", "Move", union))
    assert found is not None and (found.module, found.name, found.exact) == (
        "panel",
        "Panel.moves[]",
        False,
    )
    # the same discriminator values, whatever the other fields; none or two alike: no match
    assert discriminators(Union[SdkScrollNewer, SdkWaitNewer]) == discriminators(
        Union[Scroll, Wait]
    )
    assert discriminators(Union[Scroll, ActionDrag]) != discriminators(Union[Scroll, Wait])
    assert discriminators(Union[Scroll, Drawer]) is None  # a member without one
    assert discriminators(Union[Scroll, ActionScroll]) is None  # two members alike


class Breakpoint(pydantic.BaseModel):  # ours, as the upstream document has it
    mode: Literal["explicit"]


class SdkBreakpoint(pydantic.BaseModel):  # the newer SDK: a field more
    mode: Literal["explicit"]
    ttl: str | None = None


class SdkOtherBreakpoint(pydantic.BaseModel):  # another discriminator value
    mode: Literal["implicit"]
    ttl: str | None = None


class SdkInput(pydantic.BaseModel):
    breakpoint: SdkBreakpoint | None = None
    other: SdkOtherBreakpoint | None = None


class Input(pydantic.BaseModel):
    breakpoint: Breakpoint | None = None
    other: Breakpoint | None = None


def test_a_class_with_a_field_more_matches_the_class_ours_holds_at_its_place() -> None:
    sdk = _module("sdk.input", Input=SdkInput)
    ours = types.ModuleType("ours.input")
    ours.Input = Input  # type: ignore[attr-defined]
    places = Places({"input": sdk}.get, {"input": ours}.get, __name__)
    entries = [_entry("breakpoint", "Breakpoint", Breakpoint), _entry("input", "Input", Input)]
    entry = _entry("input", "Breakpoint", SdkBreakpoint)
    assert Matcher(entries).match(entry) is None  # no shape, no same field names
    found = Matcher(entries, places=places).match(entry)
    assert found is not None and (found.module, found.name, found.exact) == (
        "breakpoint",
        "Breakpoint",
        False,
    )
    # ours at that place is told apart by another discriminator value: not the same schema
    other = _entry("input", "OtherBreakpoint", SdkOtherBreakpoint)
    assert Matcher(entries, places=places).match(other) is None


class SdkVadParam(TypedDict, total=False):  # the SDK: the kind a Literal
    type: Literal["server_vad", "semantic_vad"]
    threshold: float


class VadParam(TypedDict, total=False):  # ours for the session: the document says a string
    type: str
    threshold: float


class TranscriptionVadParam(TypedDict, total=False):  # ours elsewhere, of the SDK's very shape
    type: Literal["server_vad", "semantic_vad"]
    threshold: float


class SdkSessionParams(TypedDict, total=False):
    turn_detection: SdkVadParam


class SessionParams(TypedDict, total=False):
    turn_detection: VadParam


def test_the_class_ours_holds_at_the_sdk_place_beats_one_of_the_sdks_shape_elsewhere() -> None:
    sdk = _module("sdk.session_params", SessionParams=SdkSessionParams, TurnDetection=SdkVadParam)
    ours = _module(f"{__name__}.session_params", SessionParams=SessionParams)
    places = Places({"session_params": sdk}.get, {"session_params": ours}.get, __name__)
    own = [
        _entry("session_response_param", "VadParam", VadParam),
        _entry("transcription_param", "TranscriptionVadParam", TranscriptionVadParam),
        _entry("session_params", "SessionParams", SessionParams),
    ]
    entry = _entry("session_params", "TurnDetection", SdkVadParam)
    # by shape alone the transcription session's TypedDict; but a session's `turn_detection`
    # argument is typed with the other: the SDK's name there must be that one
    found = Matcher(own).match(entry)
    assert found is not None and found.name == "TranscriptionVadParam"
    found = Matcher(own, places=places).match(entry)
    assert found is not None and (found.module, found.name, found.by_place) == (
        "session_response_param",
        "VadParam",
        True,
    )


def test_a_union_the_module_names_is_a_place_of_its_members_not_of_itself() -> None:
    moves = Union[SdkScrollNewer, SdkWaitNewer]
    ours = types.ModuleType("ours.moves")
    ours.Move = Union[Scroll, Wait]  # type: ignore[attr-defined]
    places = Places({"moves": _module("sdk.moves", Move=moves)}.get, {"moves": ours}.get, __name__)
    # ours under the union's own name is what the facts made it: no evidence for the facts
    assert places.at("moves", moves) == []
    assert [p.annotation for p in places.at("moves", SdkScrollNewer)] == [Union[Scroll, Wait]]


# --- the project's facts ---------------------------------------------------------------------------


def _literals(described: object) -> dict[str, object]:
    return {
        item[0]: item[1]
        for item in described.shape[1]  # type: ignore[attr-defined]
        if isinstance(item, tuple) and item[1][0] == "literal"
    }


def _held_at_the_sdk_place(places: Places, module: str, ours: object, theirs: object) -> bool:
    """A class one side has a field more in (tools/sdk_names/match.py, pass 3): ours is the
    class ours holds where the SDK uses the name, one side's field names within the other's."""
    a, b = describe(ours), describe(theirs)
    if a is None or b is None or not (a.names <= b.names or b.names <= a.names):
        return False
    here = "" if module == "." else module
    return any(counterpart(p, theirs) is ours for p in places.at(here, theirs))  # type: ignore[arg-type]


def test_every_second_name_is_a_type_of_ours_with_the_sdk_types_structure() -> None:
    facts = sdk_names._facts(sdk_names.FACTS)
    assert sum(len(names) for names in facts.values()) > 1000
    places = Places.of_packages("openai.types", "typed_openai.types")
    wrong = []
    for module, names in facts.items():
        suffix = "" if module == "." else f".{module}"
        ours = importlib.import_module(f"typed_openai.types{suffix}")
        sdk = importlib.import_module(f"openai.types{suffix}")
        for name in names:
            # (a request-side class of the SDK's stands for the TypedDict it derives from)
            mine, theirs = standing_for(getattr(ours, name)), getattr(sdk, name)
            a, b = describe(mine), describe(theirs)
            if a is None or b is None or a.kind != b.kind:
                wrong.append(f"{module}.{name}: {a and a.kind} vs SDK {b and b.kind}")
            elif a.kind == "union":
                continue  # matched member by member (tools/sdk_names/match.py, pass 2)
            elif (
                a.shape != b.shape
                and (a.names != b.names or _literals(a) != _literals(b))
                and not _held_at_the_sdk_place(places, module, mine, theirs)
            ):
                wrong.append(f"{module}.{name}: fields {sorted(a.names ^ b.names)} differ")
    assert not wrong, "\n".join(wrong)


def test_the_facts_file_is_what_the_tool_writes_today() -> None:
    current = sdk_names._facts(sdk_names.FACTS)
    classes = sdk_names._class_facts(sdk_names.CLASS_FACTS)
    found, _ = sdk_names.compute(current, classes)
    names = sdk_names.class_plan(found, classes)
    found = sdk_names.with_copies(found, names)
    wanted = sdk_names.render(found, sdk_names.request_sides(names.copies))
    assert wanted == sdk_names.FACTS.read_text(encoding="utf-8"), (
        "spec/sdk_names.yml is stale: run `python -m tools.sdk_names`, review, `python -m codegen`"
    )
    wanted = sdk_names.render_classes(names.classes)
    assert wanted == sdk_names.CLASS_FACTS.read_text(encoding="utf-8"), (
        "spec/sdk_class_names.yml is stale: run `python -m tools.sdk_names`, `python -m codegen`"
    )
    wanted = sdk_names.render_copies(names.copies)
    assert wanted == sdk_names.COPY_FACTS.read_text(encoding="utf-8"), (
        "spec/sdk_copies.yml is stale: run `python -m tools.sdk_names`, `python -m codegen`"
    )


def test_a_copys_request_side_module_the_sdk_has_stays_in_the_facts() -> None:
    """The SDK's `_param` module of a module holding per-place copies is listed in the facts even
    when ours defines all its names (the copies' TypedDicts, which the generator writes there only
    for a module the facts list): else the facts and the generated output alternate."""
    turn = "realtime.realtime_transcription_session_audio_input_turn_detection"
    copies = {turn: {}, "evals.no_such_module": {}, "": {}}
    assert sdk_names.request_sides(copies) == {f"{turn}_param"}
    assert f"\n{turn}_param: {{}}\n" in sdk_names.render({}, {f"{turn}_param"})
    assert f"{turn}_param: {{}}" in sdk_names.FACTS.read_text(encoding="utf-8")
    module = importlib.import_module(f"typed_openai.types.{turn}_param")
    for name in ("ServerVad", "SemanticVad"):
        cls = getattr(module, name)
        assert (cls.__module__, cls.__name__) == (module.__name__, name)
    assert "RealtimeTranscriptionSessionAudioInputTurnDetectionParam" in module.__all__


def test_a_class_has_the_name_the_sdk_has_for_it() -> None:
    """Every class the class facts name: ours has that `__name__` (prints, reprs, pickles
    alike); the document's name stays importable from the class's module."""
    classes = sdk_names._class_facts(sdk_names.CLASS_FACTS)
    assert sum(len(names) for names in classes.values()) > 200
    for module, names in classes.items():
        ours = importlib.import_module(f"typed_openai.types.{module}")
        for document, name in names.items():
            cls = getattr(ours, name)
            assert getattr(ours, document) is cls and cls.__name__ == cls.__qualname__ == name
    realtime = importlib.import_module("typed_openai.types.realtime")
    assert realtime.ResponseTextDeltaEvent.__name__ == "ResponseTextDeltaEvent"


def test_every_union_named_by_its_field_has_the_sdk_unions_members() -> None:
    """A fact `Name: module:Owner.field` makes `Name` an alias of that field's union at the SDK's
    module (codegen/sdk_unions.py): each member is a class of ours of the shape the SDK union's
    member maps to, or where the newer SDK reshaped members, has the same discriminators; an
    arm the SDK leaves `object` is a class of ours."""
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
            if theirs is None:  # members the newer SDK reshaped: the same discriminators
                mine = discriminators(getattr(ours, name))
                theirs = discriminators(getattr(sdk, name))
            if mine is not None and theirs is not None and ("any",) in theirs:
                # an arm the SDK leaves `object` (the recursive compound filter): ours types it,
                # and has the SDK's typed arms too (match.py, `_with_untyped_arm`)
                typed = theirs - {("any",)}
                if typed <= mine and mine - typed:
                    continue
            if mine is None or mine != theirs:
                wrong.append(f"{module}.{name}: {mine} vs SDK {theirs}")
    assert checked > 100 and not wrong, "\n".join(wrong)


class SdkInputImage(pydantic.BaseModel):  # the SDK's GA image part, newer than ours
    type: Literal["input_image"]
    detail: str
    image_url: str | None = None
    prompt_cache_breakpoint: dict[str, object] | None = None


class InputImage(pydantic.BaseModel):  # ours: the GA part
    type: Literal["input_image"]
    detail: str
    image_url: str | None = None
    prompt_cache_breakpoint: object | None = None


class BetaInputImageContent(pydantic.BaseModel):  # ours: the beta part of the same fields
    type: Literal["input_image"]
    detail: str
    image_url: str | None = None
    prompt_cache_breakpoint: object | None = None


def test_a_second_name_of_an_sdk_class_is_what_ours_has_for_that_class(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the SDK's `conversations.InputImageContent = ResponseInputImage`: the GA class, though the
    # beta one of the same fields is named more alike
    theirs = type(
        "ResponseInputImage", (SdkInputImage,), {"__module__": "sdk_pkg.responses.input_image"}
    )
    ours = _module("our_pkg.responses.input_image", ResponseInputImage=InputImage)
    monkeypatch.setitem(sys.modules, "our_pkg.responses.input_image", ours)
    own = [
        _entry("responses.input_image", "ResponseInputImage", InputImage),
        _entry("beta.input_image_content", "BetaInputImageContent", BetaInputImageContent),
    ]
    sdk = _entry("conversations.input_image_content", "InputImageContent", theirs)
    found = Matcher(own, packages=("sdk_pkg", "our_pkg")).match(sdk)
    assert found is not None and (found.module, found.name) == (
        "responses.input_image",
        "ResponseInputImage",
    )
    # a class under its own name is matched by its shape, as before
    beta = type("BetaInputImageContent", (SdkInputImage,), {"__module__": "sdk_pkg.beta.x"})
    found = Matcher(own, packages=("sdk_pkg", "our_pkg")).match(
        _entry("beta.x", "BetaInputImageContent", beta)
    )
    assert found is not None and found.name == "BetaInputImageContent"


class SdkComparisonFilter(pydantic.BaseModel):
    type: Literal["eq", "ne"]
    key: str
    value: str


class SdkCompoundFilter(pydantic.BaseModel):  # the SDK leaves the recursive arm untyped
    type: Literal["and", "or"]
    filters: list[Union[SdkComparisonFilter, object]]


class ComparisonFilter(pydantic.BaseModel):
    type: Literal["eq", "ne"]
    key: str
    value: str


class NestedFilter(pydantic.BaseModel):  # ours types that arm
    type: Literal["and", "or"]


class CompoundFilter(pydantic.BaseModel):
    type: Literal["and", "or"]
    filters: list[Union[ComparisonFilter, NestedFilter]]


class BetaComparisonFilter(pydantic.BaseModel):  # a copy elsewhere, as untyped as the SDK's
    type: Literal["eq", "ne"]
    key: str
    value: str


class BetaCompoundFilter(pydantic.BaseModel):
    type: Literal["and", "or"]
    filters: list[Union[BetaComparisonFilter, object]]


def test_a_union_with_an_untyped_arm_is_the_union_ours_holds_at_its_place() -> None:
    sdk_filter = Union[SdkComparisonFilter, object]
    sdk = _module("sdk.shared.compound_filter", CompoundFilter=SdkCompoundFilter, Filter=sdk_filter)
    ours = _module(f"{__name__}.shared.compound_filter", CompoundFilter=CompoundFilter)
    places = Places(
        {"shared.compound_filter": sdk}.get, {"shared.compound_filter": ours}.get, __name__
    )
    own = [
        _entry("shared.comparison_filter", "ComparisonFilter", ComparisonFilter),
        _entry("shared.compound_filter", "CompoundFilter", CompoundFilter),
        _entry("beta.file_search_tool", "FiltersComparisonFilter", BetaComparisonFilter),
        _entry("beta.file_search_tool", "FiltersCompoundFilter", BetaCompoundFilter),
    ]
    entry = _entry("shared.compound_filter", "Filter", sdk_filter)
    # without places, only the beta copy has exactly the SDK's arms
    found = Matcher(own).match(entry)
    assert found is not None and found.module == "beta.file_search_tool"
    # with them, what the SDK's own CompoundFilter.filters holds: ours there types the open arm
    found = Matcher(own, places=places).match(entry)
    assert found == Match("shared.compound_filter", "CompoundFilter.filters[]", False, True)


def test_each_per_place_copy_is_the_class_of_the_sdk_name_at_its_path() -> None:
    """Every copy spec/sdk_copies.yml makes: a class of the SDK class's name, at its module, held
    where the facts place it (`isinstance(x, <that path>)` holds for what a place answers)."""
    copies = load_sdk_copies(sdk_names.COPY_FACTS)
    assert sum(len(names) for names in copies.values()) > 50
    unions = 0
    for module, names in copies.items():
        ours = importlib.import_module(f"typed_openai.types.{module}")
        sdk = importlib.import_module(f"openai.types.{module}")
        for name in names:
            cls = getattr(ours, name)
            if not isinstance(cls, type):  # a copy of a shared union: the SDK's is a union too
                unions += 1
                assert members(cls) and members(getattr(sdk, name)), f"{module}.{name}"
                continue
            assert cls.__name__ == cls.__qualname__ == name == getattr(sdk, name).__name__
            assert cls.__module__ == f"typed_openai.types.{module}"
    assert unions >= 10  # the per-field unions of the tool calls' callers, tools, actions, ...
    reasoning = importlib.import_module("typed_openai.types.responses.response_reasoning_item")
    item = reasoning.ResponseReasoningItem.model_validate(
        {"id": "rs_1", "type": "reasoning", "summary": [{"type": "summary_text", "text": "t"}]}
    )
    assert type(item.summary[0]) is reasoning.Summary
    assert repr(item.summary[0]) == "Summary(text='t', type='summary_text')"


# --- places in other modules, unions' members, operation answers ---------------------------------


class SdkErrorEvent(pydantic.BaseModel):  # the SDK's GA error event, its own module's class
    type: Literal["error"]


class SdkDone(pydantic.BaseModel):
    type: Literal["done"]


class SdkHolder(pydantic.BaseModel):  # a field holding the union, in a third module
    last: Union[SdkErrorEvent, SdkDone]


class OurErrorEvent(pydantic.BaseModel):
    type: Literal["error"]


class OurDone(pydantic.BaseModel):
    type: Literal["done"]


class OurHolder(pydantic.BaseModel):
    last: Union[OurErrorEvent, OurDone]


def test_a_class_is_held_in_the_modules_naming_a_union_of_it_and_each_field_holding_it() -> None:
    """`Places.holding`: the SDK's modules with a place of a class defined in another (the GA
    error event held by the server-event union's module); `Places.uses`: how many fields hold a
    union of those members (a shared union's member is read at each)."""
    sdk_union = Union[SdkErrorEvent, SdkDone]
    sdk = {
        "error_event": _module("sdk.error_event", ErrorEvent=SdkErrorEvent),
        "done": _module("sdk.done", Done=SdkDone),
        "server_event": _module("sdk.server_event", ServerEvent=sdk_union),
        "holder": _module("sdk.holder", Holder=SdkHolder),
    }
    ours = {
        "error_event": _module(f"{__name__}.error_event", ErrorEvent=OurErrorEvent),
        "server_event": _module(
            f"{__name__}.server_event", ServerEvent=Union[OurErrorEvent, OurDone]
        ),
        "holder": _module(f"{__name__}.holder", Holder=OurHolder),
    }
    places = Places(sdk.get, ours.get, __name__, lambda: sorted(sdk))
    assert places.holding(SdkErrorEvent) == ["holder", "server_event"]
    assert places.holding(SdkDone) == ["holder", "server_event"]
    # the union's own name is a place of its members: ours there is our union of that name
    (place,) = places.at("server_event", SdkErrorEvent)
    assert place.owner is None and counterpart(place, SdkErrorEvent) is OurErrorEvent
    (field,) = places.at("holder", SdkErrorEvent)
    assert field.owner is OurHolder and field.wire == "last"
    assert places.uses(sdk_union) == 1 and places.uses(Union[SdkDone, str]) == 0


def test_a_place_gets_the_name_most_of_its_places_give_it_a_copys_on_a_tie() -> None:
    from tools.sdk_names.copies import _Want, _winner

    def want(name: str, module: str, keep: bool = False, weight: int = 1) -> _Want:
        return _Want(module, name, "Schema", (module, name), id(name), keep, weight)

    # a member of a union seven fields hold, named so by the union's module: kept
    kept = {want("Click", "computer_action", keep=True, weight=7), want("ActionClick", "call")}
    assert _winner(kept) == "Click"
    # one place each: the copy's name (the class keeps its own at its path either way)
    tie = {want("RealtimeErrorEvent", "ga"), want("ErrorEvent", "beta", keep=True)}
    assert _winner(tie) == "RealtimeErrorEvent"
    # several modules naming it alike outweigh one
    alike = {want("Logprob", "a"), want("Logprob", "b"), want("LogProb", "c", keep=True)}
    assert _winner(alike) == "Logprob"


def test_the_sdk_methods_answers_are_places_of_their_classes() -> None:
    """tools/sdk_names/answers.py: the SDK's method of an operation's resource path and name
    returns a class whose place is the operation's answer (a page's: its model's `data`)."""
    from tools.sdk_names.answers import answer_places, sdk_client
    from tools.sdk_names.copies import Generated

    video = importlib.import_module("openai.types.video_get_character_response")
    VideoGetCharacterResponse = video.VideoGetCharacterResponse
    listed = importlib.import_module("openai.types.container_list_response")
    ContainerListResponse = listed.ContainerListResponse
    generated = Generated(sdk_names.ROOT, sdk_names.CONFIG, sdk_names.SPEC)
    api = generated.api
    found = answer_places(api.operations, api.defs, generated, sdk_client(sdk_names.SDK_TYPES))
    assert found[id(VideoGetCharacterResponse)] == [
        "/paths/~1videos~1characters~1{character_id}/get/responses/200/content/"
        "application~1json/schema"
    ]
    assert found[id(ContainerListResponse)] == [
        "/components/schemas/ContainerListResource/properties/data"
    ]
    # and the facts put the SDK's class there: a copy of the schema under its name
    copies = load_sdk_copies(sdk_names.COPY_FACTS)
    assert copies["video_get_character_response"]["VideoGetCharacterResponse"].at == (
        found[id(VideoGetCharacterResponse)][0],
    )
    realtime = importlib.import_module("typed_openai.types.realtime.realtime_server_event")
    members = {m.__name__ for m in typing_get_args(realtime.RealtimeServerEvent)}
    assert "RealtimeErrorEvent" in members and "ErrorEvent" not in members
    beta = importlib.import_module("typed_openai.types.beta.realtime.realtime_server_event")
    assert "ErrorEvent" in {m.__name__ for m in typing_get_args(beta.RealtimeServerEvent)}


def typing_get_args(union: object) -> list[type]:
    """A (discriminated, Annotated) union's member classes."""
    import typing

    inner = typing.get_args(union)[0] if typing.get_origin(union) is typing.Annotated else union
    return [m for m in typing.get_args(inner) if isinstance(m, type)]


# --- copies of a shared union: the SDK declares the union (and its arms) once per field ----------


class SdkDirect(pydantic.BaseModel):  # the SDK's arms of `Call.caller`, named for that field
    type: Literal["direct"]


class SdkProgram(pydantic.BaseModel):
    type: Literal["program"]
    caller_id: str


class SdkCall(pydantic.BaseModel):
    caller: Union[SdkDirect, SdkProgram, None] = None


class Direct(pydantic.BaseModel):  # ours: the shared union's arm
    type: Literal["direct"]


class CallDirect(pydantic.BaseModel):  # a copy of it, at the field (the per-place copy)
    type: Literal["direct"]


class OtherDirect(pydantic.BaseModel):  # another class of that shape, named as the SDK names it
    type: Literal["direct"]


class Call(pydantic.BaseModel):
    caller: Union[CallDirect, None] = None


def test_the_sdk_module_names_the_union_a_field_holds() -> None:
    """`Places.union_name`: the name a module gives the union at a field (the copy's name)."""
    sdk_union = Union[SdkDirect, SdkProgram]
    sdk = _module("sdk.item", CallCaller=sdk_union, Other=Union[SdkDirect, str])
    places = Places({"item": sdk}.get, {"item": sdk}.get, __name__)
    annotation = SdkCall.model_fields["caller"].annotation
    assert places.union_name("item", annotation, SdkProgram) == "CallCaller"
    assert places.union_name("item", annotation, Direct) is None  # no union holding it there


def test_a_union_a_field_imports_is_named_by_the_one_module_naming_it() -> None:
    """`Places.union_home`: where a field's module names no union holding the class (it
    imports it: `RealtimeAudioConfigInput.turn_detection`), the one SDK module naming a union of
    those members is the copy's (`realtime_audio_input_turn_detection`); none where several do."""
    sdk_union = Union[SdkDirect, SdkProgram]
    modules = {"caller": _module("sdk.caller", CallerUnion=sdk_union), "item": _module("sdk.item")}
    places = Places(modules.get, modules.get, __name__, lambda: sorted(modules))
    annotation = SdkCall.model_fields["caller"].annotation
    assert places.union_name("item", annotation, SdkProgram) is None
    assert places.union_home(annotation, SdkProgram) == ("caller", "CallerUnion")
    modules["other"] = _module("sdk.other", Again=sdk_union)
    places = Places(modules.get, modules.get, __name__, lambda: sorted(modules))
    assert places.union_home(annotation, SdkProgram) is None


def test_an_arm_written_in_a_shared_union_is_reached_through_the_field_holding_it() -> None:
    """A named union whose arm is an object written in place (`RealtimeTurnDetection`'s
    server_vad / semantic_vad) holds that object: a field referencing the union is a place of
    it through the union (a copy of the union there holds a copy of the arm)."""
    from tools.sdk_names.copies import Generated

    schemas = {
        "Session": {"properties": {"turn": {"$ref": "#/components/schemas/Turn"}}},
        "Turn": {
            "anyOf": [
                {"oneOf": [{"type": "object", "properties": {"type": {"const": "server_vad"}}}]},
                {"type": "null"},
            ]
        },
    }

    def at(pointer: str) -> object:
        node: object = {"components": {"schemas": schemas}}
        for step in pointer.strip("/").split("/"):
            node = node[int(step)] if isinstance(node, list) else node[step]  # type: ignore[index]
        return node

    generated = object.__new__(Generated)
    generated.main = types.SimpleNamespace(at=at)  # type: ignore[assignment]
    field = "/components/schemas/Session/properties/turn"
    arm = "/components/schemas/Turn/anyOf/0/oneOf/0"
    assert generated.references(field, arm) == ([], True)
    assert [(t.at, t.union, t.arm) for t in generated.through(field, arm)] == [(field, "Turn", arm)]


def test_a_per_place_copy_at_the_sdk_place_stands_for_what_it_copies() -> None:
    """The matcher's place preference counts a copy as its source: where ours holds a copy
    (`CallDirect`, of `Direct`), the SDK's name pairs with the source, not another class of the
    shape named as the SDK names it (else the facts would move with every copy made)."""
    sdk = _module("sdk.item", Call=SdkCall, CallCallerDirect=SdkDirect)
    ours = _module(f"{__name__}.item", Call=Call)
    places = Places({"item": sdk}.get, {"item": ours}.get, __name__)
    own = [
        _entry("responses.caller", "Direct", Direct),
        _entry("item", "CallCallerDirect", OtherDirect),
    ]
    matcher = Matcher(own, places=places)
    matcher.by_identity[id(CallDirect)] = own[0]  # as compute() does for each copy
    found = matcher.match(_entry("item", "CallCallerDirect", SdkDirect))
    assert found is not None and (found.module, found.name) == ("responses.caller", "Direct")
    # without the copy counted, the class named alike wins
    del matcher.by_identity[id(CallDirect)]
    found = Matcher(own, places=places).match(_entry("item", "CallCallerDirect", SdkDirect))
    assert found is not None and found.name == "CallCallerDirect"


def _want(name: str, module: str, union: tuple[str, str, str, str, bool] | None = None) -> object:
    from tools.sdk_names.copies import _Want

    return _Want(module, name, "Arm", (module, name), id(name), union=union)


def test_a_field_gets_the_union_copy_most_of_its_arms_places_name_the_union_itself_on_a_tie() -> (
    None
):
    from tools.sdk_names.copies import Plan, _union_copies

    generated = types.SimpleNamespace(config=types.SimpleNamespace(types={}))
    field = "/components/schemas/Item/properties/caller"
    arm = "/components/schemas/Caller/oneOf/0"
    # two modules: one names the field's union as ours names the union, one names a copy
    wants = {
        arm: {_want("Direct", "a", ("a", "Caller", "Caller", field, True))},
        f"b:ItemCaller#{arm}": {
            _want("ItemCallerDirect", "b", ("b", "ItemCaller", "Caller", field, False))
        },
    }
    unions = _union_copies(wants, generated, Plan())  # type: ignore[arg-type]
    assert unions.wanted == {"b:ItemCaller"} and not unions.made  # a tie: the union stays
    # a second arm of the copy outweighs it: the field gets the copy
    second = "b:ItemCaller#/components/schemas/Caller/oneOf/1"
    wants[second] = {_want("ItemCallerProgram", "b", ("b", "ItemCaller", "Caller", field, False))}
    unions = _union_copies(wants, generated, Plan())  # type: ignore[arg-type]
    assert unions.made == {"b:ItemCaller": ("b", "ItemCaller", "Caller")}
    assert unions.at == {"b:ItemCaller": {field}}


def test_a_place_within_a_copy_not_made_is_dropped_and_a_union_copy_holding_no_copy() -> None:
    from tools.sdk_names.copies import Plan, _drop_unmade_scopes, _Unions

    generated = types.SimpleNamespace(config=types.SimpleNamespace(types={}))
    field = "/components/schemas/Item/properties/caller"
    copies = {
        ("b", "ItemCaller"): ("Caller", {field}),
        ("b", "ItemCallerDirect"): ("Direct", {"b:Gone#/components/schemas/Caller/oneOf/0"}),
    }
    unions = _Unions(
        {"b:ItemCaller"}, {"b:ItemCaller": {field}}, {"b:ItemCaller": ("b", "ItemCaller", "Caller")}
    )
    _drop_unmade_scopes(copies, unions, generated, Plan())  # type: ignore[arg-type]
    assert copies == {}  # the arm's scope is no copy, and then the union's copy holds none
    copies = {
        ("b", "ItemCaller"): ("Caller", {field}),
        ("b", "ItemCallerDirect"): ("Direct", {"b:ItemCaller#/components/schemas/Caller/oneOf/0"}),
    }
    _drop_unmade_scopes(copies, unions, generated, Plan())  # type: ignore[arg-type]
    assert set(copies) == {("b", "ItemCaller"), ("b", "ItemCallerDirect")}


def test_a_place_within_a_copied_schema_is_its_own_unless_inside_an_object_written_there() -> None:
    from tools.sdk_names.copies import _own_place

    schema = {
        "properties": {
            "caller": {"oneOf": [{"$ref": "#/components/schemas/Direct"}]},
            "inner": {"type": "object", "properties": {"x": {"$ref": "#/components/schemas/X"}}},
        }
    }
    generated = types.SimpleNamespace(node=lambda pointer: schema)
    source = "/components/schemas/Item"
    assert _own_place(generated, source, f"{source}/properties/caller/oneOf/0")  # type: ignore[arg-type]
    assert not _own_place(generated, source, f"{source}/properties/inner/properties/x")  # type: ignore[arg-type]


def test_a_place_inside_an_object_of_a_copied_schema_is_the_objects_where_each_copy_has_its_own() -> (
    None
):
    """An object written in a copied schema is the schema's alone where each copy of the schema
    holds a copy of the object (`<copy>#<object>`): a place one object deep is then free for a
    copy (the MCP tool's approval filter's `always` / `never`)."""
    from tools.sdk_names.copies import _apart

    schema = {
        "properties": {
            "filter": {
                "anyOf": [
                    {"type": "object", "properties": {"always": {"$ref": "#/c/Filter"}}},
                    {"type": "string"},
                ]
            }
        }
    }
    source = "/components/schemas/Tool"
    inner = f"{source}/properties/filter/anyOf/0"
    place = f"{inner}/properties/always"

    def node(pointer: str) -> object:
        return schema if pointer == source else schema["properties"]["filter"]["anyOf"][0]

    generated = types.SimpleNamespace(node=node)
    copies = {"m:ToolCopy", "n:OtherCopy"}
    every = {f"{copy}#{inner}" for copy in copies}
    assert _apart(generated, source, place, copies, every)  # type: ignore[arg-type]
    assert not _apart(generated, source, place, copies, every - {f"n:OtherCopy#{inner}"})  # type: ignore[arg-type]
    assert _apart(generated, source, place, set(), set())  # type: ignore[arg-type]


# the SDK's classes at places the document shares through one union: (SDK module, class, a payload,
# the path of the value) -- ours holds, at each, the class of the SDK's name at the SDK's path
SHARED_UNION_PLACES = [
    (
        "responses.response_input_item",
        "FunctionCallOutput",
        {
            "call_id": "c",
            "output": "o",
            "type": "function_call_output",
            "caller": {"type": "direct"},
        },
        ("caller",),
    ),
    (
        "responses.response_input_item",
        "ShellCall",
        {
            "action": {"commands": ["ls"]},
            "call_id": "c",
            "type": "shell_call",
            "caller": {"type": "program", "caller_id": "p"},
        },
        ("caller",),
    ),
    (  # the union's own module: its own arms, under their own names
        "responses.response_custom_tool_call_output",
        "ResponseCustomToolCallOutput",
        {
            "call_id": "c",
            "output": "o",
            "type": "custom_tool_call_output",
            "caller": {"type": "direct"},
        },
        ("caller",),
    ),
    (
        "responses.response_computer_tool_call",
        "ResponseComputerToolCall",
        {
            "id": "i",
            "call_id": "c",
            "pending_safety_checks": [],
            "status": "completed",
            "type": "computer_call",
            "action": {"type": "click", "button": "left", "x": 1, "y": 2},
        },
        ("action",),
    ),
    (
        "responses.response_tool_search_output_item_param",
        "ResponseToolSearchOutputItemParam",
        {
            "type": "tool_search_output",
            "tools": [{"type": "code_interpreter", "container": "auto"}],
        },
        ("tools", 0),
    ),
]


@pytest.mark.parametrize(("module", "name", "payload", "path"), SHARED_UNION_PLACES)
def test_a_shared_unions_arm_is_the_sdk_class_of_its_field(
    module: str, name: str, payload: dict[str, object], path: tuple[str | int, ...]
) -> None:
    """A union the document shares between fields is copied per field where the SDK names it
    per field (`FunctionCallOutputCaller`, `ShellCallCaller`), its arms copies under the SDK's
    names (spec/sdk_copies.yml, `<union copy>#<pointer>` places): an object read there prints
    as the SDK's does and is an instance of the class at the SDK's path."""
    _assert_the_sdk_class_at(module, name, payload, path)


# the turn detection's arms, written in the shared union: at a field whose module imports the
# union another module names, that module's copy's arms; at the union's own module, its own
_TURN_PLACES = [
    ("realtime.realtime_audio_config_input", "RealtimeAudioConfigInput"),
    (
        "realtime.realtime_transcription_session_audio_input",
        "RealtimeTranscriptionSessionAudioInput",
    ),
    ("realtime.realtime_session_create_response", "AudioInput"),
]
SHARED_UNION_PLACES += [
    (module, name, {"turn_detection": {"type": kind}}, ("turn_detection",))
    for module, name in _TURN_PLACES
    for kind in ("server_vad", "semantic_vad")
]


def _assert_the_sdk_class_at(
    module: str, name: str, payload: dict[str, object], path: tuple[str | int, ...]
) -> None:
    """The value at ``path`` of a payload read as ``module.name`` prints as the SDK's does and
    is an instance of the class at the SDK's path."""
    theirs = getattr(importlib.import_module(f"openai.types.{module}"), name)
    ours = getattr(importlib.import_module(f"typed_openai.types.{module}"), name)
    their_value, our_value = theirs.model_validate(payload), ours.model_validate(payload)
    for step in path:
        if isinstance(step, int):
            their_value, our_value = their_value[step], our_value[step]
        else:
            their_value, our_value = getattr(their_value, step), getattr(our_value, step)
    sdk_class = type(their_value)
    at = sdk_class.__module__.replace("openai.", "typed_openai.", 1)
    assert type(our_value).__name__ == sdk_class.__name__
    assert isinstance(our_value, getattr(importlib.import_module(at), sdk_class.__name__))


# objects written in place within a schema that has per-place copies (the usage of a transcript's
# done event, a tool's options in a tool search output), or within an object the config names (an
# eval's template): (SDK module, class, a payload, the path of the value)
INLINE_OBJECT_PLACES = [
    (
        "audio.transcription_text_done_event",
        "TranscriptionTextDoneEvent",
        {
            "type": "transcript.text.done",
            "text": "t",
            "usage": {
                "type": "tokens",
                "input_tokens": 1,
                "output_tokens": 1,
                "total_tokens": 2,
                "input_token_details": {"audio_tokens": 1, "text_tokens": 0},
            },
        },
        ("usage", "input_token_details"),
    ),
    (
        "realtime.realtime_error_event",
        "RealtimeErrorEvent",
        {
            "type": "error",
            "event_id": "e",
            "error": {"type": "invalid_request_error", "message": "m"},
        },
        ("error",),
    ),
    (
        "responses.response_tool_search_output_item_param",
        "ResponseToolSearchOutputItemParam",
        {
            "type": "tool_search_output",
            "tools": [{"type": "image_generation", "svg": {"reasoning": {"effort": "low"}}}],
        },
        ("tools", 0, "svg", "reasoning"),
    ),
    (
        "responses.response_tool_search_output_item_param",
        "ResponseToolSearchOutputItemParam",
        {
            "type": "tool_search_output",
            "tools": [
                {
                    "type": "mcp",
                    "server_label": "s",
                    "require_approval": {"always": {"tool_names": ["a"]}},
                }
            ],
        },
        ("tools", 0, "require_approval", "always"),
    ),
    (
        "evals.run_create_response",
        "DataSourceResponses",
        {
            "type": "responses",
            "source": {"type": "file_id", "id": "f"},
            "input_messages": {
                "type": "template",
                "template": [{"role": "user", "content": "hi", "type": "message"}],
            },
        },
        ("input_messages", "template", 0),
    ),
    (
        "evals.run_list_response",
        "DataSourceResponses",
        {"type": "responses", "source": {"type": "file_content", "content": [{"item": {}}]}},
        ("source", "content", 0),
    ),
    (
        "beta.realtime.session_update_event",
        "SessionUpdateEvent",
        {"type": "session.update", "session": {"tools": [{"type": "function", "name": "f"}]}},
        ("session", "tools", 0),
    ),
]


_MASK_TOOL = {"type": "image_generation", "input_image_mask": {"file_id": "f"}}
_FILTER_TOOL = {
    "type": "mcp",
    "server_label": "s",
    "require_approval": {"always": {"tool_names": ["a"]}},
}
_SEARCH_OUTPUT = {
    "type": "tool_search_output",
    "id": "i",
    "execution": "server",
    "status": "completed",
}
# a config-named object written in place, at its own place (the SDK's module defining the tool)
# and within the tool search output's copy of the tool
INLINE_OBJECT_PLACES += [
    (module, name, {**_SEARCH_OUTPUT, "tools": [tool]}, ("tools", 0, field))
    for module, name in [
        ("responses.response_tool_search_output_item", "ResponseToolSearchOutputItem"),
        ("responses.response_tool_search_output_item_param", "ResponseToolSearchOutputItemParam"),
        ("beta.beta_response_tool_search_output_item", "BetaResponseToolSearchOutputItem"),
        (
            "beta.beta_response_tool_search_output_item_param",
            "BetaResponseToolSearchOutputItemParam",
        ),
    ]
    for tool, field in [(_MASK_TOOL, "input_image_mask"), (_FILTER_TOOL, "require_approval")]
] + [
    (
        "realtime.realtime_tools_config_union",
        "Mcp",
        _FILTER_TOOL,
        ("require_approval",),
    ),
]

# the MCP tool's approval filter's lists, at the SDK's modules defining the tool (each copy of the
# tool has a copy of the filter: the filter's own places are free for the SDK's names)
INLINE_OBJECT_PLACES += [
    (module, name, _FILTER_TOOL | {"require_approval": {field: {"tool_names": ["a"]}}}, path)
    for module, name in [
        ("responses.tool", "Mcp"),
        ("beta.beta_tool", "Mcp"),
        ("realtime.realtime_tools_config_union", "Mcp"),
    ]
    for field in ("always", "never")
    for path in [("require_approval", field)]
]

# the MCP tool of a realtime session's answer and of a response's settings: a list of the SDK's
# module's own (no RealtimeToolsConfig there), its MCP tool a copy with its filters' copies
_REALTIME_MCP = _FILTER_TOOL | {"allowed_tools": {"tool_names": ["a"]}}
INLINE_OBJECT_PLACES += [
    (module, name, payload | {"tools": [_REALTIME_MCP]}, ("tools", 0, *path))
    for module, name, payload in [
        (
            "realtime.realtime_session_create_response",
            "RealtimeSessionCreateResponse",
            {"id": "s", "object": "realtime.session", "type": "realtime"},
        ),
        ("realtime.realtime_response_create_params", "RealtimeResponseCreateParams", {}),
    ]
    for path in [(), ("allowed_tools",), ("require_approval",), ("require_approval", "always")]
]


@pytest.mark.parametrize(("module", "name", "payload", "path"), INLINE_OBJECT_PLACES)
def test_an_object_written_in_place_is_the_sdk_class_of_its_place(
    module: str, name: str, payload: dict[str, object], path: tuple[str | int, ...]
) -> None:
    """An object the document writes in place is one class at its own place; within a copy of
    the schema around it (`<copy>#<pointer>`) it gets a copy of its own under the SDK's name
    there, and within an object the config names its places are that object's alone."""
    _assert_the_sdk_class_at(module, name, payload, path)


def test_an_object_written_in_place_is_a_place_of_its_own_class() -> None:
    """`Generated.references` finds the object written at a field as a place of its class (a
    copy of the schema around it answers that place with a copy of its own)."""
    from tools.sdk_names.copies import Generated

    field = "/components/schemas/Usage/properties/details"
    schema = {
        "properties": {"details": {"type": "object", "properties": {"n": {"type": "integer"}}}}
    }
    generated = object.__new__(Generated)
    generated.main = types.SimpleNamespace(  # type: ignore[assignment]
        at=lambda pointer: schema["properties"]["details"] if pointer == field else schema
    )
    assert generated.references(field, field) == ([field], False)


def test_the_shared_union_keeps_its_own_arms_where_its_copies_have_theirs() -> None:
    """The union's own members (`computer_action.ComputerAction`: `Click`, ...) are the SDK's
    there; the copy at a field (`response_computer_tool_call.Action`) has that module's arms."""
    for module, union in (
        ("responses.computer_action", "ComputerAction"),
        ("responses.response_computer_tool_call", "Action"),
        ("responses.response_input_item", "FunctionCallOutputCaller"),
        ("responses.response_custom_tool_call_output", "Caller"),
    ):
        ours = importlib.import_module(f"typed_openai.types.{module}")
        sdk = importlib.import_module(f"openai.types.{module}")
        mine, theirs = typing_get_args(getattr(ours, union)), typing_get_args(getattr(sdk, union))
        theirs = [c for c in theirs if c is not type(None)]  # (the SDK's union is Optional there)
        assert sorted(c.__name__ for c in mine) == sorted(c.__name__ for c in theirs), module
        assert all(getattr(ours, c.__name__) is c for c in mine), module


class TracingConfig(pydantic.BaseModel):  # ours: the shared class
    group_id: str | None = None


class SessionTracingConfig(pydantic.BaseModel):  # ours: its per-place copy in an update event
    group_id: str | None = None


class UpdatedSession(pydantic.BaseModel):  # holds the copy (a shorter module: first on a tie)
    tracing: Literal["auto"] | SessionTracingConfig | None = None


class CreatedSession(pydantic.BaseModel):  # holds the shared class
    tracing: Literal["auto"] | TracingConfig | None = None


class SdkTracingConfig(pydantic.BaseModel):
    group_id: str | None = None


SdkTracingConfig.__name__ = SdkTracingConfig.__qualname__ = "TracingConfig"


def test_of_two_unions_of_the_same_members_the_one_whose_arms_print_as_the_sdks_wins() -> None:
    """A union and its copy's union hold the same data (a copy stands for its source): the SDK's
    union pairs with the one whose arms have the SDK arms' `__name__`s, so `isinstance` against
    the SDK's arm class at the union's module holds for what the union reads."""
    own = [
        _entry("realtime.session_created", "TracingConfig", TracingConfig),
        _entry("realtime.update", "UpdatedSession", UpdatedSession),
        _entry("realtime.session_created", "CreatedSession", CreatedSession),
    ]
    matcher = Matcher(own)
    matcher.by_identity[id(SessionTracingConfig)] = own[0]  # as compute() does for each copy
    sdk_union = Union[Literal["auto"], SdkTracingConfig]
    found = matcher.match(_entry("realtime.session", "Tracing", sdk_union))
    assert found is not None
    assert (found.module, found.name) == ("realtime.session_created", "CreatedSession.tracing")
    # the copy's union wins the tie by name alone when its arm has the SDK's name
    SdkTracingConfig.__name__ = "SessionTracingConfig"
    try:
        matcher = Matcher(own)
        matcher.by_identity[id(SessionTracingConfig)] = own[0]
        found = matcher.match(_entry("realtime.session", "Tracing", sdk_union))
    finally:
        SdkTracingConfig.__name__ = "TracingConfig"
    assert found is not None and found.name == "UpdatedSession.tracing"


def test_the_beta_realtime_sessions_tracing_holds_the_sdks_class_of_that_module() -> None:
    from typing import get_args

    import openai.types.beta.realtime.session as theirs

    import typed_openai.types.beta.realtime.session as ours

    mine = [a.__name__ for a in get_args(ours.Tracing) if isinstance(a, type)]
    assert mine == [a.__name__ for a in get_args(theirs.Tracing) if isinstance(a, type)]
    assert ours.TracingTracingConfiguration in get_args(ours.Tracing)


def test_the_sdk_names_of_the_renamed_objects_written_in_place_stay_importable() -> None:
    """The image tool's mask and the MCP tool's approval filter are named as the SDK's module
    defining the tool names them; the SDK's names for them at other places stay importable there.
    (Their former names at the tool modules were incidental, not SDK names: test_public_types.)"""
    from typed_openai.types.beta import beta_response_tool_search_output_item_param
    from typed_openai.types.realtime import realtime_session_create_response
    from typed_openai.types.responses import response_tool_search_output_item_param, tool

    # (the session's answer's MCP tool is a copy of its own: its filter too, named as the SDK's)
    session_filter = (
        realtime_session_create_response.ToolMcpToolRequireApprovalMcpToolApprovalFilter
    )
    assert session_filter.__name__ == "ToolMcpToolRequireApprovalMcpToolApprovalFilter"
    assert tool.McpRequireApprovalMcpToolApprovalFilter.__name__ == (
        "McpRequireApprovalMcpToolApprovalFilter"
    )
    for module in (
        response_tool_search_output_item_param,
        beta_response_tool_search_output_item_param,
    ):
        mask = module.ToolImageGenerationInputImageMask  # the copy within the tool's copy there
        assert mask.__name__ == "ToolImageGenerationInputImageMask"


# --- a place's counterpart: each class once; several alike told apart by the SDK's paths -------


class SdkPartOutputText(pydantic.BaseModel):  # the SDK's content part of a message's field
    type: Literal["output_text"]
    text: str


class SdkListOutputText(pydantic.BaseModel):  # its part inside the field's list arm: another class
    type: Literal["output_text"]
    text: str


class OurOutputText(pydantic.BaseModel):  # ours: one class at both
    type: Literal["output_text"]
    text: str


def test_a_class_a_field_holds_alone_and_in_a_list_is_one_counterpart() -> None:
    """`Union[X, List[X]]` (an eval message's content: a part, or a list of parts) mentions our
    part twice: it is still the one class of ours with the SDK part's tags there."""
    from typing import List

    from tools.sdk_names.places import Place

    place = Place(
        Union[str, SdkPartOutputText, List[Union[str, SdkListOutputText]]],
        Union[str, OurOutputText, List[Union[str, OurOutputText]]],
        OurHolder,
        "content",
    )
    assert counterpart(place, SdkPartOutputText) is OurOutputText
    assert counterpart(place, SdkListOutputText) is OurOutputText


def _named(cls: type, name: str, module: str) -> type:
    cls.__name__ = cls.__qualname__ = name
    cls.__module__ = module
    return cls


class _SdkEasy(pydantic.BaseModel):
    role: str
    type: Literal["message"] | None = None


class _SdkTemplateItem(pydantic.BaseModel):
    role: str
    type: Literal["message"] | None = None


class _OurEasy(pydantic.BaseModel):
    role: str
    type: Literal["message"] | None = None


class _OurItem(pydantic.BaseModel):
    role: str
    type: Literal["message"] | None = None


SdkEasy = _named(_SdkEasy, "EasyInputMessage", "sdk.responses.easy_input_message")
SdkTemplateItem = _named(_SdkTemplateItem, "TemplateEvalItem", "sdk.evals.run_data_source")
OurEasy = _named(_OurEasy, "EasyInputMessage", "ours.responses.easy_input_message")
OurItem = _named(_OurItem, "Input", "ours.graders.score_model_grader")


def test_of_several_alike_the_one_at_another_sdk_classs_path_stands_for_that_one() -> None:
    """Two message arms with the same tags (an optional `type: "message"`): the SDK's template
    item's counterpart is ours that is not at the path of the SDK's other arm (EasyInputMessage
    is that one, same name at the same module past the package)."""
    from tools.sdk_names.places import Place

    place = Place(Union[SdkEasy, SdkTemplateItem], Union[OurEasy, OurItem], OurHolder, "template")
    assert counterpart(place, SdkTemplateItem) is OurItem
    # the other is none of both alike (the SDK's template item is at no path of ours)
    assert counterpart(place, SdkEasy) is None


def test_no_fact_at_a_copys_request_side_name_in_its_param_module() -> None:
    """The generator writes a per-place copy's TypedDict in its module's `_param` module (the
    SDK has one) under the copy's request-side name: a fact there naming another class would
    clash with it (the generator refuses), so `with_copies` leaves it out."""
    module = "evals.create_eval_completions_run_data_source"
    names = sdk_names.Plan(
        copies={module: {"InputMessagesTemplateTemplateEvalItem": ("EvalItem", ())}}
    )
    found = {
        f"{module}_param": {
            "InputMessagesTemplateTemplateEvalItem": Match(
                "graders.score_model_grader_param", "Input", True
            ),
            "SamplingParamsResponseFormat": Match(f"{module}_param", "X", True),
        }
    }
    kept = sdk_names.with_copies(found, names)
    assert list(kept[f"{module}_param"]) == ["SamplingParamsResponseFormat"]


def test_the_eval_template_item_is_the_sdks_class_on_both_sides() -> None:
    from typing import get_args

    from openai.types.evals import create_eval_completions_run_data_source as theirs
    from openai.types.evals import create_eval_completions_run_data_source_param as theirs_param

    from typed_openai.types.evals import create_eval_completions_run_data_source as ours
    from typed_openai.types.evals import create_eval_completions_run_data_source_param as mine

    item = ours.InputMessagesTemplateTemplateEvalItem
    assert item.__name__ == theirs.InputMessagesTemplateTemplateEvalItem.__name__
    assert item.__module__ == ours.__name__
    assert item in get_args(ours.InputMessagesTemplateTemplate)
    parsed = ours.InputMessagesTemplate.model_validate(
        {"type": "template", "template": [{"role": "user", "content": "hi", "type": "message"}]}
    )
    assert (
        type(parsed.template[0]).__name__
        == type(
            theirs.InputMessagesTemplate.model_validate(
                {
                    "type": "template",
                    "template": [{"role": "user", "content": "hi", "type": "message"}],
                }
            ).template[0]
        ).__name__
    )
    param = mine.InputMessagesTemplateTemplateEvalItem
    assert param.__name__ == theirs_param.InputMessagesTemplateTemplateEvalItem.__name__
    assert param.__module__ == mine.__name__
