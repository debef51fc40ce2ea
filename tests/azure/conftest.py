"""Azure OpenAI clients, run side by side with the official SDK's (the oracle) over loopback
servers: ``run_both`` (from tests/drop_in) runs the same code with ``typed_openai`` and ``openai``.

``azure_server`` is a ``ScriptedServer`` answering every call with a small valid body for its path,
so a test can record what each client sent (method, path, query, credential headers)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.support.server import RecordedRequest, Reply, ScriptedServer

CHAT = {
    "id": "chatcmpl-1",
    "object": "chat.completion",
    "created": 1,
    "model": "gpt-4o",
    "choices": [
        {
            "index": 0,
            "finish_reason": "stop",
            "logprobs": None,
            "message": {"role": "assistant", "content": "hello", "refusal": None},
        }
    ],
}
COMPLETION = {
    "id": "cmpl-1",
    "object": "text_completion",
    "created": 1,
    "model": "gpt-35",
    "choices": [{"index": 0, "text": "hi", "finish_reason": "stop", "logprobs": None}],
}
EMBEDDINGS = {
    "object": "list",
    "model": "emb",
    "data": [{"object": "embedding", "index": 0, "embedding": [0.5, 0.25]}],
    "usage": {"prompt_tokens": 1, "total_tokens": 1},
}
MODEL = {"id": "gpt-4o", "object": "model", "created": 1, "owned_by": "system"}
MODELS = {"object": "list", "data": [MODEL]}
FILE = {
    "id": "file-1",
    "object": "file",
    "bytes": 1,
    "created_at": 1,
    "filename": "a.txt",
    "purpose": "assistants",
    "status": "processed",
}
FILES = {"object": "list", "data": [{**FILE, "id": "file-2"}], "has_more": False}
IMAGES = {"created": 1, "data": [{"b64_json": "aGk="}]}
TRANSCRIPTION = {"text": "hello there"}
RESPONSE_BODIES = {
    "/chat/completions": CHAT,
    "/completions": COMPLETION,
    "/embeddings": EMBEDDINGS,
    "/models": MODELS,
    "/files": FILES,
    "/images/generations": IMAGES,
    "/images/edits": IMAGES,
    "/audio/transcriptions": TRANSCRIPTION,
    "/audio/translations": TRANSCRIPTION,
}
ENV = (
    "AZURE_OPENAI_API_KEY",
    "AZURE_OPENAI_AD_TOKEN",
    "AZURE_OPENAI_ENDPOINT",
    "OPENAI_API_VERSION",
    "OPENAI_API_TYPE",
    "OPENAI_API_KEY",
    "OPENAI_BASE_URL",
    "OPENAI_ORG_ID",
    "OPENAI_PROJECT_ID",
    "OPENAI_WEBHOOK_SECRET",
    "OPENAI_ADMIN_KEY",
    "OPENAI_LOG",
)


CHUNK = (
    'data: {"id":"chunk-1","object":"chat.completion.chunk","created":1,"model":"m","choices":[]}'
    "\n\n"
)


def _answer(request: RecordedRequest) -> Reply:
    if b'"stream":true' in request.body.replace(b" ", b""):
        return Reply.sse([CHUNK, "data: [DONE]\n\n"])
    if b'"json_schema"' in request.body:  # structured outputs: an answer in the schema's shape
        message = {"role": "assistant", "content": '{"answer": "hi"}', "refusal": None}
        return Reply.json({**CHAT, "choices": [{**CHAT["choices"][0], "message": message}]})
    if request.path.endswith("/files") and request.query_dict.get("after") is None:
        return Reply.json({"object": "list", "data": [FILE], "has_more": True})
    if request.path.endswith("/audio/speech"):
        return Reply.raw(b"RIFF-audio", content_type="audio/mpeg")
    for suffix, body in RESPONSE_BODIES.items():
        if request.path.endswith(suffix):
            return Reply.json(body)
    if "/models/" in request.path:
        return Reply.json(MODEL)
    return Reply.json({"ok": True, "path": request.path})


@pytest.fixture
def azure_server() -> Iterator[ScriptedServer]:
    with ScriptedServer() as server:
        server.default = Reply.dynamic(_answer)
        yield server


@pytest.fixture(autouse=True)
def _no_openai_or_azure_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Both SDKs read the same variables: none may leak in from the machine."""
    for name in ENV:
        monkeypatch.delenv(name, raising=False)


def seen(request: RecordedRequest) -> dict[str, Any]:
    """What a client sent that the Azure layout decides: method, path, query, credentials."""
    return {
        "method": request.method,
        "path": request.path,
        "query": sorted(request.query),
        "auth": {
            name: request.headers[name]
            for name in ("api-key", "authorization")
            if name in request.headers
        },
    }


def sent_since(server: ScriptedServer, count: int) -> list[dict[str, Any]]:
    return [seen(request) for request in server.requests[count:]]
