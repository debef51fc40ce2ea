"""Real-world sweep L, the differences it found: each a program run against both packages. One
still open is a strict xfail saying what is open and whose area it is (it fails the day the
difference is gone: then make it a plain test in the sweep L file it belongs to); a deliberate
difference is a plain test pinning both sides, with the reason.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from tests.support.server import ScriptedServer

from .conftest import client_of, run_both
from .test_real_world_apps import requires_action_events, sse
from .test_real_world_b_assistants import code_interpreter_stream


def test_streamed_text_snapshot_starts_with_empty_annotations(server: ScriptedServer) -> None:
    """Deliberate (lib/streaming/assistants/_state.py): a text block built from deltas that carry
    no annotations has ``annotations=[]`` here, the SDK's ``None`` (its ``Text.annotations`` is a
    required list, filled without validation), so ``for a in snapshot.annotations`` works and
    ``print(snapshot)`` shows ``annotations=[]``."""

    def run(openai: ModuleType) -> Any:
        server.reply(code_interpreter_stream())
        seen: list[Any] = []

        class Handler(openai.AssistantEventHandler):
            def on_text_created(self, text: Any) -> None:
                seen.append(repr(text))

            def on_text_delta(self, delta: Any, snapshot: Any) -> None:
                seen.append((delta.annotations, snapshot.annotations))

        with (
            client_of(openai, server.url + "/v1") as client,
            client.beta.threads.runs.stream(
                thread_id="thread_abc", assistant_id="asst_abc", event_handler=Handler()
            ) as stream,
        ):
            stream.until_done()
        return seen

    ours, theirs = run_both(run)
    assert theirs == [
        "Text(annotations=None, value='The answer')",
        (None, None),
        (None, None),
    ]
    assert ours == ["Text(annotations=[], value='The answer')", (None, []), (None, [])]


def test_final_messages_of_a_stream_without_any(server: ScriptedServer) -> None:
    """Deliberate wording: ``get_final_messages()`` of a stream that ended without a message
    (it stopped at ``requires_action``) raises ``RuntimeError`` in both; the texts are each
    package's own words."""

    def run(openai: ModuleType) -> Any:
        server.reply(sse(requires_action_events()))
        with client_of(openai, server.url + "/v1") as client:
            with client.beta.threads.runs.stream(
                thread_id="thread_1", assistant_id="asst_1"
            ) as stream:
                stream.until_done()
            try:
                stream.get_final_messages()
            except RuntimeError as error:
                return str(error)
        return None

    ours, theirs = run_both(run)
    assert theirs == "No messages found"
    assert ours == "The stream ended without messages"
