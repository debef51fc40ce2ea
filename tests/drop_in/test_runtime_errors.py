"""Errors as the official SDK raises them: for each error status and body shape, the class and
every attribute user code reads (``status_code``, ``body``, ``code``, ``param``, ``type``,
``message``, ``request_id``, ``request``, ``response``, ``str``); for a dropped or hung
connection, ``APIConnectionError`` / ``APITimeoutError``. Same code, both SDKs, loopback server."""

from __future__ import annotations

from types import ModuleType
from typing import Any

import pytest

from tests.support.server import Reply, ScriptedServer

from .conftest import arun_both, async_client_of, client_of, run_both

ERROR = {"message": "bad thing", "type": "invalid_request_error", "param": "model", "code": "x"}

CASES: dict[str, Reply] = {
    "400 full": Reply.json({"error": ERROR}, status=400, headers={"x-request-id": "req_1"}),
    "401": Reply.json({"error": {**ERROR, "param": None, "code": None}}, status=401),
    "403 html": Reply.raw(b"<h1>forbidden</h1>", status=403, content_type="text/html"),
    "404 no error key": Reply.json({"message": "top", "code": "c", "type": "t"}, status=404),
    "409 list": Reply.json([1, 2], status=409),
    "422 empty": Reply.raw(b"", status=422),
    "429 error text": Reply.json({"error": "slow down"}, status=429),
    "500": Reply.json({"error": {"message": "boom"}}, status=500),
    "418 unlisted": Reply.json({"error": {"message": "teapot"}}, status=418),
    # servers speaking the API send numeric codes too (`"code": 400`): read as text
    "400 numeric code": Reply.json({"error": {"message": "m", "code": 400}}, status=400),
    "503 null message": Reply.json({"error": {"message": None, "code": 5}}, status=503),
    # `param` and `type` that are not text (another server's): kept as sent, as the SDK does
    "400 non-text param and type": Reply.json(
        {"error": {"message": "m", "code": 1.5, "param": ["messages", 0], "type": 7}}, status=400
    ),
    "404 top-level non-text": Reply.json({"message": "m", "param": {"a": 1}, "type": False}, 404),
    # a redirect not followed (no location to follow; 304): not a success, `APIStatusError`
    "302 not followed": Reply.json({"id": "m", "object": "model", "created": 1}, status=302),
    "301 error body": Reply.json({"error": {**ERROR, "code": "moved"}}, status=301),
    "304 not modified": Reply.raw(b"", status=304),
}


def _seen(error: Any) -> dict[str, Any]:
    return {
        "class": type(error).__name__,
        "status_code": error.status_code,
        "body": error.body,
        "code": error.code,
        "param": error.param,
        "type": error.type,
        "message": error.message,
        "str": str(error),
        "request_id": error.request_id,
        "request": (error.request.method, error.request.url.path),
        "response": (error.response.status_code, error.response.text),
    }


@pytest.mark.parametrize("case", list(CASES))
def test_status_errors_carry_what_the_official_ones_carry(
    server: ScriptedServer, case: str
) -> None:
    server.default = CASES[case]

    def observe(sdk: ModuleType) -> dict[str, Any]:
        with (
            client_of(sdk, server.url + "/v1") as client,
            pytest.raises(sdk.APIStatusError) as info,
        ):
            client.models.retrieve("m")
        assert isinstance(info.value, sdk.APIError)
        return _seen(info.value)

    ours, theirs = run_both(observe)
    assert ours == theirs


def test_a_numeric_code_is_text(server: ScriptedServer) -> None:
    server.default = CASES["400 numeric code"]

    def observe(sdk: ModuleType) -> Any:
        with (
            client_of(sdk, server.url + "/v1") as client,
            pytest.raises(sdk.BadRequestError) as info,
        ):
            client.models.retrieve("m")
        return info.value.code

    assert run_both(observe) == ("400", "400")


@pytest.mark.anyio
async def test_async_status_errors_agree(server: ScriptedServer) -> None:
    server.default = CASES["400 full"]

    async def observe(sdk: ModuleType) -> dict[str, Any]:
        async with async_client_of(sdk, server.url + "/v1") as client:
            with pytest.raises(sdk.BadRequestError) as info:
                await client.models.retrieve("m")
        return _seen(info.value)

    ours, theirs = await arun_both(observe)
    assert ours == theirs


@pytest.mark.parametrize(
    ("reply", "timeout", "expected"),
    [
        (Reply.drop(), None, ("APIConnectionError", "Connection error.")),
        (Reply.drop_mid_body(b'{"id"', 100), None, ("APIConnectionError", "Connection error.")),
        (Reply.hang(), 0.3, ("APITimeoutError", "Request timed out.")),
    ],
)
def test_connection_failures(
    server: ScriptedServer, reply: Reply, timeout: float | None, expected: tuple[str, str]
) -> None:
    server.default = reply

    def observe(sdk: ModuleType) -> tuple[Any, ...]:
        options = {} if timeout is None else {"timeout": timeout}
        with (
            client_of(sdk, server.url + "/v1", **options) as client,
            pytest.raises(sdk.APIConnectionError) as info,
        ):
            client.models.retrieve("m")
        error = info.value
        return (
            type(error).__name__,
            str(error),
            error.message,
            error.body,
            error.code,
            (error.request.method, error.request.url.path),
            isinstance(error, sdk.APIError),
            hasattr(error, "status_code"),
            error.__cause__ is not None,
        )

    ours, theirs = run_both(observe)
    assert ours == theirs
    assert ours[:2] == expected
