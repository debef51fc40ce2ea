"""Deprecated operations warn as in the official SDK (PEP 702), and its deprecated aliases exist.

- every method of a shipped resource is deprecated exactly when the SDK's is (oracle);
- calling one raises a DeprecationWarning at the caller (sync and async), others raise none;
- a type checker flags the call (pyright's reportDeprecated);
- `files.retrieve_content`, `files.wait_for_processing`, `beta.threads.runs.create_and_stream`
  behave as the SDK's, run side by side against the same loopback server;
- the generator decorates operations the spec marks `deprecated: true` or the config deprecates.
"""

from __future__ import annotations

import json
import subprocess
import sys
import warnings
from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path
from typing import Any

import pytest

from tests.support.deprecations import ASSISTANTS_MESSAGE, VIDEOS_MESSAGE
from tests.support.sdk_surface import at, methods, shipped
from tests.support.server import Reply, ScriptedServer
from typed_openai import AsyncOpenAI, OpenAI

REPO = Path(__file__).resolve().parents[1]


def _sdk(kind: str, base_url: str = "http://127.0.0.1:9") -> Any:
    import openai

    cls = openai.OpenAI if kind == "sync" else openai.AsyncOpenAI
    return cls(api_key="test-key", base_url=base_url, max_retries=0)


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_deprecated_exactly_where_the_sdk_is(kind: str) -> None:
    ours_client = (OpenAI if kind == "sync" else AsyncOpenAI)(api_key="test-key")
    sdk_client = _sdk(kind)
    compared, deprecated, differ = 0, 0, []
    for path, ours in shipped(ours_client):
        sdk = at(sdk_client, path)
        if sdk is None:
            continue
        our_methods = methods(ours)
        for name, sdk_method in methods(sdk).items():
            if name not in our_methods:
                continue  # a missing method is the parity test's finding
            expected = getattr(sdk_method, "__deprecated__", None) is not None
            actual = getattr(our_methods[name], "__deprecated__", None) is not None
            compared += 1
            deprecated += expected
            if expected != actual:
                differ.append(f"{'.'.join(path)}.{name}: SDK {expected}, ours {actual}")
    assert differ == []
    assert compared > 40 and deprecated >= 30


# methods whose warning is worded here, not as the SDK's (a filter on the SDK's text misses it)
OWN_WORDING = {
    "fine_tuning.checkpoints.permissions.retrieve": "names the replacement call, `list()`",
}


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_warnings_say_what_the_sdks_say(kind: str) -> None:
    """The text of each deprecated method's DeprecationWarning is the SDK's ('deprecated' for
    `beta.assistants`, the long one for `beta.threads` and below, the Sora API's shut-down notice
    for `videos`): warning filters match it from the text's start
    (``-W "ignore:The Sora API:DeprecationWarning"``)."""
    compared, differ = 0, []
    for path, ours in shipped((OpenAI if kind == "sync" else AsyncOpenAI)(api_key="test-key")):
        sdk = at(_sdk(kind), path)
        if sdk is None:
            continue
        our_methods = methods(ours)
        for name, sdk_method in methods(sdk).items():
            expected = getattr(sdk_method, "__deprecated__", None)
            if expected is None or name not in our_methods:
                continue
            compared += 1
            actual = getattr(our_methods[name], "__deprecated__", None)
            where = ".".join((*path, name))
            if actual != expected and where not in OWN_WORDING:
                differ.append(f"{where}: SDK {expected!r}, ours {actual!r}")
    assert differ == []
    assert compared >= 45


def test_videos_warn_with_the_sdks_notice_at_the_call(server: ScriptedServer) -> None:
    """What ``warnings.catch_warnings(record=True)`` around a video script records: the same
    notice from both packages, at the script's line."""
    import openai

    import typed_openai

    server.default = Reply.json(
        {"id": "video_1", "object": "video", "status": "completed", "progress": 100}
    )
    seen = {}
    for sdk in (typed_openai, openai):
        with sdk.OpenAI(api_key="k", base_url=server.url, max_retries=0) as client:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                client.videos.retrieve("video_1")
                client.videos.download_content("video_1", variant="thumbnail")
            seen[sdk.__name__] = [(str(w.message), w.filename) for w in caught]
    assert seen["typed_openai"] == seen["openai"]
    assert seen["openai"] == [(VIDEOS_MESSAGE, __file__)] * 2


def test_deprecated_overloads_are_listed_as_the_sdks() -> None:
    """``typing.get_overloads`` of a deprecated overloaded method lists each overload, as the
    SDK's does: the overloads are flagged for type checkers only (an overload never runs), so no
    warning wrapper hides them from the registry, which keys on a function's code."""
    import typing

    compared, differ = 0, []
    for path, ours in shipped(OpenAI(api_key="test-key")):
        sdk = at(_sdk("sync"), path)
        if sdk is None:
            continue
        sdk_methods = methods(sdk)
        for name, our_method in methods(ours).items():
            if getattr(our_method, "__deprecated__", None) is None or name not in sdk_methods:
                continue
            theirs = len(typing.get_overloads(sdk_methods[name]))
            # one listed is the SDK's own collapse (its Assistants stream helpers wrap each
            # overload in a warning), not a count to match
            if theirs > 1:
                compared += 1
                if len(typing.get_overloads(our_method)) != theirs:
                    differ.append(".".join((*path, name)))
    assert differ == []
    assert compared >= 3  # runs.create, threads.create_and_run, translations.create


def _assistant() -> dict[str, Any]:
    return {
        "id": "asst_1",
        "object": "assistant",
        "created_at": 1,
        "name": None,
        "description": None,
        "model": "gpt-4o",
        "instructions": None,
        "tools": [],
        "metadata": {},
    }


def test_calling_a_deprecated_method_warns_at_the_caller(server: ScriptedServer) -> None:
    server.reply(Reply.json(_assistant()), Reply.json({"object": "list", "data": []}))
    with OpenAI(api_key="k", base_url=server.url, max_retries=0) as client:
        with pytest.warns(DeprecationWarning, match="^deprecated$") as caught:
            assistant = client.beta.assistants.retrieve("asst_1")
        assert assistant.id == "asst_1"
        assert caught[0].filename == __file__  # points at the user's line, not the library
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            client.models.list()  # not deprecated: no warning


@pytest.mark.anyio
async def test_async_deprecated_method_warns(server: ScriptedServer) -> None:
    server.reply(Reply.json(_assistant()))
    async with AsyncOpenAI(api_key="k", base_url=server.url, max_retries=0) as client:
        with pytest.warns(DeprecationWarning, match="^deprecated$"):
            await client.beta.assistants.retrieve("asst_1")


@pytest.mark.anyio
async def test_async_deprecated_method_returns_a_coroutine_warning_at_the_caller(
    server: ScriptedServer,
) -> None:
    import inspect

    server.reply(Reply.json(_assistant()))
    async with AsyncOpenAI(api_key="k", base_url=server.url, max_retries=0) as client:
        method = client.beta.assistants.retrieve
        assert method.__deprecated__ == "deprecated"  # type: ignore[attr-defined]
        with pytest.warns(DeprecationWarning, match="^deprecated$") as caught:
            pending = method("asst_1")
        assert inspect.iscoroutine(pending)
        assert caught[0].filename == __file__
        assistant = await pending
        assert assistant.id == "asst_1"
        with pytest.warns(DeprecationWarning), pytest.raises(TypeError, match="not_an_argument"):
            method("asst_1", not_an_argument=1)  # type: ignore[call-arg]  # at the call, not the await


def test_deprecated_async_methods_do_not_load_asyncio_into_a_sync_program() -> None:
    """typing_extensions' decorator imports asyncio (~40 modules) to mark the wrapper of a
    coroutine function on Python < 3.12; reaching the Assistants methods of a sync client must
    not load it."""
    code = (
        "import sys, typed_openai\n"
        "client = typed_openai.OpenAI(api_key='k')\n"
        "client.beta.threads.runs.create, client.beta.assistants.create\n"
        "print('typed_openai._generated.resources.beta.threads.runs' in sys.modules,"
        " 'asyncio' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "False"]


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_deprecated_outside_the_document_warn_as_the_sdks(kind: str) -> None:
    """images.create_variation and audio.translations.create: the document does not deprecate
    them, the SDK does (its overloads for type checkers only, the method itself at run time):
    both packages warn at the call with the same message, before anything is sent."""
    import anyio
    import openai

    import typed_openai

    def calls(sdk: Any) -> list[Any]:
        cls = sdk.OpenAI if kind == "sync" else sdk.AsyncOpenAI
        client = cls(api_key="k", base_url="http://127.0.0.1:9", max_retries=0)
        return [
            lambda: client.images.create_variation(image=b"x"),
            lambda: client.audio.translations.create(file=b"x", model="whisper-1"),
        ]

    async def settle(result: Any) -> None:
        if kind == "async":
            await result

    seen: dict[str, list[str]] = {}
    for sdk in (typed_openai, openai):
        for call in calls(sdk):
            # nothing listens there: the call fails after the warning
            with pytest.warns(DeprecationWarning) as caught, suppress(sdk.APIConnectionError):
                anyio.run(settle, call())
            seen.setdefault(sdk.__name__, []).extend(str(w.message) for w in caught)
    assert seen["typed_openai"] == seen["openai"] == ["deprecated", "deprecated"]


def test_helpers_of_deprecated_resources_warn() -> None:
    with OpenAI(api_key="k") as client:
        with pytest.warns(DeprecationWarning, match=ASSISTANTS_MESSAGE):
            client.beta.threads.runs.stream(thread_id="t", assistant_id="a")  # a manager only
        with pytest.warns(DeprecationWarning, match=ASSISTANTS_MESSAGE):
            client.beta.threads.runs.create_and_stream(thread_id="t", assistant_id="a")


SNIPPET = """
from typed_openai import OpenAI

client = OpenAI(api_key="k")
client.beta.assistants.create(model="gpt-4o")
client.beta.threads.runs.create_and_poll(thread_id="t", assistant_id="a")
client.files.retrieve_content("file_1")
client.files.content("file_1")
client.models.list()
client.images.create_variation(image=b"x")
client.audio.translations.create(file=b"x", model="whisper-1")
"""


def test_type_checker_flags_deprecated_calls(tmp_path: Path) -> None:
    (tmp_path / "snippet.py").write_text(SNIPPET, encoding="utf-8")
    (tmp_path / "pyrightconfig.json").write_text(
        json.dumps({"reportDeprecated": "error", "include": ["snippet.py"]}), encoding="utf-8"
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
        d["range"]["start"]["line"] + 1
        for d in report["generalDiagnostics"]
        if d.get("rule") == "reportDeprecated"
    )
    others = [
        d["message"] for d in report["generalDiagnostics"] if d.get("rule") != "reportDeprecated"
    ]
    assert others == []
    # create, create_and_poll, retrieve_content, create_variation, translations; not content / list
    assert flagged == [5, 6, 7, 10, 11]


def _file(status: str) -> dict[str, Any]:
    return {
        "id": "file_1",
        "object": "file",
        "bytes": 3,
        "created_at": 1,
        "filename": "a.jsonl",
        "purpose": "fine-tune",
        "status": status,
    }


def _both(server: ScriptedServer) -> Iterator[tuple[str, Any]]:
    """The SDK's client, then ours, on the same server (each closed after its turn)."""
    for name, client in (
        ("sdk", _sdk("sync", server.url)),
        ("ours", OpenAI(api_key="test-key", base_url=server.url, max_retries=0)),
    ):
        with client:
            yield name, client


def test_retrieve_content_matches_the_sdk(server: ScriptedServer) -> None:
    for _, client in _both(server):
        server.requests.clear()
        server.reply(Reply.raw(b'{"a": 1}\n', content_type="application/octet-stream"))
        with pytest.warns(DeprecationWarning, match="content"):
            text = client.files.retrieve_content("file_1")
        assert text == '{"a": 1}\n'
        assert (server.requests[0].method, server.requests[0].path) == (
            "GET",
            "/files/file_1/content",
        )
        server.reply(Reply.raw(b"xyz", content_type="application/octet-stream"))
        with pytest.warns(DeprecationWarning):
            raw = client.files.with_raw_response.retrieve_content("file_1")
        assert raw.parse() == "xyz"
        with pytest.raises(ValueError, match="file_id"), warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            client.files.retrieve_content("")


def test_wait_for_processing_matches_the_sdk(server: ScriptedServer) -> None:
    results = {}
    for name, client in _both(server):
        server.requests.clear()
        server.reply(
            Reply.json(_file("uploaded")),
            Reply.json(_file("uploaded")),
            Reply.json(_file("processed")),
        )
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # not deprecated
            done = client.files.wait_for_processing("file_1", poll_interval=0.01)
        results[name] = (done.status, len(server.requests))
    assert results["ours"] == results["sdk"] == ("processed", 3)


def test_wait_for_processing_gives_up_after_max_wait(server: ScriptedServer) -> None:
    server.default = Reply.json(_file("uploaded"))
    client = OpenAI(api_key="test-key", base_url=server.url, max_retries=0)
    with client, pytest.raises(RuntimeError, match="file_1"):
        client.files.wait_for_processing("file_1", poll_interval=0.01, max_wait_seconds=0.05)


@pytest.mark.anyio
async def test_async_wait_for_processing(server: ScriptedServer) -> None:
    server.reply(Reply.json(_file("uploaded")), Reply.json(_file("error")))
    async with AsyncOpenAI(api_key="k", base_url=server.url, max_retries=0) as client:
        done = await client.files.wait_for_processing("file_1", poll_interval=0.01)
    assert done.status == "error"


# --- the generator -----------------------------------------------------------------------------


def test_generator_decorates_deprecated_operations(tmp_path: Path) -> None:
    from tests.codegen._gen import generate, load

    spec = {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/old": {"get": {"operationId": "getOld", "deprecated": True, "responses": _ok()}},
            "/new": {"get": {"operationId": "getNew", "responses": _ok()}},
            "/legacy": {"get": {"operationId": "getLegacy", "responses": _ok()}},
        },
    }
    config = {
        "package": "x",
        "resources": {
            "things": {"methods": {"old": "getOld", "new": "getNew"}},
            "legacy": {"deprecated": "use things instead", "methods": {"get": "getLegacy"}},
        },
    }
    _, package, out = generate(tmp_path, spec, config)
    module = load(out, package)
    client = module.Client(api_key="k", base_url="http://127.0.0.1:9")
    assert client.things.old.__deprecated__ == "deprecated"
    assert not hasattr(client.things.new, "__deprecated__")
    assert client.legacy.get.__deprecated__ == "use things instead"


def _ok() -> dict[str, Any]:
    return {
        "200": {
            "description": "ok",
            "content": {"application/json": {"schema": {"type": "object"}}},
        }
    }
