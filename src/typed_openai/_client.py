"""The root clients (generated in `_with_helpers/_client.py`: the generated clients whose resource
tree carries the helper methods); this module is their public import path."""

from __future__ import annotations

from . import _exceptions
from ._with_helpers._client import AsyncOpenAI, OpenAI

__all__ = ["AsyncOpenAI", "OpenAI"]

# Tracebacks, `logger.exception` and error trackers name an error by its class's module: the
# package the errors are imported from (`typed_openai.RateLimitError`, as the official SDK's
# read `openai.RateLimitError`), not the private modules that define them. Set here, where
# every call that can raise one passes, not in `_core` (it knows no package). The package
# exports each, so pickle still finds them by that name.
for _name in _exceptions.__all__:
    getattr(_exceptions, _name).__module__ = __name__.rpartition(".")[0]
