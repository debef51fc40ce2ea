"""Hostile or mistaken input, through the public client: path parameters that try to change the
path, header injection, base URLs in every spelling, and wrong arguments to every method."""

from __future__ import annotations

import asyncio
import inspect
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.api_resources._plan import Call, calls
from tests.support.deprecations import calls_deprecated_operations
from tests.support.server import Reply, ScriptedServer
from typed_openai import AsyncOpenAI, OpenAI

from .conftest import SECRET, FastAsyncOpenAI, FastOpenAI

pytestmark = calls_deprecated_operations

MODEL = {"id": "m", "object": "model", "created": 1, "owned_by": "o"}

# --- path parameters ------------------------------------------------------------------------------

HOSTILE_SEGMENTS = [
    "a/b",
    "../../admin",
    "...",
    "a?b=c",
    "a#frag",
    "100%",
    "%2F",
    "a b",
    "é名🙂",
    "\r\nX-Injected: 1",
    "~!*'();:@&=+$,",
    "a\\b",
]


def _single_segment(target: str, prefix: str) -> str:
    """The one path segment after ``prefix`` in a request target, decoded."""
    parts = urlsplit(target)
    assert not parts.query and not parts.fragment, target
    assert parts.path.startswith(prefix), target
    rest = parts.path[len(prefix) :]
    assert "/" not in rest and rest not in ("", ".", ".."), target
    return unquote(rest)


@pytest.mark.parametrize("value", HOSTILE_SEGMENTS)
def test_path_parameters_stay_one_segment(server: ScriptedServer, value: str) -> None:
    server.default = Reply.json(MODEL)
    with FastOpenAI(api_key=SECRET, base_url=server.url + "/v1") as client:
        client.models.retrieve(value)
        client.vector_stores.files.retrieve(value, vector_store_id=value)
    first, second = server.requests
    assert _single_segment(first.target, "/v1/models/") == value
    store, _, file_part = second.target.removeprefix("/v1/vector_stores/").partition("/files/")
    assert unquote(store) == value and unquote(file_part) == value
    assert "/" not in store and "/" not in file_part


@pytest.mark.parametrize("value", [".", "..", ""])
def test_dot_and_empty_path_parameters_are_rejected_before_sending(
    server: ScriptedServer, value: str
) -> None:
    """A segment of dots would address another endpoint once normalised, an empty one another
    path: a ValueError naming the parameter, as the official SDK raises, and nothing sent."""
    with FastOpenAI(api_key=SECRET, base_url=server.url + "/v1") as client:
        with pytest.raises(ValueError, match="`model`"):
            client.models.retrieve(value)
        with pytest.raises(ValueError, match="`vector_store_id`"):
            client.vector_stores.files.retrieve("file", vector_store_id=value)
    assert server.requests == []


@settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    value=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1).filter(
        lambda text: text not in (".", "..")
    )
)
def test_any_text_is_one_path_segment(server: ScriptedServer, value: str) -> None:
    server.default = Reply.json(MODEL)
    with FastOpenAI(api_key=SECRET, base_url=server.url + "/v1", max_retries=0) as client:
        client.models.retrieve(value)
    assert _single_segment(server.requests[-1].target, "/v1/models/") == value


@pytest.mark.anyio
async def test_async_path_parameters_stay_one_segment(server: ScriptedServer) -> None:
    server.default = Reply.json(MODEL)
    async with FastAsyncOpenAI(api_key=SECRET, base_url=server.url + "/v1") as client:
        for value in HOSTILE_SEGMENTS:
            await client.models.retrieve(value)
    for value, request in zip(HOSTILE_SEGMENTS, server.requests, strict=True):
        assert _single_segment(request.target, "/v1/models/") == value


def test_empty_path_parameter_is_refused_before_sending(server: ScriptedServer) -> None:
    with (
        FastOpenAI(api_key=SECRET, base_url=server.url + "/v1") as client,
        pytest.raises(ValueError, match=r"empty"),
    ):
        client.models.retrieve("")
    assert server.requests == []


# --- header injection -----------------------------------------------------------------------------

INJECTIONS = [
    "v\r\nX-Injected: 1",
    "v\nX-Injected: 1",
    "v\rX-Injected: 1",
    "\r\n\r\nGET / HTTP/1.1",
]


@pytest.mark.parametrize("value", INJECTIONS)
def test_crlf_in_header_values_is_refused_before_sending(
    server: ScriptedServer, value: str
) -> None:
    with FastOpenAI(api_key=SECRET, base_url=server.url + "/v1") as client:
        with pytest.raises(ValueError, match="CR or LF") as info:
            client.models.retrieve("m", extra_headers={"X-Custom": value})
        assert "X-Injected" not in str(info.value)  # the value is not echoed
        with pytest.raises(ValueError, match="CR or LF"):
            client.with_options(default_headers={"X-Custom": value})
    options: dict[str, Any]
    for options in ({"organization": value}, {"project": value}, {"api_key": value}):
        with pytest.raises(ValueError, match="CR or LF"):
            OpenAI(**{"api_key": SECRET, "base_url": server.url, **options})
    assert server.requests == []
    assert server.opened == 0  # not even a connection


@pytest.mark.anyio
@pytest.mark.parametrize("value", INJECTIONS[:2])
async def test_async_crlf_in_header_values_is_refused(server: ScriptedServer, value: str) -> None:
    async with FastAsyncOpenAI(api_key=SECRET, base_url=server.url + "/v1") as client:
        with pytest.raises(ValueError, match="CR or LF"):
            await client.models.retrieve("m", extra_headers={"X-Custom": value})
        with pytest.raises(ValueError, match="CR or LF"):
            AsyncOpenAI(api_key=SECRET, base_url=server.url, default_headers={"X": value})
    assert server.requests == []


@pytest.mark.parametrize(
    "headers",
    [{"X-A\r\nX-Injected": "v"}, {"X-A": "v\x00"}, {"X A": "v"}, {"X-A:": "v"}, {"": "v"}],
    ids=["crlf-in-name", "nul-in-value", "space-in-name", "colon-in-name", "empty-name"],
)
def test_malformed_header_names_and_nul_values_are_value_errors(
    server: ScriptedServer, headers: dict[str, str]
) -> None:
    """Local mistakes, not connection errors (httpx would refuse them as "connection" failures)."""
    with (
        FastOpenAI(api_key=SECRET, base_url=server.url + "/v1") as client,
        pytest.raises(ValueError, match=r"header name|NUL"),
    ):
        client.models.retrieve("m", extra_headers=headers)
    with pytest.raises(ValueError, match=r"header name|NUL"):
        OpenAI(api_key=SECRET, base_url=server.url, default_headers=headers)
    assert server.requests == []


def test_crlf_in_query_values_is_encoded_not_injected(server: ScriptedServer) -> None:
    server.default = Reply.json({"object": "list", "data": [], "has_more": False})
    with FastOpenAI(api_key=SECRET, base_url=server.url + "/v1") as client:
        client.files.list(extra_query={"q": "a\r\nX-Injected: 1 &b=2#c"})
    (request,) = server.requests
    assert request.query_dict["q"] == "a\r\nX-Injected: 1 &b=2#c"
    assert "x-injected" not in request.headers


# --- base URL spellings ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("suffix", "expected"),
    [
        ("/v1", "/v1/models/m"),
        ("/v1/", "/v1/models/m"),
        ("/v1//", "/v1/models/m"),
        ("", "/models/m"),
        ("/", "/models/m"),
        ("/proxy/openai/v1", "/proxy/openai/v1/models/m"),
        ("/proxy/openai/v1/", "/proxy/openai/v1/models/m"),
    ],
)
def test_base_url_spellings(server: ScriptedServer, suffix: str, expected: str) -> None:
    server.default = Reply.json(MODEL)
    with FastOpenAI(api_key=SECRET, base_url=server.url + suffix) as client:
        assert client.models.retrieve("m").id == "m"
    with FastOpenAI(api_key=SECRET, base_url=server.url + suffix) as client:
        client.files.list()
    assert [r.path for r in server.requests] == [expected, expected.replace("models/m", "files")]


@pytest.mark.anyio
@pytest.mark.parametrize("suffix", ["/api/v1", "/api/v1/"])
async def test_async_base_url_with_prefix(server: ScriptedServer, suffix: str) -> None:
    server.default = Reply.json(MODEL)
    async with FastAsyncOpenAI(api_key=SECRET, base_url=server.url + suffix) as client:
        await client.models.retrieve("m")
    assert server.requests[0].path == "/api/v1/models/m"


def test_base_url_from_the_environment(
    server: ScriptedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    server.default = Reply.json(MODEL)
    monkeypatch.setenv("OPENAI_BASE_URL", server.url + "/env/v1/")
    with FastOpenAI(api_key=SECRET) as client:
        client.models.retrieve("m")
    assert server.requests[0].path == "/env/v1/models/m"


# --- wrong arguments ------------------------------------------------------------------------------


def _method(client: Any, call: Call) -> Any:
    target = client
    for name in call.resource:
        target = getattr(target, name)
    return getattr(target, call.method)


def _required_values(method: Any, call: Call) -> dict[str, Any]:
    """A valid value for each parameter of ``method`` that has no default."""
    values = call.kwargs(everything=True)
    required = [
        p.name
        for p in inspect.signature(method).parameters.values()
        if p.default is inspect.Parameter.empty
        and p.kind not in (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
    ]
    return {name: values[name] for name in required}


CALLS = calls()


@pytest.mark.parametrize("call", CALLS, ids=lambda c: c.id)
def test_missing_or_unknown_arguments_are_type_errors(server: ScriptedServer, call: Call) -> None:
    with FastOpenAI(api_key=SECRET, base_url=server.url + "/v1") as client:
        method = _method(client, call)
        required = _required_values(method, call)
        with pytest.raises(TypeError, match="not_a_real_option"):
            method(**required, not_a_real_option=1)
        for name in required:
            with pytest.raises(TypeError, match=f"'{name}'"):
                method(**{k: v for k, v in required.items() if k != name})
    assert server.requests == []


@pytest.mark.parametrize("call", CALLS[:12], ids=lambda c: c.id)
def test_async_missing_or_unknown_arguments_are_type_errors(
    server: ScriptedServer, call: Call
) -> None:
    client = FastAsyncOpenAI(api_key=SECRET, base_url=server.url + "/v1")
    method = _method(client, call)
    required = _required_values(method, call)
    with pytest.raises(TypeError, match="not_a_real_option"):
        method(**required, not_a_real_option=1)  # raised on the call, before any await
    for name in required:
        with pytest.raises(TypeError, match=f"'{name}'"):
            method(**{k: v for k, v in required.items() if k != name})
    assert server.requests == []
    asyncio.run(client.close())


def test_client_constructor_rejects_unknown_options() -> None:
    with pytest.raises(TypeError, match="api_kee"):
        OpenAI(api_kee=SECRET)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="max_retry"):
        AsyncOpenAI(api_key=SECRET, max_retry=3)  # type: ignore[call-arg]


class _Opaque:
    """Something JSON cannot represent."""


def test_unserializable_argument_is_a_type_error_before_sending(server: ScriptedServer) -> None:
    with FastOpenAI(api_key=SECRET, base_url=server.url + "/v1") as client:
        with pytest.raises(TypeError, match=r"not JSON serializable.*_Opaque"):
            client.chat.completions.create(
                model="m",
                messages=[{"role": "user", "content": _Opaque()}],  # type: ignore[list-item,typeddict-item]
            )
        with pytest.raises(TypeError, match="not JSON serializable"):
            client.embeddings.create(model="m", input=_Opaque())  # type: ignore[arg-type]
    assert server.requests == []


def test_a_class_as_a_body_field_is_named_in_the_type_error(server: ScriptedServer) -> None:
    with FastOpenAI(api_key=SECRET, base_url=server.url + "/v1") as client:
        # no advice configured for this field: the field and the class are named
        with pytest.raises(TypeError) as info:
            client.embeddings.create(model="m", input=_Opaque)  # type: ignore[arg-type]
        assert str(info.value) == (
            "`input` is the class _Opaque, but the request body takes JSON values, not classes"
        )
        # the config's advice for `response_format` (spec/config.yml class_argument_hints)
        with pytest.raises(TypeError, match=r"`response_format` is the class _Opaque.*parse\(\)"):
            client.chat.completions.create(model="m", messages=[], response_format=_Opaque)  # type: ignore[arg-type]
    assert server.requests == []


@pytest.mark.anyio
async def test_async_generator_body_is_a_type_error_before_sending(server: ScriptedServer) -> None:
    async def chunks() -> Any:
        yield b"a"

    async with FastAsyncOpenAI(api_key=SECRET, base_url=server.url + "/v1") as client:
        with pytest.raises(TypeError, match=r"not JSON serializable.*async_generator"):
            await client.post(
                "/x",
                body=chunks(),
                headers={"Content-Type": "application/octet-stream"},
                cast_to=object,
            )
    assert server.requests == []
