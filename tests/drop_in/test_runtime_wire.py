"""Runtime fidelity with the official SDK on the wire and at construction: what the server
receives for bodiless calls and ``extra_body`` on a GET, path parameters that cannot be one
segment, and the ``api_key`` a client built without one shows. Each test runs the same code
against both packages over the loopback server and compares what a user (or the server) sees."""

from __future__ import annotations

from types import ModuleType
from typing import Any

import pytest

from tests.support.server import Reply, ScriptedServer

from .conftest import client_of, run_both

MODEL = {"id": "m", "object": "model", "created": 1, "owned_by": "me"}
DELETED = {"id": "m", "object": "model", "deleted": True}
BATCH = {
    "id": "b",
    "object": "batch",
    "endpoint": "/v1/chat/completions",
    "input_file_id": "f",
    "completion_window": "24h",
    "status": "cancelling",
    "created_at": 1,
}


def _wire(server: ScriptedServer, count: int) -> list[tuple[str, str, str | None, bytes]]:
    """Method, path, content type and body of each request since the ``count``-th."""
    return [
        (r.method, r.path, r.headers.get("content-type"), r.body) for r in server.requests[count:]
    ]


def test_bodiless_calls_say_json_and_a_get_sends_no_body(server: ScriptedServer) -> None:
    server.route("GET", "/v1/models/m", Reply.json(MODEL))
    server.route("DELETE", "/v1/models/m", Reply.json(DELETED))
    server.route("POST", "/v1/batches/b/cancel", Reply.json(BATCH))
    server.route("POST", "/v1/custom", Reply.json({}))
    server.route("DELETE", "/v1/custom", Reply.json({}))

    def observe(sdk: ModuleType) -> list[Any]:
        count = len(server.requests)
        with client_of(sdk, server.url + "/v1") as client:
            client.models.retrieve("m")
            client.models.delete("m")
            client.batches.cancel("b")
            client.post("/custom", cast_to=object)
            client.delete("/custom", cast_to=object)
            # a caller's own content type, and one removed with Omit()
            client.post("/custom", cast_to=object, options={"headers": {"Content-Type": "x/y"}})
            client.batches.cancel("b", extra_headers={"Content-Type": sdk.Omit()})
            # extra_body on a GET is not sent; on a DELETE it is the JSON body
            client.models.retrieve("m", extra_body={"a": 1})
            client.models.delete("m", extra_body={"a": 1})
        return _wire(server, count)

    ours, theirs = run_both(observe)
    assert ours == theirs
    json = "application/json"
    assert ours == [
        ("GET", "/v1/models/m", None, b""),
        ("DELETE", "/v1/models/m", json, b""),
        ("POST", "/v1/batches/b/cancel", json, b""),
        ("POST", "/v1/custom", json, b""),
        ("DELETE", "/v1/custom", json, b""),
        ("POST", "/v1/custom", "x/y", b""),
        ("POST", "/v1/batches/b/cancel", None, b""),
        ("GET", "/v1/models/m", None, b""),
        ("DELETE", "/v1/models/m", json, b'{"a":1}'),
    ]


@pytest.mark.anyio
async def test_async_bodiless_calls_say_json_too(server: ScriptedServer) -> None:
    import typed_openai

    server.route("POST", "/v1/batches/b/cancel", Reply.json(BATCH))
    async with typed_openai.AsyncOpenAI(
        api_key="sk", base_url=server.url + "/v1", max_retries=0
    ) as client:
        await client.batches.cancel("b")
    assert server.requests[0].headers.get("content-type") == "application/json"


@pytest.mark.parametrize("value", [".", "..", "", None])
def test_path_parameters_that_are_no_segment_are_value_errors(
    server: ScriptedServer, value: Any
) -> None:
    server.default = Reply.json(MODEL)

    def observe(sdk: ModuleType) -> list[Any]:
        with client_of(sdk, server.url + "/v1") as client:
            found: list[Any] = []
            for call in (
                lambda: client.models.retrieve(value),
                lambda: client.vector_stores.files.retrieve("file", vector_store_id=value),
            ):
                with pytest.raises(ValueError) as info:
                    call()
                found.append(type(info.value))
            return found

    ours, theirs = run_both(observe)
    assert ours == theirs == [ValueError, ValueError]
    assert server.requests == []


@pytest.mark.parametrize("value", ["...", ". ", "a/..", "%2e", True])
def test_other_path_parameters_reach_the_same_url(server: ScriptedServer, value: Any) -> None:
    server.default = Reply.json(MODEL)

    def observe(sdk: ModuleType) -> str:
        with client_of(sdk, server.url + "/v1") as client:
            client.models.retrieve(value)
        return server.requests[-1].target

    ours, theirs = run_both(observe)
    assert ours == theirs


def test_a_client_with_only_the_admin_key_shows_an_empty_api_key(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def observe(sdk: ModuleType) -> list[Any]:
        given = sdk.OpenAI(admin_api_key="sk-admin", base_url="http://127.0.0.1:9/v1")
        monkeypatch.setenv("OPENAI_ADMIN_KEY", "sk-admin-env")
        from_env = sdk.OpenAI(base_url="http://127.0.0.1:9/v1")
        monkeypatch.delenv("OPENAI_ADMIN_KEY")
        copied = given.with_options(timeout=3)
        return [given.api_key, from_env.api_key, copied.api_key, copied.admin_api_key]

    ours, theirs = run_both(observe)
    assert ours == theirs == ["", "", "", "sk-admin"]


def test_query_values_and_a_path_with_its_own_query(server: ScriptedServer) -> None:
    """``None`` in a query is left out; a custom path's own query is kept beside the call's
    params (a param of the same name replaces it)."""
    server.default = Reply.json({"object": "list", "data": []})

    def observe(sdk: ModuleType) -> list[str]:
        count = len(server.requests)
        with client_of(sdk, server.url + "/v1", default_query={"dq": "1"}) as client:
            client.models.list(extra_query={"a": None, "b": [1, None, 2], "c": {"d": None}})
            client.models.list(extra_query={"e": True, "f": "", "g": {"h": [1, 2]}})
            client.get("/custom?x=1&y=2", cast_to=object, options={"params": {"y": "3"}})
            client.post("/custom?x=1", cast_to=object)
        return [r.target for r in server.requests[count:]]

    ours, theirs = run_both(observe)
    assert ours == theirs
    assert ours[2:] == ["/v1/custom?x=1&y=3&dq=1", "/v1/custom?x=1&dq=1"]


@pytest.mark.parametrize("value", [5, 1.5, object()])
def test_a_header_value_that_is_no_text_is_a_type_error(
    server: ScriptedServer, value: object
) -> None:
    def observe(sdk: ModuleType) -> str:
        with client_of(sdk, server.url + "/v1") as client, pytest.raises(TypeError) as info:
            client.models.list(extra_headers={"X-Value": value})
        return type(info.value).__name__

    assert run_both(observe) == ("TypeError", "TypeError")
    assert server.requests == []


def test_bytes_header_values_are_sent(server: ScriptedServer) -> None:
    server.default = Reply.json({"object": "list", "data": []})

    def observe(sdk: ModuleType) -> str | None:
        with client_of(sdk, server.url + "/v1") as client:
            client.models.list(extra_headers={"X-Value": b"raw"})
        return server.requests[-1].headers.get("x-value")

    assert run_both(observe) == ("raw", "raw")


def test_the_default_timeout_and_retries_read_the_same() -> None:
    def observe(sdk: ModuleType) -> list[str]:
        client = sdk.OpenAI(api_key="sk", base_url="http://127.0.0.1:9/v1")
        return [
            repr(client.timeout),
            repr(sdk.DEFAULT_TIMEOUT),
            repr(client.with_options(timeout=3).timeout),
            repr(client.max_retries),
            repr(client.with_options(max_retries=5).max_retries),
        ]

    ours, theirs = run_both(observe)
    assert ours == theirs


def test_a_custom_request_to_a_whole_url_goes_there(server: ScriptedServer) -> None:
    server.default = Reply.json({"here": True})

    def observe(sdk: ModuleType) -> list[Any]:
        with ScriptedServer() as other:
            other.default = Reply.json({"other": True})
            with client_of(sdk, server.url + "/v1") as client:
                answers = [
                    client.get(other.url + "/abs/x", cast_to=object),
                    client.get("rel/x", cast_to=object),
                    client.post("/lead/x", cast_to=object),
                ]
            return [answers, [r.path for r in other.requests]]

    ours, theirs = run_both(observe)
    assert ours == theirs
    assert ours == [[{"other": True}, {"here": True}, {"here": True}], ["/abs/x"]]


@pytest.mark.parametrize("value", [float("nan"), float("inf"), -float("inf")])
def test_a_non_finite_number_in_a_body_is_a_value_error(
    server: ScriptedServer, value: float
) -> None:
    def observe(sdk: ModuleType) -> str:
        with client_of(sdk, server.url + "/v1") as client, pytest.raises(ValueError) as info:
            client.chat.completions.create(model="m", messages=[], temperature=value)
        return type(info.value).__name__

    assert run_both(observe) == ("ValueError", "ValueError")
    assert server.requests == []


def test_the_words_nan_and_infinity_in_text_are_sent(server: ScriptedServer) -> None:
    server.default = Reply.json({})

    def observe(sdk: ModuleType) -> Any:
        with client_of(sdk, server.url + "/v1") as client:
            client.post("/x", cast_to=object, body={"a": "NaN", "b": ["-Infinity"], "c": 1.5})
        return server.requests[-1].json()

    ours, theirs = run_both(observe)
    assert ours == theirs == {"a": "NaN", "b": ["-Infinity"], "c": 1.5}


# the official client's constructor fails half-way: its httpx wrapper complains when collected
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize("value", ["5", [1, 2, 3, 4]])
def test_a_timeout_that_is_no_timeout_is_a_type_error(server: ScriptedServer, value: Any) -> None:
    def observe(sdk: ModuleType) -> list[str]:
        found: list[str] = []
        with pytest.raises(TypeError) as info:
            client_of(sdk, server.url + "/v1", timeout=value)
        found.append(type(info.value).__name__)
        with client_of(sdk, server.url + "/v1") as client, pytest.raises(TypeError) as info:
            client.models.retrieve("m", timeout=value)
        found.append(type(info.value).__name__)
        return found

    assert run_both(observe) == (["TypeError"] * 2, ["TypeError"] * 2)
    assert server.requests == []


def test_a_tuple_timeout_is_taken(server: ScriptedServer) -> None:
    server.default = Reply.json(MODEL)

    def observe(sdk: ModuleType) -> list[Any]:
        with client_of(sdk, server.url + "/v1", timeout=(5.0, 6.0, 7.0, 8.0)) as client:
            return [client.timeout, client.models.retrieve("m", timeout=(1.0, 2.0)).id]

    ours, theirs = run_both(observe)
    assert ours == theirs == [(5.0, 6.0, 7.0, 8.0), "m"]
