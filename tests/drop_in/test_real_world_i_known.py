"""Real-world sweep I, the differences still open: each a program run against both packages and
marked as a strict xfail saying what is open and whose area it is (it fails the day the
difference is gone: then make it a plain test in the file it belongs to).
"""

from __future__ import annotations

import io
import warnings
from contextlib import redirect_stdout
from types import ModuleType
from typing import Any

import pytest

from tests.support.server import Reply, ScriptedServer

from .conftest import client_of, run_both
from .test_real_world_b_assistants import assistant
from .test_real_world_i_chat import text_chunks


@pytest.mark.xfail(
    strict=True,
    reason=(
        "print(chunk) in a chat stream loop shows other text: openai 3.57's ChoiceDelta has an "
        "`audio` field (ChoiceDeltaAudio; the upstream document's ChatCompletionStreamResponse"
        "Delta lacks it — tests/sdk_parity_allowed.txt), so it prints `ChoiceDelta(audio=None, "
        "content=...)`, and lists a chunk choice's fields delta, index, finish_reason, logprobs "
        "where ours lists finish_reason before index (required upstream: "
        "test_model_field_order.py KNOWN). The same in to_json()/model_dump_json() of a chunk. "
        "Adding `audio` needs spec/openapi.yml's delta to reach the `copy_of:` class "
        "ChoiceDeltaAudio (a $ref cannot name a copy today: codegen/schemas._register_copy). "
        "Spec/codegen: oracle."
    ),
)
def test_printed_stream_chunks(server: ScriptedServer) -> None:
    def run(openai: ModuleType) -> Any:
        server.reply(text_chunks("Hi"))
        out = io.StringIO()
        with client_of(openai, server.url + "/v1") as client, redirect_stdout(out):
            for chunk in client.chat.completions.create(
                model="gpt-4o", messages=[{"role": "user", "content": "hi"}], stream=True
            ):
                print(chunk)
        return out.getvalue().splitlines()

    ours, theirs = run_both(run)
    assert theirs[1] == (
        "ChatCompletionChunk(id='chatcmpl-s', choices=[Choice(delta=ChoiceDelta(audio=None, "
        "content='Hi', function_call=None, refusal=None, role=None, tool_calls=None), index=0, "
        "finish_reason=None, logprobs=None)], created=1733000000, model='gpt-4o', "
        "object='chat.completion.chunk', moderation=None, obfuscation=None, service_tier=None, "
        "system_fingerprint='fp_1', usage=None)"
    )
    assert ours == theirs


@pytest.mark.xfail(
    strict=True,
    reason=(
        "A chat stream iterated again after stream.close(): openai 3.57 still yields the chunks "
        "already received (its decoder goes on over the buffered body), typed_openai's stream "
        "ends at once. Code that closes early then drains the rest sees the difference (ours "
        "may be the deliberate behaviour: then make this a plain test of it). Streams: "
        "fid-runtime (_core/_streaming)."
    ),
)
def test_stream_iterated_after_close(server: ScriptedServer) -> None:
    def run(openai: ModuleType) -> Any:
        server.reply(text_chunks("a", "b", usage=False))
        with client_of(openai, server.url + "/v1") as client:
            stream = client.chat.completions.create(
                model="gpt-4o", messages=[{"role": "user", "content": "x"}], stream=True
            )
            next(iter(stream))
            stream.close()
            return [c.choices[0].delta.content for c in stream]

    ours, theirs = run_both(run)
    assert theirs == ["a", "b", None]
    assert ours == theirs


@pytest.mark.xfail(
    strict=True,
    reason=(
        "client.beta.assistants.create warns `DeprecationWarning: deprecated` in openai 3.57 "
        "(every other Assistants method, and ours here too: 'The Assistants API is deprecated "
        "in favor of the Responses API'). Same category and line, so pytest.warns("
        "DeprecationWarning) and filters agree; a match= on the SDK's text ('deprecated') "
        "matches ours as well. Probably keep ours (then delete this xfail); resources "
        "codegen: oracle."
    ),
)
def test_assistant_create_deprecation_text(server: ScriptedServer) -> None:
    def run(openai: ModuleType) -> Any:
        server.reply(Reply.json(assistant()))
        with (
            client_of(openai, server.url + "/v1") as client,
            warnings.catch_warnings(record=True) as caught,
        ):
            warnings.simplefilter("always")
            client.beta.assistants.create(model="gpt-4o")
        return [str(w.message) for w in caught if w.filename == __file__]

    ours, theirs = run_both(run)
    assert theirs == ["deprecated"]
    assert ours == theirs
