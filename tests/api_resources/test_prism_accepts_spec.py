"""Prism accepts a request built from the spec for every operation, and rejects a broken one.

This checks the spec itself (and that request validation is on) without the generated client: the
conformance tests in this folder rely on both.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.api_resources._plan import Call, calls

pytestmark = pytest.mark.prism


@pytest.fixture(scope="module")
def prism(prism_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=prism_url, timeout=30) as client:
        yield client


def _raw_request(call: Call) -> dict[str, Any]:
    kwargs = call.kwargs(everything=True)
    path = call.path
    query: list[tuple[str, str]] = []
    body: dict[str, Any] = {}
    for arg in call.arguments:
        if arg.name not in kwargs:
            continue
        value = kwargs[arg.name]
        if arg.location == "path":
            path = path.replace("{" + arg.name + "}", str(value))
        elif arg.location == "query":
            if isinstance(value, dict):
                query += [(f"{arg.name}[{k}]", str(v)) for k, v in value.items()]
            elif isinstance(value, list):
                query += [(f"{arg.name}[]", str(v)) for v in value]
            else:
                query.append(
                    (arg.name, str(value).lower() if isinstance(value, bool) else str(value))
                )
        else:
            body[arg.name] = value
    request: dict[str, Any] = {"method": call.http_method.upper(), "url": path, "params": query}
    request["headers"] = {"Authorization": "Bearer test-key", **call.headers}
    if call.multipart:
        # file parts (a tuple, or a list of them) go as files, everything else as form fields
        uploads = {k: v for k, v in body.items() if isinstance(v, tuple) or _is_file_list(v)}
        fields = _form_fields({k: v for k, v in body.items() if k not in uploads})
        # fields as file-less parts too: the body is multipart even when nothing is uploaded
        request["files"] = [
            *(
                (name, part)
                for name, value in uploads.items()
                for part in (value if isinstance(value, list) else [value])
            ),
            *((name, (None, text)) for name, text in fields),
        ]
    elif any(arg.location == "body" for arg in call.arguments):
        request["json"] = body
    return request


def _is_file_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, tuple) for v in value)


def _form_fields(value: Any, prefix: str = "") -> Iterator[tuple[str, str]]:
    """Nested form values in bracket notation (`expires_after[seconds]`), as the client sends them."""
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _form_fields(inner, f"{prefix}[{key}]" if prefix else str(key))
    elif isinstance(value, list):
        for inner in value:
            yield from _form_fields(inner, f"{prefix}[]")
    else:
        yield prefix, str(value).lower() if isinstance(value, bool) else str(value)


@pytest.mark.parametrize("call", calls(), ids=lambda c: c.id)
def test_prism_accepts_a_request_built_from_the_spec(prism: httpx.Client, call: Call) -> None:
    response = prism.request(**_raw_request(call))
    assert 200 <= response.status_code < 300, response.text


def test_prism_rejects_a_request_that_breaks_the_spec(prism: httpx.Client) -> None:
    response = prism.post(
        "/chat/completions",
        json={"model": "gpt-4o", "messages": [{"role": "narrator", "content": "hi"}]},
        headers={"Authorization": "Bearer test-key"},
    )
    assert response.status_code == 422


def test_prism_rejects_a_beta_call_without_the_beta_header(prism: httpx.Client) -> None:
    response = prism.post("/threads", json={}, headers={"Authorization": "Bearer test-key"})
    assert response.status_code == 422
