"""Sentinels, per-call request options and the type aliases used in generated signatures.

Why sentinels: ``None`` is a meaningful value for many arguments (``timeout=None`` disables the
timeout, a nullable body field may be sent as ``null``), so "the caller did not pass this" needs a
value of its own. ``NOT_GIVEN`` is the default of every optional generated argument and is dropped
before the request is sent. ``Omit()`` removes something that would otherwise be sent, such as a
default header.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from os import PathLike
from typing import IO, TYPE_CHECKING, Any, Final, Literal, Union

import httpx
from typing_extensions import TypeAlias, override

__all__ = [
    "NOT_GIVEN",
    "Body",
    "FileContent",
    "FileTypes",
    "Headers",
    "NotGiven",
    "Omit",
    "Query",
    "RequestFiles",
    "RequestOptions",
    "Timeout",
]


class NotGiven:
    """The type of ``NOT_GIVEN``: an argument the caller left out (distinct from ``None``).

    It is falsy, so ``if value:`` treats it like a missing value, and a singleton, so ``is`` works.
    """

    _instance: NotGiven | None = None

    def __new__(cls) -> NotGiven:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> Literal[False]:
        return False

    @override
    def __repr__(self) -> str:
        return "NOT_GIVEN"

    def __reduce__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Final = NotGiven()


class Omit:
    """Removes a value that would otherwise be sent, e.g. ``extra_headers={"User-Agent": Omit()}``."""

    __slots__ = ()

    def __bool__(self) -> Literal[False]:
        return False

    @override
    def __repr__(self) -> str:
        return "Omit()"

    @override
    def __eq__(self, other: object) -> bool:
        return isinstance(other, Omit)

    @override
    def __hash__(self) -> int:
        return hash(Omit)


Headers: TypeAlias = Mapping[str, Union[str, Omit, NotGiven, None]]  # None/NOT_GIVEN: not sent
Query: TypeAlias = Mapping[str, object]
Body: TypeAlias = object
Timeout: TypeAlias = Union[float, httpx.Timeout, None]

if TYPE_CHECKING:
    FileContent: TypeAlias = Union[IO[bytes], bytes, PathLike[str]]
else:
    FileContent = Union[IO[bytes], bytes, PathLike]
FileTypes: TypeAlias = Union[
    FileContent,
    tuple[Union[str, None], FileContent],
    tuple[Union[str, None], FileContent, Union[str, None]],
    tuple[Union[str, None], FileContent, Union[str, None], Mapping[str, str]],
]
RequestFiles: TypeAlias = Mapping[str, Union[FileTypes, "list[FileTypes]"]]


@dataclass(frozen=True)
class RequestOptions:
    """What a caller can change for one call, on top of what the generated method sends.

    ``extra_headers`` win over default and operation headers (``Omit()`` removes one),
    ``extra_query`` is merged into the query, ``extra_body`` into the top level of the JSON body
    (or the form fields of a multipart body). ``timeout`` and ``max_retries`` override the
    client's for this call only; ``idempotency_key`` replaces the generated one.
    """

    extra_headers: Headers | None = None
    extra_query: Query | None = None
    extra_body: Body | None = None
    timeout: Timeout | NotGiven = NOT_GIVEN
    max_retries: int | NotGiven = NOT_GIVEN
    idempotency_key: str | None = None

    def __post_init__(self) -> None:
        # Generated methods pass their own ``NOT_GIVEN`` defaults straight through.
        for name in ("extra_headers", "extra_query", "extra_body", "idempotency_key"):
            value: Any = getattr(self, name)
            if isinstance(value, NotGiven):
                object.__setattr__(self, name, None)


DEFAULT_OPTIONS: Final = RequestOptions()
