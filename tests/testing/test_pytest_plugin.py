"""The ready-made fixtures users import into their own test suites."""

from __future__ import annotations

import os

import httpx

from typed_openai.testing import LocalOpenAIServer
from typed_openai.testing.pytest_plugin import (  # noqa: F401 - imported fixtures are used by name
    fresh_openai_server,
    local_openai_env,
    local_openai_server,
)


def test_session_server_fixture(local_openai_server: LocalOpenAIServer) -> None:  # noqa: F811
    response = httpx.get(
        f"{local_openai_server.base_url}/models",
        headers={"Authorization": f"Bearer {local_openai_server.api_key}"},
    )
    assert response.status_code == 200


def test_fresh_server_starts_empty(fresh_openai_server: LocalOpenAIServer) -> None:  # noqa: F811
    headers = {
        "Authorization": f"Bearer {fresh_openai_server.api_key}",
        "OpenAI-Beta": "assistants=v2",
    }
    assert (
        httpx.get(f"{fresh_openai_server.base_url}/assistants", headers=headers).json()["data"]
        == []
    )


def test_env_fixture_points_clients_at_the_server(
    local_openai_env: LocalOpenAIServer,  # noqa: F811
) -> None:
    assert os.environ["OPENAI_BASE_URL"] == local_openai_env.base_url
    assert os.environ["OPENAI_API_KEY"] == local_openai_env.api_key


def test_server_repr_and_lifecycle() -> None:
    server = LocalOpenAIServer()
    assert "stopped" in repr(server)
    with server:
        assert server.base_url in repr(server)
        port = server.port
    assert "stopped" in repr(server)
    try:
        httpx.get(f"http://127.0.0.1:{port}/v1/models", timeout=1)
    except httpx.ConnectError:
        pass
    else:
        raise AssertionError("the server still answers after stop()")
