"""The official SDK's private module of ``with_raw_response`` results, as code imports it
(``from openai._legacy_response import HttpxBinaryResponseContent``): our own classes."""

from __future__ import annotations

from ._core import HttpxBinaryResponseContent, LegacyAPIResponse

__all__ = ["HttpxBinaryResponseContent", "LegacyAPIResponse"]
