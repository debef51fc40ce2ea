"""Transcriptions and translations are typed by `response_format`, as in the official SDK.

The answer's type follows `response_format` at runtime (config `result_by:`); the generated
`@overload`s say so to a type checker: `Transcription` for json or no format, the verbose and
diarized models for theirs, `str` for text/srt/vtt, the union for a format not known statically,
and the stream overloads for `stream=True`. Checked three ways: the overload set against the
official SDK's (oracle, introspected), a snippet pyright checks against both packages, and each
overload's promise against what a call over the loopback server returns.
"""

from __future__ import annotations

import importlib
import inspect
import json
import re
import subprocess
import sys
import typing
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import typed_openai
import typed_openai.types.audio as audio_types
from typed_openai.testing import LocalOpenAIServer

# (resource attribute, sync class, async class) of both packages
RESOURCES = [
    ("transcriptions", "Transcriptions", "AsyncTranscriptions"),
    ("translations", "Translations", "AsyncTranslations"),
]
FILE = ("a.mp3", b"ID3")


def _classes(package: str, resource: str, *names: str) -> list[type]:
    module = importlib.import_module(f"{package}.resources.audio.{resource}")
    return [getattr(module, name) for name in names]


def _literal(annotation: str) -> frozenset[str] | None:
    """The values of the first `Literal[...]` of an annotation (quotes dropped); None without one."""
    found = re.search(r"Literal\[([^\]]*)\]", annotation)
    if found is None:
        return None
    return frozenset(v.strip().strip("'\"") for v in found.group(1).split(","))


def _shape(overload: Callable[..., Any]) -> tuple[Any, ...]:
    """What one overload promises: (response_format values or None for its whole type, required),
    (stream values, required) or None, and the names of the types it returns."""
    signature = inspect.signature(overload)

    def argument(name: str) -> tuple[frozenset[str] | None, bool] | None:
        p = signature.parameters.get(name)
        if p is None:
            return None
        return _literal(str(p.annotation)), p.default is inspect.Parameter.empty

    returns = str(signature.return_annotation).replace("\n", " ").strip("() ")
    return (
        argument("response_format"),
        argument("stream"),
        frozenset(r.strip() for r in returns.split("|")),
    )


def _overloads(cls: type) -> list[Callable[..., Any]]:
    return list(typing.get_overloads(cls.create))  # type: ignore[attr-defined]


@pytest.mark.parametrize(("resource", "sync", "async_"), RESOURCES)
def test_the_overloads_are_the_sdks(resource: str, sync: str, async_: str) -> None:
    ours = _classes("typed_openai", resource, sync, async_)
    theirs = _classes("openai", resource, sync, async_)
    for our_cls, their_cls in zip(ours, theirs, strict=True):
        our_shapes = [_shape(o) for o in _overloads(our_cls)]
        their_shapes = [_shape(o) for o in _overloads(their_cls)]
        assert len(our_shapes) >= 4  # json, verbose, text formats, any format
        assert our_shapes == their_shapes, our_cls


SNIPPET = """\
from typing_extensions import assert_type
from PACKAGE import AsyncOpenAI, AsyncStream, OpenAI, Stream
from PACKAGE.types import AudioResponseFormat
from PACKAGE.types.audio import (
    Transcription,
    TranscriptionDiarized,
    TranscriptionStreamEvent,
    TranscriptionVerbose,
    Translation,
    TranslationVerbose,
)

client = OpenAI(api_key="k")
f = ("a.mp3", b"ID3")
t = client.audio.transcriptions
assert_type(t.create(file=f, model="m"), Transcription)
assert_type(t.create(file=f, model="m", response_format="json"), Transcription)
assert_type(t.create(file=f, model="m", response_format="verbose_json"), TranscriptionVerbose)
assert_type(t.create(file=f, model="m", response_format="diarized_json"), TranscriptionDiarized)
assert_type(t.create(file=f, model="m", response_format="text"), str)
assert_type(t.create(file=f, model="m", response_format="srt"), str)
assert_type(t.create(file=f, model="m", response_format="vtt", stream=False), str)
assert_type(t.create(file=f, model="m", stream=True), Stream[TranscriptionStreamEvent])


def formats(fmt: AudioResponseFormat, flag: bool) -> None:
    assert_type(
        t.create(file=f, model="m", response_format=fmt),
        Transcription | TranscriptionVerbose | TranscriptionDiarized | str,
    )
    assert_type(
        t.create(file=f, model="m", stream=flag),
        Transcription | TranscriptionVerbose | TranscriptionDiarized | str
        | Stream[TranscriptionStreamEvent],
    )


tr = client.audio.translations
assert_type(tr.create(file=f, model="m"), Translation)
assert_type(tr.create(file=f, model="m", response_format="verbose_json"), TranslationVerbose)
assert_type(tr.create(file=f, model="m", response_format="vtt"), str)
tr.create(file=f, model="m", response_format="diarized_json")  # not a translation format


async def main() -> None:
    a = AsyncOpenAI(api_key="k")
    assert_type(await a.audio.transcriptions.create(file=f, model="m"), Transcription)
    assert_type(
        await a.audio.transcriptions.create(file=f, model="m", response_format="text"), str
    )
    assert_type(
        await a.audio.transcriptions.create(file=f, model="m", stream=True),
        AsyncStream[TranscriptionStreamEvent],
    )
    assert_type(
        await a.audio.translations.create(file=f, model="m", response_format="verbose_json"),
        TranslationVerbose,
    )
"""
WRONG_LINE = SNIPPET.splitlines().index(
    'tr.create(file=f, model="m", response_format="diarized_json")  # not a translation format'
)


def test_a_type_checker_sees_the_type_each_format_returns(tmp_path: Path) -> None:
    # the official SDK's overloads give the snippet the same types (checked once, by hand:
    # pyright over both packages takes minutes); the overload sets are compared above
    (tmp_path / "snippet.py").write_text(SNIPPET.replace("PACKAGE", "typed_openai"), "utf-8")
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
    flagged = {
        d["range"]["start"]["line"]
        for d in report["generalDiagnostics"]
        if d["severity"] == "error"
    }
    # every assert_type holds; only the call with a format translations do not take is flagged
    assert flagged == {WRONG_LINE}, report["generalDiagnostics"]


@pytest.fixture(scope="module")
def server() -> Iterator[LocalOpenAIServer]:
    with LocalOpenAIServer() as running:
        yield running


def _calls(cls: type) -> Iterator[tuple[dict[str, Any], str]]:
    """Each call one of the overloads names exactly (a literal format or stream=True), and the
    name of the type it promises."""
    for overload in _overloads(cls):
        formats, stream, returns = _shape(overload)
        if len(returns) != 1:
            continue  # the union overloads: the format is not known statically
        (promised,) = returns
        if stream is not None and stream[0] == frozenset({"True"}):
            yield {"stream": True}, promised
            continue
        values = formats[0] if formats is not None and formats[0] is not None else frozenset()
        for value in sorted(values):
            yield {"response_format": value}, promised
        if formats is not None and not formats[1]:
            yield {}, promised  # the format left out


def _runtime_class(promised: str) -> type:
    name = promised.split("[", 1)[0]
    if name == "str":
        return str
    return getattr(typed_openai, name, None) or getattr(audio_types, name)


@pytest.mark.parametrize(("resource", "sync", "async_"), RESOURCES)
def test_each_overload_promises_what_the_call_returns(
    server: LocalOpenAIServer, resource: str, sync: str, async_: str
) -> None:
    (cls,) = _classes("typed_openai", resource, sync)
    calls = list(_calls(cls))
    assert len(calls) >= 5
    with (
        typed_openai.OpenAI(api_key="k", base_url=server.base_url, max_retries=0) as client,
        warnings.catch_warnings(),
    ):
        warnings.simplefilter("ignore", DeprecationWarning)  # translations are, as the SDK's
        create = getattr(client.audio, resource).create
        for arguments, promised in calls:
            result = create(file=FILE, model="gpt-4o-transcribe", **arguments)
            assert isinstance(result, _runtime_class(promised)), (arguments, promised, result)
            if isinstance(result, typed_openai.Stream):
                assert [e.type for e in result][-1] == "transcript.text.done"


@pytest.mark.anyio
async def test_the_async_overloads_promise_what_the_calls_return(
    server: LocalOpenAIServer,
) -> None:
    async with typed_openai.AsyncOpenAI(
        api_key="k", base_url=server.base_url, max_retries=0
    ) as client:
        (cls,) = _classes("typed_openai", "transcriptions", "AsyncTranscriptions")
        for arguments, promised in _calls(cls):
            result = await client.audio.transcriptions.create(
                file=FILE, model="gpt-4o-transcribe", **arguments
            )
            expected = _runtime_class(promised.replace("AsyncStream", "Stream"))
            if expected is typed_openai.Stream:
                assert isinstance(result, typed_openai.AsyncStream)
                assert [e.type async for e in result][-1] == "transcript.text.done"
            else:
                assert isinstance(result, expected), (arguments, promised)
