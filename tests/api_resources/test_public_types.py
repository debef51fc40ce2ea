"""Types are importable where the official SDK has them, under the SDK's names.

spec/config.yml names each schema's SDK type and module; the generated package must make
`typed_openai.types.<module>.<Name>` importable, and wherever the SDK re-exports a name from a
types package (`openai.types.beta.threads.Text`), ours must as well. The SDK is only an oracle.
"""

from __future__ import annotations

import importlib
import warnings
from typing import Any

import pytest

from tests.api_resources._plan import config

TYPES: dict[str, dict[str, Any]] = config()["types"]
# Not in the official SDK: its stream ends at the `done` event instead of yielding it.
NOT_IN_SDK = {"DoneEvent"}


def _package(module: str) -> str:
    return module.rsplit("/", 1)[0].replace("/", ".") if "/" in module else ""


def test_seed_document_imports_resolve() -> None:
    from typed_openai import OpenAI
    from typed_openai.types.beta.threads import Text, TextDelta
    from typed_openai.types.beta.threads.runs import ToolCall, ToolCallDelta

    assert OpenAI and Text and TextDelta and ToolCall and ToolCallDelta


@pytest.mark.parametrize("schema", sorted(TYPES))
def test_configured_type_is_importable_under_its_sdk_name(schema: str) -> None:
    entry = TYPES[schema]
    module = importlib.import_module("typed_openai.types." + entry["module"].replace("/", "."))
    assert hasattr(module, entry["name"]), f"{entry['name']} missing from {module.__name__}"


@pytest.mark.parametrize("schema", sorted(set(TYPES) - NOT_IN_SDK))
def test_package_exports_what_the_sdk_package_exports(schema: str) -> None:
    entry = TYPES[schema]
    package = _package(entry["module"])
    suffix = f".{package}" if package else ""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        sdk_package = importlib.import_module("openai.types" + suffix)
    if entry["name"] not in vars(sdk_package):
        return  # the SDK only has it in its own module; checked above
    ours = importlib.import_module("typed_openai.types" + suffix)
    assert hasattr(ours, entry["name"]), f"typed_openai.types{suffix} lacks {entry['name']}"
