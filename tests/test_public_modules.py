"""Public modules at the official SDK's paths: `typed_openai.pagination`, `typed_openai.version`,
the version names, and submodules reachable as attributes after only `import typed_openai`."""

from __future__ import annotations

import re
import subprocess
import sys
import warnings
from pathlib import Path

import yaml

import typed_openai

ROOT = Path(__file__).resolve().parents[1]


def test_pagination_module_has_the_page_types_the_client_returns() -> None:
    from typed_openai.pagination import AsyncCursorPage, AsyncPage, SyncCursorPage, SyncPage

    with typed_openai.OpenAI(api_key="k") as client:
        pages = {SyncCursorPage, SyncPage, AsyncCursorPage, AsyncPage}
        assert all(page.__module__.startswith("typed_openai") for page in pages)
        assert client.files  # the same classes the list methods build (tests/core/test_pagination)
    import openai.pagination

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        for name in ("SyncCursorPage", "AsyncCursorPage", "SyncPage", "AsyncPage"):
            assert hasattr(openai.pagination, name)
            assert hasattr(typed_openai.pagination, name)


def test_version_names() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    found = re.search(r'^version = "([^"]+)"', pyproject, re.MULTILINE)
    assert found is not None
    version = found.group(1)
    user_agent = yaml.safe_load((ROOT / "spec" / "config.yml").read_text())["client"]["user_agent"]
    assert typed_openai.__version__ == typed_openai.VERSION == version
    assert version == typed_openai.version.VERSION
    assert user_agent == f"typed-openai/{version}"
    assert typed_openai.__title__ == "typed_openai"


def test_public_submodules_are_attributes_and_stay_lazy() -> None:
    code = (
        "import sys, typed_openai\n"
        "before = sorted(m for m in sys.modules if m.startswith('typed_openai.'))\n"
        "print(before, typed_openai.__version__)\n"
        "print(typed_openai.pagination.SyncCursorPage.__name__, typed_openai.version.VERSION)\n"
        "print(type(typed_openai.lib).__name__, type(typed_openai.types).__name__)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    first, second, third = out.stdout.strip().splitlines()
    assert first.startswith("[] ")
    assert second.startswith("SyncCursorPage ")
    assert third == "module module"
