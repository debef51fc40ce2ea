"""Runtime fidelity: what a received object exposes at run time is what the official SDK's does,
each a program run against both packages over a scripted loopback server (issue 15)."""

from __future__ import annotations

import json
import socket
import warnings
from types import ModuleType
from typing import Any

import pytest
from pydantic import BaseModel

from tests.support.server import Reply, ScriptedServer

from .conftest import API_KEY, arun_both, run_both
from .programs import registry
from .real_world_d import arun, run
from .test_real_world_apps import (
    chat_chunk,
    chat_completion,
    output_message,
    response_events,
    response_object,
    sse,
)

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


@program
def moderation_categories_as_dicts(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    names = [
        "harassment",
        "harassment/threatening",
        "hate",
        "hate/threatening",
        "illicit",
        "illicit/violent",
        "self-harm",
        "self-harm/instructions",
        "self-harm/intent",
        "sexual",
        "sexual/minors",
        "violence",
        "violence/graphic",
    ]
    server.reply(
        Reply.json(
            {
                "id": "modr-1",
                "model": "omni-moderation-latest",
                "results": [
                    {
                        "flagged": True,
                        "categories": {name: name == "self-harm" for name in names},
                        "category_scores": {
                            name: 0.5 if name == "self-harm" else 0.01 for name in names
                        },
                        "category_applied_input_types": {name: ["text"] for name in names},
                    }
                ],
            }
        )
    )
    response = client.moderations.create(
        model="omni-moderation-latest",
        input=[
            {"type": "text", "text": "some text"},
            {"type": "image_url", "image_url": {"url": "https://example.com/a.png"}},
        ],
    )
    result = response.results[0]
    flagged = [name for name, value in result.categories if value]
    scores = dict(result.category_scores)
    return (
        result.flagged,
        flagged,
        sorted(scores)[:3],
        result.categories.self_harm,
        result.category_scores.model_dump()["self_harm"],
        result.category_scores.model_dump(by_alias=True)["self-harm"],
        sorted(result.categories.to_dict())[:4],
        response.model_dump_json(indent=2).count("\n") > 10,
        result.category_applied_input_types.self_harm,
    )


def _moderation(flagged: str) -> dict[str, Any]:
    names = ["harassment", "hate", "self-harm", "self-harm/intent", "sexual/minors", "violence"]
    return {
        "id": "modr-2",
        "model": "omni-moderation-latest",
        "results": [
            {
                "flagged": True,
                "categories": {name: name == flagged for name in names},
                "category_scores": {name: 0.25 for name in names},
                "category_applied_input_types": {name: ["text"] for name in names},
            }
        ],
    }


@program
def api_named_keys_kept_as_extras(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """An answer holds each aliased field's API name beside the field, in every view of it."""
    server.reply(Reply.json(_moderation("sexual/minors")))
    categories = client.moderations.create(input="text").results[0].categories
    return (
        categories.model_extra,
        getattr(categories, "sexual/minors"),
        categories.model_dump(),
        categories.model_dump(by_alias=True),
        categories.to_dict(),
        json.loads(categories.to_json()),
        categories.to_json(indent=None).count('"self-harm"'),
        list(categories),
        repr(categories).replace("typed_openai", "openai"),
        categories.model_fields_set,
    )


@program
def api_named_keys_of_a_lenient_answer(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """An answer that does not validate (a category the client types as bool came as null) is
    built leniently: it keeps the API names as extras all the same, in the order they came."""
    body = _moderation("self-harm")
    body["results"][0]["categories"]["hate"] = None
    body["results"][0]["categories"]["brand-new/kind"] = True
    server.reply(Reply.json(body))
    categories = client.moderations.create(input="text").results[0].categories
    return categories.model_extra, list(categories.model_extra), categories.hate


@program
def api_named_keys_of_models_built_by_the_user(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    """``construct`` keeps them as the answers do; a validated model the user builds does not."""
    categories = openai.types.moderation.Categories
    data = _moderation("hate")["results"][0]["categories"]
    constructed = categories.construct(**data, unknown=1)
    full = {
        **data,
        "harassment/threatening": False,
        "hate/threatening": False,
        "self-harm/instructions": False,
        "sexual": False,
        "violence/graphic": False,
    }
    validated = categories.model_validate(full)
    built = categories(**full)
    return (
        constructed.model_extra,
        constructed.self_harm,
        validated.model_extra,
        built.model_extra,
        validated == built,
    )


@program
def api_named_dict_field_kept(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A dict-valued aliased field (an eval's data source ``schema``) is kept under ``schema``."""
    schema = {"type": "object", "properties": {"item": {"type": "string"}}}
    server.reply(
        Reply.json(
            {
                "id": "eval_1",
                "object": "eval",
                "name": "e",
                "created_at": 1,
                "metadata": None,
                "testing_criteria": [],
                "data_source_config": {"type": "custom", "schema": schema},
            }
        )
    )
    config = client.evals.retrieve("eval_1").data_source_config
    return config.model_extra, config.schema_, config.to_dict()


@program
def api_named_model_field_in_a_page(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Page items keep their aliased keys too; a model-valued one is kept as the data it came as."""
    admin = openai.OpenAI(admin_api_key="sk-admin-1", base_url=server.url + "/v1", max_retries=0)
    entry = {
        "id": "audit_1",
        "type": "api_key.created",
        "effective_at": 1730000000,
        "actor": {"type": "api_key", "api_key": {"id": "key_0", "type": "user"}},
        "api_key.created": {"id": "key_1", "data": {"scopes": ["/v1/models"]}},
        "project": {"id": "proj_1", "name": "p"},
    }
    server.reply(
        Reply.json({"object": "list", "data": [entry], "first_id": "audit_1", "has_more": False})
    )
    logs = list(admin.admin.organization.audit_logs.list())
    admin.close()
    log = logs[0]
    return (
        log.model_extra,
        log.api_key_created.id,
        log.to_dict()["api_key.created"],
        log.model_dump()["api_key.created"],
    )


def _file(index: int) -> dict[str, Any]:
    return {
        "id": f"file-{index}",
        "object": "file",
        "bytes": 1,
        "created_at": 1,
        "filename": "a.jsonl",
        "purpose": "assistants",
        "status": "processed",
    }


@program
def page_class_names(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """A page's class is named as the SDK's parametrized page model (`SyncCursorPage[FileObject]`)
    and is still an instance of the page class; so are the pages after it."""
    server.reply(
        Reply.json({"object": "list", "data": [_file(1)], "has_more": True}),
        Reply.json({"object": "list", "data": [_file(2)], "has_more": False}),
        Reply.json({"object": "list", "data": [{"id": "m", "object": "model", "created": 1}]}),
        Reply.json({"object": "list", "data": [], "has_more": False, "last_id": None}),
    )
    files = client.files.list()
    following = files.get_next_page()
    models = client.models.list()
    items = client.conversations.items.list("conv_1")
    pagination = openai.pagination
    return (
        [type(page).__name__ for page in (files, following, models)],
        [repr(page).split("(")[0] for page in (files, following, models)],
        # (the item union of a conversation page is named differently: its members and pydantic
        # metadata differ, not the page)
        type(items).__name__.split("[")[0],
        isinstance(files, pagination.SyncCursorPage),
        isinstance(following, pagination.SyncCursorPage),
        isinstance(models, pagination.SyncPage),
        isinstance(items, pagination.SyncConversationCursorPage),
        type(files).__qualname__,
    )


@async_program
async def async_page_class_names(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.reply(
        Reply.json({"object": "list", "data": [_file(1)], "has_more": True}),
        Reply.json({"object": "list", "data": [_file(2)], "has_more": False}),
    )
    files = await client.files.list()
    following = await files.get_next_page()
    return (
        [type(page).__name__ for page in (files, following)],
        isinstance(files, openai.pagination.AsyncCursorPage),
        isinstance(following, openai.pagination.AsyncCursorPage),
    )


@program
def cursor_page_items_without_ids(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    """Items that come without an ``id`` end a cursor page's paging, though ``has_more`` and a
    ``last_id`` say more: the SDK's cursor is the last item's id only."""
    item = {"object": "file", "filename": "a.jsonl", "bytes": 1, "created_at": 1}
    server.reply(
        Reply.json({"object": "list", "data": [item], "has_more": True, "last_id": "file-9"}),
        Reply.json({"object": "list", "data": [_file(10)], "has_more": False}),
    )
    page = client.files.list()
    info = page.next_page_info()
    return (
        page.has_next_page(),
        None if info is None else info.params,
        [file.filename for file in page],
        len(server.requests),
    )


@async_program
async def async_cursor_page_items_without_ids(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    item = {"object": "file", "filename": "a.jsonl", "bytes": 1, "created_at": 1}
    server.reply(
        Reply.json({"object": "list", "data": [item], "has_more": True, "last_id": "file-9"}),
        Reply.json({"object": "list", "data": [_file(10)], "has_more": False}),
    )
    names = [file.filename async for file in client.files.list()]
    return names, len(server.requests)


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_program(name: str) -> None:
    ours, theirs = run(PROGRAMS[name])
    assert ours[1] == theirs[1]  # the requests sent
    assert ours[0] == theirs[0]  # what the program observed


@pytest.mark.anyio
@pytest.mark.parametrize("name", sorted(ASYNC_PROGRAMS))
async def test_async_program(name: str) -> None:
    ours, theirs = await arun(ASYNC_PROGRAMS[name])
    assert ours[1] == theirs[1]
    assert ours[0] == theirs[0]


class Answer(BaseModel):
    value: int


def _class_names(result: Any) -> list[str]:
    names = [type(result).__name__]
    for choice in getattr(result, "choices", []):
        names += [type(choice).__name__, type(choice.message).__name__]
        names += [type(call).__name__ for call in choice.message.tool_calls or []]
    for item in getattr(result, "output", []):
        names.append(type(item).__name__)
        names += [type(part).__name__ for part in getattr(item, "content", None) or []]
    return names


@pytest.mark.anyio
async def test_parsed_results_have_the_sdk_class_names() -> None:
    """The SDK builds every parsed chat completion from its generic classes parametrized by the
    type variable ('ParsedChatCompletion[~ResponseFormatT]', with a response_format or not), and
    a parsed response from the unparametrized ones ('ParsedResponse'), stream events too."""
    content = '{"value": 42}'
    chunks = [chat_chunk({"role": "assistant", "content": content}), chat_chunk({}, "stop")]
    call = {"id": "c1", "type": "function", "function": {"name": "answer", "arguments": content}}
    message = output_message(content)

    async def run(openai: ModuleType) -> Any:
        names: dict[str, Any] = {}
        with warnings.catch_warnings(record=True) as caught, ScriptedServer() as server:
            warnings.simplefilter("always")
            server.reply(
                sse(chunks),
                Reply.json(chat_completion({"role": "assistant", "content": content})),
                Reply.json(chat_completion({"role": "assistant", "content": "plain"})),
                Reply.json(chat_completion({"role": "assistant", "tool_calls": [call]})),
                Reply.json(response_object([message])),
                sse(response_events(response_object([message]), message)),
                Reply.json(response_object([output_message("plain")])),
            )
            async with openai.AsyncOpenAI(
                api_key=API_KEY, base_url=server.url + "/v1", max_retries=0
            ) as client:
                async with client.chat.completions.stream(
                    model="gpt-4o", messages=[], response_format=Answer
                ) as chat:
                    names["chat stream"] = _class_names(await chat.get_final_completion())
                chat_parse = client.chat.completions.parse
                completion = await chat_parse(model="gpt-4o", messages=[], response_format=Answer)
                names["chat parse"] = _class_names(completion)
                names["chat parsed"] = completion.choices[0].message.parsed
                names["chat plain"] = _class_names(await chat_parse(model="gpt-4o", messages=[]))
                tool = openai.pydantic_function_tool(Answer, name="answer")
                with_tools = await chat_parse(model="gpt-4o", messages=[], tools=[tool])
                names["chat tools"] = _class_names(with_tools)
                response = await client.responses.parse(model="m", input="x", text_format=Answer)
                names["responses parse"] = _class_names(response)
                names["responses parsed"] = response.output_parsed
                async with client.responses.stream(
                    model="m", input="x", text_format=Answer
                ) as stream:
                    events = [type(event).__name__ async for event in stream]
                    final = await stream.get_final_response()
                names["responses events"] = sorted(set(events))
                names["responses stream"] = _class_names(final)
                plain = await client.responses.parse(model="m", input="x")
                names["responses plain"] = _class_names(plain)
            completion.to_dict()  # typed_openai warns on neither
            final.to_json()
        return names, [str(warning.message) for warning in caught]

    (ours, our_warnings), (theirs, _) = await arun_both(run)
    assert ours["chat parse"][0] == "ParsedChatCompletion[~ResponseFormatT]"
    assert our_warnings == []  # the SDK warns when it serializes a parsed model; we do not
    assert ours == theirs


def _unused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.anyio
async def test_aiohttp_refused_and_dropped_connections(server: ScriptedServer) -> None:
    """With ``DefaultAioHttpClient`` a refused connection and one closed before any response are
    ``APITimeoutError('Request timed out.')`` (an ``APIConnectionError``), as the SDK's aiohttp
    client maps every aiohttp connection failure to a connect timeout."""

    async def run(openai: ModuleType) -> Any:
        server.default = Reply.drop()
        outcomes = []
        for base_url in (f"http://127.0.0.1:{_unused_port()}/v1", server.url + "/v1"):
            async with openai.AsyncOpenAI(
                api_key=API_KEY,
                base_url=base_url,
                http_client=openai.DefaultAioHttpClient(),
                max_retries=0,
            ) as aio:
                try:
                    await aio.models.list()
                    outcomes.append("connected")
                except openai.APIConnectionError as exc:
                    outcomes.append(
                        (type(exc).__name__, str(exc), isinstance(exc, openai.APITimeoutError))
                    )
        return outcomes

    ours, theirs = await arun_both(run)
    assert ours == theirs


def test_azure_auth_headers(monkeypatch: pytest.MonkeyPatch) -> None:
    """``auth_headers`` of an Azure client: the fixed Entra ID token as a bearer header (from the
    argument or the environment), the key in ``api-key``, nothing for a token provider (asked per
    request), as the SDK's; a key assigned later does not replace the token."""
    monkeypatch.delenv("AZURE_OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("AZURE_OPENAI_AD_TOKEN", raising=False)
    place = {"api_version": "2024-10-21", "azure_endpoint": "https://example-resource.azure.com"}

    def shown(openai: ModuleType) -> Any:
        async def token() -> str:
            return "async-token"

        with_token = openai.AzureOpenAI(**place, azure_ad_token="token-1")
        results = [
            openai.AzureOpenAI(**place, api_key="key-1").auth_headers,
            with_token.auth_headers,
            openai.AzureOpenAI(**place, azure_ad_token_provider=lambda: "token-2").auth_headers,
            openai.AsyncAzureOpenAI(**place, azure_ad_token="token-3").auth_headers,
            openai.AsyncAzureOpenAI(**place, azure_ad_token_provider=token).auth_headers,
            with_token.copy(azure_ad_token="token-4").auth_headers,
            with_token.with_options(timeout=5).auth_headers,
        ]
        with_token.api_key = "key-2"
        results.append(with_token.auth_headers)
        monkeypatch.setenv("AZURE_OPENAI_AD_TOKEN", "token-env")
        results.append(openai.AzureOpenAI(**place).auth_headers)
        monkeypatch.delenv("AZURE_OPENAI_AD_TOKEN")
        return results

    ours, theirs = run_both(shown)
    assert ours[1] == {"Authorization": "Bearer token-1"}
    assert ours == theirs
