"""`client.idempotency_keys` in the config: whether the generated client puts an `Idempotency-Key`
on its non-GET calls (the engine's default) or sends none (the OpenAI client, as the official SDK)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from codegen.config import parse_config
from codegen.errors import GeneratorError
from tests.codegen import _gen
from tests.support.server import Reply, ScriptedServer

SPEC: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "notes", "version": "1"},
    "paths": {
        "/notes": {
            "post": {
                "operationId": "createNote",
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {"type": "object", "properties": {"t": {"type": "string"}}}
                        }
                    },
                },
                "responses": {"200": {"description": "ok"}},
            }
        }
    },
}


def _sent_key(tmp_path: Path, server: ScriptedServer, client: dict[str, Any]) -> str | None:
    config = {"client": client, "resources": {"notes": {"methods": {"create": "createNote"}}}}
    _result, package, out = _gen.generate(tmp_path, SPEC, config)
    module = _gen.load(out, package)
    try:
        server.reply(Reply.json({}))
        with module.Client(base_url=server.url) as made:
            made.notes.create(t="x")
    finally:
        _gen.unload(package, out)
    return server.requests[-1].headers.get("idempotency-key")


def test_by_default_each_call_has_a_key(tmp_path: Path, server: ScriptedServer) -> None:
    key = _sent_key(tmp_path, server, {})
    assert key is not None and key.startswith("retry-")


def test_false_sends_none(tmp_path: Path, server: ScriptedServer) -> None:
    assert _sent_key(tmp_path, server, {"idempotency_keys": False}) is None


def test_the_value_is_a_boolean() -> None:
    with pytest.raises(GeneratorError) as caught:
        parse_config({"client": {"idempotency_keys": "no"}})
    assert "client/idempotency_keys" in str(caught.value)
