"""Every operation in ``spec/openapi.yml`` is served, and its responses match the spec's schemas.

A scripted scenario calls each operation once (streams included) and checks the JSON bodies, the
chat chunks and the Assistants events against the response schemas of the repo's own spec.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.support.yaml_files import load_yaml_file
from typed_openai.testing import LocalOpenAIServer
from typed_openai.testing._app import App, ServerConfig
from typed_openai.testing._store import MemoryStore

from .conftest import HEADERS
from .schema_check import violations_in

SPEC_PATH = Path(__file__).resolve().parents[2] / "spec" / "openapi.yml"
SPEC: dict[str, Any] = load_yaml_file(SPEC_PATH)
METHODS = ("get", "post", "put", "patch", "delete")
OPERATIONS = {
    operation["operationId"]: (method.upper(), path, operation)
    for path, item in SPEC["paths"].items()
    for method, operation in item.items()
    if method in METHODS
}

# Where the spec (as upstream) disagrees with the live API, the server follows the live API:
# stored chat completion messages are the *request* messages, so their role is "user" etc.,
# while the schema reuses the assistant-message shape with ``role: const "assistant"``.
KNOWN_SPEC_QUIRKS = {
    ("getChatCompletionMessages", "$.data[0].role: 'user' != const 'assistant'"),
}


def _schema_ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _problems(value: Any, schema: Any) -> list[str]:
    return violations_in(value, schema, SPEC)


def _route_of(method: str, template: str) -> Any:
    path, _, query = template.partition("?")
    concrete = re.sub(r"\{(\w+)\}", lambda m: f"x_{m.group(1)}", path)
    params = dict(part.split("=", 1) for part in query.split("&") if part)
    return ROUTER.match(method, concrete, params)


ROUTER = App(ServerConfig(), MemoryStore()).router
# the endpoint modules this scenario exercises; uploads, media and /responses have test files
# of their own, every other operation is checked by test_every_operation
SCENARIO_MODULES = ("_chat", "_files", "_models", "_assistants", "_runs", "_vector_stores")
HAND_WRITTEN = {
    operation_id
    for operation_id, (method, path, _) in OPERATIONS.items()
    if _route_of(method, path)[0].handler.__module__.rsplit(".", 1)[-1] in SCENARIO_MODULES
}


def test_every_spec_operation_has_a_route() -> None:
    missing = []
    for operation_id, (method, path, _) in OPERATIONS.items():
        matched = _route_of(method, path)
        if matched is None or matched[0].template != path:
            missing.append(f"{operation_id}: {method} {path}")
    assert missing == []


class _Recorder:
    """Calls operations by id and checks each JSON response against the spec."""

    def __init__(self, client: httpx.Client, server: LocalOpenAIServer) -> None:
        self.client = client
        self.server = server
        self.called: set[str] = set()
        self.problems: list[str] = []

    def call(self, operation_id: str, *, stream: bool = False, **kwargs: Any) -> Any:
        method, template, operation = OPERATIONS[operation_id]
        path_values = kwargs.pop("path", {})
        path = template.format(**path_values)
        response = self.client.request(method, path, **kwargs)
        assert response.status_code == 200, (operation_id, response.text)
        self.called.add(operation_id)
        content = operation["responses"]["200"].get("content", {})
        if stream:
            return response
        if "application/json" not in content:
            return response
        body = response.json()
        for problem in _problems(body, content["application/json"]["schema"]):
            if (operation_id, problem) not in KNOWN_SPEC_QUIRKS:
                self.problems.append(f"{operation_id}: {problem}")
        return body


@pytest.fixture
def recorder() -> Iterator[_Recorder]:
    with (
        LocalOpenAIServer(step_seconds=60) as server,
        httpx.Client(base_url=server.base_url, headers=HEADERS) as client,
    ):
        yield _Recorder(client, server)


def _chat_chunks(response: httpx.Response) -> list[Any]:
    return [
        json.loads(block[6:])
        for block in response.text.split("\n\n")
        if block.startswith("data: ") and block != "data: [DONE]"
    ]


def _assistant_events(response: httpx.Response) -> list[dict[str, Any]]:
    events = []
    for block in response.text.split("\n\n"):
        if block.strip():
            event_line, data_line = block.split("\n")
            name, data = event_line[7:], data_line[6:]
            events.append({"event": name, "data": data if name == "done" else json.loads(data)})
    return events


def test_responses_match_spec_schemas(recorder: _Recorder) -> None:
    call = recorder.call
    tool = {
        "type": "function",
        "function": {
            "name": "lookup",
            "parameters": {
                "type": "object",
                "properties": {"id": {"type": "integer"}},
                "required": ["id"],
                "additionalProperties": False,
            },
            "strict": True,
        },
    }
    messages = [{"role": "user", "content": "hello"}]

    # chat
    completion = call(
        "createChatCompletion",
        json={"model": "gpt-4o", "messages": messages, "store": True, "logprobs": True},
    )
    call(
        "createChatCompletion",
        json={"model": "gpt-4o", "messages": messages, "tools": [tool], "tool_choice": "required"},
    )
    for body in (
        {
            "model": "gpt-4o",
            "messages": messages,
            "stream": True,
            "stream_options": {"include_usage": True},
            "logprobs": True,
        },
        {
            "model": "gpt-4o",
            "messages": messages,
            "stream": True,
            "tools": [tool],
            "tool_choice": "required",
        },
    ):
        for chunk in _chat_chunks(call("createChatCompletion", stream=True, json=body)):
            recorder.problems += [
                f"chunk: {p}"
                for p in _problems(chunk, _schema_ref("CreateChatCompletionStreamResponse"))
            ]
    call("listChatCompletions")
    call("getChatCompletion", path={"completion_id": completion["id"]})
    call("getChatCompletionMessages", path={"completion_id": completion["id"]})
    call(
        "updateChatCompletion",
        path={"completion_id": completion["id"]},
        json={"metadata": {"a": "b"}},
    )
    call("deleteChatCompletion", path={"completion_id": completion["id"]})

    # files and models
    file = call(
        "createFile", files={"file": ("a.txt", b"alpha beta gamma")}, data={"purpose": "assistants"}
    )
    call("listFiles")
    call("retrieveFile", path={"file_id": file["id"]})
    call("downloadFile", path={"file_id": file["id"]})
    call("listModels")
    call("retrieveModel", path={"model": "gpt-4o"})
    call("deleteModel", path={"model": "ft:gpt-4o:acme:custom:abc123"})
    call("createEmbedding", json={"model": "text-embedding-3-small", "input": ["a", "b"]})

    # assistants, threads, messages
    assistant = call(
        "createAssistant",
        json={
            "model": "gpt-4o",
            "tools": [{"type": "file_search"}, {"type": "code_interpreter"}, tool],
        },
    )
    call("listAssistants")
    call("getAssistant", path={"assistant_id": assistant["id"]})
    call("modifyAssistant", path={"assistant_id": assistant["id"]}, json={"name": "n"})
    thread = call("createThread", json={"messages": messages})
    call("getThread", path={"thread_id": thread["id"]})
    call("modifyThread", path={"thread_id": thread["id"]}, json={"metadata": {"k": "v"}})
    message = call(
        "createMessage", path={"thread_id": thread["id"]}, json={"role": "user", "content": "more"}
    )
    call("getMessage", path={"thread_id": thread["id"], "message_id": message["id"]})
    call(
        "modifyMessage",
        path={"thread_id": thread["id"], "message_id": message["id"]},
        json={"metadata": {}},
    )

    # runs: streamed with a code step and a function call, resumed by a streamed submission
    ids = {"thread_id": thread["id"]}
    events = _assistant_events(
        call(
            "createRun",
            stream=True,
            path=ids,
            json={"assistant_id": assistant["id"], "stream": True},
        )
    )
    run = next(e["data"] for e in events if e["event"] == "thread.run.requires_action")
    call_id = run["required_action"]["submit_tool_outputs"]["tool_calls"][0]["id"]
    run_ids = {**ids, "run_id": run["id"]}
    call("getRun", path=run_ids)
    events += _assistant_events(
        call(
            "submitToolOuputsToRun",
            stream=True,
            path=run_ids,
            json={"stream": True, "tool_outputs": [{"tool_call_id": call_id, "output": "ok"}]},
        )
    )
    created_and_run = call(
        "createThreadAndRun",
        stream=True,
        json={"assistant_id": assistant["id"], "stream": True, "thread": {"messages": messages}},
    )
    events += _assistant_events(created_and_run)
    for event in events:
        recorder.problems += [
            f"{event['event']}: {p}" for p in _problems(event, _schema_ref("AssistantStreamEvent"))
        ]
    assert {e["event"] for e in events} >= {
        "thread.created",
        "thread.run.step.delta",
        "thread.message.delta",
        "thread.run.requires_action",
        "thread.run.completed",
        "done",
    }
    call("listRuns", path=ids)
    call("modifyRun", path=run_ids, json={"metadata": {"x": "y"}})
    steps = call("listRunSteps", path=run_ids)
    call("getRunStep", path={**run_ids, "step_id": steps["data"][0]["id"]})
    call("createRun", path=ids, json={"assistant_id": assistant["id"], "tools": []})
    recorder.server.advance_clock(120)  # the queued run completes
    cancellable = call("createThreadAndRun", json={"assistant_id": assistant["id"]})
    call("cancelRun", path={"thread_id": cancellable["thread_id"], "run_id": cancellable["id"]})
    call("listMessages", path=ids)

    # vector stores
    store = call("createVectorStore", json={"name": "s", "file_ids": [file["id"]]})
    vs_ids = {"vector_store_id": store["id"]}
    call("listVectorStores")
    call("getVectorStore", path=vs_ids)
    call("modifyVectorStore", path=vs_ids, json={"name": "t"})
    second = call(
        "createFile", files={"file": ("b.txt", b"delta epsilon")}, data={"purpose": "assistants"}
    )
    call(
        "createVectorStoreFile", path=vs_ids, json={"file_id": second["id"], "attributes": {"k": 1}}
    )
    call("listVectorStoreFiles", path=vs_ids)
    file_ids = {**vs_ids, "file_id": second["id"]}
    call("getVectorStoreFile", path=file_ids)
    call("updateVectorStoreFileAttributes", path=file_ids, json={"attributes": {"k": "v"}})
    call("retrieveVectorStoreFileContent", path=file_ids)
    recorder.server.advance_clock(60)  # the files are processed
    call("searchVectorStore", path=vs_ids, json={"query": "alpha"})
    third = call("createFile", files={"file": ("c.txt", b"zeta")}, data={"purpose": "assistants"})
    batch = call("createVectorStoreFileBatch", path=vs_ids, json={"file_ids": [third["id"]]})
    batch_ids = {**vs_ids, "batch_id": batch["id"]}
    call("getVectorStoreFileBatch", path=batch_ids)
    call("listFilesInVectorStoreBatch", path=batch_ids)
    fourth = call("createFile", files={"file": ("d.txt", b"eta")}, data={"purpose": "assistants"})
    pending = call("createVectorStoreFileBatch", path=vs_ids, json={"file_ids": [fourth["id"]]})
    call("cancelVectorStoreFileBatch", path={**vs_ids, "batch_id": pending["id"]})
    call("deleteVectorStoreFile", path=file_ids)
    call("deleteVectorStore", path=vs_ids)

    # responses: plain, structured with a strict function tool, background (cancelled), input items
    response = call("createResponse", json={"model": "gpt-4o", "input": "hello"})
    weather = {
        "type": "json_schema",
        "name": "Weather",
        "strict": True,
        "schema": {
            "type": "object",
            "properties": {"city": {"type": "string"}},
            "required": ["city"],
            "additionalProperties": False,
        },
    }
    call(
        "createResponse",
        json={
            "model": "gpt-4o",
            "input": [{"role": "user", "content": "call lookup"}],
            "text": {"format": weather},
            "reasoning": {"summary": "auto"},
            "tools": [
                {
                    "type": "function",
                    "name": "lookup",
                    "parameters": weather["schema"],
                    "strict": True,
                }
            ],
        },
    )
    background = call(
        "createResponse",
        json={"model": "gpt-4o", "input": "a long story " * 20, "background": True},
    )
    call("cancelResponse", path={"response_id": background["id"]})
    call("getResponse", path={"response_id": response["id"]})
    call("listInputItems", path={"response_id": response["id"]})
    call("deleteResponse", path={"response_id": response["id"]})

    # deletions last
    call("deleteMessage", path={"thread_id": thread["id"], "message_id": message["id"]})
    call("deleteThread", path=ids)
    call("deleteAssistant", path={"assistant_id": assistant["id"]})
    call("deleteFile", path={"file_id": file["id"]})

    assert recorder.problems == [], "\n".join(recorder.problems)
    # the operations answered from the schemas are checked by test_every_operation
    assert set(HAND_WRITTEN) - recorder.called == set()


@pytest.mark.parametrize(
    ("value", "schema"),
    [
        ({"event": "thread.run.created", "data": {"id": "run_1"}}, "AssistantStreamEvent"),
        ({"event": "thread.run.bogus", "data": {}}, "AssistantStreamEvent"),
        (
            {"id": "x", "object": "chat.completion.chunk", "choices": []},
            "CreateChatCompletionStreamResponse",
        ),
        (
            {
                "id": "file_1",
                "object": "file",
                "bytes": 1,
                "created_at": 1,
                "filename": "a",
                "purpose": "nope",
                "status": "processed",
            },
            "OpenAIFile",
        ),
    ],
)
def test_conformance_check_is_not_vacuous(value: Any, schema: str) -> None:
    assert _problems(value, _schema_ref(schema)) != []
