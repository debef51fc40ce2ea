"""The ``admin_api_key`` client option (``OPENAI_ADMIN_KEY``, ``typed_openai.admin_api_key``) as the
official SDK has it: the admin operations (``/organization/*``, ``security: AdminApiKeyAuth`` in the
spec) authenticate with the admin key, every other one with ``api_key``; a client needs one of the
two; a call whose key is not set is a TypeError before anything is sent (unless the caller sends
the ``Authorization`` header itself). The admin key stays out of reprs and logs. Run against both
SDKs over the loopback server."""

from __future__ import annotations

import logging
from types import ModuleType
from typing import Any

import pytest

import typed_openai
from tests.support.server import Reply, ScriptedServer

from .conftest import fresh_module_client, official, run_both

USER = {
    "object": "organization.user",
    "id": "user_1",
    "name": "Ada",
    "email": "ada@example.com",
    "role": "owner",
    "added_at": 1,
}
USERS = {
    "object": "list",
    "data": [USER],
    "first_id": "user_1",
    "last_id": "user_1",
    "has_more": False,
}
MODEL = {"id": "m", "object": "model", "created": 1, "owned_by": "me"}
API_KEY = "sk-proj-drop-in"
ADMIN_KEY = "sk-admin-drop-in"


def _routes(server: ScriptedServer) -> None:
    server.route("GET", "/v1/models/m", Reply.json(MODEL))
    server.route("GET", "/v1/organization/users/user_1", Reply.json(USER))
    server.route("GET", "/v1/organization/users", Reply.json(USERS))
    server.route("GET", "/v1/custom", Reply.json({"ok": True}))


def _calls(client: Any) -> dict[str, Any]:
    """Each call's Authorization header, or the exception type it raised (nothing sent)."""
    calls = {
        "models.retrieve": lambda: client.models.retrieve("m"),
        "admin.users.retrieve": lambda: client.admin.organization.users.retrieve("user_1"),
        "admin.users.list": lambda: [u.id for u in client.admin.organization.users.list()],
        "custom get": lambda: client.get("/custom", cast_to=object),
    }
    seen: dict[str, Any] = {}
    server: ScriptedServer = client._test_server
    for name, call in calls.items():
        count = len(server.requests)
        try:
            call()
        except TypeError:
            seen[name] = ("TypeError", len(server.requests) - count)
            continue
        seen[name] = [r.headers.get("authorization") for r in server.requests[count:]]
    return seen


def _client(sdk: ModuleType, server: ScriptedServer, **kwargs: Any) -> Any:
    client = sdk.OpenAI(base_url=server.url + "/v1", max_retries=0, **kwargs)
    client._test_server = server
    return client


def test_each_operation_sends_the_key_its_security_names(server: ScriptedServer) -> None:
    _routes(server)

    def observe(sdk: ModuleType) -> dict[str, Any]:
        with _client(sdk, server, api_key=API_KEY, admin_api_key=ADMIN_KEY) as client:
            return _calls(client)

    ours, theirs = run_both(observe)
    assert ours == theirs
    assert ours == {
        "models.retrieve": [f"Bearer {API_KEY}"],
        "admin.users.retrieve": [f"Bearer {ADMIN_KEY}"],
        "admin.users.list": [f"Bearer {ADMIN_KEY}"],
        "custom get": [f"Bearer {API_KEY}"],
    }


def test_only_an_api_key_admin_calls_are_type_errors_before_sending(server: ScriptedServer) -> None:
    _routes(server)

    def observe(sdk: ModuleType) -> dict[str, Any]:
        with _client(sdk, server, api_key=API_KEY) as client:
            return _calls(client)

    ours, theirs = run_both(observe)
    assert ours == theirs
    assert ours["admin.users.retrieve"] == ("TypeError", 0)
    assert ours["admin.users.list"] == ("TypeError", 0)


def test_only_the_admin_key_from_the_environment(
    server: ScriptedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    _routes(server)
    monkeypatch.setenv("OPENAI_ADMIN_KEY", ADMIN_KEY)

    def observe(sdk: ModuleType) -> dict[str, Any]:
        with _client(sdk, server) as client:
            calls = _calls(client)
            calls["attribute"] = client.admin_api_key
            return calls

    ours, theirs = run_both(observe)
    assert ours == theirs
    # a custom request names no security requirement: the key that is set goes
    assert ours["custom get"] == [f"Bearer {ADMIN_KEY}"]
    assert ours["models.retrieve"] == ("TypeError", 0)
    assert ours["admin.users.retrieve"] == [f"Bearer {ADMIN_KEY}"]
    assert ours["attribute"] == ADMIN_KEY


def test_neither_key_is_an_error_at_construction() -> None:
    def observe(sdk: ModuleType) -> str:
        with pytest.raises(sdk.OpenAIError) as info:
            sdk.OpenAI()
        return str(info.value)

    ours, theirs = run_both(observe)
    for message in (ours, theirs):
        assert "admin_api_key" in message and "OPENAI_ADMIN_KEY" in message


def test_an_explicit_authorization_header_is_sent_as_given(server: ScriptedServer) -> None:
    _routes(server)

    def observe(sdk: ModuleType) -> list[Any]:
        with _client(sdk, server, api_key=API_KEY) as client:
            client.admin.organization.users.retrieve(
                "user_1", extra_headers={"Authorization": "Bearer sk-admin-per-call"}
            )
            other = client.with_options(admin_api_key="sk-admin-copy")
            other.admin.organization.users.retrieve("user_1")
            return [r.headers.get("authorization") for r in server.requests[-2:]]

    ours, theirs = run_both(observe)
    assert ours == theirs == ["Bearer sk-admin-per-call", "Bearer sk-admin-copy"]


def test_the_module_client_takes_admin_api_key(server: ScriptedServer) -> None:
    _routes(server)

    def observe(sdk: ModuleType) -> list[Any]:
        saved = (sdk.api_key, sdk.admin_api_key, sdk.base_url)
        fresh_module_client(sdk)
        sdk.api_key, sdk.admin_api_key, sdk.base_url = API_KEY, ADMIN_KEY, server.url + "/v1/"
        try:
            sdk.admin.organization.users.retrieve("user_1")
            sdk.models.retrieve("m")
        finally:
            fresh_module_client(sdk)
            sdk.api_key, sdk.admin_api_key, sdk.base_url = saved
        return [r.headers.get("authorization") for r in server.requests[-2:]]

    ours, theirs = run_both(observe)
    assert ours == theirs == [f"Bearer {ADMIN_KEY}", f"Bearer {API_KEY}"]


def test_the_admin_key_stays_out_of_reprs_and_logs(
    server: ScriptedServer, caplog: pytest.LogCaptureFixture
) -> None:
    server.route(
        "GET", "/v1/organization/users/user_1", Reply.json({"error": {"message": "no"}}, status=401)
    )
    with (
        caplog.at_level(logging.DEBUG),
        typed_openai.OpenAI(
            api_key=API_KEY, admin_api_key=ADMIN_KEY, base_url=server.url + "/v1", max_retries=0
        ) as client,
    ):
        with pytest.raises(typed_openai.AuthenticationError) as info:
            client.admin.organization.users.retrieve("user_1")
        shown = [repr(client), str(info.value), repr(info.value)]
    assert server.requests[-1].headers["authorization"] == f"Bearer {ADMIN_KEY}"
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "organization/users" in logged  # the request was logged
    for text in [*shown, logged]:
        assert ADMIN_KEY not in text and API_KEY not in text


def test_the_sdk_has_the_same_names() -> None:
    import inspect

    for cls in ("OpenAI", "AsyncOpenAI"):
        for method in ("__init__", "copy"):
            theirs = inspect.signature(getattr(getattr(official(), cls), method)).parameters
            ours = inspect.signature(getattr(getattr(typed_openai, cls), method)).parameters
            assert theirs["admin_api_key"].default is ours["admin_api_key"].default is None
    assert typed_openai.admin_api_key is None and official().admin_api_key is None
