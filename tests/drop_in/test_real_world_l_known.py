"""Real-world sweep L, the differences it found: each a program run against both packages. One
still open is a strict xfail saying what is open and whose area it is (it fails the day the
difference is gone: then make it a plain test in the sweep L file it belongs to); a deliberate
difference is a plain test pinning both sides, with the reason.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from tests.support.server import Reply, ScriptedServer

from .conftest import client_of, run_both
from .test_real_world_apps import chat_completion, requires_action_events, run_object, sse
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


def test_poll_hint_that_is_not_a_whole_number(server: ScriptedServer) -> None:
    """Deliberate (lib/polling.py): an ``openai-poll-after-ms`` hint that is not a whole number
    ('1.5') is read as milliseconds here; openai 3.57's ``runs.poll`` raises ``ValueError`` from
    ``int('1.5')`` (a malformed or negative hint: ours waits the default second instead)."""

    def run(openai: ModuleType) -> Any:
        server.reply(
            Reply.json(run_object("queued"), headers={"openai-poll-after-ms": "1.5"}),
            Reply.json(run_object("completed")),
        )
        with client_of(openai, server.url + "/v1") as client:
            try:
                return client.beta.threads.runs.poll("run_1", thread_id="thread_1").status
            except ValueError as error:
                # the reply it never asked for, taken so the next run starts afresh
                client.beta.threads.runs.retrieve("run_1", thread_id="thread_1")
                return str(error)

    ours, theirs = run_both(run)
    assert theirs == "invalid literal for int() with base 10: '1.5'"
    assert ours == "completed"


def test_streamed_download_cut_mid_body(server: ScriptedServer) -> None:
    """Deliberate (docs/contracts.md, `APIResponse`: "a body read that loses the connection raises
    `APIConnectionError` (`APITimeoutError` on a read timeout), as a call does"): a batch output
    read through ``with_streaming_response`` whose connection drops mid-body raises
    ``APIConnectionError`` here; openai 3.57 lets its transport's ``RemoteProtocolError`` (an
    httpx2 class, no ``openai.APIError``) through. (Its Assistants handlers do the same, and
    there ours now does too: test_real_world_l_assistants.py.)"""

    def run(openai: ModuleType) -> Any:
        server.reply(
            Reply.sse(
                [b'{"custom_id": "task-0"}\n', b'{"custom_'],
                drop=True,
                headers={"content-type": "application/octet-stream"},
            )
        )
        lines: list[str] = []
        with client_of(openai, server.url + "/v1") as client:
            try:
                with client.files.with_streaming_response.content("file-out") as response:
                    lines.extend(response.iter_lines())
            except Exception as error:  # what the program's author would catch and log
                return lines, type(error).__name__, isinstance(error, openai.APIError)
        return lines, None, None

    ours, theirs = run_both(run)
    assert theirs == (['{"custom_id": "task-0"}'], "RemoteProtocolError", False)
    assert ours == (['{"custom_id": "task-0"}'], "APIConnectionError", True)


def test_server_answering_json_to_a_streaming_call(server: ScriptedServer) -> None:
    """Deliberate (_core/_streaming.py, tests/core/test_streaming.py): an OpenAI-compatible server
    that ignores ``stream=True`` and answers 200 with a JSON completion — or a JSON error object —
    gives an empty stream in openai 3.57 (its event decoder finds no ``data:`` line), so the
    script prints nothing; here the loop raises ``APIResponseValidationError`` (``APIError`` with
    the server's message for an error object), naming what went wrong."""

    def run(openai: ModuleType) -> Any:
        server.reply(
            Reply.json(chat_completion({"role": "assistant", "content": "Hi"})),
            Reply.json({"error": {"message": "quota", "type": "insufficient_quota"}}),
        )
        seen: list[Any] = []
        with client_of(openai, server.url + "/v1") as client:
            for _ in range(2):
                try:
                    stream = client.chat.completions.create(
                        model="local-model",
                        messages=[{"role": "user", "content": "hi"}],
                        stream=True,
                    )
                    seen.append([chunk.choices[0].delta.content for chunk in stream])
                except openai.APIError as error:
                    seen.append((type(error).__name__, error.message))
        return seen

    ours, theirs = run_both(run)
    assert theirs == [[], []]
    assert ours == [
        (
            "APIResponseValidationError",
            "Expected an event stream but the server answered with JSON",
        ),
        ("APIError", "quota"),
    ]
