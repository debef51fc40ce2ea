"""Arguments the upstream document requires but the official SDK leaves optional (config
`optional:` on the request body's schema): code that leaves them out — minting a beta realtime
session with only a model, as the WebRTC guides do — runs against both packages and sends the same
request."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from types import ModuleType
from typing import Any

import pytest

import typed_openai
from tests.support.server import Reply, ScriptedServer

from .conftest import client_of, run_both

SESSION = {
    "id": "sess_1",
    "object": "realtime.session",
    "model": "gpt-4o-realtime-preview",
    "client_secret": {"value": "ek_1", "expires_at": 1700000060},
}


def mint_realtime_session(client: Any) -> Any:
    return client.beta.realtime.sessions.create(model="gpt-4o-realtime-preview", voice="verse")


def test_a_beta_realtime_session_is_minted_with_only_a_model(server: ScriptedServer) -> None:
    def program(sdk: ModuleType) -> tuple[str, str, Any, str]:
        server.reply(Reply.json(SESSION))
        with client_of(sdk, server.url + "/v1") as client:
            session = mint_realtime_session(client)
        request = server.requests[-1]
        return request.method, request.path, request.json(), session.client_secret.value

    ours, theirs = run_both(program)
    assert ours == theirs
    assert ours == (
        "POST",
        "/v1/realtime/sessions",
        {"model": "gpt-4o-realtime-preview", "voice": "verse"},
        "ek_1",
    )


CALLS: dict[str, tuple[Callable[[Any], Any], str]] = {
    "audio.voices.create": (lambda c: c.audio.voices.create, "audio_sample consent"),
    "skills.create": (lambda c: c.skills.create, "files"),
    "skills.versions.create": (lambda c: c.skills.versions.create, "files"),
    "beta.realtime.sessions.create": (lambda c: c.beta.realtime.sessions.create, "client_secret"),
}


@pytest.mark.parametrize("method", sorted(CALLS))
def test_the_sdk_optional_arguments_have_a_default_here_too(method: str) -> None:
    get, names = CALLS[method]

    def defaults(sdk: ModuleType) -> dict[str, bool]:
        params = inspect.signature(get(sdk.OpenAI(api_key="sk-x"))).parameters
        return {n: params[n].default is not inspect.Parameter.empty for n in names.split()}

    ours, theirs = run_both(defaults)
    assert ours == theirs == dict.fromkeys(names.split(), True)


def test_the_params_typeddict_key_is_not_required_either() -> None:
    from typed_openai.types.beta.realtime import session_create_params

    assert "client_secret" in session_create_params.SessionCreateParams.__optional_keys__
    assert typed_openai.types.skill_create_params.SkillCreateParams.__required_keys__ == set()
