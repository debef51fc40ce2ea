"""Real-world sweep Y, client options and the errors apps report: a custom ``http_client`` with
headers, params and cookies of its own (and what errors and raw responses then show as the
request), ``with_options`` chains, default headers and query merged with a call's own, timeouts
as numbers and ``httpx.Timeout`` read back and firing, retries with ``Retry-After`` of every
kind, and each attribute of the error classes logged by error handlers — run unchanged against
both packages over the loopback server.
"""

from __future__ import annotations

import json
from email.utils import formatdate
from types import ModuleType
from typing import Any

import httpx2

from tests.support.server import RecordedRequest, Reply, ScriptedServer

from .programs import async_observed_the_same, observed_the_same, registry
from .test_real_world_apps import chat_chunk, chat_completion
from .test_real_world_c_pages import cursor_pages, file_object

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()

MESSAGES = [{"role": "user", "content": "hi"}]


def echo(request: RecordedRequest) -> Reply:
    """A completion saying what arrived: path, query and the headers apps add."""
    text = json.dumps(
        {
            "path": request.path,
            "query": request.query,
            "team": request.headers.get("x-team"),
            "trace": request.headers.get("x-trace"),
            "cookie": request.headers.get("cookie"),
            "authorization": request.headers.get("authorization"),
        }
    )
    return Reply.json(chat_completion({"role": "assistant", "content": text}))


def said(completion: Any) -> Any:
    return json.loads(completion.choices[0].message.content)


def api_error(
    status: int,
    message: str,
    code: str | None = None,
    param: str | None = None,
    kind: str = "invalid_request_error",
    **headers: str,
) -> Reply:
    body = {"error": {"message": message, "type": kind, "param": param, "code": code}}
    return Reply.json(body, status=status, headers=headers or None)


def ask(client: Any, **options: Any) -> Any:
    return client.chat.completions.create(model="gpt-4o", messages=MESSAGES, **options)


def logged(error: Exception) -> dict[str, Any]:
    """What an error handler puts in its structured log line."""
    entry: dict[str, Any] = {"class": type(error).__name__, "text": str(error)}
    for name in ("status_code", "code", "param", "type", "request_id", "message", "body"):
        entry[name] = getattr(error, name, "<none>")
    request = getattr(error, "request", None)
    if request is not None:
        entry["request"] = (request.method, str(request.url))
    response = getattr(error, "response", None)
    if response is not None:
        entry["response"] = (response.status_code, response.headers.get("content-type"))
    return entry


@program
def http_client_with_its_own_defaults(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A platform team's ``httpx2.Client`` carrying a team header, a tenant param and a session
    cookie; the request an error and a raw response show is the one sent."""
    http = httpx2.Client(headers={"X-Team": "search"}, params={"tenant": "t1"}, cookies={"s": "1"})
    own = openai.OpenAI(
        api_key="sk-team", base_url=server.url + "/v1", http_client=http, max_retries=0
    )
    server.default = Reply.dynamic(echo)
    first = said(ask(own))
    raw = own.chat.completions.with_raw_response.create(model="m", messages=MESSAGES)
    shown = (str(raw.http_request.url), raw.http_request.headers.get("x-team"), str(raw.url.params))
    server.reply(api_error(400, "bad temperature", "invalid_value", "temperature"))
    try:
        ask(own, temperature=9)
        error: Any = None
    except openai.BadRequestError as e:
        error = (
            str(e.request.url),
            e.request.headers.get("x-team"),
            e.request.headers.get("cookie"),
            str(e.response.request.url),
        )
    own.close()
    return first, shown, error, http.is_closed


@program
def http_client_with_a_base_url_of_its_own(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """The http client's ``base_url`` is not the API's: the client's ``base_url`` wins."""
    http = httpx2.Client(base_url="http://127.0.0.1:9/elsewhere/")
    own = openai.OpenAI(api_key="sk", base_url=server.url + "/v1", http_client=http, max_retries=0)
    server.default = Reply.dynamic(echo)
    path = said(ask(own))["path"]
    own.close()
    return path, str(own.base_url).startswith(server.url)


@program
def with_options_chains(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Options layered by helpers: each ``with_options`` keeps what it is not told."""
    server.default = Reply.dynamic(echo)
    base = openai.OpenAI(
        api_key="sk-base",
        base_url=server.url + "/v1",
        max_retries=4,
        timeout=30.0,
        default_headers={"X-Team": "a", "X-Trace": "t0"},
        default_query={"tenant": "t1"},
    )
    patient = base.with_options(timeout=120.0)
    traced = patient.with_options(default_headers={"X-Trace": "t1"})
    quiet = traced.with_options(max_retries=0, default_query={"region": "eu"})
    replaced = quiet.copy(set_default_headers={"X-Team": "b"}, set_default_query={})
    seen = [said(ask(c)) for c in (base, patient, traced, quiet, replaced)]
    read = [(c.max_retries, c.timeout, c.api_key) for c in (base, patient, traced, quiet, replaced)]
    base.close()
    return seen, read


@program
def default_query_and_headers_meet_the_calls(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """The client's default query and headers against a call's ``extra_query`` /
    ``extra_headers``, on a plain call, a list and its next page."""
    server.default = Reply.dynamic(echo)
    scoped = client.with_options(
        default_headers={"X-Team": "a", "X-Trace": "default"}, default_query={"tenant": "t1"}
    )
    plain = said(
        ask(
            scoped,
            extra_headers={"X-Trace": "call", "X-Team": openai.Omit()},
            extra_query={"tenant": "t2", "debug": "1"},
        )
    )
    server.default = cursor_pages([file_object(n) for n in range(1, 4)])
    ids = [
        f.id
        for f in scoped.files.list(
            limit=2, extra_query={"debug": "1"}, extra_headers={"X-Trace": "list"}
        )
    ]
    pages = [
        (r.query, r.headers.get("x-trace"), r.headers.get("x-team")) for r in server.requests[-2:]
    ]
    return plain, ids, pages


@program
def timeouts_read_back_and_fired(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A Timeout object with a short read timeout fires on a stalled answer, per client and per
    call; ``timeout=None`` per call waits."""
    shaped = client.with_options(timeout=httpx2.Timeout(10.0, read=0.2, connect=2.0))
    shown = (shaped.timeout.read, shaped.timeout.connect, shaped.timeout.write)
    server.reply(Reply.hang())
    try:
        ask(shaped)
        first: Any = None
    except openai.APITimeoutError as e:
        first = (
            type(e).__name__,
            str(e),
            e.request.method,
            str(e.request.url).endswith("/chat/completions"),
        )
    server.reply(Reply.hang())
    try:
        ask(client, timeout=0.2)
        second: Any = None
    except openai.APIConnectionError as e:
        second = (type(e).__name__, isinstance(e, openai.APITimeoutError))
    server.reply(Reply.after(0.3, Reply.dynamic(echo)))
    waited = said(ask(shaped, timeout=None))["path"]
    return shown, first, second, waited


@program
def timeouts_retried(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A timed-out call is retried by the client: two stalls, then an answer."""
    server.reply(Reply.hang(), Reply.hang(), Reply.dynamic(echo))
    answer = said(ask(client.with_options(max_retries=2, timeout=0.2)))
    return answer["path"], len(server.requests)


@program
def retry_after_of_every_kind(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """``Retry-After`` as seconds, as a date just passed, as milliseconds; the call succeeds after
    the retries and the raw response counts them."""
    past = formatdate(timeval=0, usegmt=True)
    server.reply(
        api_error(429, "slow", "rate_limit_exceeded", **{"retry-after": "0"}),
        api_error(503, "busy", kind="server_error", **{"retry-after": past}),
        api_error(500, "oops", kind="server_error", **{"retry-after-ms": "3"}),
        Reply.dynamic(echo),
    )
    raw = client.with_options(max_retries=3).chat.completions.with_raw_response.create(
        model="m", messages=MESSAGES
    )
    return raw.retries_taken, said(raw.parse())["path"], len(server.requests)


@program
def retries_exhausted_error_report(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Every attempt throttled: the last 429 is what the handler logs."""
    server.default = api_error(
        429,
        "Rate limit reached for gpt-4o",
        "rate_limit_exceeded",
        kind="requests",
        **{"retry-after-ms": "1", "x-request-id": "req_429", "x-ratelimit-remaining-requests": "0"},
    )
    try:
        ask(client.with_options(max_retries=2))
        entry: Any = None
    except openai.RateLimitError as e:
        entry = logged(e)
        entry["remaining"] = e.response.headers.get("x-ratelimit-remaining-requests")
    return entry, len(server.requests)


@program
def status_errors_logged(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """The structured log line of each status error class, for JSON and non-JSON bodies."""
    server.reply(
        api_error(400, "Unknown parameter: 'foo'", "unknown_parameter", "foo"),
        api_error(401, "Incorrect API key provided", "invalid_api_key", **{"x-request-id": "r401"}),
        api_error(403, "Country not supported", "unsupported_country_region_territory"),
        api_error(404, "The model `x` does not exist", "model_not_found", "model"),
        api_error(409, "Conflict", kind="conflict"),
        api_error(422, "Unprocessable", kind="invalid_request_error"),
        Reply.raw(b"<html>Bad Gateway</html>", 502, content_type="text/html"),
        Reply.raw(b"", 500, content_type=None),
        Reply.json({"detail": "not the API's shape"}, 418),
    )
    entries = []
    for _ in range(9):
        try:
            ask(client)
        except openai.APIStatusError as e:
            entries.append(logged(e))
    return entries


@program
def connection_errors_logged(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(Reply.drop())
    try:
        ask(client)
        dropped: Any = None
    except openai.APIConnectionError as e:
        dropped = logged(e)
        dropped["cause"] = e.__cause__ is not None
    closed_port = openai.OpenAI(api_key="sk", base_url="http://127.0.0.1:9/v1", max_retries=0)
    try:
        closed_port.models.list()
        refused: Any = None
    except openai.APIConnectionError as e:
        refused = logged(e)
    closed_port.close()
    return dropped, refused


@program
def error_mid_stream_logged(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """An ``error`` event in a chat stream becomes an APIError: what the handler logs."""
    server.reply(
        Reply.sse(
            [
                f"data: {json.dumps(chat_chunk({'role': 'assistant', 'content': 'par'}))}\n\n",
                'data: {"error": {"message": "The server had an error", "type": "server_error", '
                '"param": null, "code": "internal"}}\n\n',
            ]
        )
    )
    got = []
    try:
        for chunk in ask(client, stream=True):
            got.append(chunk.choices[0].delta.content)
        entry: Any = None
    except openai.APIError as e:
        entry = logged(e)
    return got, entry


@program
def strict_validation_errors(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """``_strict_response_validation=True``: an answer that is not a completion is refused."""
    strict = openai.OpenAI(
        api_key="sk", base_url=server.url + "/v1", max_retries=0, _strict_response_validation=True
    )
    server.reply(Reply.json({"id": "x", "object": "chat.completion", "choices": "nope"}))
    try:
        ask(strict)
        entry: Any = None
    except openai.APIResponseValidationError as e:
        entry = (type(e).__name__, e.status_code, e.body, e.message, isinstance(e, openai.APIError))
    strict.close()
    return entry


@program
def errors_classified_by_a_retry_policy(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """A policy function deciding per exception class what an app's job queue does next."""

    def policy(error: Exception) -> str:
        if isinstance(error, openai.APITimeoutError):
            return "retry-soon"
        if isinstance(error, openai.APIConnectionError):
            return "retry-later"
        if isinstance(error, openai.RateLimitError):
            return "backoff"
        if isinstance(error, openai.InternalServerError):
            return "retry"
        if isinstance(error, (openai.AuthenticationError, openai.PermissionDeniedError)):
            return "page-oncall"
        if isinstance(error, openai.APIStatusError):
            return f"drop-{error.status_code}"
        return "crash"

    server.reply(
        api_error(429, "slow"),
        api_error(503, "busy", kind="server_error"),
        api_error(401, "bad key"),
        api_error(404, "gone"),
        Reply.hang(),
        Reply.drop(),
    )
    decisions = []
    for options in ({}, {}, {}, {}, {"timeout": 0.2}, {}):
        try:
            ask(client, **options)
        except openai.OpenAIError as e:
            decisions.append(policy(e))
    hierarchy = [
        issubclass(openai.APITimeoutError, openai.APIConnectionError),
        issubclass(openai.APIConnectionError, openai.APIError),
        issubclass(openai.APIStatusError, openai.APIError),
        issubclass(openai.APIResponseValidationError, openai.APIError),
        issubclass(openai.APIError, openai.OpenAIError),
        [c.__name__ for c in openai.InternalServerError.__mro__[:4]],
    ]
    return decisions, hierarchy


@async_program
async def async_http_client_with_its_own_defaults(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    http = httpx2.AsyncClient(headers={"X-Team": "async"}, params={"tenant": "t9"})
    own = openai.AsyncOpenAI(
        api_key="sk-a", base_url=server.url + "/v1", http_client=http, max_retries=0
    )
    server.default = Reply.dynamic(echo)
    first = said(await own.chat.completions.create(model="m", messages=MESSAGES))
    server.reply(api_error(404, "no such model", "model_not_found", "model"))
    try:
        await own.chat.completions.create(model="nope", messages=MESSAGES)
        error: Any = None
    except openai.NotFoundError as e:
        error = (logged(e), e.request.headers.get("x-team"))
    await own.close()
    return first, error


@async_program
async def async_timeouts_and_retries(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.reply(
        Reply.hang(),
        api_error(502, "bad gateway", kind="server_error", **{"retry-after-ms": "1"}),
        Reply.dynamic(echo),
    )
    raw = await client.with_options(
        max_retries=2, timeout=httpx2.Timeout(5.0, read=0.2)
    ).chat.completions.with_raw_response.create(model="m", messages=MESSAGES)
    server.reply(Reply.hang())
    try:
        await client.chat.completions.create(model="m", messages=MESSAGES, timeout=0.2)
        fired: Any = None
    except openai.APITimeoutError as e:
        fired = logged(e)
    return raw.retries_taken, said(raw.parse())["path"], fired


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
