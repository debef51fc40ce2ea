"""`_core`'s public names (docs/contracts.md §1), and the rules that let it be copied verbatim."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import typed_openai._core as core

CORE_DIR = Path(core.__file__).parent

CONTRACT_NAMES = [
    "BaseModel",
    "NotGiven",
    "NOT_GIVEN",
    "Omit",
    "RequestOptions",
    "Headers",
    "Query",
    "Body",
    "Timeout",
    "FileTypes",
    "SyncAPIClient",
    "AsyncAPIClient",
    "SyncAPIResource",
    "AsyncAPIResource",
    "Stream",
    "AsyncStream",
    "SyncCursorPage",
    "AsyncCursorPage",
    "SyncPage",
    "AsyncPage",
    "BinaryAPIResponse",
    "BinaryResponseContent",
    "APIResponse",
    "AsyncAPIResponse",
    "to_raw_response_wrapper",
    "async_to_raw_response_wrapper",
    "to_streamed_response_wrapper",
    "async_to_streamed_response_wrapper",
    "OpenAIError",
    "APIError",
    "APIStatusError",
    "BadRequestError",
    "AuthenticationError",
    "PermissionDeniedError",
    "NotFoundError",
    "ConflictError",
    "UnprocessableEntityError",
    "RateLimitError",
    "InternalServerError",
    "APIConnectionError",
    "APITimeoutError",
    "APIResponseValidationError",
    "path_template",
    "file_from_path",
    "deprecated",
    "ClientConfig",
    "ClientOption",
]


def test_every_contract_name_is_importable() -> None:
    missing = [name for name in CONTRACT_NAMES if not hasattr(core, name)]
    assert missing == []


def test_all_is_complete_sorted_and_resolvable() -> None:
    assert set(CONTRACT_NAMES) <= set(core.__all__)
    assert len(core.__all__) == len(set(core.__all__))
    for name in core.__all__:
        assert getattr(core, name) is not None


def test_imports_inside_core_are_relative_or_third_party() -> None:
    allowed_absolute = {
        "httpx",
        "httpcore",  # httpx's transport: _async_pool replaces its async pool bookkeeping
        "pydantic",
        "pydantic_core",
        "jiter",
        "typing_extensions",
        "anyio",
        "aiohttp",  # optional (the aiohttp extra): only _aiohttp imports it, when first used
        "httpx2",  # never a dependency: imported only once an httpx2 object is met (_httpx2)
    }
    stdlib = set(sys.stdlib_module_names)
    for path in sorted(CORE_DIR.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.level == 0:
                root = (node.module or "").split(".")[0]
                assert root in allowed_absolute | stdlib, f"{path.name}: from {node.module}"
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    root = alias.name.split(".")[0]
                    assert root in allowed_absolute | stdlib, f"{path.name}: import {alias.name}"


def test_core_names_nothing_of_the_openai_api() -> None:
    # The one allowed mention is the SDK-compatible error base name `OpenAIError`.
    pattern = re.compile(r"openai|OPENAI_|api\.openai\.com|chat/completions|OpenAI-", re.IGNORECASE)
    for path in sorted(CORE_DIR.glob("*.py")):
        text = path.read_text().replace("OpenAIError", "")
        assert not pattern.search(text), f"{path.name}: {pattern.search(text)}"


def test_core_works_under_another_package_name(tmp_path: Path) -> None:
    """The generator vendors `_core` into other clients: a renamed copy must import and run."""
    import shutil

    target = tmp_path / "other_client" / "_core"
    shutil.copytree(CORE_DIR, target, ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "other_client" / "__init__.py").write_text("")
    code = (
        "from other_client._core import SyncAPIClient, ClientConfig, BaseModel, Stream, SyncCursorPage\n"
        "class C(SyncAPIClient):\n"
        "    _client_config = ClientConfig(default_base_url='http://127.0.0.1:9')\n"
        "C().close(); print(Stream.__module__)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "", "PYTHONPATH": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "other_client._core._streaming"


def test_importing_core_does_not_load_pydantic_models_or_streams() -> None:
    # pydantic_core too: the request body's serializer loads it when the first body is sent
    code = (
        "import sys, typed_openai._core\n"
        "print(sorted(m for m in ('pydantic.main', 'pydantic_core', "
        "'typed_openai._core._streaming', "
        "'typed_openai._core._pagination', 'typed_openai._core._models') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
