"""Hostile specs: text from the spec can never break or inject code into the output."""

from __future__ import annotations

import io
import subprocess
import sys
import tokenize
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from tests.codegen import _gen
from tests.support.server import Reply, ScriptedServer

PAYLOAD = "\"\"\"); open('CANARY', 'w'); __import__('os')._exit(3) #"
NASTY_TEXTS = [
    PAYLOAD,
    "'''; open('CANARY', 'w') #",
    'ends with a quote "',
    "ends with a backslash \\",
    "C:\\new\\table \\N{BULLET} \\x00 \x00 \x07 {{ 7*7 }} {% raw %}",
    'line one\nline two\r\n"""\n    indented',
]
NAMES = [
    "class",
    "None",
    "123abc",
    "my-model",
    "My.Model",
    "Quote'd\"",
    "Ünïcode",
    "{{ x }}",
    "__import__('os')",
]
PROPS = [
    "class",
    "from",
    "import",
    "1st",
    "a-b",
    "a.b",
    'quo"te',
    "json",
    "model_config",
    "self",
    "_private",
    "__dunder__",
    "with space",
    "{{x}}",
    "l",
    "DateCreated",
    "DateCreated<",
    "DateCreated>",
]
ENUM = ["'; raise SystemExit", '"""', "\\", "\n", "{{ }}", "a", "A", PAYLOAD]


def hostile_spec() -> dict[str, Any]:
    schemas: dict[str, Any] = {}
    for i, name in enumerate(NAMES):
        schemas[name] = {
            "type": "object",
            "description": NASTY_TEXTS[i % len(NASTY_TEXTS)],
            "properties": {
                prop: {
                    "type": "string",
                    "description": NASTY_TEXTS[j % len(NASTY_TEXTS)],
                    "default": PAYLOAD,
                }
                for j, prop in enumerate(PROPS)
            }
            | {"kind": {"type": "string", "enum": ENUM, "default": PAYLOAD}},
        }
    return {
        "openapi": "3.1.0",
        "info": {"title": PAYLOAD, "version": "1", "description": PAYLOAD},
        "servers": [{"url": "http://localhost/v1"}],
        "paths": {
            "/things/{id-with-dash}": {
                "post": {
                    "operationId": "drop table; -- " + PAYLOAD,
                    "summary": PAYLOAD,
                    "description": NASTY_TEXTS[4],
                    "parameters": [
                        {
                            "name": "id-with-dash",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string"},
                        },
                        {
                            "name": "from",
                            "in": "query",
                            "schema": {"type": "string"},
                            "description": PAYLOAD,
                        },
                        {"name": "timeout", "in": "query", "schema": {"type": "integer"}},
                        {"name": "self", "in": "query", "schema": {"type": "string"}},
                        {"name": "DateCreated<", "in": "query", "schema": {"type": "string"}},
                        {"name": "DateCreated>", "in": "query", "schema": {"type": "string"}},
                    ],
                    "requestBody": {
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/class"}}
                        }
                    },
                    "responses": {
                        "200": {
                            "description": PAYLOAD,
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/my-model"}
                                }
                            },
                        }
                    },
                }
            }
        },
        "components": {"schemas": schemas},
    }


def _python_sources(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.py") if "_core" not in p.parts)


def test_hostile_spec_compiles_imports_and_runs_nothing(tmp_path: Path) -> None:
    _result, package, out = _gen.generate(tmp_path, hostile_spec(), package="hostile")
    for path in _python_sources(out / package):
        source = path.read_text(encoding="utf-8")
        compile(source, str(path), "exec")
        names = {
            tok.string
            for tok in tokenize.generate_tokens(io.StringIO(source).readline)
            if tok.type == tokenize.NAME
        }
        assert not names & {"CANARY", "__import__", "_exit", "SystemExit", "open"}, path
    # importing every module (in a fresh interpreter) must not run any of the spec's text
    script = (
        "import importlib, pkgutil, hostile, hostile._generated as g\n"
        "for m in pkgutil.walk_packages(g.__path__, 'hostile._generated.'):\n"
        "    importlib.import_module(m.name)\n"
        "hostile.Client(api_key='k')\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], cwd=out, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert not (out / "CANARY").exists()


def test_hostile_names_keep_their_wire_names(
    build: Callable[..., ModuleType], server: ScriptedServer
) -> None:
    pkg = build(hostile_spec())
    from importlib import import_module

    models = import_module(pkg.__name__ + ".types.my_model")
    model_cls = models.MyModel
    wire = {
        "class": "c",
        "a-b": "d",
        "json": "j",
        "DateCreated<": "lt",
        "DateCreated>": "gt",
        "_private": "p",
    }
    obj = model_cls.model_validate(wire)
    assert obj.class_ == "c" and obj.a_b == "d" and obj.json_ == "j"
    assert (obj.date_created_lt, obj.date_created_gt, obj.private) == ("lt", "gt", "p")
    assert obj.to_dict() == wire

    client = pkg.Client(api_key="k", base_url=server.url)
    try:
        server.reply(Reply.json({"class": "ok"}))
        method = next(
            getattr(client.things, n) for n in dir(client.things) if n.startswith("drop_table")
        )
        result = method(
            "a/b", from_="f", timeout_="5", self_="s", date_created_lt="x", class_="body"
        )
        assert result.class_ == "ok"
        request = server.requests[0]
        assert request.path == "/v1/things/a%2Fb" or request.path == "/things/a%2Fb"
        assert dict(request.query) == {
            "from": "f",
            "timeout": "5",
            "self": "s",
            "DateCreated<": "x",
        }
        assert request.json() == {"class": "body"}
    finally:
        client.close()
