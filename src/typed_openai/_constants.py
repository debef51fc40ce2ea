"""The official SDK's private module of client defaults, as code of the 1.x era imports it
(``from openai._constants import DEFAULT_MAX_RETRIES``): our own public values."""

from __future__ import annotations

from ._core import DEFAULT_LIMITS as DEFAULT_CONNECTION_LIMITS
from ._core import DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT

__all__ = ["DEFAULT_CONNECTION_LIMITS", "DEFAULT_MAX_RETRIES", "DEFAULT_TIMEOUT"]
