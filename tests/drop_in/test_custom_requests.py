"""Point 7 of issue 15: custom requests for endpoints the spec lacks, as the official README shows
them — ``client.get/post/put/patch/delete(path, cast_to=..., body=..., options={...})`` with the
official options mapping and ``cast_to=httpx.Response`` — run against both SDKs."""

from __future__ import annotations

import json
from types import ModuleType
from typing import Any

import httpx
import pytest

import typed_openai
from tests.support.server import RecordedRequest, Reply, ScriptedServer

from .conftest import API_KEY, arun_both, async_client_of, client_of, run_both


def seen(request: RecordedRequest) -> dict[str, Any]:
    return {
        "method": request.method,
        "path": request.path,
        "query": request.query,
        "body": json.loads(request.body) if request.body else None,
        "x-a": request.headers.get("x-a"),
        "authorization": request.headers.get("authorization"),
    }


def test_post_with_cast_to_httpx_response(server: ScriptedServer) -> None:
    server.route("POST", "/foo", Reply.json({"ok": True}, headers={"x-foo": "bar"}))

    def observe(sdk: ModuleType) -> dict[str, Any]:
        with client_of(sdk, server.url) as client:
            response = client.post("/foo", cast_to=httpx.Response, body={"my_param": True})
            return {
                "is_a_response": type(response).__name__ == "Response",
                "x-foo": response.headers.get("x-foo"),
                "status": response.status_code,
                "json": response.json(),
                "sent": seen(server.requests[-1]),
            }

    ours, theirs = run_both(observe)
    assert ours == theirs
    assert ours["x-foo"] == "bar" and ours["sent"]["body"] == {"my_param": True}
    assert ours["sent"]["authorization"] == f"Bearer {API_KEY}"


def test_the_options_mapping_is_applied(server: ScriptedServer) -> None:
    server.route("POST", "/things", Reply.json({"id": "t"}))
    server.route("GET", "/things/t", Reply.json({"id": "t", "name": "n"}))
    server.route("PATCH", "/things/t", Reply.json({"id": "t"}))
    server.route("PUT", "/things/t", Reply.json({"id": "t"}))
    server.route("DELETE", "/things/t", Reply.json({"id": "t", "deleted": True}))

    def observe(sdk: ModuleType) -> list[Any]:
        class Thing(sdk.BaseModel):  # type: ignore[name-defined,misc]
            id: str
            name: str | None = None

        results: list[Any] = []
        with client_of(sdk, server.url) as client:
            options = {"headers": {"X-A": "1"}, "params": {"q": "v"}, "timeout": 5}
            created = client.post(
                "/things",
                cast_to=Thing,
                body={"name": "n"},
                options={**options, "extra_json": {"extra": 2}},
            )
            results.append((created.id, seen(server.requests[-1])))
            got = client.get("/things/t", cast_to=Thing, options=options)
            results.append((got.name, got._request_id, seen(server.requests[-1])))
            for verb in ("patch", "put"):
                done = getattr(client, verb)("/things/t", cast_to=object, body={"name": "m"})
                results.append((done, seen(server.requests[-1])))
            deleted = client.delete("/things/t", cast_to=object, options=options)
            results.append((deleted, seen(server.requests[-1])))
        return results

    ours, theirs = run_both(observe)
    assert ours == theirs
    assert ours[0][1]["body"] == {"name": "n", "extra": 2}
    assert ours[0][1]["query"] == [("q", "v")] and ours[0][1]["x-a"] == "1"


def test_max_retries_in_the_options_mapping(server: ScriptedServer) -> None:
    def observe(sdk: ModuleType) -> tuple[Any, int]:
        before = len(server.requests)
        server.reply(Reply.json({"e": 1}, status=500), Reply.json({"ok": 1}))
        with client_of(sdk, server.url, max_retries=0) as client:
            result = client.get("/flaky", cast_to=object, options={"max_retries": 1})
        return result, len(server.requests) - before

    ours, theirs = run_both(observe)
    assert ours == theirs == ({"ok": 1}, 2)


@pytest.mark.anyio
async def test_async_custom_requests(server: ScriptedServer) -> None:
    server.route("POST", "/foo", Reply.json({"ok": True}, headers={"x-foo": "bar"}))

    async def observe(sdk: ModuleType) -> tuple[Any, ...]:
        async with async_client_of(sdk, server.url) as client:
            response = await client.post(
                "/foo", cast_to=httpx.Response, body={"a": 1}, options={"headers": {"X-A": "2"}}
            )
            parsed = await client.post("/foo", cast_to=object, body={"a": 2})
            return response.headers["x-foo"], parsed, seen(server.requests[-2])

    ours, theirs = await arun_both(observe)
    assert ours == theirs
    assert ours[2]["x-a"] == "2"


def test_raw_content_body(server: ScriptedServer) -> None:
    server.route("POST", "/upload", Reply.json({"ok": True}))

    def observe(sdk: ModuleType) -> tuple[bytes, str | None]:
        with client_of(sdk, server.url) as client:
            client.post(
                "/upload",
                cast_to=object,
                content=b"\x00raw bytes",
                options={"headers": {"Content-Type": "application/octet-stream"}},
            )
        request = server.requests[-1]
        return request.body, request.headers.get("content-type")

    ours, theirs = run_both(observe)
    assert ours == theirs == (b"\x00raw bytes", "application/octet-stream")


def test_a_bad_options_value_names_the_problem(server: ScriptedServer) -> None:
    with typed_openai.OpenAI(api_key=API_KEY, base_url=server.url, max_retries=0) as client:
        with pytest.raises(TypeError, match=r"Unknown request option.*header"):
            client.get("/x", cast_to=object, options={"header": {"a": "b"}})  # type: ignore[typeddict-unknown-key]
        with pytest.raises(TypeError, match="options must be a mapping"):
            client.get("/x", cast_to=object, options=[("headers", {})])  # type: ignore[arg-type]
        with pytest.raises(TypeError, match=r"either body= .* or content="):
            client.post("/x", cast_to=object, body={"a": 1}, content=b"x")
    assert server.requests == []  # nothing was sent
