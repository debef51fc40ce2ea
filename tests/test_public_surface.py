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
        "heavy = [m for m in sys.modules if m.startswith(('typed_openai._generated.types',"
        " 'typed_openai.lib'))]\n"
        "print(heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


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
