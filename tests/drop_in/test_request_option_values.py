"""Per-call options of a kind the official SDK refuses: ``extra_headers`` with a ``None`` value and
an ``extra_body`` that is no mapping. The SDK raises ``TypeError`` for both where they would be
sent (httpx refuses a ``None`` header value; merging a list into the body's mapping fails); code
written for it, or tests pinning its errors, see the same here. Where the SDK takes them
(``NOT_GIVEN`` / ``Omit()`` header values, a list as the whole body of a call that has none, any
``extra_body`` on a GET, which sends no body) both send the same request.

Each case runs the same code against both packages over the loopback server.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

from tests.support.server import Reply, ScriptedServer

from .conftest import API_KEY, run_both

MODEL = {"id": "gpt-4o", "object": "model", "created": 1, "owned_by": "o"}


def sent(server: ScriptedServer, call: Callable[[], object]) -> Any:
    """The error type ``call`` raised, or what the server received: body and the test headers."""
    before = len(server.requests)
    try:
        call()
    except Exception as e:  # the type is what is compared
        return type(e).__name__
    if len(server.requests) == before:
        return "no request"
    request = server.requests[-1]
    headers = {k: v for k, v in request.headers.items() if k.startswith("x-test")}
    return (request.method, request.body, headers)


def test_a_none_header_value_is_a_type_error(server: ScriptedServer) -> None:
    server.default = Reply.json(MODEL)

    def observe(sdk: ModuleType) -> Any:
        with sdk.OpenAI(
            api_key=API_KEY,
            base_url=server.url,
            max_retries=0,
            default_headers={"X-Test-Default": "d"},
        ) as client:
            return [
                sent(server, call)
                for call in (
                    lambda: client.models.retrieve("m", extra_headers={"X-Test-A": None}),
                    lambda: client.models.retrieve("m", extra_headers={"X-Test-Default": None}),
                    lambda: client.get(
                        "/models/m", cast_to=object, options={"headers": {"X": None}}
                    ),
                    lambda: client.models.retrieve("m", extra_headers={"X-Test-A": sdk.NOT_GIVEN}),
                    lambda: client.models.retrieve(
                        "m", extra_headers={"X-Test-Default": sdk.Omit()}
                    ),
                    lambda: client.models.retrieve("m", extra_headers={"X-Test-A": "a"}),
                )
            ]

    ours, theirs = run_both(observe)
    assert ours == theirs
    assert ours[:3] == ["TypeError"] * 3
    assert ours[3:] == [
        ("GET", b"", {"x-test-default": "d"}),
        ("GET", b"", {}),
        ("GET", b"", {"x-test-default": "d", "x-test-a": "a"}),
    ]


def test_an_extra_body_that_is_no_mapping(server: ScriptedServer) -> None:
    server.default = Reply.json({"id": "batch_1", "object": "batch"})

    def observe(sdk: ModuleType) -> Any:
        with sdk.OpenAI(api_key=API_KEY, base_url=server.url, max_retries=0) as client:
            return [
                sent(server, call)
                for call in (
                    lambda: client.embeddings.create(model="m", input="x", extra_body=[1, 2]),
                    lambda: client.embeddings.create(model="m", input="x", extra_body="text"),
                    lambda: client.files.create(
                        file=("a.txt", b"x"), purpose="assistants", extra_body=[1]
                    ),
                    lambda: client.post(
                        "/things", cast_to=object, body={"a": 1}, options={"extra_json": [1]}
                    ),
                    # no body of its own: the list is the body, in both
                    lambda: client.batches.cancel("batch_1", extra_body=[1]),
                    # a GET sends no body, in both
                    lambda: client.models.retrieve("m", extra_body=[1]),
                )
            ]

    ours, theirs = run_both(observe)
    assert ours == theirs
    assert ours[:4] == ["TypeError"] * 4
    assert ours[4:] == [("POST", b"[1]", {}), ("GET", b"", {})]
