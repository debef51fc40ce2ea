"""The authentication each spec declares: basic, bearer, API keys in header/query/cookie, OAuth2 as
a caller-supplied token (or callable), per-operation requirements; secrets stay out of logs,
reprs and errors."""

from __future__ import annotations

import base64
import collections.abc
import itertools
import logging
import typing
from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.codegen import _gen
from tests.support.server import Reply, ScriptedServer


def _op(op_id: str, security: list[dict[str, list[str]]] | None = None) -> dict[str, Any]:
    op: dict[str, Any] = {
        "operationId": op_id,
        "responses": {
            "200": {"description": "ok", "content": {"application/json": {"schema": {}}}}
        },
    }
    if security is not None:
        op["security"] = security
    return op


def _list_op(op_id: str, security: list[dict[str, list[str]]]) -> dict[str, Any]:
    """A cursor-paged list operation (`data` + `has_more`, `after` query parameter)."""
    return {
        "operationId": op_id,
        "security": security,
        "parameters": [{"name": "after", "in": "query", "schema": {"type": "string"}}],
        "responses": {
            "200": {
                "description": "ok",
                "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/ItemList"}}
                },
            }
        },
    }


SPEC: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "Secured", "version": "1"},
    "security": [{"basicAuth": []}],
    "components": {
        "schemas": {
            "Item": {"type": "object", "properties": {"id": {"type": "string"}}},
            "ItemList": {
                "type": "object",
                "required": ["data", "has_more"],
                "properties": {
                    "data": {"type": "array", "items": {"$ref": "#/components/schemas/Item"}},
                    "has_more": {"type": "boolean"},
                },
            },
        },
        "securitySchemes": {
            "basicAuth": {"type": "http", "scheme": "basic"},
            "bearerAuth": {"type": "http", "scheme": "bearer"},
            "headerKey": {"type": "apiKey", "in": "header", "name": "X-Key"},
            "queryKey": {"type": "apiKey", "in": "query", "name": "key"},
            "cookieKey": {"type": "apiKey", "in": "cookie", "name": "sid"},
            "oauth": {
                "type": "oauth2",
                "flows": {
                    "clientCredentials": {"tokenUrl": "https://auth.test/token", "scopes": {}}
                },
            },
        },
    },
    "paths": {
        "/basic": {"get": _op("basicCall")},
        "/bearer": {"get": _op("bearerCall", [{"bearerAuth": []}])},
        "/keys": {"get": _op("keysCall", [{"headerKey": [], "queryKey": [], "cookieKey": []}])},
        "/oauth": {"get": _op("oauthCall", [{"oauth": ["read"]}])},
        "/public": {"get": _op("publicCall", [])},
        "/either": {"get": _op("eitherCall", [{"oauth": []}, {"bearerAuth": []}])},
        "/public-items": {"get": _list_op("listPublicItems", [])},
        "/bearer-items": {"get": _list_op("listBearerItems", [{"bearerAuth": []}])},
    },
}


@pytest.fixture
def secured(build: Callable[..., ModuleType]) -> ModuleType:
    return build(SPEC, package="secured_api")


def test_each_scheme_sends_its_credentials_where_the_spec_says(
    secured: ModuleType, server: ScriptedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SECURED_API_USERNAME", "ann")
    monkeypatch.setenv("SECURED_API_PASSWORD", "s3cret-pw")
    client = secured.Client(
        base_url=server.url,
        api_key="bearer-tok",
        header_key="hk-123",
        query_key="qk-456",
        cookie_key="ck-789",
        access_token=lambda: "oauth-fresh",
    )
    try:
        server.reply(Reply.json({}))
        client.basic.basic_call()
        expected = "Basic " + base64.b64encode(b"ann:s3cret-pw").decode()
        assert server.requests[-1].headers["authorization"] == expected  # the spec's default

        server.reply(Reply.json({}))
        client.bearer.bearer_call()
        assert server.requests[-1].headers["authorization"] == "Bearer bearer-tok"

        server.reply(Reply.json({}))
        client.keys.keys_call()
        request = server.requests[-1]
        assert request.headers["x-key"] == "hk-123" and "authorization" not in request.headers
        assert request.query == [("key", "qk-456")] and request.headers["cookie"] == "sid=ck-789"

        server.reply(Reply.json({}))
        client.oauth.oauth_call()
        assert server.requests[-1].headers["authorization"] == "Bearer oauth-fresh"

        server.reply(Reply.json({}))
        client.public.public_call()  # `security: []`: no credentials at all
        assert "authorization" not in server.requests[-1].headers

        server.reply(Reply.json({}))
        client.either.either_call()  # the first alternative whose credentials are set
        assert server.requests[-1].headers["authorization"] == "Bearer oauth-fresh"
    finally:
        client.close()


def test_alternatives_fall_through_to_the_one_with_credentials(
    secured: ModuleType, server: ScriptedServer
) -> None:
    client = secured.Client(base_url=server.url, api_key="only-bearer")
    try:
        server.reply(Reply.json({}))
        client.either.either_call()
        assert server.requests[-1].headers["authorization"] == "Bearer only-bearer"
    finally:
        client.close()


@pytest.mark.anyio
async def test_async_client_sends_them_too(secured: ModuleType, server: ScriptedServer) -> None:
    async with secured.AsyncClient(base_url=server.url, username="u", password="p") as client:
        server.reply(Reply.json({}))
        await client.basic.basic_call()
        assert (
            server.requests[-1].headers["authorization"]
            == "Basic " + base64.b64encode(b"u:p").decode()
        )


def _two_pages(server: ScriptedServer) -> None:
    server.reply(Reply.json({"data": [{"id": "a"}], "has_more": True}))
    server.reply(Reply.json({"data": [{"id": "b"}], "has_more": False}))


def test_paged_operations_keep_their_own_security_on_every_page(
    secured: ModuleType, server: ScriptedServer
) -> None:
    client = secured.Client(base_url=server.url, username="ann", password="pw", api_key="tok")
    try:
        _two_pages(server)
        assert [item.id for item in client.public_items.list_public_items()] == ["a", "b"]
        first, second = server.requests[-2:]
        assert second.query == [("after", "a")]
        # `security: []`: neither page carries the spec's default (basic) credentials
        assert "authorization" not in first.headers and "authorization" not in second.headers

        _two_pages(server)
        assert [item.id for item in client.bearer_items.list_bearer_items()] == ["a", "b"]
        assert [r.headers["authorization"] for r in server.requests[-2:]] == ["Bearer tok"] * 2
    finally:
        client.close()


@pytest.mark.anyio
async def test_async_paged_operations_keep_their_own_security(
    secured: ModuleType, server: ScriptedServer
) -> None:
    async with secured.AsyncClient(
        base_url=server.url, username="ann", password="pw", api_key="tok"
    ) as client:
        _two_pages(server)
        items = [item.id async for item in client.public_items.list_public_items()]
        assert items == ["a", "b"]
        assert not any("authorization" in r.headers for r in server.requests[-2:])

        _two_pages(server)
        page = await client.bearer_items.list_bearer_items()
        assert (await page.get_next_page()).data[0].id == "b"
        assert [r.headers["authorization"] for r in server.requests[-2:]] == ["Bearer tok"] * 2


def _counting(prefix: str) -> Callable[[], str]:
    """A credential function giving a new secret each time it is asked (`<prefix>-1`, ...)."""
    calls = itertools.count(1)
    return lambda: f"{prefix}-{next(calls)}"


def test_every_credential_may_be_a_function_asked_before_each_request(
    secured: ModuleType, server: ScriptedServer
) -> None:
    client = secured.Client(
        base_url=server.url,
        username=_counting("user"),
        password=_counting("pw"),
        api_key=_counting("bearer"),
        header_key=_counting("hk"),
        query_key=_counting("qk"),
        cookie_key=_counting("ck"),
        max_retries=0,
    )
    try:
        for n in (1, 2):  # asked again for every request
            server.reply(Reply.json({}))
            client.basic.basic_call()
            pair = f"user-{n}:pw-{n}".encode()
            expected = "Basic " + base64.b64encode(pair).decode()
            assert server.requests[-1].headers["authorization"] == expected

            server.reply(Reply.json({}))
            client.bearer.bearer_call()
            assert server.requests[-1].headers["authorization"] == f"Bearer bearer-{n}"

            server.reply(Reply.json({}))
            client.keys.keys_call()
            request = server.requests[-1]
            assert request.headers["x-key"] == f"hk-{n}" and request.query == [("key", f"qk-{n}")]
            assert request.headers["cookie"] == f"sid=ck-{n}"
    finally:
        client.close()
    hints = typing.get_type_hints(secured.Client.__init__)
    for name in ("username", "password", "header_key", "query_key", "cookie_key", "access_token"):
        assert collections.abc.Callable[[], str] in typing.get_args(hints[name]), name


def test_a_credential_function_that_gives_no_string_is_named(
    secured: ModuleType, server: ScriptedServer
) -> None:
    client = secured.Client(base_url=server.url, username="ann", password=lambda: None)
    try:
        error = import_module(f"{secured.__name__}._core").OpenAIError
        with pytest.raises(error, match="password provider must return a non-empty str"):
            client.basic.basic_call()
        assert server.requests == []
    finally:
        client.close()


@pytest.mark.anyio
async def test_async_credential_functions_may_be_coroutines(
    secured: ModuleType, server: ScriptedServer
) -> None:
    async def password() -> str:
        return "async-pw"

    async def query_key() -> str:
        return "async-qk"

    async with secured.AsyncClient(
        base_url=server.url,
        username=lambda: "ann",
        password=password,
        header_key="hk",
        query_key=query_key,
        cookie_key="ck",
    ) as client:
        server.reply(Reply.json({}))
        await client.basic.basic_call()
        expected = "Basic " + base64.b64encode(b"ann:async-pw").decode()
        assert server.requests[-1].headers["authorization"] == expected
        server.reply(Reply.json({}))
        await client.keys.keys_call()
        assert server.requests[-1].query == [("key", "async-qk")]
    hints = typing.get_type_hints(secured.AsyncClient.__init__)
    provider = collections.abc.Callable[[], collections.abc.Awaitable[str] | str]
    assert provider in typing.get_args(hints["password"])


def test_secrets_stay_out_of_logs_reprs_and_errors(
    secured: ModuleType, server: ScriptedServer, caplog: pytest.LogCaptureFixture
) -> None:
    client = secured.Client(
        base_url=server.url,
        username="ann",
        password="pw-secret",
        header_key="hk",
        query_key="qk-secret",
        cookie_key="ck",
        max_retries=0,
    )
    try:
        caplog.set_level(logging.DEBUG)
        server.reply(Reply.json({"error": {"message": "bad key qk-secret"}}, status=401))
        with pytest.raises(secured.AuthenticationError) as info:
            client.keys.keys_call()
        assert server.requests[-1].query == [("key", "qk-secret")]
        assert "qk-secret" not in str(info.value)
        # the client's own log lines (httpx's logger is the application's to configure)
        logged = "\n".join(
            r.getMessage() for r in caplog.records if r.name.startswith(secured.__name__)
        )
        assert logged and "qk-secret" not in logged and "pw-secret" not in logged
        assert "pw-secret" not in repr(client) and "qk-secret" not in repr(client)
    finally:
        client.close()


def _all_logged(caplog: pytest.LogCaptureFixture) -> str:
    """Every captured line, httpx's included, as a handler would write it."""
    return "\n".join(f"{r.name} {r.getMessage()}" for r in caplog.records)


def test_query_api_keys_stay_out_of_every_log_line_reprs_and_errors(
    secured: ModuleType, server: ScriptedServer, caplog: pytest.LogCaptureFixture
) -> None:
    # a key with characters the URL percent-encodes (`qk%2Bse%2Fcret`), and one from a function
    client = secured.Client(
        base_url=server.url,
        header_key="hk",
        query_key="qk+se/cret",
        cookie_key="ck",
        max_retries=0,
    )
    provided = secured.Client(
        base_url=server.url,
        header_key="hk",
        query_key=lambda: "fresh-qk-77",
        cookie_key="ck",
        max_retries=0,
    )
    try:
        caplog.set_level(logging.DEBUG)
        server.reply(Reply.json({}))
        client.keys.keys_call()
        assert server.requests[-1].query == [("key", "qk+se/cret")]
        server.reply(Reply.json({"error": {"message": "key fresh-qk-77 revoked"}}, status=401))
        with pytest.raises(secured.AuthenticationError) as info:
            provided.keys.keys_call()
        assert server.requests[-1].query == [("key", "fresh-qk-77")]

        logged = _all_logged(caplog)
        assert "httpx HTTP Request: GET" in logged  # httpx did log both URLs...
        assert logged.count("key=<redacted>") >= 4  # ...and so did we, all without the key
        for secret in ("qk+se/cret", "qk%2Bse%2Fcret", "fresh-qk-77"):
            assert secret not in logged
            assert secret not in str(info.value) and secret not in repr(info.value)
            assert secret not in repr(client) and secret not in repr(provided)
    finally:
        client.close()
        provided.close()


def test_an_api_key_scheme_without_a_name_or_a_usable_in_is_ignored_with_a_warning(
    tmp_path: Path, server: ScriptedServer
) -> None:
    spec: dict[str, Any] = {
        "openapi": "3.0.3",
        "info": {"title": "Broken keys", "version": "1"},
        "components": {
            "securitySchemes": {
                "nameless": {"type": "apiKey", "in": "header"},
                "bodyKey": {"type": "apiKey", "in": "body", "name": "key"},
                "nowhere": {"type": "apiKey", "name": "X-Nowhere"},
                "good": {"type": "apiKey", "in": "header", "name": "X-Good"},
            }
        },
        "paths": {
            "/nameless": {"get": _op("namelessCall", [{"nameless": []}])},
            "/both": {"get": _op("bothCall", [{"good": [], "bodyKey": [], "nowhere": []}])},
        },
    }
    result, package, out = _gen.generate(tmp_path, spec)
    found = {(d.code, d.pointer) for d in result.diagnostics.items if "security" in d.code}
    assert found == {
        ("security-scheme-invalid", "/components/securitySchemes/nameless"),
        ("security-scheme-location", "/components/securitySchemes/bodyKey/in"),
        ("security-scheme-location", "/components/securitySchemes/nowhere/in"),
    }
    messages = [d.render() for d in result.diagnostics.items if "security" in d.code]
    assert any("`name`" in m for m in messages) and any("`in: body`" in m for m in messages)
    client_source = (out / package / "_generated" / "_client.py").read_text(encoding="utf-8")
    assert "'None'" not in client_source and '"None"' not in client_source
    module = _gen.load(out, package)
    try:
        # both operations are generated; the good scheme is the client's api_key
        client = module.Client(base_url=server.url, api_key="good-key")
        try:
            server.reply(Reply.json({}))
            client.nameless.nameless_call()  # its only scheme is ignored: nothing sent
            assert "none" not in server.requests[-1].headers
            assert "x-good" not in server.requests[-1].headers

            server.reply(Reply.json({}))
            client.both.both_call()
            assert server.requests[-1].headers["x-good"] == "good-key"
            assert server.requests[-1].query == []
        finally:
            client.close()
    finally:
        _gen.unload(package, out)
