"""The official SDK's private module of the response model base, as code of the 1.x era imports
it (``from openai._models import BaseModel``): our own public class."""

from __future__ import annotations

from ._core import BaseModel

__all__ = ["BaseModel"]
