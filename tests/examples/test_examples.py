"""Every seed example runs, as a user would run it, against the embedded local server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from examples.__main__ import EXAMPLES, LOCAL_API_KEY, example_env, main, run_example
from typed_openai.testing import LocalOpenAIServer

# A line each example must print: proof it did its work, not just that it exited 0.
EXPECTED = {
    "parse_math": "answer: ",
    "parse_function_tool": "Table.",
    "chat_stream_async": "until_done: finished",
    "assistants_event_handler": "output >",
    "assistants_iterate": "value='You'",
    "polling": "vector_stores.file_batches.upload_and_poll: completed",
    "responses_parse": "final answer:",
    "responses_stream": "final parsed: city=",
    "responses_function_tool": "answer: Based on the tool result:",
    "responses_background_resume": "resumed: completed",
    "responses_create": "reply comes from the local test server",
    "image_generate": "PNG: True",
    "speech_file": "s of audio",
    "moderation": "flagged: False | categories: none",
}


@pytest.fixture(scope="module")
def server() -> Iterator[LocalOpenAIServer]:
    with LocalOpenAIServer(demo_fixtures=True) as running:
        yield running


def test_every_example_is_checked() -> None:
    assert set(EXPECTED) == set(EXAMPLES)


@pytest.mark.parametrize("name", EXAMPLES)
def test_example_runs(name: str, server: LocalOpenAIServer) -> None:
    outcome = run_example(name, example_env(server.base_url, LOCAL_API_KEY), timeout=30)
    assert outcome.returncode == 0, outcome.output
    assert EXPECTED[name] in outcome.output
    assert outcome.seconds < 15


def test_runner_reports_failure_and_needs_a_key_for_live(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    assert main(["--live"]) == 2
    assert "OPENAI_API_KEY" in capsys.readouterr().err


def test_a_failing_example_is_reported(server: LocalOpenAIServer) -> None:
    env = example_env(server.base_url, "")  # an empty key: the client refuses to start
    outcome = run_example("parse_math", env, timeout=30)
    assert outcome.returncode != 0
    assert "api_key" in outcome.output.lower()
