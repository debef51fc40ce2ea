"""Injected faults: API-shaped errors with retry hints, path/method filters, and delays."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import openai
import pytest

from typed_openai.testing import LocalOpenAIServer

from .conftest import HEADERS, TEST_KEY


@pytest.fixture
def server() -> Iterator[LocalOpenAIServer]:
    with LocalOpenAIServer() as running:
        yield running


@pytest.fixture
def client(server: LocalOpenAIServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.base_url, headers=HEADERS) as api:
        yield api


def test_rate_limit_then_success(server: LocalOpenAIServer, client: httpx.Client) -> None:
    server.inject_fault(429, count=2, retry_after=1.5)
    for _ in range(2):
        limited = client.get("/models")
        assert limited.status_code == 429
        assert limited.json()["error"]["type"] == "requests"
        assert limited.json()["error"]["code"] == "rate_limit_exceeded"
        assert limited.headers["retry-after"] == "2" and limited.headers["retry-after-ms"] == "1500"
        assert limited.headers["x-request-id"].startswith("req_")
    assert client.get("/models").status_code == 200


def test_faults_filter_by_path_and_method(server: LocalOpenAIServer, client: httpx.Client) -> None:
    server.inject_fault(503, path="/chat/completions", method="POST")
    assert client.get("/models").status_code == 200
    assert client.get("/chat/completions").status_code == 200
    body = {"model": "m", "messages": [{"role": "user", "content": "x"}]}
    overloaded = client.post("/chat/completions", json=body)
    assert overloaded.status_code == 503 and overloaded.json()["error"]["type"] == "server_error"
    assert client.post("/chat/completions", json=body).status_code == 200


def test_delay_only_fault_slows_then_answers(
    server: LocalOpenAIServer, client: httpx.Client
) -> None:
    server.inject_fault(None, delay=0.3)
    started = time.perf_counter()
    assert client.get("/models").status_code == 200
    assert time.perf_counter() - started >= 0.3
    server.inject_fault(None, delay=1.0)
    with pytest.raises(httpx.ReadTimeout):
        client.get("/models", timeout=0.2)


def test_faults_over_http_and_clearing(server: LocalOpenAIServer, client: httpx.Client) -> None:
    assert client.post("/_local/faults", json={"status": 500, "count": 5}).status_code == 200
    assert client.get("/models").status_code == 500
    assert client.delete("/_local/faults").status_code == 200
    assert client.get("/models").status_code == 200
    assert client.post("/_local/faults", json={"status": 200}).status_code == 400
    server.inject_fault(500)
    server.clear_faults()
    assert client.get("/models").status_code == 200


def test_official_client_retries_through_injected_faults(server: LocalOpenAIServer) -> None:
    server.inject_fault(429, count=1, retry_after=0.01, path="/models")
    server.inject_fault(500, count=1, path="/models", retry_after=0.01)
    with openai.OpenAI(base_url=server.base_url, api_key=TEST_KEY, max_retries=2) as sdk:
        assert any(model.id == "gpt-4o" for model in sdk.models.list())
    server.inject_fault(429, count=3, path="/models", retry_after=0.01)
    with (
        openai.OpenAI(base_url=server.base_url, api_key=TEST_KEY, max_retries=1) as sdk,
        pytest.raises(openai.RateLimitError),
    ):
        sdk.models.list()
