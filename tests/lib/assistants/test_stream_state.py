"""AssistantStreamState without I/O: typed events in, hook calls out."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import TypeAdapter

from tests.lib.assistants import expected as X
from tests.lib.assistants import streams as S
from typed_openai.lib.streaming.assistants import AssistantStreamState, HookCall
from typed_openai.lib.streaming.assistants._accumulate import materialize, merge_entry, merge_into
from typed_openai.lib.streaming.assistants._hooks import HOOKS
from typed_openai.types.beta.assistant_stream_event import AssistantStreamEvent

_events: TypeAdapter[Any] = TypeAdapter(AssistantStreamEvent)


def typed(events: list[S.Event]) -> list[AssistantStreamEvent]:
    return [_events.validate_python({"event": name, "data": data}) for name, data in events]


def drive(state: AssistantStreamState, events: list[S.Event]) -> list[tuple[Any, ...]]:
    calls: list[tuple[Any, ...]] = []
    for event in typed(events):
        hook: HookCall
        for hook in state.feed(event):
            calls.append(S.summarize(*hook))
    return calls


@pytest.mark.parametrize("name", sorted(X.SCENARIOS))
def test_hook_calls_per_scenario(name: str) -> None:
    make_events, make_expected = X.SCENARIOS[name]
    events = make_events()
    calls = drive(AssistantStreamState(), events)
    assert S.without_events(calls) == [c for c in make_expected() if c != ("on_end",)]
    # on_event: once per event, in order, before the event's other hooks
    assert [c[1] for c in calls if c[0] == "on_event"] == [name for name, _ in events]
    starts = [i for i, c in enumerate(calls) if c[0] == "on_event"]
    assert starts[0] == 0


def test_only_wanted_hooks_are_yielded() -> None:
    state = AssistantStreamState(wanted={"on_text_delta", "on_tool_call_done"})
    calls = drive(state, S.code_interpreter_run())
    assert {c[0] for c in calls} == {"on_text_delta", "on_tool_call_done"}
    assert [c for c in calls if c[0] == "on_text_delta"] == [
        ("on_text_delta", "x = ", "x = "),
        ("on_text_delta", "1", "x = 1"),
    ]


def test_no_wanted_hooks_still_accumulates() -> None:
    state = AssistantStreamState(wanted=())
    assert drive(state, S.code_interpreter_run()) == []
    steps = state.run_steps()
    assert [s.id for s in steps] == ["step_ci", "step_m2"]
    call = steps[0].step_details.tool_calls[0]  # type: ignore[union-attr]
    assert call.code_interpreter.input == "".join(S.CODE)
    assert [o.logs for o in call.code_interpreter.outputs] == ["[1]\n"]
    assert [m.content[0].text.value for m in state.messages()] == ["x = 1"]  # type: ignore[union-attr]
    assert state.current_run is not None and state.current_run.status == "completed"


def test_current_accessors_follow_the_stream() -> None:
    state = AssistantStreamState(wanted=())
    seen: list[tuple[Any, ...]] = []
    for event in typed(S.text_run(["Hel", "lo"])):
        for _ in state.feed(event):
            pass
        message = state.current_message_snapshot
        step = state.current_run_step_snapshot
        seen.append(
            (
                event.event,
                state.current_event,
                state.current_run.status if state.current_run else None,
                S._message(message) if message else None,
                step.id if step else None,
            )
        )
    assert seen == [
        ("thread.run.created", None, "queued", None, None),
        ("thread.run.queued", None, "queued", None, None),
        ("thread.run.in_progress", None, "in_progress", None, None),
        ("thread.run.step.created", None, "in_progress", None, "step_m"),
        ("thread.run.step.in_progress", None, "in_progress", None, "step_m"),
        ("thread.message.created", None, "in_progress", ("msg_1", "in_progress", []), "step_m"),
        ("thread.message.in_progress", None, "in_progress", ("msg_1", "in_progress", []), "step_m"),
        ("thread.message.delta", None, "in_progress", ("msg_1", "in_progress", ["Hel"]), "step_m"),
        (
            "thread.message.delta",
            None,
            "in_progress",
            ("msg_1", "in_progress", ["Hello"]),
            "step_m",
        ),
        (
            "thread.message.completed",
            None,
            "in_progress",
            ("msg_1", "completed", ["Hello"]),
            "step_m",
        ),
        ("thread.run.step.completed", None, "in_progress", ("msg_1", "completed", ["Hello"]), None),
        ("thread.run.completed", None, "completed", ("msg_1", "completed", ["Hello"]), None),
    ]


def test_current_event_is_set_while_hooks_run() -> None:
    state = AssistantStreamState()
    for event in typed(S.text_run(["a"])):
        for _ in state.feed(event):
            assert state.current_event is event
        assert state.current_event is None


def test_on_event_sees_the_state_before_the_event() -> None:
    state = AssistantStreamState(wanted={"on_event"})
    before: list[Any] = []
    for event in typed(S.text_run(["Hel", "lo"])):
        for _ in state.feed(event):
            message = state.current_message_snapshot
            before.append(S._message(message)[2] if message else None)
    # the first delta's on_event still sees the empty message; the completed one sees "Hello"
    assert before[6:10] == [[], [], ["Hel"], ["Hello"]]


def test_text_snapshot_has_annotations_merged() -> None:
    state = AssistantStreamState(wanted=())
    drive(state, S.annotated_text_run()[:-2])  # stop before completed: the accumulated snapshot
    snapshot = state.current_message_snapshot
    assert snapshot is not None
    text = snapshot.content[0].text  # type: ignore[union-attr]
    assert text.value == "Fact 【4:0†source】"
    assert len(text.annotations) == 1
    annotation = text.annotations[0]
    assert annotation.type == "file_citation"
    assert annotation.file_citation.file_id == "file_doc"  # type: ignore[union-attr]
    assert (annotation.start_index, annotation.end_index) == (5, 17)


def test_first_text_piece_without_annotations_still_makes_a_complete_text() -> None:
    state = AssistantStreamState(wanted={"on_text_created"})
    events = [*S.run_start(), ("thread.message.created", S.message("m", "in_progress", []))]
    events.append(("thread.message.delta", S.message_delta("m", S.text_piece(0, "x"))))
    (created,) = [args for _, args in _feed_all(state, events)]
    assert created[0].value == "x" and created[0].annotations == []


def _feed_all(state: AssistantStreamState, events: list[S.Event]) -> list[HookCall]:
    return [hook for event in typed(events) for hook in state.feed(event)]


def test_delta_for_an_unknown_message_or_step_raises() -> None:
    state = AssistantStreamState()
    with pytest.raises(RuntimeError, match="msg_x"):
        _feed_all(state, [("thread.message.delta", S.message_delta("msg_x", S.text_piece(0, "a")))])
    with pytest.raises(RuntimeError, match="step_x"):
        _feed_all(state, [("thread.run.step.delta", S.step_delta("step_x"))])


def test_two_text_blocks_in_one_delta() -> None:
    state = AssistantStreamState(wanted=set(HOOKS) - {"on_event", "on_message_delta"})
    events = [
        ("thread.message.created", S.message("m", "in_progress", [])),
        ("thread.message.delta", S.message_delta("m", S.text_piece(0, "a"), S.text_piece(1, "b"))),
    ]
    calls = [S.summarize(*hook) for hook in _feed_all(state, events)]
    assert calls == [
        # summarised after the feed: the created message shows the blocks streamed since
        ("on_message_created", ("m", "in_progress", ["a", "b"])),
        ("on_text_created", "a"),
        ("on_text_created", "b"),
        ("on_text_delta", "a", "a"),
        ("on_text_delta", "b", "b"),
        ("on_text_done", "a"),
    ]


# --- the merge rules --------------------------------------------------------------------------


def test_strings_extend_labels_replace_and_null_keeps() -> None:
    tree: dict[str, Any] = {"type": "text", "index": 0, "text": {"value": "a"}, "n": 1}
    merge_into(tree, {"type": "text", "index": 0, "text": {"value": "b"}, "n": 2})
    merge_into(tree, {"text": {"value": "c", "extra": None}, "n": None})
    assert materialize(tree) == {
        "type": "text",
        "index": 0,
        "text": {"value": "abc", "extra": None},
        "n": 2,
    }


def test_indexed_lists_merge_by_index_other_lists_extend() -> None:
    tree: dict[str, Any] = {"outputs": [], "tags": ["x"]}
    merge_into(tree, {"outputs": [{"index": 0, "logs": "a"}], "tags": ["y"]})
    merge_into(tree, {"outputs": [{"index": 0, "logs": "b"}, {"index": 1, "logs": "c"}]})
    assert materialize(tree) == {
        "outputs": [{"index": 0, "logs": "ab"}, {"index": 1, "logs": "c"}],
        "tags": ["x", "y"],
    }


def test_new_entries_start_from_their_seed_and_report_position() -> None:
    entries: list[Any] = []
    assert merge_entry(entries, {"index": 0, "v": "a"}, {"v": "", "w": []}) == (0, True)
    assert merge_entry(entries, {"index": 0, "v": "b"}, {"v": "", "w": []}) == (0, False)
    # an index past the end appends; the position says where it went
    assert merge_entry(entries, {"index": 5, "v": "z"}, {}) == (1, True)
    assert materialize(entries) == [{"v": "ab", "w": [], "index": 0}, {"v": "z", "index": 5}]


def test_deltas_are_not_mutated() -> None:
    delta = {"index": 0, "text": {"value": "a"}}
    entries: list[Any] = []
    merge_entry(entries, delta, {})
    merge_entry(entries, {"index": 0, "text": {"value": "b"}}, {})
    assert delta == {"index": 0, "text": {"value": "a"}}


def test_snapshots_share_the_accumulated_text() -> None:
    # no copy of the text so far per delta: the snapshot holds the string the state grows
    state = AssistantStreamState(wanted=())
    pieces = [f"w{i} " for i in range(500)]
    drive(state, S.text_run(pieces)[:-3])  # up to the last delta
    builder = state._messages["msg_1"]  # pyright: ignore[reportPrivateUsage]
    value = builder._blocks[0]["text"]["value"]  # type: ignore[union-attr]
    assert value == "".join(pieces)
    snapshot = state.current_message_snapshot
    assert snapshot is not None
    assert snapshot.content[0].text.value is value  # type: ignore[union-attr]


def test_events_and_parts_this_client_does_not_know_pass_through() -> None:
    from typed_openai._core._models import parse_value

    video = {"index": 1, "type": "video", "video": {"url": "https://x"}}
    events = [
        ("thread.message.created", S.message("m", "in_progress", [])),
        ("thread.message.delta", S.message_delta("m", S.text_piece(0, "a"))),
        ("thread.message.delta", S.message_delta("m", video)),
        ("thread.run.step.paused", {"id": "step_1"}),
        ("thread.message.delta", S.message_delta("m", S.text_piece(2, "b"))),
        ("thread.run.step.created", S.step("step_1", "in_progress", S.creation_details("m"))),
        (
            "thread.run.step.delta",
            S.step_delta("step_1", {"index": 0, "type": "browser", "id": "c"}),
        ),
    ]
    state = AssistantStreamState()
    calls: list[tuple[Any, ...]] = []
    for name, data in events:
        # what the stream yields: typed where the event is known, raw data where it is not
        event = parse_value(AssistantStreamEvent, {"event": name, "data": data})
        for hook, args in state.feed(event):
            if hook in ("on_text_created", "on_text_done"):
                calls.append((hook, args[0].value))
            elif hook == "on_text_delta":
                calls.append((hook, args[0].value, args[1].value))
            else:
                calls.append((hook,))
    assert calls == [
        ("on_event",),
        ("on_message_created",),
        ("on_event",),
        ("on_text_created", "a"),
        ("on_text_delta", "a", "a"),
        ("on_message_delta",),
        ("on_event",),
        ("on_text_done", "a"),
        ("on_message_delta",),
        ("on_event",),  # thread.run.step.paused: unknown, passed to on_event only
        ("on_event",),
        ("on_text_created", "b"),
        ("on_text_delta", "b", "b"),
        ("on_message_delta",),
        ("on_event",),
        ("on_run_step_created",),
        ("on_event",),
        ("on_tool_call_created",),
        ("on_run_step_delta",),
    ]
    snapshot = state.current_message_snapshot
    assert snapshot is not None
    assert [getattr(b, "type", None) or b["type"] for b in snapshot.content] == [  # type: ignore[index]
        "text",
        "video",
        "text",
    ]
