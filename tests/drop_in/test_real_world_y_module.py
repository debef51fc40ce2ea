"""Real-world sweep Y, clients handed around and the module client's odd corners: a client
pickled for a process pool (or probed for it, as task queues do), copied shallow and deep, the
module client's timeout and retries set at the top of a script, and where the official SDK's module
client does something no program relies on (pinned below as deliberate differences) — programs
written for the official SDK, run unchanged against both packages over the loopback server.
"""

from __future__ import annotations

import copy
import functools
import json
import pickle
import sys
from types import ModuleType
from typing import Any

import httpx2

from tests.support.module_clients import module_settings_as_found
from tests.support.server import RecordedRequest, Reply, ScriptedServer

from .conftest import run_both
from .programs import Program, async_observed_the_same, observed_the_same, registry
from .test_real_world_apps import chat_completion

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()
MODULE_PROGRAMS, _, register_module, _ = registry()

MESSAGES = [{"role": "user", "content": "hi"}]


def echo(request: RecordedRequest) -> Reply:
    """A completion saying where the request went and with which key and headers."""
    text = json.dumps(
        {
            "path": request.path,
            "query": request.query_dict,
            "authorization": request.headers.get("authorization"),
            "api-key": request.headers.get("api-key"),
        }
    )
    return Reply.json(chat_completion({"role": "assistant", "content": text}))


def said(completion: Any) -> Any:
    return json.loads(completion.choices[0].message.content)


def outcome(code: Any) -> Any:
    try:
        return ("ok", code())
    except Exception as error:
        return ("raised", isinstance(error, TypeError), isinstance(error, pickle.PicklingError))


def quietly(code: Any) -> Any:
    """``outcome(code)``, with what objects report from ``__del__`` as they are dropped unheard
    (the official client that ``copy.deepcopy`` left half-built complains from its HTTP client's
    ``__del__``)."""
    hook = sys.unraisablehook
    sys.unraisablehook = lambda unraisable: None
    try:
        return outcome(code)
    finally:
        sys.unraisablehook = hook


def picklable(thing: object) -> bool:
    """How task queues and caches probe an argument before sending it to another process."""
    try:
        pickle.dumps(thing)
    except (TypeError, AttributeError, pickle.PicklingError):
        return False
    return True


@program
def client_handed_to_a_process_pool(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """``pool.map(work, [client] * n)``: the client cannot cross a process boundary; the worker
    code catches the TypeError and sends the options instead."""
    try:
        pickle.dumps(client)
        refused: Any = None
    except TypeError as error:
        refused = ("TypeError", type(client).__name__ in str(error) or "pickle" in str(error))
    options = {"api_key": client.api_key, "base_url": str(client.base_url), "max_retries": 0}
    rebuilt = openai.OpenAI(**pickle.loads(pickle.dumps(options)))
    server.default = Reply.dynamic(echo)
    answer = said(rebuilt.chat.completions.create(model="m", messages=MESSAGES))
    rebuilt.close()
    return refused, answer, picklable(client), picklable(options)


@program
def client_copied_shallow_and_deep(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """``copy.copy`` of a client (a framework cloning its settings object) works and shares the
    connections; ``copy.deepcopy`` is refused."""
    server.default = Reply.dynamic(echo)
    shallow = copy.copy(client)
    answer = said(shallow.chat.completions.create(model="m", messages=MESSAGES))
    deep = quietly(lambda: copy.deepcopy(client))
    return (
        answer,
        type(shallow) is type(client),
        shallow.api_key == client.api_key,
        deep,
        shallow.is_closed(),
    )


@program
def settings_object_with_a_client_copied(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """An app settings dataclass holding its client, copied per request with ``copy.copy`` (the
    client is shared) and pickled for a cache (refused)."""
    from dataclasses import dataclass, replace

    @dataclass
    class Settings:
        model: str
        llm: Any

    server.default = Reply.dynamic(echo)
    base = Settings(model="gpt-4o", llm=client)
    per_request = replace(copy.copy(base), model="gpt-4o-mini")
    answer = said(
        per_request.llm.chat.completions.create(model=per_request.model, messages=MESSAGES)
    )
    return answer, per_request.llm is client, outcome(lambda: pickle.dumps(base))


@async_program
async def async_client_pickled(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.default = Reply.dynamic(echo)
    shallow = copy.copy(client)
    answer = said(await shallow.chat.completions.create(model="m", messages=MESSAGES))
    return outcome(lambda: pickle.dumps(client)), picklable(client), answer


def module_program(code: Program) -> Program:
    """A program on the module client, with the module settings of a fresh interpreter."""

    @functools.wraps(code)
    def fresh(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
        with module_settings_as_found():
            return code(openai, client, server)

    return register_module(fresh)


@module_program
def module_timeout_and_retries_at_the_top(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """``openai.timeout = 0.2`` then a stalled server; then a Timeout object and a retried 503."""
    openai.api_key = "sk-mod"
    openai.base_url = server.url + "/v1/"
    defaults = (openai.max_retries, repr(openai.timeout) == repr(openai.DEFAULT_TIMEOUT))
    openai.max_retries = 0
    openai.timeout = 0.2
    server.reply(Reply.hang())
    try:
        openai.chat.completions.create(model="m", messages=MESSAGES)
        first: Any = None
    except openai.APITimeoutError as error:
        first = (type(error).__name__, isinstance(error, openai.APIConnectionError))
    openai.timeout = httpx2.Timeout(5.0, connect=2.0)
    openai.max_retries = 1
    error = {"error": {"message": "busy", "type": "server_error", "param": None, "code": None}}
    server.reply(Reply.json(error, 503, headers={"retry-after-ms": "1"}), Reply.dynamic(echo))
    second = said(openai.chat.completions.create(model="m", messages=MESSAGES))
    return defaults, first, second, len(server.requests), openai.timeout.connect


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
test_module_program_observes_the_same = observed_the_same(MODULE_PROGRAMS, with_client=False)


# --- deliberate differences of the module client ---------------------------------------------------


def test_module_azure_settings_changed_after_the_first_call(server: ScriptedServer) -> None:
    """Deliberate: the official module client is built once; ``api_version``, ``azure_endpoint``
    and the Azure token settings changed after its first call are ignored until
    ``openai._reset_client()`` (only the key, organization, URL, timeout, retries, headers and
    query are read on every call; a token provider set then is not used, and with the key unset
    every call fails). typed_openai's module client applies every setting from the next call
    on, as its docstring says: a script that changes them means them."""

    def sent(openai: ModuleType) -> Any:
        with module_settings_as_found():
            server.requests.clear()
            server.default = Reply.dynamic(echo)
            openai.api_type = "azure"
            openai.azure_endpoint = server.url
            openai.api_version = "2024-10-21"
            openai.api_key = "az-key"
            openai.max_retries = 0
            first = said(openai.chat.completions.create(model="dep", messages=MESSAGES))
            openai.api_version = "2025-04-01-preview"
            second = said(openai.chat.completions.create(model="dep", messages=MESSAGES))
            return first["query"], second["query"], second["api-key"]

    ours, theirs = run_both(sent)
    assert ours == (
        {"api-version": "2024-10-21"},
        {"api-version": "2025-04-01-preview"},
        "az-key",
    )
    assert theirs == ({"api-version": "2024-10-21"}, {"api-version": "2024-10-21"}, "az-key")


def test_module_callable_api_key_stays_the_setting(server: ScriptedServer) -> None:
    """Deliberate: ``openai.api_key = get_token`` (a key provider). Both ask it for the key before
    every request; the official module client then writes each key it got into
    ``openai.api_key`` (the provider is gone from the setting, though still called), ours keeps
    the provider there, so the setting reads as what was set."""
    tokens = iter(["tok-1", "tok-2", "tok-1", "tok-2"])

    def get_token() -> str:
        return next(tokens)

    def sent(openai: ModuleType) -> Any:
        with module_settings_as_found():
            server.requests.clear()
            server.default = Reply.dynamic(echo)
            openai.api_key = get_token
            openai.base_url = server.url + "/v1/"
            openai.max_retries = 0
            keys = [
                said(openai.chat.completions.create(model="m", messages=MESSAGES))["authorization"]
                for _ in range(2)
            ]
            return keys, openai.api_key

    ours, theirs = run_both(sent)
    assert ours == (["Bearer tok-1", "Bearer tok-2"], get_token)
    assert theirs == (["Bearer tok-1", "Bearer tok-2"], "tok-2")


def test_module_http_client_setting_is_not_filled_in(server: ScriptedServer) -> None:
    """Deliberate: left ``None``, ``openai.http_client`` is set by the official module client to
    the HTTP client it built (closing the module client then closes the setting's client too,
    and every later module client gets a closed one); ours leaves the setting as set, ``None``
    meaning a pool the module client owns."""

    def held(openai: ModuleType) -> Any:
        with module_settings_as_found():
            server.default = Reply.dynamic(echo)
            openai.api_key = "sk-mod"
            openai.base_url = server.url + "/v1/"
            openai.max_retries = 0
            said(openai.chat.completions.create(model="m", messages=MESSAGES))
            return openai.http_client is None

    assert run_both(held) == (True, False)
