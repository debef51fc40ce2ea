"""``fine_tuning.checkpoints.permissions.retrieve``: the official SDK's deprecated older name for
``list``, run side by side with the SDK (the oracle) against the same loopback server."""

from __future__ import annotations

import warnings
from typing import Any

import openai
import pytest

import typed_openai
from tests.support.server import Reply, ScriptedServer
from typed_openai.types.fine_tuning.checkpoints import PermissionRetrieveResponse

LIST = {
    "object": "list",
    "data": [
        {
            "id": "cp_1",
            "object": "checkpoint.permission",
            "created_at": 1,
            "project_id": "proj_1",
        }
    ],
    "has_more": False,
    "first_id": "cp_1",
    "last_id": "cp_1",
}
CHECKPOINT = "ft:gpt-4o-mini:org:custom:ckpt-1"


def _clients(kind: str, url: str) -> list[Any]:
    """The SDK's client, then ours."""
    if kind == "sync":
        return [
            openai.OpenAI(api_key="k", base_url=url, max_retries=0),
            typed_openai.OpenAI(api_key="k", base_url=url, max_retries=0),
        ]
    return [
        openai.AsyncOpenAI(api_key="k", base_url=url, max_retries=0),
        typed_openai.AsyncOpenAI(api_key="k", base_url=url, max_retries=0),
    ]


def test_the_same_request_and_answer_as_the_sdk(server: ScriptedServer) -> None:
    server.default = Reply.json(LIST)
    seen: list[tuple[str, str, dict[str, str]]] = []
    for client in _clients("sync", server.url):
        with client, pytest.warns(DeprecationWarning, match=r"list\b"):
            answer = client.fine_tuning.checkpoints.permissions.retrieve(
                CHECKPOINT, after="cp_0", limit=5, order="ascending", project_id="proj_1"
            )
        request = server.requests[-1]
        seen.append((request.method, request.target.split("?")[0], request.query_dict))
        assert answer.data[0].project_id == "proj_1" and answer.has_more is False
        assert answer.model_dump() == LIST
    assert seen[0] == seen[1]
    assert seen[1][:2] == ("GET", f"/fine_tuning/checkpoints/{CHECKPOINT}/permissions")
    query = seen[1][2]
    assert query == {"after": "cp_0", "limit": "5", "order": "ascending", "project_id": "proj_1"}


def test_the_answer_is_the_list_object_not_a_page(server: ScriptedServer) -> None:
    server.default = Reply.json(LIST)
    with typed_openai.OpenAI(api_key="k", base_url=server.url, max_retries=0) as client:
        with pytest.warns(DeprecationWarning):
            answer = client.fine_tuning.checkpoints.permissions.retrieve(CHECKPOINT)
        assert isinstance(answer, PermissionRetrieveResponse)  # the SDK's name for the type
        assert server.requests[-1].query_dict == {}  # nothing given, nothing sent


def test_raw_response_and_the_empty_id(server: ScriptedServer) -> None:
    for client in _clients("sync", server.url):
        server.reply(Reply.json(LIST, headers={"x-request-id": "req_9"}))
        with client, pytest.warns(DeprecationWarning):
            raw = client.fine_tuning.checkpoints.permissions.with_raw_response.retrieve(CHECKPOINT)
            assert raw.headers["x-request-id"] == "req_9"
            assert raw.parse().data[0].id == "cp_1"
            with pytest.raises(ValueError, match="fine_tuned_model_checkpoint"):
                client.fine_tuning.checkpoints.permissions.retrieve("")


@pytest.mark.anyio
async def test_async(server: ScriptedServer) -> None:
    server.default = Reply.json(LIST)
    answers = []
    for client in _clients("async", server.url):
        async with client:
            with pytest.warns(DeprecationWarning):
                answers.append(
                    await client.fine_tuning.checkpoints.permissions.retrieve(CHECKPOINT, limit=1)
                )
    assert [a.model_dump() for a in answers] == [LIST, LIST]
    assert server.requests[0].target == server.requests[1].target


def test_list_is_not_deprecated(server: ScriptedServer) -> None:
    server.default = Reply.json(LIST)
    with typed_openai.OpenAI(api_key="k", base_url=server.url, max_retries=0) as client:
        with warnings.catch_warnings():
            warnings.simplefilter("error", DeprecationWarning)
            page = client.fine_tuning.checkpoints.permissions.list(CHECKPOINT)
        assert [p.id for p in page.data] == ["cp_1"]
