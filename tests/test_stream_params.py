"""The official SDK's stream-split views of a streaming call's params TypedDict.

For every call that takes a boolean `stream`, `<X>Params` is the union of `<X>ParamsNonStreaming`
(`stream` False or left out) and `<X>ParamsStreaming` (`stream` True, required), both built on
`<X>ParamsBase` (every key but `stream`), as in the official SDK (oracle, introspected). A type
checker tells the two apart, and either dict, unpacked into `create()`, makes the call it names.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typing_extensions

import typed_openai
from typed_openai.testing import LocalOpenAIServer
from typed_openai.types.chat import ChatCompletion
from typed_openai.types.chat.completion_create_params import (
    CompletionCreateParamsNonStreaming,
    CompletionCreateParamsStreaming,
)

# (SDK module under openai.types, our module under typed_openai.types, params name)
SPLIT = [
    ("audio.transcription_create_params", None, "TranscriptionCreateParams"),
    ("beta.response_create_params", None, "ResponseCreateParams"),
    ("beta.response_retrieve_params", None, "ResponseRetrieveParams"),
    ("beta.thread_create_and_run_params", None, "ThreadCreateAndRunParams"),
    ("beta.threads.run_create_params", None, "RunCreateParams"),
    ("beta.threads.run_submit_tool_outputs_params", None, "RunSubmitToolOutputsParams"),
    ("chat.completion_create_params", None, "CompletionCreateParams"),
    ("completion_create_params", None, "CompletionCreateParams"),
    ("image_edit_params", None, "ImageEditParams"),
    ("image_generate_params", None, "ImageGenerateParams"),
    # the SDK places these under responses/; ours are where the document's operation puts them
    ("responses.response_create_params", "response_create_params", "ResponseCreateParams"),
    ("responses.response_retrieve_params", "response_retrieve_params", "ResponseRetrieveParams"),
]


def _hints(cls: Any) -> dict[str, Any]:
    return typing.get_type_hints(cls, include_extras=True)


@pytest.mark.parametrize(("sdk_module", "our_module", "name"), SPLIT)
def test_the_views_have_the_sdks_shape(sdk_module: str, our_module: str | None, name: str) -> None:
    sdk = importlib.import_module(f"openai.types.{sdk_module}")
    ours = importlib.import_module(f"typed_openai.types.{our_module or sdk_module}")
    base, off, on = (getattr(ours, name + s) for s in ("Base", "NonStreaming", "Streaming"))
    assert "stream" not in _hints(base)
    assert off.__orig_bases__ == (base,) and on.__orig_bases__ == (base,)
    for view in ("Base", "NonStreaming", "Streaming"):
        assert getattr(ours, name + view).__total__ == getattr(sdk, name + view).__total__
        assert name + view in ours.__all__
    # `stream` as the SDK types it: Literal[False] (Optional where the call takes null) / True
    assert _hints(off)["stream"] == _hints(getattr(sdk, name + "NonStreaming"))["stream"]
    assert _hints(on)["stream"] == typing_extensions.Required[typing_extensions.Literal[True]]
    assert "stream" not in off.__required_keys__ and "stream" in on.__required_keys__
    assert set(_hints(off)) == set(_hints(base)) | {"stream"}
    assert typing.get_args(getattr(ours, name)) == (off, on)


SNIPPET = """\
from typed_openai import OpenAI, Stream
from typed_openai.types.chat import ChatCompletion, ChatCompletionChunk
from typed_openai.types.chat.completion_create_params import (
    CompletionCreateParams,
    CompletionCreateParamsNonStreaming,
    CompletionCreateParamsStreaming,
)

client = OpenAI(api_key="k")
plain: CompletionCreateParamsNonStreaming = {"model": "m", "messages": []}
streamed: CompletionCreateParamsStreaming = {"model": "m", "messages": [], "stream": True}
either: CompletionCreateParams = streamed
wrong: CompletionCreateParamsNonStreaming = {"model": "m", "messages": [], "stream": True}
missing: CompletionCreateParamsStreaming = {"model": "m", "messages": []}
completion: ChatCompletion = client.chat.completions.create(**plain)
chunks: Stream[ChatCompletionChunk] = client.chat.completions.create(**streamed)
"""


def test_a_type_checker_tells_streaming_from_non_streaming_params(tmp_path: Path) -> None:
    (tmp_path / "snippet.py").write_text(SNIPPET, encoding="utf-8")
    (tmp_path / "pyrightconfig.json").write_text(
        json.dumps({"include": ["snippet.py"]}), encoding="utf-8"
    )
    proc = subprocess.run(
        [
            str(Path(sys.executable).parent / "pyright"),
            "--outputjson",
            "--pythonpath",
            sys.executable,
            "-p",
            str(tmp_path),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
    )
    report = json.loads(proc.stdout)
    flagged = sorted(
        (d["range"]["start"]["line"] + 1, d.get("rule"))
        for d in report["generalDiagnostics"]
        if d["severity"] == "error"
    )
    # stream=True in a NonStreaming dict; a Streaming dict without `stream`; nothing else
    assert flagged == [(13, "reportAssignmentType"), (14, "reportAssignmentType")]


@pytest.fixture(scope="module")
def client() -> Iterator[typed_openai.OpenAI]:
    with (
        LocalOpenAIServer() as server,
        typed_openai.OpenAI(api_key="k", base_url=server.base_url, max_retries=0) as made,
    ):
        yield made


def test_either_params_dict_makes_the_call_it_names(client: typed_openai.OpenAI) -> None:
    messages: list[Any] = [{"role": "user", "content": "hi"}]
    plain: CompletionCreateParamsNonStreaming = {"model": "gpt-4o-mini", "messages": messages}
    streamed: CompletionCreateParamsStreaming = {
        "model": "gpt-4o-mini",
        "messages": messages,
        "stream": True,
    }
    completion = client.chat.completions.create(**plain)
    assert isinstance(completion, ChatCompletion)
    assert completion.choices[0].message.content
    with client.chat.completions.create(**streamed) as stream:
        chunks = list(stream)
    assert chunks and all(c.object == "chat.completion.chunk" for c in chunks)
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text == completion.choices[0].message.content
