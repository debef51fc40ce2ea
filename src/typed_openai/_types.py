"""The official SDK's private module of shared types, as code of the 1.x era imports it
(``from openai._types import NOT_GIVEN, NotGiven``): our own public names, nothing more."""

from __future__ import annotations

from . import Timeout, omit
from ._core import (
    NOT_GIVEN,
    Body,
    FileContent,
    FileTypes,
    Headers,
    NoneType,
    NotGiven,
    Omit,
    ProxiesTypes,
    Query,
    RequestFiles,
    Transport,
)
from ._core import RequestOptionsDict as RequestOptions
from ._core._types import not_given

__all__ = [
    "NOT_GIVEN",
    "Body",
    "FileContent",
    "FileTypes",
    "Headers",
    "NoneType",
    "NotGiven",
    "Omit",
    "ProxiesTypes",
    "Query",
    "RequestFiles",
    "RequestOptions",
    "Timeout",
    "Transport",
    "not_given",
    "omit",
]
