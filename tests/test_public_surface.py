"""The names users import from `typed_openai` resolve, and `__all__` lists exactly them."""

from __future__ import annotations

import subprocess
import sys

import typed_openai


def test_every_name_in_all_resolves() -> None:
    missing = [name for name in typed_openai.__all__ if getattr(typed_openai, name, None) is None]
    assert missing == []
    assert typed_openai.__all__ == sorted(typed_openai.__all__)


def test_seed_document_imports() -> None:
    from typed_openai import (  # noqa: F401 - the imports are the test
        AssistantEventHandler,
        AsyncAssistantEventHandler,
        ContentFilterFinishReasonError,
        LengthFinishReasonError,
        OpenAI,
        OpenAIError,
        pydantic_function_tool,
    )

    assert issubclass(LengthFinishReasonError, OpenAIError)
    assert issubclass(ContentFilterFinishReasonError, OpenAIError)


def test_unknown_name_is_an_attribute_error() -> None:
    try:
        typed_openai.NoSuchThing  # type: ignore[attr-defined]  # noqa: B018
    except AttributeError as exc:
        assert "NoSuchThing" in str(exc)
    else:
        raise AssertionError("expected AttributeError")


def test_import_is_lazy() -> None:
    """`import typed_openai` loads neither the generated models nor the lib helpers."""
    code = (
        "import sys, typed_openai\n"
        "heavy = [m for m in sys.modules if m.startswith(('typed_openai.types',"
        " 'typed_openai.lib'))]\n"
        "print(heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_client_and_its_methods_load_neither_pydantic_nor_asyncio() -> None:
    """What the cold-import benchmark times: building a sync client and reaching methods loads
    httpx and our modules only. pydantic loads with the first answer, pydantic_core with the first
    body, asyncio with an async client; typing_extensions' `deprecated` on an async method (which
    imports asyncio on Python < 3.12) twice brought asyncio back into every program."""
    code = (
        "import sys, typed_openai\n"
        "client = typed_openai.OpenAI(api_key='k')\n"
        "client.chat.completions.create, client.beta.threads.runs.create\n"
        "client.files.content, client.audio.speech.create\n"
        "roots = {m.split('.')[0] for m in sys.modules}\n"
        "print(sorted(roots & {'asyncio', 'pydantic', 'pydantic_core', 'anyio', 'httpcore'}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


_PLAIN_CALL = """
import json, sys, threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import typed_openai

ANSWER = json.dumps({
    "id": "c1", "object": "chat.completion", "created": 1, "model": "m",
    "choices": [{"index": 0, "finish_reason": "stop", "logprobs": None,
                 "message": {"role": "assistant", "content": "hi", "refusal": None}}],
}).encode()


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers["content-length"]))
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(ANSWER)))
        self.end_headers()
        self.wfile.write(ANSWER)

    def log_message(self, *args):
        pass


server = HTTPServer(("127.0.0.1", 0), Handler)
threading.Thread(target=server.serve_forever, daemon=True).start()
client = typed_openai.OpenAI(api_key="k", base_url=f"http://127.0.0.1:{server.server_port}")
answer = client.chat.completions.create(model="m", messages=[{"role": "user", "content": "x"}])
print(answer.choices[0].message.content)
print(sorted(m for m in sys.modules if m.endswith(("_streaming", "_sse", "chat_completion_chunk"))))
server.shutdown()
"""


def test_a_call_that_does_not_stream_loads_no_stream_classes() -> None:
    """`create(stream=...)` imports the stream class and the chunk models only when it streams."""
    out = subprocess.run(
        [sys.executable, "-c", _PLAIN_CALL], capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.splitlines() == ["hi", "[]"]


def test_streaming_package_exports_the_official_names() -> None:
    import typed_openai.lib.streaming as streaming

    for name in (
        "AssistantEventHandler",
        "AssistantEventHandlerT",
        "AssistantStreamManager",
        "AsyncAssistantEventHandler",
        "AsyncAssistantEventHandlerT",
        "AsyncAssistantStreamManager",
    ):
        assert hasattr(streaming, name), name


def test_types_subpackages_are_attributes_without_importing_them() -> None:
    """`import typed_openai` then `typed_openai.types.beta.threads.Run`, as with the SDK; the
    attribute access imports what it needs and nothing else was imported before."""
    code = (
        "import sys, typed_openai\n"
        "assert 'typed_openai.types' not in sys.modules\n"
        "print(typed_openai.types.chat.ChatCompletion.__name__)\n"
        "print(typed_openai.types.beta.threads.Run.__name__)\n"
        "print(typed_openai.types.beta.threads.runs.RunStep.__name__)\n"
        "print(typed_openai.types.chat.chat_completion.Choice.__name__)\n"
        "print(typed_openai.types.shared_params.FunctionDefinition.__name__)\n"
        "print('typed_openai.types.vector_stores' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == [
        "ChatCompletion",
        "Run",
        "RunStep",
        "Choice",
        "FunctionDefinition",
        "False",
    ]


def test_every_types_module_is_an_attribute_of_its_package() -> None:
    import importlib
    import pkgutil

    import typed_openai.types as types_root

    checked = 0
    for info in pkgutil.walk_packages(types_root.__path__, "typed_openai.types."):
        parent_name, _, child = info.name.rpartition(".")
        assert not child.startswith("_"), info.name  # every module under types is public
        parent = importlib.import_module(parent_name)
        assert child in dir(parent), info.name
        assert getattr(parent, child) is importlib.import_module(info.name)
        checked += 1
    assert checked > 100


def test_unknown_types_attribute_is_an_attribute_error() -> None:
    import typed_openai.types.chat as chat

    try:
        chat.no_such_module  # type: ignore[attr-defined]  # noqa: B018
    except AttributeError as exc:
        assert "no_such_module" in str(exc)
    else:
        raise AssertionError("expected AttributeError")
