"""Sentinels, per-call request options and the type aliases used in generated signatures.

Why sentinels: ``None`` is a meaningful value for many arguments (``timeout=None`` disables the
timeout, a nullable body field may be sent as ``null``), so "the caller did not pass this" needs a
value of its own. ``NOT_GIVEN`` is the default of every optional generated argument and is dropped
before the request is sent. ``Omit()`` removes something that would otherwise be sent, such as a
default header; passed for an optional argument (the official SDK's ``omit``, its default for
them) it leaves the argument out as ``NOT_GIVEN`` does: ``left_out`` tells either.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping
from os import PathLike
from typing import IO, TYPE_CHECKING, Any, Final, Literal, Protocol, Union, cast

import httpx
from typing_extensions import TypeAlias, TypedDict, TypeIs, override

__all__ = [
    "NOT_GIVEN",
    "AsyncHttpx2ClientProtocol",
    "AsyncTransport",
    "Body",
    "FileContent",
    "FileTypes",
    "Headers",
    "Httpx2ClientProtocol",
    "NoneType",
    "NotGiven",
    "Omit",
    "ProxiesTypes",
    "Query",
    "RequestFiles",
    "RequestOptions",
    "RequestOptionsDict",
    "Security",
    "Timeout",
    "Transport",
    "from_httpx2",
    "left_out",
    "not_given",
    "result_type_by",
]


class NotGiven:
    """The type of ``NOT_GIVEN``: an argument the caller left out (distinct from ``None``).

    It is falsy, so ``if value:`` treats it like a missing value. Not a singleton: as in the
    official SDK, ``NotGiven()`` (and a copy or an unpickled one) is a new instance and
    ``not_given`` another shared one than ``NOT_GIVEN``, each equal only to itself, so code that
    tells a left-out argument checks ``isinstance(value, NotGiven)``, as this package does.
    """

    def __bool__(self) -> Literal[False]:
        return False

    @override
    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Final = NotGiven()
not_given: Final = NotGiven()


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


def left_out(value: object) -> TypeIs[NotGiven | Omit]:
    """Whether an optional argument was left out: ``NOT_GIVEN`` (our default) or ``omit``."""
    return isinstance(value, (NotGiven, Omit))


NoneType: type[None] = type(None)  # the class of None, e.g. for cast_to=NoneType
Transport: TypeAlias = httpx.BaseTransport
AsyncTransport: TypeAlias = httpx.AsyncBaseTransport
ProxiesTypes: TypeAlias = Union[
    str, httpx.Proxy, "dict[str | httpx.URL, str | httpx.URL | httpx.Proxy | None]"
]

# None/NOT_GIVEN: not sent; a list (an array header parameter) is sent comma-separated
Headers: TypeAlias = Mapping[str, Union[str, Iterable[str], Omit, NotGiven, None]]
Query: TypeAlias = Mapping[str, object]
# A call's security requirement: alternatives, each the scheme names that must all be satisfied
# (OpenAPI `security`); `()` means the call goes without credentials.
Security: TypeAlias = tuple[tuple[str, ...], ...]
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
# NOT_GIVEN / Omit / None: an optional file argument that was not set (nothing is sent for it).
# An iterable of files (a list, a generator — not a tuple, which is one file with its name) is
# several parts under the same name. A mapping is the JSON-object alternative some file fields
# accept (a reference instead of an upload): it goes out as ordinary form fields.
RequestFiles: TypeAlias = Mapping[
    str, Union[FileTypes, "Iterable[FileTypes]", "Mapping[str, object]", NotGiven, Omit, None]
]


class RequestOptions:
    """What a caller can change for one call, on top of what the generated method sends.

    ``extra_headers`` win over default and operation headers (``Omit()`` removes one),
    ``extra_query`` is merged into the query, ``extra_body`` into the top level of the JSON body
    (or the form fields of a multipart body). ``timeout`` and ``max_retries`` override the
    client's for this call only; ``idempotency_key`` replaces the generated one. Generated methods
    pass their own ``NOT_GIVEN`` defaults straight through, so ``NOT_GIVEN`` means "not set" for
    every field. A plain slotted class: one is built per call, and a dataclass costs more to
    define at import time.
    """

    __slots__ = (
        "extra_body",
        "extra_headers",
        "extra_query",
        "follow_redirects",
        "idempotency_key",
        "max_retries",
        "timeout",
    )

    extra_headers: Headers | None
    extra_query: Query | None
    extra_body: Body | None
    timeout: Timeout | NotGiven
    max_retries: int | NotGiven
    idempotency_key: str | None
    follow_redirects: bool | None

    def __init__(
        self,
        *,
        extra_headers: Headers | NotGiven | None = None,
        extra_query: Query | NotGiven | None = None,
        extra_body: Body | NotGiven | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        idempotency_key: str | NotGiven | None = None,
        follow_redirects: bool | None = None,
    ) -> None:
        self.extra_headers = None if isinstance(extra_headers, NotGiven) else extra_headers
        self.extra_query = None if isinstance(extra_query, NotGiven) else extra_query
        self.extra_body = None if isinstance(extra_body, NotGiven) else extra_body
        self.timeout = timeout
        self.max_retries = max_retries
        self.idempotency_key = None if isinstance(idempotency_key, NotGiven) else idempotency_key
        self.follow_redirects = follow_redirects

    @classmethod
    def of(cls, options: RequestOptions | RequestOptionsDict | None) -> RequestOptions:
        """``options`` as a ``RequestOptions``: as is, or read from the mapping form that
        ``client.get/post/...`` accept (see ``RequestOptionsDict``)."""
        if options is None:
            return DEFAULT_OPTIONS
        if isinstance(options, RequestOptions):
            return options
        if not isinstance(cast(object, options), Mapping):
            raise TypeError(
                f"options must be a mapping such as {{'headers': {{...}}, 'timeout': 10}}, "
                f"got {type(options).__name__}"
            )
        given = cast("Mapping[str, object]", options)
        unknown = sorted(set(given) - _OPTION_KEYS)
        if unknown:
            raise TypeError(
                f"Unknown request option(s): {', '.join(unknown)} "
                f"(known: {', '.join(sorted(_OPTION_KEYS))})"
            )
        return cls(
            extra_headers=options.get("headers"),
            extra_query=options.get("params"),
            extra_body=options.get("extra_json"),
            timeout=options.get("timeout", NOT_GIVEN),
            max_retries=options.get("max_retries", NOT_GIVEN),
            idempotency_key=options.get("idempotency_key"),
            follow_redirects=options.get("follow_redirects"),
        )

    @override
    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"RequestOptions({fields})"


class RequestOptionsDict(TypedDict, total=False):
    """The per-call options of a custom request, as a mapping (the official SDK's
    ``RequestOptions``): ``client.post("/path", cast_to=..., options={"headers": {...}})``.

    ``headers`` win over the client's default headers, ``params`` are added to the query,
    ``extra_json`` is merged into the JSON body; the rest as in ``RequestOptions``.
    """

    headers: Headers
    max_retries: int
    timeout: Timeout
    params: Query
    extra_json: Mapping[str, object]
    idempotency_key: str
    follow_redirects: bool


_OPTION_KEYS: Final = frozenset(RequestOptionsDict.__annotations__)

DEFAULT_OPTIONS: Final = RequestOptions()


def result_type_by(value: object, choices: Mapping[str, object], default: object) -> Any:
    """The type a call's answer is parsed as when an argument decides it (config `result_by:`,
    e.g. a transcript's ``response_format``): ``choices[value]``, else ``default`` (the argument
    not given, or a value this client does not know)."""
    return choices.get(value, default) if isinstance(value, str) else default


def from_httpx2(value: object) -> bool:
    """Whether ``value`` (an instance or a class) comes from ``httpx2``, the fork of httpx the
    official SDK runs on: code written for it passes httpx2 clients, transports and
    ``cast_to=httpx2.Response``, which ``_httpx2`` adapts. Told by the modules of its classes (a
    user's subclass of an httpx2 class counts), so that httpx2 is never imported to ask — or, for
    the classes the official SDK re-exports under its own name (its ``Timeout`` is
    ``httpx2.Timeout``), by being the class httpx2 exports under that name: importing the
    official SDK renames their module to its package's name."""
    httpx2 = sys.modules.get("httpx2")
    if httpx2 is None:
        return False  # nothing can come from a package no one imported
    cls = value if isinstance(value, type) else type(value)
    return any(
        base.__module__.partition(".")[0] == "httpx2"
        or getattr(httpx2, base.__name__, None) is base
        for base in cls.__mro__
    )


class Httpx2ClientProtocol(Protocol):
    """An ``httpx2.Client`` as a type checker sees an ``http_client=`` argument: the official SDK
    runs on httpx2, and code written for it passes one (adapted at run time, ``_httpx2``). Named
    structurally, so that httpx2 is imported neither at run time nor for type checking (where
    it is not installed, its name would be unknown and take any value). ``close`` keeps the
    async clients out, ``build_request`` and ``is_closed`` other kinds of client."""

    @property
    def is_closed(self) -> bool: ...
    def build_request(self, method: str, url: Any) -> Any: ...
    def send(self, request: Any, *, stream: bool = ...) -> Any: ...
    def close(self) -> None: ...


class AsyncHttpx2ClientProtocol(Protocol):
    """An ``httpx2.AsyncClient`` as a type checker sees it (see ``Httpx2ClientProtocol``):
    ``aclose`` keeps the blocking clients out."""

    @property
    def is_closed(self) -> bool: ...
    def build_request(self, method: str, url: Any) -> Any: ...
    async def send(self, request: Any, *, stream: bool = ...) -> Any: ...
    async def aclose(self) -> None: ...
