"""Transport and body faults through the public client, sync and async: each ends, quickly, in the
documented error class with a message that says what happened (never a hang, never an httpx,
``KeyError`` or bare ``JSONDecodeError`` from inside the library: a body labelled JSON that is
none is a ``JSONBodyDecodeError``, an ``APIResponseValidationError`` that is a ``JSONDecodeError``
too, as the official SDK's error there), is retried the documented number of times, and leaves no
connection checked out of the pool."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx
import pytest

from tests.support.server import Reply, ScriptedServer
from typed_openai import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    InternalServerError,
)
from typed_openai._core._errors import JSONBodyDecodeError, JSONBodyUnicodeError

from .conftest import (
    SECRET,
    FastAsyncOpenAI,
    FastOpenAI,
    pool_state,
    reset_before_status,
    reset_mid_body,
)

MODEL = b'{"id": "m", "object": "model", "created": 1, "owned_by": "o"}'
QUICK = httpx.Timeout(0.3, connect=0.5)


@dataclass(frozen=True)
class Fault:
    name: str
    reply: Callable[[], Reply]
    error: type[APIError]
    # fragments the error must say (case-insensitive): in its message, or for a connection error
    # (whose message is the official SDK's fixed "Connection error.") in the cause it is raised
    # from, which the traceback shows
    says: tuple[str, ...]
    retried: bool = True


FAULTS = [
    Fault("reset-before-status", reset_before_status, APIConnectionError, ("reset",)),
    Fault("closed-before-status", Reply.drop, APIConnectionError, ("disconnected",)),
    Fault("reset-mid-body", reset_mid_body, APIConnectionError, ("connection error",)),
    Fault(
        "content-length-larger-then-close",
        lambda: Reply.drop_mid_body(b'{"id": "m"', declared_length=400),
        APIConnectionError,
        ("complete message body", "expected 400"),
    ),
    Fault(
        "content-length-larger-kept-open",
        lambda: Reply.short_body(b'{"id": "m"}', declared_length=400),
        APITimeoutError,
        ("timed out",),
    ),
    Fault("never-answers", Reply.hang, APITimeoutError, ("timed out",)),
    Fault(
        "drips-past-the-total-limit",
        # ~2.4 s in all, each byte well within the 0.3 s read timeout; the total limit of one
        # attempt is the largest phase of QUICK (0.5 s).
        lambda: Reply.drip(MODEL, interval=0.04),
        APITimeoutError,
        ("timed out",),
    ),
    Fault(
        "invalid-json",
        lambda: Reply.raw(b'{"id": "m", ', content_type="application/json"),
        JSONBodyDecodeError,
        ("could not decode", "json", "status 200"),
        retried=False,
    ),
    Fault(
        "invalid-utf8",
        lambda: Reply.raw(
            b'{"id": "m\xff\xfe", "object": "model"}', content_type="application/json"
        ),
        JSONBodyUnicodeError,
        ("could not decode", "'utf-8' codec"),
        retried=False,
    ),
    Fault(
        "empty-body",
        lambda: Reply.raw(b"", content_type="application/json"),
        JSONBodyDecodeError,
        ("could not decode",),
        retried=False,
    ),
    Fault(
        "html-instead-of-json",
        lambda: Reply.raw(b"<html>maintenance</html>", content_type="text/html"),
        APIResponseValidationError,
        ("could not decode", "text/html"),
        retried=False,
    ),
    Fault(
        "html-502",
        lambda: Reply.raw(
            b"<html><body><h1>502 Bad Gateway</h1>nginx</body></html>",
            status=502,
            content_type="text/html",
        ),
        InternalServerError,
        ("502", "bad gateway"),
    ),
]


def _check(error: BaseException, fault: Fault) -> None:
    assert type(error) is fault.error, repr(error)
    message = str(error).lower()
    if isinstance(error, APIStatusError):  # as the SDK: a page that is not JSON is in `body`
        message += " " + str(error.body).lower()
    if type(error) is APIConnectionError:
        assert str(error) == "Connection error."
        cause = error.__cause__
        while cause is not None:  # the async transports wrap the OS error without text
            message += " " + str(cause).lower()
            cause = cause.__cause__ or cause.__context__
    for fragment in fault.says:
        assert fragment in message, (fragment, str(error))
    assert SECRET not in str(error)
    assert isinstance(error.__cause__, (httpx.HTTPError, ValueError, type(None)))


@pytest.mark.parametrize("fault", FAULTS, ids=lambda f: f.name)
def test_fault_ends_in_its_documented_error(server: ScriptedServer, fault: Fault) -> None:
    server.default = fault.reply()
    client = FastOpenAI(api_key=SECRET, base_url=server.url + "/v1", timeout=QUICK)
    start = time.monotonic()
    with pytest.raises(APIError) as info:
        client.models.retrieve("m")
    assert time.monotonic() - start < 6
    _check(info.value, fault)
    assert len(server.requests) == (3 if fault.retried else 1)
    assert pool_state(client)[1] == 0
    client.close()


@pytest.mark.anyio
@pytest.mark.parametrize("fault", FAULTS, ids=lambda f: f.name)
async def test_async_fault_ends_in_its_documented_error(
    server: ScriptedServer, fault: Fault
) -> None:
    server.default = fault.reply()
    client = FastAsyncOpenAI(api_key=SECRET, base_url=server.url + "/v1", timeout=QUICK)
    start = time.monotonic()
    with pytest.raises(APIError) as info:
        await client.models.retrieve("m")
    assert time.monotonic() - start < 6
    _check(info.value, fault)
    assert len(server.requests) == (3 if fault.retried else 1)
    assert pool_state(client)[1] == 0
    await client.close()


@pytest.mark.parametrize("fault", [f for f in FAULTS if f.retried], ids=lambda f: f.name)
def test_fault_then_success_is_recovered(server: ScriptedServer, fault: Fault) -> None:
    server.reply(fault.reply(), Reply.raw(MODEL, content_type="application/json"))
    with FastOpenAI(api_key=SECRET, base_url=server.url + "/v1", timeout=QUICK) as client:
        assert client.models.retrieve("m").id == "m"
        assert pool_state(client)[1] == 0


def _refused_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}/v1"  # nobody listens there


def test_connection_refused() -> None:
    with FastOpenAI(api_key=SECRET, base_url=_refused_url()) as client:
        start = time.monotonic()
        with pytest.raises(APIConnectionError) as info:
            client.chat.completions.create(model="m", messages=[])
    assert type(info.value) is APIConnectionError
    assert str(info.value) == "Connection error."  # the official SDK's message
    assert "refused" in str(info.value.__cause__).lower()  # what happened: the cause
    assert time.monotonic() - start < 3


@pytest.mark.anyio
async def test_async_connection_refused() -> None:
    async with FastAsyncOpenAI(api_key=SECRET, base_url=_refused_url()) as client:
        with pytest.raises(APIConnectionError) as info:
            await client.chat.completions.create(model="m", messages=[])
    assert type(info.value) is APIConnectionError
    assert str(info.value) == "Connection error."
    assert isinstance(info.value.__cause__, httpx.ConnectError)


def test_error_body_with_invalid_utf8_is_still_a_status_error(server: ScriptedServer) -> None:
    server.reply(
        Reply.raw(
            b'{"error": {"message": "bad \xff"}}', status=400, content_type="application/json"
        )
    )
    from typed_openai import BadRequestError

    with (
        FastOpenAI(api_key=SECRET, base_url=server.url + "/v1") as client,
        pytest.raises(BadRequestError) as info,
    ):
        client.models.retrieve("m")
    assert "400" in str(info.value) and "bad" in str(info.value)


@pytest.mark.parametrize(
    "body",
    [b'{"error": "a string"}', b"[1, 2]", b"null", b'{"error": null}', b'"text"'],
)
def test_odd_error_bodies_give_a_status_error(server: ScriptedServer, body: bytes) -> None:
    from typed_openai import UnprocessableEntityError

    server.reply(Reply.raw(body, status=422, content_type="application/json"))
    with (
        FastOpenAI(api_key=SECRET, base_url=server.url + "/v1") as client,
        pytest.raises(UnprocessableEntityError) as info,
    ):
        client.models.retrieve("m")
    assert "422" in str(info.value)
    assert info.value.code is None or isinstance(info.value.code, str)


# --- httpx errors that are not transport errors ---------------------------------------------------


def _corrupt_gzip() -> Reply:
    return Reply.raw(
        b"this is not gzip", headers={"content-encoding": "gzip"}, content_type="application/json"
    )


def test_a_corrupt_compressed_body_is_a_connection_error(server: ScriptedServer) -> None:
    server.reply(_corrupt_gzip(), _corrupt_gzip(), _corrupt_gzip())
    with FastOpenAI(api_key=SECRET, base_url=server.url + "/v1") as client:
        with pytest.raises(APIConnectionError) as info:
            client.models.retrieve("m")
        assert isinstance(info.value.__cause__, httpx.DecodingError)
        assert "decompress" in str(info.value.__cause__)
        assert len(server.requests) == 3  # retried like any damaged answer
        server.reply(_corrupt_gzip(), Reply.raw(MODEL, content_type="application/json"))
        assert client.models.retrieve("m").id == "m"
        assert pool_state(client)[1] == 0


@pytest.mark.anyio
async def test_async_corrupt_compressed_body_is_a_connection_error(server: ScriptedServer) -> None:
    server.default = _corrupt_gzip()
    async with FastAsyncOpenAI(api_key=SECRET, base_url=server.url + "/v1") as client:
        with pytest.raises(APIConnectionError) as info:
            await client.models.retrieve("m")
        assert isinstance(info.value.__cause__, httpx.DecodingError)
        assert pool_state(client)[1] == 0


def test_a_redirect_loop_is_a_connection_error(server: ScriptedServer) -> None:
    server.default = Reply.raw(
        b"", status=302, headers={"location": server.url + "/v1/models/m"}, content_type=None
    )
    with FastOpenAI(api_key=SECRET, base_url=server.url + "/v1", max_retries=0) as client:
        with pytest.raises(APIConnectionError) as info:
            client.models.retrieve("m")
        assert isinstance(info.value.__cause__, httpx.TooManyRedirects)
        assert pool_state(client)[1] == 0


@pytest.mark.anyio
async def test_async_redirect_loop_is_a_connection_error(server: ScriptedServer) -> None:
    server.default = Reply.raw(
        b"", status=307, headers={"location": server.url + "/v1/models/m"}, content_type=None
    )
    async with FastAsyncOpenAI(api_key=SECRET, base_url=server.url + "/v1", max_retries=0) as c:
        with pytest.raises(APIConnectionError) as info:
            await c.models.retrieve("m")
        assert isinstance(info.value.__cause__, httpx.TooManyRedirects)


# --- a listener that never accepts: connect timeouts -----------------------------------------------


def test_connect_timeout_is_retried_then_raised() -> None:
    from tests.core.test_timeouts import _FullBacklog  # pyright: ignore[reportPrivateUsage]

    backlog = _FullBacklog()
    try:
        timeout = httpx.Timeout(5.0, connect=0.2)
        url = f"http://127.0.0.1:{backlog.port}/v1"
        with FastOpenAI(api_key=SECRET, base_url=url, timeout=timeout) as client:
            start = time.monotonic()
            with pytest.raises(APITimeoutError, match="timed out"):
                client.models.retrieve("m")
            elapsed = time.monotonic() - start
            assert 0.6 <= elapsed < 3  # three attempts of 0.2 s each, no more
            assert pool_state(client) == (0, 0)
    finally:
        backlog.close()


@pytest.mark.anyio
async def test_async_connect_timeout_is_retried_then_raised() -> None:
    from tests.core.test_timeouts import _FullBacklog  # pyright: ignore[reportPrivateUsage]

    backlog = _FullBacklog()
    try:
        timeout = httpx.Timeout(5.0, connect=0.2)
        url = f"http://127.0.0.1:{backlog.port}/v1"
        async with FastAsyncOpenAI(api_key=SECRET, base_url=url, timeout=timeout) as client:
            start = time.monotonic()
            with pytest.raises(APITimeoutError):
                await client.models.retrieve("m")
            assert 0.6 <= time.monotonic() - start < 3
            assert pool_state(client) == (0, 0)
    finally:
        backlog.close()
