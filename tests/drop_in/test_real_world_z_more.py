"""Real-world sweep Z, the plumbing programs lean on: a retry policy table (every status class,
``x-should-retry`` both ways, odd ``retry-after`` values, bodies that are HTML, empty, not JSON or
not the API's error shape), raw and streamed responses read every way a metrics wrapper reads them,
the module client driving a Realtime session and the ``NOT_GIVEN``/``omit`` sentinels, and
clients, pages and streams probed by task queues with ``pickle``/``copy`` — programs written for
the official SDK, run unchanged against both packages over the loopback servers.
"""

from __future__ import annotations

import copy
import json
import pickle
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest

import typed_openai
from tests.support.module_clients import module_settings_as_found
from tests.support.server import Reply, ScriptedServer
from tests.support.websocket_server import WebSocketServer, running_server

from .conftest import official
from .programs import observed_the_same, registry
from .test_real_world_apps import chat_chunk, chat_completion, sse

PROGRAMS, _ASYNC_PROGRAMS, program, _async_program = registry()

MESSAGES = [{"role": "user", "content": "hi"}]
ANSWER = Reply.json(chat_completion({"role": "assistant", "content": "fine"}))
HEADERS = {
    "x-request-id": "req_abc",
    "openai-processing-ms": "12",
    "x-ratelimit-remaining-requests": "99",
}


def api_error(status: int, headers: dict[str, str] | None = None, **error: Any) -> Reply:
    body = {
        "error": {"message": f"status {status}", "type": "t", "param": None, "code": None} | error
    }
    return Reply.json(body, status, headers={"retry-after-ms": "1", **(headers or {})})


@program
def retry_policy_table(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A service documenting which failures the client retries, by scripting each once then a
    good answer: the outcome, the error's fields, how many requests went out."""
    retrying = client.with_options(max_retries=2, timeout=5)
    # each case scripts exactly the replies it takes (a status not retried gets no second one)
    cases = [
        *([api_error(status), ANSWER] for status in (408, 409, 429, 500, 502, 503, 504, 520)),
        *([api_error(status)] for status in (400, 401, 403, 404, 422, 418)),
        [api_error(400, {"x-should-retry": "true"}), ANSWER],
        [api_error(500, {"x-should-retry": "false"})],
        [api_error(429, {"retry-after-ms": "soon", "retry-after": "0.001"}), ANSWER],
        [api_error(500), api_error(500), api_error(500)],
        [Reply.drop(), ANSWER],
        [Reply.raw(b"<html>bad gateway</html>", 502, content_type="text/html"), ANSWER],
        [Reply.raw(b'{"error": "a bare string"}', 400, content_type="application/json")],
        [Reply.raw(b'{"message": "no wrapper"}', 400, content_type="application/json")],
        [Reply.raw(b"", 500, content_type=None)] * 3,
        [api_error(429, code="insufficient_quota", type="insufficient_quota"), ANSWER],
    ]
    seen = []
    for replies in cases:
        server.requests.clear()
        server.reply(*replies)
        try:
            completion = retrying.chat.completions.create(model="gpt-4o", messages=MESSAGES)
            outcome: Any = ("ok", completion.choices[0].message.content)
        except openai.APIStatusError as error:
            outcome = (
                type(error).__name__,
                error.status_code,
                error.body,
                error.message,
                error.code,
                error.type,
                error.param,
            )
        except openai.APIError as error:
            outcome = (type(error).__name__, error.body)
        seen.append((outcome, len(server.requests)))
    return seen


@program
def raw_and_streamed_responses_read_every_way(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    seen: list[Any] = []
    server.reply(
        Reply.json(chat_completion({"role": "assistant", "content": "x"}), headers=HEADERS)
    )
    raw = client.chat.completions.with_raw_response.create(model="gpt-4o", messages=MESSAGES)
    completion = raw.parse()
    seen.append(
        (
            type(raw).__name__,
            raw.status_code,
            raw.headers.get("x-request-id"),
            raw.request_id,
            raw.http_request.method,
            str(raw.url),
            raw.method,
            raw.retries_taken,
            raw.content[:6],
            raw.text[:6],
            completion.id,
            completion._request_id,
            raw.parse() is completion,
            raw.parse(to=dict)["object"],
            raw.http_response.status_code,
        )
    )
    server.reply(
        Reply.json(chat_completion({"role": "assistant", "content": "y"}), headers=HEADERS)
    )
    with client.chat.completions.with_streaming_response.create(
        model="gpt-4o", messages=MESSAGES
    ) as response:
        seen.append(
            (type(response).__name__, response.status_code, response.is_closed, response.request_id)
        )
        body = response.read()
        seen.append(
            (
                len(body),
                response.parse().choices[0].message.content,
                response.json()["object"],
                response.text()[:6],
                response.is_closed,
            )
        )
    seen.append(response.is_closed)
    for streaming in (True, False):
        server.reply(
            sse(
                [
                    chat_chunk({"role": "assistant", "content": "a"}),
                    chat_chunk({"content": "b"}, "stop"),
                ]
            )
        )
        if streaming:
            with client.chat.completions.with_streaming_response.create(
                model="gpt-4o", messages=MESSAGES, stream=True
            ) as response:
                stream = response.parse()
                seen.append((type(stream).__name__, [c.choices[0].delta.content for c in stream]))
        else:
            raw = client.chat.completions.with_raw_response.create(
                model="gpt-4o", messages=MESSAGES, stream=True
            )
            stream = raw.parse()
            seen.append(
                (
                    type(stream).__name__,
                    [c.choices[0].delta.content for c in stream],
                    raw.headers.get("content-type"),
                )
            )
    server.reply(sse([chat_chunk({"role": "assistant", "content": "a"})]))
    with client.chat.completions.with_streaming_response.create(
        model="gpt-4o", messages=MESSAGES, stream=True
    ) as response:
        seen.append(list(response.iter_lines()))
    server.reply(Reply.json({"object": "list", "data": []}))
    with client.models.with_streaming_response.list() as response:
        seen.append(list(response.iter_text(chunk_size=8)))
    server.reply(Reply.raw(b"hello world", headers={"content-type": "application/octet-stream"}))
    content = client.files.with_raw_response.content("file-1").parse()
    seen.append((type(content).__name__, content.read(), content.content))
    server.reply(api_error(400, HEADERS))
    try:
        client.chat.completions.with_raw_response.create(model="gpt-4o", messages=MESSAGES)
    except openai.BadRequestError as error:
        seen.append(
            (
                error.status_code,
                error.request_id,
                error.response.headers.get("openai-processing-ms"),
                error.body,
            )
        )
    server.reply(api_error(400, HEADERS))
    try:
        with client.chat.completions.with_streaming_response.create(
            model="gpt-4o", messages=MESSAGES
        ):
            seen.append("entered")
    except openai.BadRequestError as error:
        seen.append(("raised on entering", error.status_code, error.request_id))
    return seen


@program
def sentinels_left_in_call_sites(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Wrappers forwarding optional settings as ``NOT_GIVEN`` / ``NotGiven()`` / ``omit``, and
    ``Omit()`` taking a default header off one call."""
    server.default = Reply.dynamic(
        lambda request: Reply.json(
            chat_completion(
                {
                    "role": "assistant",
                    "content": json.dumps([request.json(), request.headers.get("x-team")]),
                }
            )
        )
    )
    teamed = client.with_options(default_headers={"X-Team": "search"})

    def sent(**options: Any) -> Any:
        completion = teamed.chat.completions.create(model="gpt-4o", messages=MESSAGES, **options)
        return json.loads(completion.choices[0].message.content)

    return [
        (
            repr(openai.NOT_GIVEN),
            bool(openai.NOT_GIVEN),
            isinstance(openai.NOT_GIVEN, openai.NotGiven),
        ),
        (
            bool(openai.omit),
            isinstance(openai.omit, openai.Omit),
            isinstance(openai.Omit(), openai.Omit),
        ),
        sent(temperature=openai.NOT_GIVEN, max_tokens=openai.NotGiven(), user=openai.omit),
        sent(extra_headers={"X-Team": openai.Omit()}),
        sent(extra_headers={"X-Team": openai.omit}, seed=None),
    ]


def file_object(number: int) -> dict[str, Any]:
    return {
        "id": f"file-{number}",
        "object": "file",
        "bytes": 1,
        "created_at": 1,
        "filename": "a.jsonl",
        "purpose": "batch",
        "status": "processed",
    }


@program
def results_probed_by_a_task_queue(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A job runner deciding what it can send to a worker process: pages, raw responses and
    streams hold the client (refused); their data and dumps travel."""

    def travels(thing: Any) -> Any:
        try:
            return ("ok", type(pickle.loads(pickle.dumps(thing))).__name__)
        except (TypeError, AttributeError, pickle.PicklingError) as error:
            return ("refused", type(error).__name__)

    server.default = Reply.json(
        {
            "object": "list",
            "data": [file_object(1), file_object(2)],
            "has_more": True,
            "first_id": "file-1",
            "last_id": "file-2",
        }
    )
    page = client.files.list()
    shallow = copy.copy(page)
    seen = [
        # Only that the page is refused: which error the SDK's page raises depends on what first
        # built its class (pydantic caches it) — inside a function (its list call: no name pickle
        # can look up) a PicklingError, at a module's top level its client's TypeError. Ours is
        # both, whatever built the class (tests/core/test_pagination.py).
        travels(page)[0],
        travels(page.data),
        [f.id for f in pickle.loads(pickle.dumps(page.data))],
        travels(page.to_dict()),
        [f.id for f in shallow.data],
        shallow.get_next_page().data[0].id,
        travels(copy.deepcopy(page.data)),
        page.has_next_page(),
    ]
    server.default = ANSWER
    seen.append(
        travels(client.chat.completions.with_raw_response.create(model="gpt-4o", messages=MESSAGES))
    )
    server.reply(sse([chat_chunk({"content": "a"})]))
    stream = client.chat.completions.create(model="gpt-4o", messages=MESSAGES, stream=True)
    seen.append(travels(stream))
    stream.close()
    seen.append(travels(client.chat.completions))
    return seen


test_program_observes_the_same = observed_the_same(PROGRAMS)


# --- the module client's Realtime session -----------------------------------------------------------


@pytest.fixture
def ws_server() -> Iterator[WebSocketServer]:
    with running_server() as server:
        yield server


def test_module_client_realtime_session(ws_server: WebSocketServer) -> None:
    """A notebook: ``openai.api_key`` and ``openai.base_url`` set at the top, then
    ``openai.realtime.connect(...)`` — the handshake and the events are the same."""
    ws_server.on(
        "response.create",
        [
            {
                "type": "error",
                "event_id": "ev_1",
                "error": {"type": "invalid_request_error", "message": "no"},
            }
        ],
        close=1000,
    )

    def session(openai: Any) -> Any:
        with module_settings_as_found():
            openai.api_key = "sk-module"
            openai.base_url = ws_server.url + "/"
            openai.organization = "org-notebook"
            with openai.realtime.connect(model="gpt-realtime") as connection:
                connection.session.update(session={"type": "realtime", "instructions": "Be brief."})
                connection.response.create()
                events = [(event.type, event.to_dict()) for event in connection]
        ws_server.wait_finished(1)
        (handshake,) = ws_server.handshakes
        seen = (
            events,
            handshake.path,
            handshake.headers.get("authorization"),
            handshake.headers.get("openai-organization"),
            list(ws_server.frames),
        )
        ws_server.reset()
        return seen

    ours, theirs = session(typed_openai), session(official())
    assert ours == theirs
    assert ours[1:4] == ("/v1/realtime?model=gpt-realtime", "Bearer sk-module", "org-notebook")
