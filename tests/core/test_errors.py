"""Error hierarchy, attributes, and the translation of every failure into a client error."""

from __future__ import annotations

import pytest

from tests.support.server import Reply, ScriptedServer
from typed_openai._core import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InternalServerError,
    NotFoundError,
    OpenAIError,
    PermissionDeniedError,
    RateLimitError,
    RequestOptions,
    UnprocessableEntityError,
)

from .conftest import SECRET, AsyncExampleClient, ExampleClient, Thing


def test_hierarchy() -> None:
    assert issubclass(APIError, OpenAIError)
    for cls in (
        BadRequestError,
        AuthenticationError,
        PermissionDeniedError,
        NotFoundError,
        ConflictError,
        UnprocessableEntityError,
        RateLimitError,
        InternalServerError,
    ):
        assert issubclass(cls, APIStatusError)
    assert issubclass(APIStatusError, APIError)
    assert issubclass(APITimeoutError, APIConnectionError)
    assert issubclass(APIConnectionError, APIError)
    assert issubclass(APIResponseValidationError, APIError)


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, BadRequestError),
        (401, AuthenticationError),
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (409, ConflictError),
        (422, UnprocessableEntityError),
        (429, RateLimitError),
        (500, InternalServerError),
        (503, InternalServerError),
        (418, APIStatusError),
        (302, APIStatusError),  # a redirect not followed (here: no location) is no success
        (307, APIStatusError),
    ],
)
def test_status_maps_to_error_class_with_attributes(
    server: ScriptedServer, status: int, cls: type[APIStatusError]
) -> None:
    body = {
        "error": {
            "message": "nope",
            "type": "invalid_request_error",
            "param": "model",
            "code": "bad_model",
        }
    }
    server.default = Reply.json(body, status=status, headers={"x-request-id": "req_42"})
    client = ExampleClient(api_key="k", base_url=server.url, max_retries=0)
    with client, pytest.raises(APIStatusError) as info:
        client.post("/x", cast_to=object, body={})
    error = info.value
    assert type(error) is cls
    assert error.status_code == status
    assert error.request_id == "req_42"
    assert error.body == body["error"]
    assert (error.code, error.param, error.type) == ("bad_model", "model", "invalid_request_error")
    assert error.response.status_code == status
    assert error.request.method == "POST"
    assert str(status) in error.message and "nope" in error.message


@pytest.mark.anyio
async def test_a_redirect_not_followed_is_an_error_not_retried(
    client: ExampleClient, async_client: AsyncExampleClient, server: ScriptedServer
) -> None:
    # as the official SDK: `APIStatusError` itself, and no retry (a redirect is no transient)
    server.default = Reply.raw(b"", status=304)
    with pytest.raises(APIStatusError) as info:
        client.get("/x", cast_to=object, options=RequestOptions(max_retries=2))
    assert type(info.value) is APIStatusError and info.value.status_code == 304
    with pytest.raises(APIStatusError) as ainfo:
        await async_client.get("/x", cast_to=object, options=RequestOptions(max_retries=2))
    assert type(ainfo.value) is APIStatusError and ainfo.value.message == "Error code: 304"
    assert len(server.requests) == 2


def test_non_json_error_body_is_kept_as_text(client: ExampleClient, server: ScriptedServer) -> None:
    server.reply(Reply.raw("<html>bad gateway</html>", status=404, content_type="text/html"))
    with pytest.raises(NotFoundError) as info:
        client.get("/x", cast_to=object)
    assert info.value.body == "<html>bad gateway</html>"
    assert info.value.code is None
    assert info.value.message == "Error code: 404"  # as the SDK: the page is in `body` only


@pytest.mark.parametrize(
    ("reply", "body", "message"),
    [
        (Reply.raw(b"", status=500, content_type=None), "", "Error code: 500"),
        (
            Reply.raw(b"  upstream timeout\n", status=504, content_type="text/plain"),
            "upstream timeout",
            "Error code: 504",
        ),
        (Reply.json(["a", "list"], status=422), ["a", "list"], "Error code: 422"),
        (Reply.json({"error": "a string"}, status=400), "a string", "Error code: 400"),
    ],
)
def test_error_bodies_that_carry_no_api_message(
    client: ExampleClient, server: ScriptedServer, reply: Reply, body: object, message: str
) -> None:
    # `body` as the official SDK has it: the JSON, else the text stripped ("" when empty)
    server.reply(reply)
    with pytest.raises(APIStatusError) as info:
        client.get("/x", cast_to=object, options=RequestOptions(max_retries=0))
    assert info.value.body == body
    assert info.value.message == message


def test_malformed_json_success_body_is_a_validation_error(
    client: ExampleClient, server: ScriptedServer
) -> None:
    server.reply(Reply.raw(b'{"id": "x", ', content_type="application/json"))
    with pytest.raises(APIResponseValidationError) as info:
        client.get("/x", cast_to=Thing)
    assert info.value.status_code == 200
    assert "JSON" in info.value.message


def test_non_json_success_body_for_raw_json(client: ExampleClient, server: ScriptedServer) -> None:
    # parsed by the Content-Type it came with (as the official SDK does): text stays text
    server.reply(Reply.raw("hello", content_type="text/plain"))
    assert client.get("/x", cast_to=object) == "hello"
    # a body that claims to be JSON and is not is still an error
    server.reply(Reply.raw("hello", content_type="application/json"))
    with pytest.raises(APIResponseValidationError):
        client.get("/x", cast_to=object)


def test_connection_errors_are_translated_with_cause(
    client: ExampleClient, server: ScriptedServer
) -> None:
    import httpx

    server.default = Reply.drop()
    with pytest.raises(APIConnectionError) as info:
        client.get("/x", cast_to=object, options=RequestOptions(max_retries=0))
    assert isinstance(info.value.__cause__, httpx.TransportError)
    assert info.value.request.url.path == "/v1/x"


def test_missing_api_key_is_a_clear_error_at_construction(server: ScriptedServer) -> None:
    with pytest.raises(OpenAIError, match="EXAMPLE_API_KEY"):
        ExampleClient(base_url=server.url)


def test_secret_is_redacted_from_error_messages(
    client: ExampleClient, server: ScriptedServer
) -> None:
    server.reply(
        Reply.json({"error": {"message": f"Incorrect API key provided: {SECRET}"}}, status=401)
    )
    with pytest.raises(AuthenticationError) as info:
        client.get("/x", cast_to=object)
    assert SECRET not in str(info.value)
    assert SECRET not in repr(info.value)
    assert "<redacted>" in str(info.value)


def test_a_key_assigned_later_is_redacted_too(server: ScriptedServer) -> None:
    assigned = "sk-assigned-later-5678"
    server.reply(
        Reply.json({"error": {"message": f"Incorrect API key provided: {assigned}"}}, status=401)
    )
    with ExampleClient(api_key=SECRET, base_url=server.url) as client:
        client.api_key = assigned
        with pytest.raises(AuthenticationError) as info:
            client.get("/x", cast_to=object)
    assert assigned not in str(info.value) and "<redacted>" in str(info.value)


@pytest.mark.parametrize("placeholder", ["test", "sk-fake", "dummy"])
def test_a_placeholder_key_is_no_secret_to_redact(server: ScriptedServer, placeholder: str) -> None:
    """Too short for a credential: the message a mock answered stays as it was, word for word."""
    message = "This is a test error from a dummy server (sk-fake)"
    server.reply(Reply.json({"error": {"message": message}}, status=400))
    with (
        ExampleClient(api_key=placeholder, base_url=server.url) as client,
        pytest.raises(BadRequestError) as info,
    ):
        client.get("/x", cast_to=object)
    assert str(info.value) == f"Error code: 400 - {message}"


@pytest.mark.anyio
async def test_async_status_and_validation_errors(
    async_client: AsyncExampleClient, server: ScriptedServer
) -> None:
    server.reply(
        Reply.json(
            {"error": {"message": "m", "code": "c"}}, status=404, headers={"x-request-id": "r"}
        )
    )
    with pytest.raises(NotFoundError) as info:
        await async_client.get("/x", cast_to=object)
    assert (info.value.code, info.value.request_id) == ("c", "r")
    server.reply(Reply.raw(b"[1,", content_type="application/json"))
    with pytest.raises(APIResponseValidationError):
        await async_client.get("/x", cast_to=Thing)


@pytest.mark.anyio
async def test_async_connection_error(
    async_client: AsyncExampleClient, server: ScriptedServer
) -> None:
    server.default = Reply.drop_mid_body()
    with pytest.raises(APIConnectionError):
        await async_client.get("/x", cast_to=object, options=RequestOptions(max_retries=0))
