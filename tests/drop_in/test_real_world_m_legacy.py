"""Real-world sweep M, code of the 0.x module API run under a 1.x package: scripts that still call
``openai.ChatCompletion.create`` / ``openai.Embedding.create`` / ``await openai.ChatCompletion.acreate``,
catch ``openai.OpenAIError`` around them, import the names with ``from openai import ...``, probe
for the old API before falling back to a client, or patch ``openai.ChatCompletion.create`` in
their tests — run against both packages: the same names answer, the same calls fail with the same
exception class, nothing reaches the server.
"""

from __future__ import annotations

import importlib
import subprocess
import sys
from types import ModuleType
from typing import Any
from unittest import mock

import typed_openai
from tests.support.server import Reply, ScriptedServer
from typed_openai.lib import _old_api

from .programs import async_observed_the_same, observed_the_same, registry
from .test_real_world_apps import chat_completion

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()

# The official SDK's placeholders for the 0.x resource classes (openai 3.57: openai/lib/_old_api.py).
REMOVED = (
    "Audio",
    "ChatCompletion",
    "Completion",
    "Customer",
    "Deployment",
    "Edit",
    "Embedding",
    "Engine",
    "ErrorObject",
    "File",
    "FineTune",
    "FineTuningJob",
    "Image",
    "Model",
    "Moderation",
)


def failure(openai: ModuleType, symbol: str, exc: BaseException) -> Any:
    """What a caller can tell about the exception a removed call raised."""
    return {
        "class": type(exc).__name__,
        "openai_error": isinstance(exc, openai.OpenAIError),
        "api_error": isinstance(exc, openai.APIError),
        "names_the_symbol": f"{openai.__name__}.{symbol}" in str(exc),
        "args": len(exc.args),
    }


@program
def chat_script_of_2023_caught_as_an_openai_error(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    setattr(openai, "api_key", "sk-legacy")  # noqa: B010 - as scripts set it
    try:
        answer = openai.ChatCompletion.create(
            model="gpt-3.5-turbo",
            messages=[{"role": "user", "content": "Say hi"}],
            temperature=0,
        )
        said = answer["choices"][0]["message"]["content"]
    except openai.OpenAIError as exc:
        said = failure(openai, "ChatCompletion", exc)
    finally:
        setattr(openai, "api_key", None)  # noqa: B010
    return said, len(server.requests)


@program
def every_removed_name_fails_when_called(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    seen = {}
    for symbol in REMOVED:
        legacy = getattr(openai, symbol)
        row: dict[str, Any] = {
            "callable": callable(legacy),
            "a_class": isinstance(legacy, type),
            "has_create": hasattr(legacy, "create"),
            "same_object": getattr(openai, symbol) is legacy,
        }
        for method in ("create", "acreate", "list", "retrieve", "delete"):
            try:
                getattr(legacy, method)(model="m")
            except Exception as exc:
                row[method] = failure(openai, symbol, exc)
        seen[symbol] = row
    return seen, len(server.requests)


@program
def names_imported_the_0x_way(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    scope: dict[str, Any] = {}
    exec(f"from {openai.__name__} import ChatCompletion, Embedding, Image", scope)
    results = []
    for symbol in ("ChatCompletion", "Embedding", "Image"):
        try:
            scope[symbol].create(input="x", model="m")
        except openai.OpenAIError as exc:
            results.append(failure(openai, symbol, exc))
    errors_module = hasattr(openai, "error")  # openai.error.RateLimitError: gone in 1.x
    try:
        importlib.import_module(f"{openai.__name__}.error")
        imported = True
    except ImportError as exc:
        imported = type(exc).__name__
    return results, errors_module, imported


@program
def library_probing_for_the_old_api_then_falling_back(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A wrapper that supports both majors: try the module API, on `APIRemovedInV1` build a client."""
    removed = importlib.import_module(f"{openai.__name__}.lib._old_api").APIRemovedInV1
    server.reply(Reply.json(chat_completion({"role": "assistant", "content": "hello from 1.x"})))
    path = []
    try:
        answer = openai.ChatCompletion.create(
            model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}]
        )
        path.append("0.x")
        text = answer.choices[0].message.content
    except removed as exc:
        path.append(
            (
                "fallback",
                issubclass(removed, openai.OpenAIError),
                failure(openai, "ChatCompletion", exc),
            )
        )
        with openai.OpenAI(api_key="sk-x", base_url=server.url + "/v1", max_retries=0) as fresh:
            text = (
                fresh.chat.completions.create(
                    model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}]
                )
                .choices[0]
                .message.content
            )
    built = removed(symbol="Embedding")
    return path, text, [r.path for r in server.requests], failure(openai, "Embedding", built)


@program
def old_test_suite_patching_chat_completion_create(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    canned = {"choices": [{"message": {"role": "assistant", "content": "mocked"}}]}
    with mock.patch(f"{openai.__name__}.ChatCompletion.create", return_value=canned) as create:
        answer = openai.ChatCompletion.create(model="gpt-3.5-turbo", messages=[])
        calls = create.call_count
    try:
        openai.ChatCompletion.create(model="gpt-3.5-turbo", messages=[])
        after = "answered"
    except openai.OpenAIError as exc:
        after = failure(openai, "ChatCompletion", exc)
    return answer["choices"][0]["message"]["content"], calls, after


test_program_observes_the_same = observed_the_same(PROGRAMS, with_client=False)


@async_program
async def async_script_awaiting_acreate(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    outcomes = []
    for symbol in ("ChatCompletion", "Completion", "Embedding"):
        try:
            await getattr(openai, symbol).acreate(model="m", prompt="p")
            outcomes.append("awaited")
        except openai.OpenAIError as exc:
            outcomes.append(failure(openai, symbol, exc))
    return outcomes, len(server.requests)


test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)


# --- ours only: the message, the lists agreeing, the import cost --------------------------------


def test_the_message_names_the_1x_replacement() -> None:
    try:
        typed_openai.Embedding.create(input="x", model="text-embedding-3-small")
    except _old_api.APIRemovedInV1 as exc:
        text = str(exc)
    else:
        raise AssertionError("expected APIRemovedInV1")
    assert "typed_openai.Embedding" in text
    assert "client.embeddings.create()" in text
    assert "openai==0.28" in text
    assert "removed in openai 1.0" in repr(typed_openai.Embedding)


def test_every_placeholder_has_a_replacement_hint() -> None:
    assert set(_old_api.REPLACEMENTS) == typed_openai._REMOVED_IN_V1 == set(REMOVED)
    assert set(REMOVED) <= set(dir(typed_openai))


def test_importing_the_package_leaves_the_placeholders_unloaded() -> None:
    code = (
        "import sys, typed_openai; assert 'typed_openai.lib._old_api' not in sys.modules; "
        "typed_openai.Completion; assert 'typed_openai.lib._old_api' in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
