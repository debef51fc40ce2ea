"""The root clients (generated in `_with_helpers/_client.py`: the generated clients whose resource
tree carries the helper methods); this module is their public import path."""

from __future__ import annotations

from ._with_helpers._client import AsyncOpenAI, OpenAI

__all__ = ["AsyncOpenAI", "OpenAI"]
