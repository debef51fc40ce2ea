"""The root clients. Generated in `_generated/_client.py`; this module is their public import path."""

from __future__ import annotations

from ._generated._client import AsyncOpenAI, OpenAI

__all__ = ["AsyncOpenAI", "OpenAI"]
