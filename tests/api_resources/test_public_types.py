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
NOT_IN_SDK = {
    "DoneEvent",
    # Moderation shapes shared by chat completions and responses get one neutral name of ours
    # (ModerationError, ModerationResults, ModerationResult); the SDK's per-place names for them
    # are aliases from spec/sdk_names.yml, checked by tests/test_sdk_names.py.
    "BetaModerationErrorBody",
    "BetaModerationResultBody",
    "ChatCompletionModerationError",
    "ChatCompletionModerationResults",
    "ModerationErrorBody",
    "ModerationResultBody",
}


def _package(module: str) -> str:
    return module.rsplit("/", 1)[0].replace("/", ".") if "/" in module else ""


def test_seed_document_imports_resolve() -> None:
    from typed_openai import OpenAI
    from typed_openai.types.beta.threads import Text, TextDelta
    from typed_openai.types.beta.threads.runs import ToolCall, ToolCallDelta

    assert OpenAI and Text and TextDelta and ToolCall and ToolCallDelta


@pytest.mark.parametrize("schema", sorted(TYPES))
def test_configured_type_is_importable_under_its_sdk_name(schema: str) -> None:
    for module_path, name in _sdk_names(TYPES[schema]):
        module = importlib.import_module(_dotted("typed_openai.types", module_path))
        assert hasattr(module, name), f"{name} missing from {module.__name__}"


@pytest.mark.parametrize("schema", sorted(set(TYPES) - NOT_IN_SDK))
def test_package_exports_what_the_sdk_package_exports(schema: str) -> None:
    for module_path, name in _sdk_names(TYPES[schema]):
        if hasattr(importlib.import_module(_dotted("openai.types", module_path)), "__path__"):
            continue  # a second name given at a package (`also: ['shared:X']`): checked there below
        package = _package(module_path)
        suffix = f".{package}" if package else ""
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            sdk_package = importlib.import_module("openai.types" + suffix)
        if name not in vars(sdk_package):
            continue  # the SDK only has it in its own module; checked above
        ours = importlib.import_module("typed_openai.types" + suffix)
        assert hasattr(ours, name), f"typed_openai.types{suffix} lacks {name}"


def _dotted(package: str, module_path: str) -> str:
    """`package` and a config module path under it (`beta/threads/run`; "." the package itself)."""
    return package if module_path == "." else f"{package}." + module_path.replace("/", ".")


def _sdk_names(entry: dict[str, Any]) -> list[tuple[str, str]]:
    """(module, name) of the model and, when configured, of the request-side TypedDict.

    With `also:` the configured name is the document's own and the SDK's names are the listed
    second names (`module.path:Name`, published as re-exports of the same class)."""
    names: list[tuple[str, str]] = []
    for place in (entry, entry.get("param")):
        if not isinstance(place, dict) or "name" not in place:
            continue
        if "also" in place:
            for extra in place["also"]:
                module, name = extra.split(":")
                names.append((module if module == "." else module.replace(".", "/"), name))
        else:
            names.append((place["module"], place["name"]))
    return names


@pytest.mark.parametrize("schema", sorted(set(TYPES) - NOT_IN_SDK))
def test_configured_name_is_the_sdk_name_at_the_sdk_path(schema: str) -> None:
    """A configured name is only right if the SDK has a type of that name in that module."""
    for module, name in _sdk_names(TYPES[schema]):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            sdk_module = importlib.import_module(_dotted("openai.types", module))
        assert hasattr(sdk_module, name), f"{sdk_module.__name__} has no {name}"
        ours = importlib.import_module(_dotted("typed_openai.types", module))
        assert hasattr(ours, name), f"{ours.__name__} has no {name}"


def test_the_seed_and_issue_examples_live_where_the_sdk_has_them() -> None:
    from typed_openai.types.beta.thread_create_and_run_params import ToolResources
    from typed_openai.types.beta.threads.run_create_params import TruncationStrategy
    from typed_openai.types.beta.threads.run_submit_tool_outputs_params import ToolOutput
    from typed_openai.types.beta.threads.runs.run_step_delta import StepDetails

    assert ToolResources and TruncationStrategy and ToolOutput and StepDetails
    # no longer a top-level module (the SDK has none)
    with pytest.raises(ImportError):
        importlib.import_module("typed_openai.types.run_step_delta_step_details")
