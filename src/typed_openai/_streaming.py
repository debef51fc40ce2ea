"""The official SDK's private module of response streams, as code of the 1.x era imports it
(``from openai._streaming import Stream, AsyncStream``): our own public classes."""

from __future__ import annotations

from ._core import AsyncStream, Stream

__all__ = ["AsyncStream", "Stream"]
