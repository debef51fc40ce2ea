"""Fixtures for generator tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.codegen import _gen


@pytest.fixture
def build(tmp_path: Path) -> Iterator[Callable[..., ModuleType]]:
    """`build(spec, config=None)` generates a package from the spec and imports it."""
    loaded: list[tuple[str, Path]] = []

    def factory(spec: Any, config: dict[str, Any] | None = None, **kwargs: Any) -> ModuleType:
        _result, package, out = _gen.generate(tmp_path, spec, config, **kwargs)
        loaded.append((package, out))
        return _gen.load(out, package)

    yield factory
    for package, out in loaded:
        _gen.unload(package, out)
