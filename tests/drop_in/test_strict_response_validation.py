"""``_strict_response_validation=True``: the client validates every answer against the type its
method declares and raises ``APIResponseValidationError`` where it does not fit, as the official
SDK's clients do; by default (``False``) answers are built leniently.

Each test runs the same code against both packages over the loopback server and compares what a
user observes (the error's class, message, status, body and cause; the result's fields), then
checks what it is. What the official SDK does and these tests pin: plain results, pages (a page's
own fields and its items), ``parse()`` of raw and streamed responses and each event of a stream
(the helpers' streams too) are validated; an answer that is no JSON where a model is due names its
Content-Type; ``copy()`` / ``with_options()`` make a lenient client (the official clients do not
hand the flag on); the Azure clients take it too.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Callable
from types import ModuleType
from typing import Any

import pytest

from tests.support.server import Reply, ScriptedServer

from .conftest import API_KEY, arun_both, run_both

MODEL = {"id": "gpt-4o", "object": "model", "created": 1, "owned_by": "system"}
FILE = {
    "id": "file-1",
    "object": "file",
    "bytes": 1,
    "created_at": 1,
    "filename": "f.jsonl",
    "purpose": "assistants",
    "status": "processed",
}
CHUNK = {
    "id": "c",
    "object": "chat.completion.chunk",
    "created": 1,
    "model": "gpt-4o",
    "choices": [{"index": 0, "delta": {"content": "hi"}, "finish_reason": None}],
}
MESSAGES = [{"role": "user", "content": "hi"}]


def strict_client(sdk: ModuleType, server: ScriptedServer, strict: bool = True) -> Any:
    return sdk.OpenAI(
        api_key=API_KEY, base_url=server.url, max_retries=0, _strict_response_validation=strict
    )


def outcome(call: Callable[[], Any]) -> Any:
    """What a user sees of ``call()``: its result, or the validation error's parts."""
    try:
        return ("returned", call())
    except Exception as e:
        if type(e).__name__ != "APIResponseValidationError":
            raise
        return (
            type(e).__name__,
            str(e),
            e.message,  # type: ignore[attr-defined]
            e.status_code,  # type: ignore[attr-defined]
            e.response.status_code,  # type: ignore[attr-defined]
            e.request.url.path,  # type: ignore[attr-defined]
            e.body,  # type: ignore[attr-defined]
            type(e.__cause__).__name__,
        )


def error_of(body: object, message: str = "Data returned by API invalid for expected schema."):
    """The ``outcome`` of a validation error for ``body`` on ``/models/gpt-4o``."""
    return (
        "APIResponseValidationError",
        message,
        message,
        200,
        200,
        "/models/gpt-4o",
        body,
        "ValidationError",
    )


def model_view(model: Any) -> Any:
    """A model as code reads it: class, fields, what was set, extras."""
    return (
        type(model).__name__,
        model.to_dict(),
        sorted(model.model_fields_set),
        model.model_extra,
    )


def test_a_missing_required_field_is_an_error(server: ScriptedServer) -> None:
    body = {"id": "gpt-4o", "object": "model"}

    def observe(sdk: ModuleType) -> Any:
        server.reply(Reply.json(body))
        with strict_client(sdk, server) as client:
            got = outcome(lambda: client.models.retrieve("gpt-4o"))
            server.reply(Reply.json(body))
            with pytest.raises(sdk.APIResponseValidationError) as raised:
                client.models.retrieve("gpt-4o")
        e = raised.value
        kinds = (isinstance(e, sdk.APIError), isinstance(e, sdk.OpenAIError))
        return got, kinds, (e.code, e.param, e.type, e.response.json())

    ours, theirs = run_both(observe)
    assert ours == theirs
    assert ours[0] == error_of(body)
    assert ours[1:] == ((True, True), (None, None, None, body))


def test_a_value_of_the_wrong_type_is_an_error(server: ScriptedServer) -> None:
    wrong = {**MODEL, "created": "yesterday"}
    coercible = {**MODEL, "created": "12"}  # pydantic's lax validation takes it, as a number

    def observe(sdk: ModuleType) -> Any:
        server.reply(Reply.json(wrong), Reply.json(coercible))
        with strict_client(sdk, server) as client:
            first = outcome(lambda: client.models.retrieve("gpt-4o"))
            second = client.models.retrieve("gpt-4o").created
        return first, second

    ours, theirs = run_both(observe)
    assert ours == theirs
    assert ours == (error_of(wrong), 12)


def test_an_enum_value_the_client_does_not_know_is_an_error(server: ScriptedServer) -> None:
    completion = {
        "id": "c",
        "object": "chat.completion",
        "created": 1,
        "model": "gpt-4o",
        "choices": [
            {
                "index": 0,
                "finish_reason": "a_new_reason",
                "logprobs": None,
                "message": {"role": "assistant", "content": "x", "refusal": None},
            }
        ],
    }

    def observe(sdk: ModuleType) -> Any:
        server.reply(Reply.json(completion), Reply.json(completion))
        with strict_client(sdk, server) as client:
            strict = outcome(
                lambda: client.chat.completions.create(model="gpt-4o", messages=MESSAGES)
            )
        with strict_client(sdk, server, strict=False) as client:
            lenient = client.chat.completions.create(model="gpt-4o", messages=MESSAGES)
        return strict[0], strict[6], lenient.choices[0].finish_reason

    ours, theirs = run_both(observe)
    assert ours == theirs
    assert ours == ("APIResponseValidationError", completion, "a_new_reason")


def test_a_valid_answer_is_the_same_object(server: ScriptedServer) -> None:
    with_extra = {**MODEL, "a_newer_field": [1, 2]}

    def observe(sdk: ModuleType) -> Any:
        server.reply(
            Reply.json(MODEL, headers={"x-request-id": "req_1"}),
            Reply.json(with_extra),
            Reply.raw(json.dumps(MODEL), content_type="text/plain"),  # JSON all the same
        )
        with strict_client(sdk, server) as client:
            plain = client.models.retrieve("gpt-4o")
            extra = client.models.retrieve("gpt-4o")
            labelled = client.models.retrieve("gpt-4o")
        return model_view(plain), plain._request_id, model_view(extra), model_view(labelled)

    ours, theirs = run_both(observe)
    assert ours == theirs
    assert ours[0] == ("Model", MODEL, ["created", "id", "object", "owned_by"], {})
    assert ours[1] == "req_1"
    assert ours[2][1] == with_extra and ours[2][3] == {"a_newer_field": [1, 2]}


def test_aliased_fields_validate_as_the_official_sdk_does(server: ScriptedServer) -> None:
    """A validated answer is pydantic's object: the API names of aliased fields are no extras
    (the lenient build keeps them, as the official SDK's construct does)."""
    names = ["harassment", "hate", "self-harm", "self-harm/intent", "sexual/minors", "violence"]
    names += ["harassment/threatening", "hate/threatening", "illicit", "illicit/violent"]
    names += ["self-harm/instructions", "sexual", "violence/graphic"]
    result = {
        "flagged": False,
        "categories": dict.fromkeys(names, False),
        "category_scores": dict.fromkeys(names, 0.0),
        "category_applied_input_types": {name: ["text"] for name in names},
    }
    body = {"id": "modr-1", "model": "omni-moderation-latest", "results": [result]}

    def observe(sdk: ModuleType) -> Any:
        views = []
        for strict in (True, False):
            server.reply(Reply.json(body))
            with strict_client(sdk, server, strict) as client:
                categories = client.moderations.create(input="x").results[0].categories
            views.append((categories.self_harm, dict(categories.model_extra or {})))
        return views

    ours, theirs = run_both(observe)
    assert ours == theirs
    assert ours[0] == (False, {})
    assert ours[1][1]["self-harm"] is False


def test_by_default_answers_are_built_leniently(server: ScriptedServer) -> None:
    missing = {"id": "gpt-4o", "object": "model"}
    wrong = {**MODEL, "created": "yesterday"}

    def observe(sdk: ModuleType) -> Any:
        server.reply(
            Reply.json(missing), Reply.json(wrong), Reply.raw(b"ok", content_type="text/plain")
        )
        with sdk.OpenAI(api_key=API_KEY, base_url=server.url, max_retries=0) as client:
            first = client.models.retrieve("gpt-4o")
            second = client.models.retrieve("gpt-4o")
            third = client.models.retrieve("gpt-4o")
            flag = client._strict_response_validation
        return (
            (first.id, first.owned_by, sorted(first.model_fields_set)),
            second.created,
            third,
            flag,
        )

    ours, theirs = run_both(observe)
    assert ours == theirs
    assert ours == (("gpt-4o", None, ["id", "object"]), "yesterday", "ok", False)


def test_copies_are_lenient_as_the_official_clients_make_them(server: ScriptedServer) -> None:
    """``copy()`` / ``with_options()`` do not take the flag and do not hand it on: the official
    clients build the copy without it, so a copy of a strict client builds answers leniently."""
    missing = {"id": "gpt-4o"}

    def observe(sdk: ModuleType) -> Any:
        server.reply(*[Reply.json(missing)] * 3)
        with strict_client(sdk, server) as client:
            copies = (client.copy(), client.with_options(timeout=5, max_retries=0))
            strict = outcome(lambda: client.models.retrieve("gpt-4o"))[0]
            lenient = [copy.models.retrieve("gpt-4o").owned_by for copy in copies]
            flags = [copy._strict_response_validation for copy in copies]
            with pytest.raises(TypeError):
                client.copy(_strict_response_validation=True)
        return strict, lenient, flags

    ours, theirs = run_both(observe)
    assert ours == theirs
    assert ours == ("APIResponseValidationError", [None, None], [False, False])


def test_an_answer_that_is_no_json_names_its_content_type(server: ScriptedServer) -> None:
    def observe(sdk: ModuleType) -> Any:
        server.reply(
            Reply.raw(b"<html>busy</html>", content_type="text/html"),
            Reply.empty(204),
            Reply.raw(b"plain", content_type="text/plain"),
        )
        with strict_client(sdk, server) as client:
            html = outcome(lambda: client.models.retrieve("gpt-4o"))
            empty = outcome(lambda: client.models.delete("ft:gpt-4o:me"))
            untyped = outcome(lambda: client.get("/anything", cast_to=object))
        return html, empty[1:3] + empty[6:], untyped[1], untyped[6]

    ours, theirs = run_both(observe)
    assert ours == theirs
    expected = (
        "Expected Content-Type response header to be `application/json` but received `{}` instead."
    )
    html_error = error_of("<html>busy</html>", expected.format("text/html"))
    assert ours[0] == (*html_error[:7], "NoneType")
    assert ours[1] == (expected.format("*"), expected.format("*"), "", "NoneType")
    assert ours[2:] == (expected.format("text/plain"), "plain")


def test_pages_and_their_items_are_validated(server: ScriptedServer) -> None:
    def observe(sdk: ModuleType) -> Any:
        server.reply(
            Reply.json({"object": "list", "data": [MODEL, {"id": "half"}]}),  # an item
            Reply.json({"data": [MODEL]}),  # a page field (`object` is required here)
            Reply.json({"object": "list", "data": [FILE], "has_more": "maybe"}),  # a cursor
            Reply.json({"object": "list", "data": [FILE], "has_more": False, "first_id": "f"}),
        )
        with strict_client(sdk, server) as client:
            bad_item = outcome(lambda: client.models.list())
            no_object = outcome(lambda: client.models.list())
            bad_cursor = outcome(lambda: client.files.list())
            page = client.files.list()
        return (
            [bad_item[0], bad_item[6], bad_item[7]],
            [no_object[0], no_object[6]],
            [bad_cursor[0], bad_cursor[6]],
            (type(page).__name__, page.to_dict(), page.has_more, model_view(page.data[0])),
        )

    ours, theirs = run_both(observe)
    assert ours == theirs
    assert [result[0] for result in ours[:3]] == ["APIResponseValidationError"] * 3
    assert ours[0][1:] == [{"object": "list", "data": [MODEL, {"id": "half"}]}, "ValidationError"]
    assert ours[3][:3] == (
        "SyncCursorPage[FileObject]",
        {"data": [FILE], "has_more": False, "object": "list", "first_id": "f"},
        False,
    )


def test_the_next_page_is_validated_too(server: ScriptedServer) -> None:
    bad = {**FILE, "id": "file-2", "bytes": "many"}

    def observe(sdk: ModuleType) -> Any:
        server.reply(
            Reply.json({"object": "list", "data": [FILE], "has_more": True}),
            Reply.json({"object": "list", "data": [bad], "has_more": False}),
        )
        seen: list[str] = []
        with strict_client(sdk, server) as client:

            def walk() -> None:
                for item in client.files.list():
                    seen.append(item.id)

            failed = outcome(walk)
        return seen, failed[0], failed[6], server.requests[-1].query_dict

    ours, theirs = run_both(observe)
    assert ours == theirs
    assert ours[:2] == (["file-1"], "APIResponseValidationError")
    assert ours[3]["after"] == "file-1"


def test_raw_and_streamed_responses_validate_on_parse(server: ScriptedServer) -> None:
    missing = {"id": "gpt-4o"}

    def observe(sdk: ModuleType) -> Any:
        server.reply(Reply.json(missing, headers={"x-request-id": "req_raw"}), Reply.json(missing))
        server.reply(Reply.json({"object": "list", "data": [missing]}))
        with strict_client(sdk, server) as client:
            raw = client.models.with_raw_response.retrieve("gpt-4o")  # the call itself passes
            parsed = outcome(raw.parse)
            as_dict = raw.parse(to=dict)
            with client.models.with_streaming_response.retrieve("gpt-4o") as response:
                streamed = outcome(response.parse)
            page = outcome(client.models.with_raw_response.list().parse)
        return raw.status_code, raw.request_id, parsed, as_dict, streamed, page[0], page[6]

    ours, theirs = run_both(observe)
    assert ours == theirs
    assert ours[:5] == (200, "req_raw", error_of(missing), missing, error_of(missing))
    assert ours[5:] == ("APIResponseValidationError", {"object": "list", "data": [missing]})


def sse(*payloads: object, events: tuple[str, ...] = ()) -> Reply:
    """An event stream of the JSON ``payloads`` (named ``events[i]`` where given), then [DONE]."""
    chunks = []
    for index, payload in enumerate(payloads):
        name = f"event: {events[index]}\n" if index < len(events) else ""
        chunks.append(f"{name}data: {json.dumps(payload)}\n\n")
    return Reply.sse([*chunks, "data: [DONE]\n\n"])


def test_each_event_of_a_stream_is_validated(server: ScriptedServer) -> None:
    bad_chunk = {"id": "c2", "choices": []}

    def observe(sdk: ModuleType) -> Any:
        seen: list[Any] = []
        with strict_client(sdk, server) as client:
            server.reply(sse(CHUNK, bad_chunk))

            def read_stream() -> None:
                stream = client.chat.completions.create(
                    model="gpt-4o", messages=MESSAGES, stream=True
                )
                seen.extend(chunk.id for chunk in stream)

            raw_events = outcome(read_stream)
            server.reply(sse(CHUNK, bad_chunk))

            def read_helper() -> None:
                with client.chat.completions.stream(model="gpt-4o", messages=MESSAGES) as stream:
                    seen.extend(event.type for event in stream)

            helper = outcome(read_helper)
        with strict_client(sdk, server, strict=False) as client:
            server.reply(sse(CHUNK, bad_chunk))
            stream = client.chat.completions.create(model="gpt-4o", messages=MESSAGES, stream=True)
            lenient = [chunk.id for chunk in stream]
        return seen, raw_events[:2] + raw_events[6:], helper[6], lenient

    ours, theirs = run_both(observe)
    assert ours == theirs
    assert ours[0] == ["c", "chunk", "content.delta"]
    assert ours[1] == (
        "APIResponseValidationError",
        "Data returned by API invalid for expected schema.",
        bad_chunk,
        "ValidationError",
    )
    assert ours[2:] == (bad_chunk, ["c", "c2"])


RESPONSE = {
    "id": "resp_1",
    "object": "response",
    "created_at": 1,
    "model": "gpt-4o",
    "output": [],
    "status": "in_progress",
    "parallel_tool_calls": True,
    "tool_choice": "auto",
    "tools": [],
    "error": None,
    "incomplete_details": None,
    "instructions": None,
    "metadata": {},
    "temperature": 1,
    "top_p": 1,
}


def test_the_responses_stream_helper_validates_each_event(server: ScriptedServer) -> None:
    created = {"type": "response.created", "sequence_number": 0, "response": RESPONSE}
    unnumbered = {"type": "response.in_progress", "response": RESPONSE}  # no sequence_number

    def observe(sdk: ModuleType) -> Any:
        def read(client: Any, seen: list[str]) -> None:
            with client.responses.stream(model="gpt-4o", input="x") as stream:
                seen.extend(event.type for event in stream)

        results = []
        for strict in (True, False):
            seen: list[str] = []
            server.reply(sse(created, unnumbered))
            with strict_client(sdk, server, strict) as client:
                got = outcome(lambda: read(client, seen))  # noqa: B023 (called at once)
            results.append((seen, got[0], got[6] if len(got) > 2 else None))
        return results

    ours, theirs = run_both(observe)
    assert ours == theirs
    assert ours[0] == (["response.created"], "APIResponseValidationError", unnumbered)
    assert ours[1] == (["response.created", "response.in_progress"], "returned", None)


def test_assistant_event_streams_are_validated(server: ScriptedServer) -> None:
    thread = {
        "id": "t",
        "object": "thread",
        "created_at": 1,
        "metadata": {},
        "tool_resources": None,
    }
    half_run = {"id": "r", "object": "thread.run"}

    def observe(sdk: ModuleType) -> Any:
        seen: list[str] = []
        server.reply(sse(thread, half_run, events=("thread.created", "thread.run.created")))
        with strict_client(sdk, server) as client, warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)

            def read() -> None:
                with client.beta.threads.create_and_run_stream(assistant_id="a") as stream:
                    seen.extend(event.event for event in stream)

            got = outcome(read)
        return seen, got[0], got[6]

    ours, theirs = run_both(observe)
    assert ours == theirs
    assert ours == (
        ["thread.created"],
        "APIResponseValidationError",
        {"data": half_run, "event": "thread.run.created"},
    )


def test_the_azure_clients_take_it(server: ScriptedServer) -> None:
    missing = {"id": "gpt-4o"}

    def observe(sdk: ModuleType) -> Any:
        server.reply(Reply.json(missing), Reply.json(missing))
        client = sdk.AzureOpenAI(
            api_key="azure-key",
            api_version="2024-10-21",
            azure_endpoint=server.url,
            max_retries=0,
            _strict_response_validation=True,
        )
        with client:
            strict = outcome(lambda: client.models.retrieve("gpt-4o"))
            lenient = client.copy().models.retrieve("gpt-4o").owned_by
        return strict[0], strict[6], lenient

    ours, theirs = run_both(observe)
    assert ours == theirs
    assert ours == ("APIResponseValidationError", missing, None)


async def async_outcome(call: Callable[[], Any]) -> Any:
    try:
        return ("returned", await call())
    except Exception as e:
        if type(e).__name__ != "APIResponseValidationError":
            raise
        return (type(e).__name__, str(e), e.status_code, e.body, type(e.__cause__).__name__)  # type: ignore[attr-defined]


@pytest.mark.anyio
async def test_async_clients_validate_the_same(server: ScriptedServer) -> None:
    missing = {"id": "gpt-4o"}
    bad_page = {"object": "list", "data": [missing]}

    async def observe(sdk: ModuleType) -> Any:
        client = sdk.AsyncOpenAI(
            api_key=API_KEY, base_url=server.url, max_retries=0, _strict_response_validation=True
        )
        async with client:
            server.reply(Reply.json(missing))
            plain = await async_outcome(lambda: client.models.retrieve("gpt-4o"))
            server.reply(Reply.json(MODEL))
            valid = model_view(await client.models.retrieve("gpt-4o"))
            server.reply(Reply.json(bad_page))
            page = await async_outcome(lambda: client.models.list())

            async def iterate() -> list[str]:
                server.reply(Reply.json(bad_page))
                return [model.id async for model in client.models.list()]

            iterated = await async_outcome(iterate)

            async def streamed_parse() -> Any:
                server.reply(Reply.json(missing))
                async with client.models.with_streaming_response.retrieve("gpt-4o") as response:
                    return await response.parse()

            streamed = await async_outcome(streamed_parse)
            seen: list[str] = []

            async def read_stream() -> None:
                server.reply(sse(CHUNK, {"id": "c2"}))
                stream = await client.chat.completions.create(
                    model="gpt-4o", messages=MESSAGES, stream=True
                )
                async for chunk in stream:
                    seen.append(chunk.id)

            stream = await async_outcome(read_stream)
            server.reply(Reply.json(missing))
            copied = await client.with_options(timeout=5).models.retrieve("gpt-4o")
        return plain, valid, page, iterated, streamed, (seen, stream), copied.owned_by

    ours, theirs = await arun_both(observe)
    assert ours == theirs
    error = (
        "APIResponseValidationError",
        "Data returned by API invalid for expected schema.",
        200,
        missing,
        "ValidationError",
    )
    assert ours[0] == error and ours[4] == error
    assert ours[1] == ("Model", MODEL, ["created", "id", "object", "owned_by"], {})
    assert ours[2][3] == bad_page and ours[3][3] == bad_page
    assert ours[5][0] == ["c"] and ours[5][1][3] == {"id": "c2"}
    assert ours[6] is None
