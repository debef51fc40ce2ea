"""List endpoints: single pages and cursor pages that walk every item across pages.

A page is a pydantic model, as the official SDK's, built from the list response (``{"object":
"list", "data": [...], ...}``) as the parametrized page class (``SyncCursorPage[FileObject]``)
without validating it twice: the items are validated as ``model`` (lenient fallback as for any
response), the page's own fields and the response's other keys (extras) are taken as sent. A
cursor page asks for the next page with ``after=<id of its last item>`` until ``has_more`` is
false or a page comes back empty; ``get_next_page()`` called by hand does not look at ``has_more`` (as the
official SDK's: it asks for the page after the last item, which the API answers empty). Some list
endpoints name the cursor in the response instead: a conversation cursor page sends
``after=<last_id>``, a next-cursor page ``after=<next>``, a token page ``page=<next>`` (an opaque
page token); each ends when that field is missing.

Sync: ``client.get_api_list(...)`` returns the first page; iterating a page yields every item of
every following page. Async: it returns an ``AsyncPaginator``, which is awaitable (the first page)
and async-iterable (every item), so ``await client.x.list()`` and ``async for i in client.x.list()``
both work.
"""

from __future__ import annotations

import copy
import pickle
import types
from collections.abc import AsyncIterator, Awaitable, Generator, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import (
    Annotated,
    Any,
    ClassVar,
    Generic,
    Protocol,
    SupportsIndex,
    TypeVar,
    Union,
    cast,
    get_args,
    get_origin,
)

import httpx
from pydantic import PrivateAttr
from pydantic.fields import FieldInfo

from ._models import BaseModel, parse_value
from ._parsing import ResponseBuilder
from ._types import NOT_GIVEN, Headers, NotGiven, Query, RequestOptions, Security
from ._union_tag import UnionTag

__all__ = [
    "AsyncConversationCursorPage",
    "AsyncCursorPage",
    "AsyncNextCursorPage",
    "AsyncPage",
    "AsyncPaginator",
    "AsyncTokenPage",
    "BasePage",
    "PageInfo",
    "SyncConversationCursorPage",
    "SyncCursorPage",
    "SyncNextCursorPage",
    "SyncPage",
    "SyncTokenPage",
]

_T = TypeVar("_T")
_PageT = TypeVar("_PageT", bound="BasePage[Any]")


class Requester(Protocol):
    """What a page needs from its client to fetch the next one (`SyncAPIClient` is one). Pages
    call back through it, so this module does not import the client's."""

    def request(
        self,
        method: str,
        path: str,
        *,
        cast_to: Any,
        query: Any,
        headers: Any,
        options: Any,
        body: Any,
        security: Any,
    ) -> Any: ...


class AsyncRequester(Protocol):
    """`Requester` of the async client (`AsyncAPIClient`)."""

    def request(
        self,
        method: str,
        path: str,
        *,
        cast_to: Any,
        query: Any,
        headers: Any,
        options: Any,
        body: Any,
        security: Any,
    ) -> Awaitable[Any]: ...


@dataclass(frozen=True)
class PageRequest:
    """How a page was requested, so the next one can be asked for the same way."""

    method: str
    path: str
    query: Mapping[str, object]
    headers: Headers | None
    options: RequestOptions | None
    body: object | None
    # the operation's own security requirement (``()``: no credentials), kept for every page
    security: Security | None = None


class BasePage(BaseModel, Generic[_T]):
    """Items of one list response plus what is needed to fetch the next page.

    A pydantic model, as the official SDK's pages: its class declares the fields the SDK's page
    class declares (``data``, then ``object`` or ``has_more``, ...), the response's other keys are
    kept as extras (``page.first_id``), and ``model_dump()``, ``model_fields_set``,
    ``model_copy()`` and ``TypeAdapter(type(page))`` work as on any model. A page is built as the
    parametrized class (``SyncCursorPage[FileObject]``), whose ``__name__`` code and logs read.
    """

    data: list[_T]

    # how the page was asked for, its item type and the client that fetches the next page: state,
    # not fields (not dumped, compared or shown), kept by model_copy()
    _page_request: PageRequest | None = PrivateAttr(default=None)
    _item_type: Any = PrivateAttr(default=object)
    _requester: Any = PrivateAttr(default=None)

    def __reduce_ex__(self, protocol: SupportsIndex) -> str | tuple[Any, ...]:
        # A page holds its client, which refuses pickling. Pickle would look the page's class up
        # before it reaches that state, though, and a parametrized page class pydantic first
        # built inside a function (a list call) has no module-level name: which error a task
        # queue saw would depend on what built the class. The client's refusal comes first.
        if self._requester is not None:
            try:
                self._requester.__reduce_ex__(protocol)
            except TypeError as refusal:
                raise PagePicklingError(str(refusal)) from None
        return super().__reduce_ex__(protocol)

    @classmethod
    def model_parametrized_name(cls, params: tuple[Any, ...]) -> str:
        # ``SyncConversationCursorPage[Annotated[Union[Message, ...], FieldInfo]]``: the short
        # names of the item type, as the official SDK's page class prints them
        return f"{cls.__name__}[{', '.join(type_display(param) for param in params)}]"

    def next_page_query(self) -> Mapping[str, object] | None:
        """The query of the next page, or ``None`` when this is the last one."""
        return None

    def next_page_info(self) -> PageInfo | None:
        """The cursor parameter a next page would be asked for with, ``None`` on a single page
        or an empty one. As the official SDK's, it does not look at ``has_more``: that is what
        ``has_next_page()`` adds."""
        return None

    def has_next_page(self) -> bool:
        return bool(self.data) and self.next_page_query() is not None

    def _next_page_request(
        self, query: Mapping[str, object], cursor: Mapping[str, object]
    ) -> tuple[Any, PageRequest]:
        """The client and the request of the page after this one, with ``query``; its
        ``cursor`` parameters win over an ``extra_query`` of the first call naming them (which
        would otherwise ask for the same page again, for ever), as with the official SDK:
        ``query`` is built so (`_query_after`)."""
        request = self._page_request
        if request is None or self._requester is None:
            raise RuntimeError(
                f"{type(self).__name__} was not returned by a list call: "
                "it has no client to fetch the next page with"
            )
        options = request.options
        if options is not None and options.extra_query:
            # `query` holds the call's extra parameters already, the cursor after them (see
            # `_query_after`): sent again as options they would come back over the cursor
            options = copy.copy(options)
            options.extra_query = None
        return self._requester, PageRequest(
            request.method,
            request.path,
            query,
            request.headers,
            options,
            request.body,
            request.security,
        )


class PagePicklingError(pickle.PicklingError, TypeError):
    """Pickling a page that holds its client (a list call's). The official SDK raises a
    ``pickle.PicklingError`` there in most programs (its page class, built inside its list
    method, has no name pickle can look up) and its client's ``TypeError`` when the class was
    first built at a module's top level: this is both, so code catching either catches it."""


def build_page(
    page_cls: type[_PageT],
    body: Mapping[str, object],
    data: list[Any],
    *,
    item_type: Any,
    request: PageRequest,
    requester: Any,
) -> _PageT:
    """A page of ``page_cls`` (parametrized) from a list response whose items are already
    parsed as ``data``, without validating it again: as a model built by ``model_construct``,
    the fields set are the declared fields the response has, a missing one reads ``None``, and
    the response's other keys are extras."""
    fields = page_cls.__pydantic_fields__
    values: dict[str, object] = {}
    fields_set: set[str] = set()
    for name in fields:
        if name in body:
            fields_set.add(name)
        values[name] = body.get(name)
    values["data"] = data
    extra = {key: value for key, value in body.items() if key not in fields}
    page = page_cls.__new__(page_cls)
    object.__setattr__(page, "__dict__", values)
    object.__setattr__(page, "__pydantic_fields_set__", fields_set)
    object.__setattr__(page, "__pydantic_extra__", extra)
    private = {"_page_request": request, "_item_type": item_type, "_requester": requester}
    object.__setattr__(page, "__pydantic_private__", private)
    return page


def page_class(page_cls: type[BasePage[Any]], item_type: Any) -> type[BasePage[Any]]:
    """``page_cls`` parametrized with ``item_type`` (``SyncCursorPage[FileObject]``), as the
    official SDK builds its pages; ``isinstance(page, SyncCursorPage)`` holds. Pydantic keeps its
    parametrized classes only while they are referenced: the cache here holds them, so a list
    call does not build its class anew."""
    origin = generic_origin(page_cls)
    try:
        return _cached_page_class(origin, item_type)
    except TypeError:  # an unhashable item type: built each time (no list call has one)
        return _parametrize(origin, item_type)


def generic_origin(page_cls: type[BasePage[Any]]) -> type[BasePage[Any]]:
    """The page class a parametrized one (``SyncCursorPage[FileObject]``) was made from."""
    origin = page_cls.__pydantic_generic_metadata__["origin"]
    return cast("type[BasePage[Any]]", origin) if origin is not None else page_cls


def _parametrize(origin: type[BasePage[Any]], item_type: Any) -> type[BasePage[Any]]:
    return cast("type[BasePage[Any]]", cast("Any", origin)[item_type])


_cached_page_class = lru_cache(maxsize=512)(_parametrize)


def type_display(tp: Any) -> str:
    """A type as a generic class's name shows its parameter: ``Model``, ``Union[A, B]``,
    ``Annotated[Union[A, B], PropertyInfo]`` (as pydantic names a parametrized model: the class
    of each metadata item, a discriminator's, pydantic's ``FieldInfo`` or our ``UnionTag``, under
    the name of the official SDK's class in that place, ``PropertyInfo``, which its page classes
    show)."""
    if isinstance(tp, type):
        return tp.__name__
    origin, args = get_origin(tp), get_args(tp)
    if origin is Annotated:
        metadata = ", ".join(_metadata_display(item) for item in args[1:])
        return f"Annotated[{type_display(args[0])}, {metadata}]"
    if origin is Union or origin is types.UnionType:
        return f"Union[{', '.join(type_display(arg) for arg in args)}]"
    if origin is not None and args:
        name = getattr(origin, "__name__", repr(origin))
        return f"{name}[{', '.join(type_display(arg) for arg in args)}]"
    return repr(tp).replace("typing.", "")


def _metadata_display(item: object) -> str:
    # the official SDK's types carry a discriminator (the only metadata of a page's item type) in
    # its `PropertyInfo`, ours in pydantic's `Field(discriminator=...)` or a `UnionTag`
    return "PropertyInfo" if isinstance(item, (FieldInfo, UnionTag)) else type(item).__name__


class PageInfo:
    """What fetching the next page changes: ``params`` (query parameters, e.g. ``{"after":
    "file_..."}``); ``url`` and ``json`` are ``NOT_GIVEN`` (no list here pages by URL or body),
    as the official SDK's ``PageInfo``."""

    __slots__ = ("json", "params", "url")

    def __init__(self, *, params: Mapping[str, object]) -> None:
        self.params: dict[str, object] = dict(params)
        self.url: object = NOT_GIVEN
        self.json: object = NOT_GIVEN

    def __repr__(self) -> str:
        return f"PageInfo(params={self.params!r})"


class SyncPage(BasePage[_T]):
    """A single-page list; iterating yields its items."""

    object: str

    def __iter__(self) -> Iterator[_T]:  # pyright: ignore[reportIncompatibleMethodOverride]
        # the items, not pydantic's (name, value) pairs: a page iterates as the SDK's does
        return iter(self.data)

    def iter_pages(self) -> Iterator[SyncPage[_T]]:
        yield self

    def get_next_page(self) -> SyncPage[_T]:
        raise RuntimeError("No next page; check has_next_page() first")


class AsyncPage(BasePage[_T]):
    """A single-page list; ``async for`` (or plain ``for``) yields its items."""

    object: str

    def __iter__(self) -> Iterator[_T]:  # pyright: ignore[reportIncompatibleMethodOverride]
        return iter(self.data)

    async def __aiter__(self) -> AsyncIterator[_T]:
        for item in self.data:
            yield item

    async def iter_pages(self) -> AsyncIterator[AsyncPage[_T]]:
        yield self

    async def get_next_page(self) -> AsyncPage[_T]:
        raise RuntimeError("No next page; check has_next_page() first")


class _CursorPage(BasePage[_T]):
    """What the sync and async cursor pages share: ``has_more`` and where the next cursor is."""

    has_more: bool | None = None

    # the query parameter the next page's cursor goes in
    _cursor_param: ClassVar[str] = "after"
    # the response field holding the next cursor; ``None``: the last item's id
    _cursor_field: ClassVar[str | None] = None

    def _cursor(self) -> object:
        """The value of the cursor parameter for the next page. For a plain cursor page the last
        item's id: items without one end the paging, whatever ``last_id`` says, as the official
        SDK's cursor page (lists that page by ``last_id`` are `SyncConversationCursorPage`s)."""
        if self._cursor_field is not None:
            return getattr(self, self._cursor_field, None)
        last = self.data[-1]
        if isinstance(last, dict):
            return cast("dict[str, object]", last).get("id")
        return getattr(last, "id", None)

    def _cursor_params(self) -> dict[str, object] | None:
        if not self.data:
            return None
        cursor = self._cursor()
        if cursor is None or cursor == "":
            return None
        return {self._cursor_param: cursor}

    def next_page_query(self) -> Mapping[str, object] | None:
        """The next page's query while the API says there are more (``has_more``)."""
        return None if self.has_more is False else self._query_after()

    def next_page_info(self) -> PageInfo | None:
        params = self._cursor_params()
        return None if params is None else PageInfo(params=params)

    def _query_asked_for(self) -> Mapping[str, object]:
        """The query of ``get_next_page()``. Asked for by hand, the page after this one is fetched
        even where ``has_more`` said there is none (the API answers an empty page), as the
        official SDK does; only a page with no cursor (no items) has no next page to ask for.
        Iteration (``iter_pages``, ``for``) stops at ``has_more``."""
        query = self._query_after()
        if query is None:
            raise RuntimeError("No next page; check has_next_page() first")
        return query

    def _query_after(self) -> Mapping[str, object] | None:
        """The query of the page after this one, whatever ``has_more`` says."""
        params = self._cursor_params()
        if params is None:
            return None
        # the next URL as the official SDK builds it: the parameters the call sent, its own then
        # its `extra_query`, with the cursor in the place the call gave one, else last
        request = self._page_request
        if request is None:
            return params
        # (an `Omit` stays: from the call's `extra_query`, it keeps a default parameter out of
        # every page)
        asked = {k: v for k, v in request.query.items() if not isinstance(v, NotGiven)}
        extra = request.options.extra_query if request.options is not None else None
        return {**asked, **(extra or {}), **params}


class SyncCursorPage(_CursorPage[_T]):
    """A cursor page; iterating yields the items of this and every following page."""

    def get_next_page(self) -> SyncCursorPage[_T]:
        client, request = self._next_page_request(
            self._query_asked_for(), self._cursor_params() or {}
        )
        return page_request(
            cast("Requester", client),
            request.path,
            page=type(self),
            model=self._item_type,
            query=request.query,
            headers=request.headers,
            options=request.options,
            body=request.body,
            method=request.method,
            security=request.security,
        )

    def iter_pages(self) -> Iterator[SyncCursorPage[_T]]:
        page = self
        while True:
            yield page
            if not page.has_next_page():
                return
            page = page.get_next_page()

    def __iter__(self) -> Iterator[_T]:  # pyright: ignore[reportIncompatibleMethodOverride]
        for page in self.iter_pages():
            yield from page.data


class AsyncCursorPage(_CursorPage[_T]):
    """A cursor page; ``async for`` yields the items of this and every following page."""

    async def get_next_page(self) -> AsyncCursorPage[_T]:
        client, request = self._next_page_request(
            self._query_asked_for(), self._cursor_params() or {}
        )
        return await AsyncPaginator(
            cast("AsyncRequester", client),
            request.path,
            page=type(self),
            model=self._item_type,
            query=request.query,
            headers=request.headers,
            options=request.options,
            body=request.body,
            method=request.method,
            security=request.security,
        )

    async def iter_pages(self) -> AsyncIterator[AsyncCursorPage[_T]]:
        page = self
        while True:
            yield page
            if not page.has_next_page():
                return
            page = await page.get_next_page()

    async def __aiter__(self) -> AsyncIterator[_T]:
        async for page in self.iter_pages():
            for item in page.data:
                yield item


class SyncConversationCursorPage(SyncCursorPage[_T]):
    """A cursor page that asks for the next page with ``after=<last_id>`` (the items' ids may not
    be the cursor: conversation items); it ends where ``last_id`` is missing."""

    last_id: str | None = None

    _cursor_field: ClassVar[str | None] = "last_id"


class AsyncConversationCursorPage(AsyncCursorPage[_T]):
    """A cursor page that asks for the next page with ``after=<last_id>``."""

    last_id: str | None = None

    _cursor_field: ClassVar[str | None] = "last_id"


class SyncNextCursorPage(SyncCursorPage[_T]):
    """A cursor page that asks for the next page with ``after=<next>`` (an opaque cursor)."""

    next: str | None = None

    _cursor_field: ClassVar[str | None] = "next"


class AsyncNextCursorPage(AsyncCursorPage[_T]):
    """A cursor page that asks for the next page with ``after=<next>`` (an opaque cursor)."""

    next: str | None = None

    _cursor_field: ClassVar[str | None] = "next"


class SyncTokenPage(SyncCursorPage[_T]):
    """A page that asks for the next one with ``page=<next>`` (an opaque page token)."""

    next: str | None = None

    _cursor_field: ClassVar[str | None] = "next"
    _cursor_param: ClassVar[str] = "page"


class AsyncTokenPage(AsyncCursorPage[_T]):
    """A page that asks for the next one with ``page=<next>`` (an opaque page token)."""

    next: str | None = None

    _cursor_field: ClassVar[str | None] = "next"
    _cursor_param: ClassVar[str] = "page"


class PageBuilder(ResponseBuilder):
    """The ``cast_to`` of a list call: builds the page from the response (also via ``.parse()``)."""

    __slots__ = ("client", "model", "page_cls", "request")

    def __init__(
        self, page_cls: type[BasePage[Any]], model: Any, request: PageRequest, client: Any
    ) -> None:
        self.page_cls = page_cls
        self.model = model
        self.request = request
        self.client = client

    def build(self, response: httpx.Response, strict: bool = False) -> BasePage[Any]:
        import jiter

        raw = jiter.from_json(response.content)
        if strict:
            return self._validated(response, raw)
        if isinstance(raw, list):
            # a list answered as a bare JSON array: one page holding every item, no next page
            raw = {"data": cast("list[object]", raw)}
        if not isinstance(raw, dict):
            raise ValueError(
                f"Expected a JSON object or array for a list response, got {type(raw).__name__}"
            )
        body = cast("dict[str, object]", raw)
        items: object = body.get("data") or []
        data: list[Any] = cast(
            "list[Any]", items if self.model is object else parse_value(list[self.model], items)
        )
        return build_page(
            self.page_cls,
            body,
            data,
            item_type=self.model,
            request=self.request,
            requester=self.client,
        )

    def _validated(self, response: httpx.Response, raw: object) -> BasePage[Any]:
        """The page of a strict client: the body validated as the page class (its declared
        fields and its items), as the official SDK validates its page models."""
        from ._validation import validate_value

        page = cast("BasePage[Any]", validate_value(self.page_cls, raw, response))
        private = {
            "_page_request": self.request,
            "_item_type": self.model,
            "_requester": self.client,
        }
        object.__setattr__(page, "__pydantic_private__", private)
        return page


def _page_parts(page: Any, model: Any) -> tuple[type[BasePage[Any]], Any]:
    """The parametrized page class and the item type of ``page=`` and ``model=`` as a list call
    is given them: ``SyncCursorPage[FileObject]`` (the item type in the class), or
    ``SyncCursorPage`` and ``model=FileObject``; without an item type the items stay as sent."""
    page_cls = cast("type[BasePage[Any]]", page)
    if model is None:
        args = page_cls.__pydantic_generic_metadata__["args"]
        model = args[0] if args else object
    return page_class(page_cls, model), model


def _builder(
    client: Any,
    path: str,
    page: Any,
    model: Any,
    query: Query | None,
    headers: Headers | None,
    options: RequestOptions | None,
    body: object | None,
    method: str,
    security: Security | None,
) -> PageBuilder:
    page_cls, item_model = _page_parts(page, model)
    request = PageRequest(method, path, dict(query or {}), headers, options, body, security)
    return PageBuilder(page_cls, item_model, request, client)


def page_request(
    client: Requester,
    path: str,
    *,
    page: Any,
    model: Any,
    query: Query | None,
    headers: Headers | None,
    options: RequestOptions | None,
    body: object | None,
    method: str,
    security: Security | None = None,
) -> Any:
    builder = _builder(client, path, page, model, query, headers, options, body, method, security)
    return client.request(
        method,
        path,
        cast_to=builder,
        query=builder.request.query,
        headers=headers,
        options=options,
        body=body,
        security=security,
    )


class AsyncPaginator(Generic[_T, _PageT]):
    """Awaitable first page and async iterator over every item of an async list call."""

    def __init__(
        self,
        client: AsyncRequester,
        path: str,
        *,
        page: Any,
        model: Any,
        query: Query | None,
        headers: Headers | None,
        options: RequestOptions | None,
        body: object | None,
        method: str,
        security: Security | None = None,
    ) -> None:
        self._client = client
        self._builder = _builder(
            client, path, page, model, query, headers, options, body, method, security
        )

    async def _first_page(self) -> _PageT:
        request = self._builder.request
        return await self._client.request(
            request.method,
            request.path,
            cast_to=self._builder,
            query=request.query,
            headers=request.headers,
            options=request.options,
            body=request.body,
            security=request.security,
        )

    def __await__(self) -> Generator[Any, None, _PageT]:
        return self._first_page().__await__()

    async def __aiter__(self) -> AsyncIterator[_T]:
        page = await self
        async for item in cast("AsyncCursorPage[_T]", page):
            yield item
