"""Protocol-level behaviour: auth, error shapes, request ids, keep-alive, the command line."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from typed_openai.testing import LocalOpenAIServer

SRC = Path(__file__).resolve().parents[2] / "src"


def _assert_error_shape(response: httpx.Response, status: int) -> dict[str, object]:
    assert response.status_code == status
    assert response.headers["content-type"] == "application/json"
    error = response.json()["error"]
    assert set(error) == {"message", "type", "param", "code"}
    assert isinstance(error["message"], str) and error["message"]
    return error


def test_missing_auth_is_401(local_server: LocalOpenAIServer) -> None:
    response = httpx.get(f"{local_server.base_url}/models")
    error = _assert_error_shape(response, 401)
    assert error["type"] == "invalid_request_error"
    bad_scheme = httpx.get(
        f"{local_server.base_url}/models", headers={"Authorization": "Basic abc"}
    )
    _assert_error_shape(bad_scheme, 401)
    empty = httpx.get(f"{local_server.base_url}/models", headers={"Authorization": "Bearer"})
    _assert_error_shape(empty, 401)


def test_configured_key_rejects_others_without_echoing_them() -> None:
    with LocalOpenAIServer(api_key="sk-right") as server:
        wrong = httpx.get(
            f"{server.base_url}/models", headers={"Authorization": "Bearer sk-wrong-secret"}
        )
        error = _assert_error_shape(wrong, 401)
        assert error["code"] == "invalid_api_key"
        assert "sk-wrong-secret" not in wrong.text
        right = httpx.get(f"{server.base_url}/models", headers={"Authorization": "Bearer sk-right"})
        assert right.status_code == 200
        assert server.api_key == "sk-right"


def test_unknown_ids_are_404(api: httpx.Client) -> None:
    for path in (
        "/assistants/asst_missing",
        "/threads/thread_missing",
        "/files/file_missing",
        "/vector_stores/vs_missing",
        "/chat/completions/chatcmpl-missing",
    ):
        error = _assert_error_shape(api.get(path), 404)
        assert path.rsplit("/", 1)[1] in str(error["message"])


def test_unknown_route_and_method(api: httpx.Client) -> None:
    error = _assert_error_shape(api.get("/nope"), 404)
    assert "/v1/nope" in str(error["message"])
    _assert_error_shape(api.put("/models"), 405)


def test_malformed_json_is_400(api: httpx.Client) -> None:
    response = api.post(
        "/assistants", content=b"{not json", headers={"content-type": "application/json"}
    )
    _assert_error_shape(response, 400)


def test_every_response_has_a_request_id(api: httpx.Client) -> None:
    responses = [
        api.get("/models"),
        api.get("/assistants/asst_missing"),
        httpx.get(f"{api.base_url}models"),
        api.post(
            "/chat/completions",
            json={"model": "m", "messages": [{"role": "user", "content": "x"}], "stream": True},
        ),
    ]
    ids = [r.headers["x-request-id"] for r in responses]
    assert all(re.fullmatch(r"req_[0-9a-f]{32}", i) for i in ids)
    assert len(set(ids)) == len(ids)


def test_keep_alive_serves_many_requests_on_one_connection(local_server: LocalOpenAIServer) -> None:
    request = (
        f"GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {local_server.api_key}\r\n\r\n"
    ).encode()
    stream_body = b'{"model":"m","messages":[{"role":"user","content":"x"}],"stream":true}'
    stream_request = (
        b"POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer k\r\n"
        b"Content-Type: application/json\r\nContent-Length: %d\r\n\r\n%s"
        % (len(stream_body), stream_body)
    )
    with socket.create_connection(("127.0.0.1", local_server.port), timeout=5) as sock:
        reader = sock.makefile("rb")
        for outgoing in (request, stream_request, request):
            sock.sendall(outgoing)
            status = reader.readline()
            assert status.startswith(b"HTTP/1.1 200")
            headers = {}
            while (line := reader.readline()) not in (b"\r\n", b""):
                key, _, value = line.decode().partition(":")
                headers[key.strip().lower()] = value.strip()
            assert "connection" not in headers
            if headers.get("transfer-encoding") == "chunked":
                body = b""
                while (size := int(reader.readline().strip(), 16)) != 0:
                    body += reader.read(size)
                    reader.readline()
                reader.readline()
                assert body.endswith(b"data: [DONE]\n\n")
            else:
                reader.read(int(headers["content-length"]))
        reader.close()


def test_assistants_endpoints_require_the_beta_header(local_server: LocalOpenAIServer) -> None:
    auth = {"Authorization": f"Bearer {local_server.api_key}"}
    for path in ("/assistants", "/threads/thread_x/runs"):
        missing = httpx.get(f"{local_server.base_url}{path}", headers=auth)
        error = _assert_error_shape(missing, 400)
        assert error["code"] == "invalid_beta" and "assistants=v2" in str(error["message"])
    old = httpx.get(
        f"{local_server.base_url}/assistants", headers={**auth, "OpenAI-Beta": "assistants=v1"}
    )
    _assert_error_shape(old, 400)
    several = {**auth, "OpenAI-Beta": "other=1, assistants=v2"}
    assert httpx.get(f"{local_server.base_url}/assistants", headers=several).status_code == 200
    # Endpoints outside the Assistants family do not need it.
    assert httpx.get(f"{local_server.base_url}/files", headers=auth).status_code == 200


def test_chunked_request_bodies_are_read(api: httpx.Client) -> None:
    def body() -> Iterator[bytes]:
        yield b'{"model": "gpt-4o", '
        yield b'"name": "chunked"}'

    response = api.post("/assistants", content=body(), headers={"content-type": "application/json"})
    assert response.status_code == 200, response.text
    assert response.json()["name"] == "chunked"


def test_stream_delay_spaces_events_out() -> None:
    with LocalOpenAIServer(stream_delay=0.02) as server:
        body = {
            "model": "m",
            "messages": [{"role": "user", "content": "one two three"}],
            "stream": True,
        }
        started = time.perf_counter()
        arrivals: list[float] = []
        with (
            httpx.Client(headers={"Authorization": "Bearer sk-x"}) as client,
            client.stream("POST", f"{server.base_url}/chat/completions", json=body) as response,
        ):
            for line in response.iter_lines():
                if line.startswith("data: "):
                    arrivals.append(time.perf_counter() - started)
        # Each event after the first waits at least the configured delay.
        assert arrivals[-1] - arrivals[0] >= 0.02 * (len(arrivals) - 1) * 0.9
        assert len(arrivals) > 4


def test_request_log_has_no_secrets(capfd: pytest.CaptureFixture[str]) -> None:
    with LocalOpenAIServer(log_requests=True) as server:
        httpx.get(f"{server.base_url}/models", headers={"Authorization": "Bearer sk-very-secret"})
        httpx.get(f"{server.base_url}/nope", headers={"Authorization": "Bearer sk-very-secret"})
    logged = capfd.readouterr().err
    assert re.search(r"GET /v1/models -> 200 \(\d+ bytes, \d+ ms\) req_[0-9a-f]{32}", logged)
    assert "GET /v1/nope -> 404" in logged
    assert "sk-very-secret" not in logged
    with LocalOpenAIServer() as quiet:
        httpx.get(f"{quiet.base_url}/models", headers={"Authorization": "Bearer k"})
    assert capfd.readouterr().err == ""


def test_stats_endpoint_counts_requests(api: httpx.Client, local_server: LocalOpenAIServer) -> None:
    api.post("/_local/stats/reset")
    api.get("/models")
    api.get("/models")
    stats = httpx.get(f"{local_server.base_url}/_local/stats").json()
    assert stats["requests_by_route"]["GET /models"] == 2
    assert local_server.stats.requests_by_route["GET /models"] == 2


def test_binds_loopback_only(local_server: LocalOpenAIServer) -> None:
    assert local_server.url.startswith("http://127.0.0.1:")
    assert local_server._httpd is not None
    assert local_server._httpd.server_address[0] == "127.0.0.1"


def test_command_line_prints_url_and_stops_on_sigterm(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "typed_openai.testing.server",
            "--port",
            "0",
            "--step-seconds",
            "0.01",
            "--demo-fixtures",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    )
    try:
        assert process.stdout is not None
        url = process.stdout.readline().strip()
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/v1", url)
        response = httpx.get(
            f"{url}/assistants/assistant_id",
            headers={"Authorization": "Bearer sk-x", "OpenAI-Beta": "assistants=v2"},
        )
        assert response.status_code == 200
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
        assert process.stderr is not None
        assert "Traceback" not in process.stderr.read()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        for pipe in (process.stdout, process.stderr):
            if pipe is not None:
                pipe.close()


@pytest.mark.parametrize("module", ["typed_openai.testing", "typed_openai.testing.server"])
def test_help_works_for_both_entry_points(module: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    result = subprocess.run(
        [sys.executable, "-W", "error", "-m", module, "--help"],
        capture_output=True,
        text=True,
        env=env,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr
    assert "--db" in result.stdout


def test_server_needs_only_the_standard_library() -> None:
    """The demo server must run even when the generated client is missing or broken."""
    script = (
        "import sys, urllib.request\n"
        "from typed_openai.testing import LocalOpenAIServer\n"
        "with LocalOpenAIServer() as server:\n"
        "    request = urllib.request.Request(server.base_url + '/models', headers={'Authorization': 'Bearer k'})\n"
        "    urllib.request.urlopen(request).read()\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('httpx', 'pydantic', 'jiter', 'anyio')\n"
        "                or m.startswith(('typed_openai._generated', 'typed_openai.types', 'typed_openai._core', 'typed_openai.lib')))\n"
        "print(loaded)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", script],
        capture_output=True,
        text=True,
        env=env,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_many_concurrent_connections(local_server: LocalOpenAIServer) -> None:
    body = {"model": "m", "messages": [{"role": "user", "content": "x"}]}
    limits = httpx.Limits(max_connections=40, max_keepalive_connections=40)
    with httpx.Client(
        base_url=local_server.base_url, headers={"Authorization": "Bearer k"}, limits=limits
    ) as client:

        def worker(index: int) -> list[int]:
            statuses = []
            for _ in range(5):
                statuses.append(client.post("/chat/completions", json=body).status_code)
                statuses.append(client.get("/models").status_code)
            return statuses

        with ThreadPoolExecutor(max_workers=40) as pool:
            results = list(pool.map(worker, range(40)))
    assert all(status == 200 for statuses in results for status in statuses)


def test_azure_paths_answer_like_the_v1_ones() -> None:
    with LocalOpenAIServer(api_key="sk-right") as server:
        endpoint = server.azure_endpoint
        query = {"api-version": "2024-10-21"}
        models = httpx.get(
            f"{endpoint}/openai/models", params=query, headers={"api-key": "sk-right"}
        )
        assert models.status_code == 200
        assert models.json()["object"] == "list"
        chat = httpx.post(
            f"{endpoint}/openai/deployments/my-gpt/chat/completions",
            params=query,
            headers={"Authorization": "Bearer sk-right"},
            json={"model": "my-gpt", "messages": [{"role": "user", "content": "hi"}]},
        )
        assert chat.status_code == 200
        assert chat.json()["object"] == "chat.completion"
        no_version = httpx.get(f"{endpoint}/openai/models", headers={"api-key": "sk-right"})
        assert _assert_error_shape(no_version, 404)["message"] == "Resource not found"
        wrong = httpx.get(
            f"{endpoint}/openai/models", params=query, headers={"api-key": "sk-wrong-secret"}
        )
        assert _assert_error_shape(wrong, 401)["code"] == "invalid_api_key"
        assert "sk-wrong-secret" not in wrong.text
        assert _assert_error_shape(httpx.get(f"{endpoint}/openai/models", params=query), 401)
        # the api-key header is Azure's alone: the /v1 paths still want a bearer key
        v1 = httpx.get(f"{server.base_url}/models", headers={"api-key": "sk-right"})
        _assert_error_shape(v1, 401)
