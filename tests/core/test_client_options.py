"""Client options from arguments or from the environment variables the generated layer names."""

from __future__ import annotations

import httpx
import pytest

from tests.support.server import Reply, ScriptedServer
from typed_openai._core import DEFAULT_TIMEOUT, ClientConfig, Omit, OpenAIError, SyncAPIClient

from .conftest import SECRET, AsyncExampleClient, ExampleClient


def test_options_are_read_from_the_named_environment_variables(
    monkeypatch: pytest.MonkeyPatch, server: ScriptedServer
) -> None:
    monkeypatch.setenv("EXAMPLE_API_KEY", "env-key")
    monkeypatch.setenv("EXAMPLE_BASE_URL", server.url + "/env")
    monkeypatch.setenv("EXAMPLE_ORG_ID", "env-org")
    monkeypatch.setenv("EXAMPLE_PROJECT_ID", "env-project")
    server.reply(Reply.json({}))
    with ExampleClient() as client:
        assert (client.api_key, client.organization, client.project) == (
            "env-key",
            "env-org",
            "env-project",
        )
        assert str(client.base_url) == server.url + "/env/"  # normalised: ends with "/"
        client.get("/x", cast_to=object)
    request = server.requests[0]
    assert request.path == "/env/x"
    assert request.headers["authorization"] == "Bearer env-key"
    assert request.headers["example-organization"] == "env-org"
    assert request.headers["example-project"] == "env-project"


def test_arguments_win_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EXAMPLE_API_KEY", "env-key")
    monkeypatch.setenv("EXAMPLE_ORG_ID", "env-org")
    monkeypatch.setenv("EXAMPLE_BASE_URL", "http://127.0.0.1:9/env")
    client = ExampleClient(
        api_key="arg-key", organization="arg-org", base_url="http://127.0.0.1:9/arg"
    )
    assert (client.api_key, client.organization, str(client.base_url)) == (
        "arg-key",
        "arg-org",
        "http://127.0.0.1:9/arg/",
    )
    client.close()


def test_default_base_url_when_nothing_is_set() -> None:
    client = ExampleClient(api_key="k")
    assert str(client.base_url) == "https://api.example.invalid/v1/"
    client.close()


def test_empty_base_url_variable_is_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EXAMPLE_BASE_URL", "")
    client = ExampleClient(api_key="k")
    assert str(client.base_url) == "https://api.example.invalid/v1/"
    client.close()


def test_missing_api_key_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(OpenAIError, match=r"api_key.*EXAMPLE_API_KEY"):
        ExampleClient()
    monkeypatch.setenv("EXAMPLE_API_KEY", "")
    with pytest.raises(OpenAIError):
        AsyncExampleClient()


def test_api_without_auth_needs_no_key(server: ScriptedServer) -> None:
    class Open(SyncAPIClient):
        _client_config = ClientConfig(default_base_url=server.url)

    server.reply(Reply.json({}))
    with Open() as client:
        client.get("/x", cast_to=object)
    assert "authorization" not in server.requests[0].headers


def test_headers_listed_in_the_named_variable_go_under_the_given_ones(
    server: ScriptedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Gatewayed(SyncAPIClient):
        _client_config = ClientConfig(default_base_url=server.url, headers_env="EXAMPLE_HEADERS")

    monkeypatch.setenv(
        "EXAMPLE_HEADERS", "X-Route: a\n  X-Cost :  12 \nno colon\n: nameless\nAuthorization: t"
    )
    server.default = Reply.json({})
    with Gatewayed(default_headers={"x-route": "mine"}) as client:
        client.get("/x", cast_to=object)
        assert [(k, v) for k, v in client.default_headers.items() if k.startswith("X-")] == [
            ("X-Route", "a"),
            ("X-Cost", "12"),
        ]
    with Gatewayed(default_headers={"AUTHORIZATION": "own"}) as own:
        own.get("/x", cast_to=object)
        assert "Authorization" not in own.default_headers
    first, second = server.requests
    assert (first.headers["x-route"], first.headers["x-cost"], first.headers["authorization"]) == (
        "mine",
        "12",
        "t",
    )
    assert second.headers["authorization"] == "own"


def test_defaults_match_the_official_sdk() -> None:
    client = ExampleClient(api_key="k")
    assert client.timeout == DEFAULT_TIMEOUT == httpx.Timeout(600.0, connect=5.0)
    assert client.max_retries == 2
    client.close()


def test_default_headers_and_query_are_exposed(server: ScriptedServer) -> None:
    client = ExampleClient(
        api_key=SECRET, base_url=server.url, default_headers={"X-A": "1"}, default_query={"q": 1}
    )
    assert client.default_headers["X-A"] == "1"  # spelled as given, as the official SDK
    assert "x-a" not in client.default_headers
    assert client.default_query == {"q": 1}
    client.close()


def test_default_headers_are_ordered_and_complete_as_the_official_sdks() -> None:
    # the JSON content type a request with a body says; a header option not set shows `Omit()`
    with ExampleClient(api_key=SECRET, project="p", default_headers={"X-A": "1"}) as client:
        headers = client.default_headers
    assert list(headers) == [
        "Accept",
        "Content-Type",
        "User-Agent",
        "X-A",
        "Example-Organization",
        "Example-Project",
    ]
    assert headers["Content-Type"] == "application/json"
    assert isinstance(headers["Example-Organization"], Omit) and headers["Example-Project"] == "p"


@pytest.mark.anyio
async def test_async_client_reads_the_environment(
    monkeypatch: pytest.MonkeyPatch, server: ScriptedServer
) -> None:
    monkeypatch.setenv("EXAMPLE_API_KEY", "env-key")
    monkeypatch.setenv("EXAMPLE_BASE_URL", server.url)
    monkeypatch.setenv("EXAMPLE_PROJECT_ID", "env-project")
    server.reply(Reply.json({}))
    async with AsyncExampleClient() as client:
        await client.get("/x", cast_to=object)
    headers = server.requests[0].headers
    assert (
        headers["authorization"] == "Bearer env-key" and headers["example-project"] == "env-project"
    )


def test_base_url_keeps_a_trailing_slash_once(server: ScriptedServer) -> None:
    server.reply(Reply.json({}), Reply.json({}))
    with ExampleClient(api_key="k", base_url=server.url + "/a/") as client:
        assert str(client.base_url) == server.url + "/a/"
        client.get("/x", cast_to=object)
        client.base_url = httpx.URL(server.url + "/b")
        assert str(client.base_url) == server.url + "/b/"
        client.get("y", cast_to=object)
    assert [r.path for r in server.requests] == ["/a/x", "/b/y"]


def test_an_assigned_api_key_is_sent_from_the_next_call_on(server: ScriptedServer) -> None:
    """``client.api_key = ...`` as with the official SDK: the next call carries it; ``None``
    sends none; anything but a str is a TypeError (a key function goes to the constructor)."""
    server.reply(Reply.json({}), Reply.json({}), Reply.json({}))
    with ExampleClient(api_key="old-key", base_url=server.url) as client:
        client.get("/x", cast_to=object)
        client.api_key = "new-key"
        client.get("/x", cast_to=object)
        assert client.api_key == "new-key"
        assert client.auth_headers == {"Authorization": "Bearer new-key"}
        client.api_key = None
        client.get("/x", cast_to=object)
        with pytest.raises(TypeError, match="str or None"):
            client.api_key = lambda: "k"  # type: ignore[assignment]
        assert client.api_key is None
    sent = [r.headers.get("authorization") for r in server.requests]
    assert sent == ["Bearer old-key", "Bearer new-key", None]
