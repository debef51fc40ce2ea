"""List endpoints: single pages and cursor pages that walk every item across pages.

A page is built from the list response (``{"object": "list", "data": [...], ...}``); the items are
validated as ``model`` (lenient fallback as for any response). A cursor page asks for the next page
with ``after=<id of its last item>`` (falling back to ``last_id``) until ``has_more`` is false or a
page comes back empty; ``get_next_page()`` called by hand does not look at ``has_more`` (as the
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

import json
import types
from collections.abc import AsyncIterator, Awaitable, Generator, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import (
    TYPE_CHECKING,
    Annotated,
    Any,
    ClassVar,
    Generic,
    Protocol,
    TypeVar,
    Union,
    cast,
    get_args,
    get_origin,
)

import httpx

from ._models import parse_value
from ._parsing import ResponseBuilder, register_request_id_carrier
from ._types import NOT_GIVEN, Headers, Query, RequestOptions, Security

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


class BasePage(Generic[_T]):
    """Items of one list response plus what is needed to fetch the next page."""

    # the fields the official SDK's page class declares, first in what a page dumps
    _fields: ClassVar[tuple[str, ...]] = ("data", "object")
    data: list[_T]
    object: str | None
    _request_id: str | None = None  # the id of the request that returned this page

    def __init__(
        self,
        *,
        data: list[_T],
        raw: Mapping[str, object],
        model: Any,
        request: PageRequest,
        client: Any,
    ) -> None:
        self.data = data
        self.object = cast("str | None", raw.get("object"))
        self._raw = raw
        self._model = model
        self._request = request
        self._client = client

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

    def to_dict(self) -> dict[str, object]:
        return self._fields_then_rest({"data": [_plain(item) for item in self.data]}, unset=False)

    def model_dump(self, **kwargs: Any) -> dict[str, object]:
        """The page as plain data; ``kwargs`` (``mode``, ``exclude_none``...) go to each item's
        ``model_dump``, as a pydantic page of the official SDK passes them on."""
        out = self._fields_then_rest(
            {"data": [_dumped(item, kwargs) for item in self.data]},
            unset=not kwargs.get("exclude_unset", False),
        )
        if kwargs.get("exclude_none"):
            return {k: v for k, v in out.items() if v is not None}
        return out

    def to_json(self, *, indent: int | None = 2) -> str:
        return _json_text(self.to_dict(), indent)

    def model_dump_json(self, *, indent: int | None = None, **kwargs: Any) -> str:
        return _json_text(self.model_dump(mode="json", **kwargs), indent)

    def _fields_then_rest(self, given: dict[str, object], *, unset: bool) -> dict[str, object]:
        """The response's fields in the order the official SDK's page model dumps them: the
        fields its page class declares (with ``None`` for one the response lacks when ``unset``,
        as a model's default), then the others as received."""
        out: dict[str, object] = {}
        for name in self._fields:
            if name in given:
                out[name] = given[name]
            elif name in self._raw or unset:
                out[name] = self._raw.get(name)
        out.update((k, v) for k, v in self._raw.items() if k not in out)
        return out

    if not TYPE_CHECKING:  # unseen by type checkers: a misspelt attribute stays an error there

        def __getattr__(self, name: str) -> object:
            # the response's other keys as attributes (`search_query` of a vector store search,
            # `next_page`, `first_id`...), as the official SDK's page models keep them
            raw = self.__dict__.get("_raw")
            if raw is not None and not name.startswith("_") and name in raw:
                return raw[name]
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def __repr__(self) -> str:
        # as the official SDK's: `SyncPage[Model](data=[...], object='list', has_more=False)`,
        # the fields its page class declares, then the response's other keys
        shown = self._fields_then_rest({"data": self.data}, unset=True)
        fields = ", ".join(f"{name}={value!r}" for name, value in shown.items())
        name = type(self).__name__
        if "_item_model" not in type(self).__dict__:  # built from the generic class itself
            name = f"{name}[{type_display(self._model)}]"
        return f"{name}({fields})"


register_request_id_carrier(BasePage)  # pages carry `_request_id` like models


def named_page_class(page_cls: type[BasePage[Any]], model: Any) -> type[BasePage[Any]]:
    """The class a page of ``model`` items is built as: a subclass of ``page_cls`` named as the
    official SDK's parametrized page model is (``SyncCursorPage[FileObject]``), which code and
    logs read from ``type(page).__name__``; ``isinstance(page, SyncCursorPage)`` holds."""
    page_cls = cast("type[BasePage[Any]]", page_cls.__dict__.get("_generic_class", page_cls))
    try:
        return _cached_page_class(page_cls, model)
    except TypeError:  # an unhashable item type: built each time (no list call has one)
        return _page_class(page_cls, model)


def _page_class(page_cls: type[BasePage[Any]], model: Any) -> type[BasePage[Any]]:
    name = f"{page_cls.__name__}[{type_display(model)}]"
    namespace = {
        "__module__": page_cls.__module__,
        "__qualname__": name,
        "__doc__": page_cls.__doc__,
        "_generic_class": page_cls,
        "_item_model": model,
    }
    return cast("type[BasePage[Any]]", type(name, (page_cls,), namespace))


_cached_page_class = lru_cache(maxsize=512)(_page_class)


def type_display(tp: Any) -> str:
    """A type as a generic class's name shows its parameter: ``Model``, ``Union[A, B]``,
    ``Annotated[Union[A, B], FieldInfo]`` (what pydantic names a parametrized model)."""
    if isinstance(tp, type):
        return tp.__name__
    origin, args = get_origin(tp), get_args(tp)
    if origin is Annotated:
        metadata = ", ".join(type(item).__name__ for item in args[1:])
        return f"Annotated[{type_display(args[0])}, {metadata}]"
    if origin is Union or origin is types.UnionType:
        return f"Union[{', '.join(type_display(arg) for arg in args)}]"
    if origin is not None and args:
        name = getattr(origin, "__name__", repr(origin))
        return f"{name}[{', '.join(type_display(arg) for arg in args)}]"
    return repr(tp).replace("typing.", "")


def _plain(item: object) -> object:
    to_dict = getattr(item, "to_dict", None)
    return to_dict() if callable(to_dict) else item


def _json_text(data: dict[str, object], indent: int | None) -> str:
    """JSON as pydantic writes a model's: compact without ``indent``."""
    return json.dumps(data, indent=indent, separators=None if indent is not None else (",", ":"))


def _dumped(item: object, kwargs: dict[str, Any]) -> object:
    model_dump = getattr(item, "model_dump", None)
    return model_dump(**kwargs) if callable(model_dump) else item


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


class _CursorFields:
    _cursor_param = "after"  # the query parameter the next page's cursor goes in
    _fields: ClassVar[tuple[str, ...]] = ("data", "has_more")
    has_more: bool | None
    first_id: str | None
    last_id: str | None

    def _read_cursor_fields(self, raw: Mapping[str, object]) -> None:
        self.has_more = cast("bool | None", raw.get("has_more"))
        self.first_id = cast("str | None", raw.get("first_id"))
        self.last_id = cast("str | None", raw.get("last_id"))

    def _cursor(self, data: list[Any]) -> object:
        """The value of ``after`` for the next page: the last item's id. Items without one end
        the paging, whatever ``last_id`` says, as the official SDK's cursor page (lists that
        page by ``last_id`` are `SyncConversationCursorPage`s)."""
        last = data[-1]
        if isinstance(last, dict):
            return cast("dict[str, object]", last).get("id")
        return getattr(last, "id", None)

    def _cursor_params(self, data: list[Any]) -> dict[str, object] | None:
        if not data:
            return None
        cursor = self._cursor(data)
        if cursor is None or cursor == "":
            return None
        return {self._cursor_param: cursor}

    def _cursor_after(self, data: list[Any], request: PageRequest) -> Mapping[str, object] | None:
        """The next page's query while the API says there are more (``has_more``)."""
        return None if self.has_more is False else self._query_after(data, request)

    def _query_asked_for(self, data: list[Any], request: PageRequest) -> Mapping[str, object]:
        """The query of ``get_next_page()``. Asked for by hand, the page after this one is fetched
        even where ``has_more`` said there is none (the API answers an empty page), as the
        official SDK does; only a page with no cursor (no items) has no next page to ask for.
        Iteration (``iter_pages``, ``for``) stops at ``has_more``."""
        query = self._query_after(data, request)
        if query is None:
            raise RuntimeError("No next page; check has_next_page() first")
        return query

    def _query_after(self, data: list[Any], request: PageRequest) -> Mapping[str, object] | None:
        """The query of the page after ``data``, whatever ``has_more`` says."""
        params = self._cursor_params(data)
        if params is None:
            return None
        # the cursor goes last in the URL, after the call's own parameters (as the official SDK
        # sends it), even where the call's query already had a place for it
        kept = {k: v for k, v in request.query.items() if k not in params}
        return {**kept, **params}


class _LastIdCursor(_CursorFields):
    """The response's ``last_id`` is the cursor (the items' ids may not be: conversation items)."""

    _fields: ClassVar[tuple[str, ...]] = ("data", "has_more", "last_id")

    def _cursor(self, data: list[Any]) -> object:
        return self.last_id


class _NextCursor(_CursorFields):
    """The response's ``next`` is an opaque cursor, sent back as ``after``."""

    _fields: ClassVar[tuple[str, ...]] = ("data", "has_more", "next")

    next: str | None

    def _read_cursor_fields(self, raw: Mapping[str, object]) -> None:
        super()._read_cursor_fields(raw)
        self.next = cast("str | None", raw.get("next"))

    def _cursor(self, data: list[Any]) -> object:
        return self.next


class _PageToken(_NextCursor):
    """The response's ``next`` is an opaque page token, sent back as ``page``."""

    _cursor_param = "page"


class SyncPage(BasePage[_T]):
    """A single-page list; iterating yields its items."""

    def __iter__(self) -> Iterator[_T]:
        return iter(self.data)

    def iter_pages(self) -> Iterator[SyncPage[_T]]:
        yield self

    def get_next_page(self) -> SyncPage[_T]:
        raise RuntimeError("No next page; check has_next_page() first")


class SyncCursorPage(_CursorFields, BasePage[_T]):
    """A cursor page; iterating yields the items of this and every following page."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._read_cursor_fields(self._raw)

    def next_page_query(self) -> Mapping[str, object] | None:
        return self._cursor_after(self.data, self._request)

    def next_page_info(self) -> PageInfo | None:
        params = self._cursor_params(self.data)
        return None if params is None else PageInfo(params=params)

    def get_next_page(self) -> SyncCursorPage[_T]:
        query = self._query_asked_for(self.data, self._request)
        client = cast("Requester", self._client)
        return page_request(
            client,
            self._request.path,
            page=type(self),
            model=self._model,
            query=query,
            headers=self._request.headers,
            options=self._request.options,
            body=self._request.body,
            method=self._request.method,
            security=self._request.security,
        )

    def iter_pages(self) -> Iterator[SyncCursorPage[_T]]:
        page = self
        while True:
            yield page
            if not page.has_next_page():
                return
            page = page.get_next_page()

    def __iter__(self) -> Iterator[_T]:
        for page in self.iter_pages():
            yield from page.data


class AsyncPage(BasePage[_T]):
    """A single-page list; ``async for`` (or plain ``for``) yields its items."""

    def __iter__(self) -> Iterator[_T]:
        return iter(self.data)

    async def __aiter__(self) -> AsyncIterator[_T]:
        for item in self.data:
            yield item

    async def iter_pages(self) -> AsyncIterator[AsyncPage[_T]]:
        yield self

    async def get_next_page(self) -> AsyncPage[_T]:
        raise RuntimeError("No next page; check has_next_page() first")


class AsyncCursorPage(_CursorFields, BasePage[_T]):
    """A cursor page; ``async for`` yields the items of this and every following page."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._read_cursor_fields(self._raw)

    def next_page_query(self) -> Mapping[str, object] | None:
        return self._cursor_after(self.data, self._request)

    def next_page_info(self) -> PageInfo | None:
        params = self._cursor_params(self.data)
        return None if params is None else PageInfo(params=params)

    async def get_next_page(self) -> AsyncCursorPage[_T]:
        query = self._query_asked_for(self.data, self._request)
        client = cast("AsyncRequester", self._client)
        return await AsyncPaginator(
            client,
            self._request.path,
            page=type(self),
            model=self._model,
            query=query,
            headers=self._request.headers,
            options=self._request.options,
            body=self._request.body,
            method=self._request.method,
            security=self._request.security,
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


class SyncConversationCursorPage(_LastIdCursor, SyncCursorPage[_T]):
    """A cursor page that asks for the next page with ``after=<last_id>``."""


class SyncNextCursorPage(_NextCursor, SyncCursorPage[_T]):
    """A cursor page that asks for the next page with ``after=<next>``."""


class AsyncConversationCursorPage(_LastIdCursor, AsyncCursorPage[_T]):
    """A cursor page that asks for the next page with ``after=<last_id>``."""


class AsyncNextCursorPage(_NextCursor, AsyncCursorPage[_T]):
    """A cursor page that asks for the next page with ``after=<next>``."""


class SyncTokenPage(_PageToken, SyncCursorPage[_T]):
    """A page that asks for the next one with ``page=<next>`` (an opaque page token)."""


class AsyncTokenPage(_PageToken, AsyncCursorPage[_T]):
    """A page that asks for the next one with ``page=<next>`` (an opaque page token)."""


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

    def build(self, response: httpx.Response) -> BasePage[Any]:
        import jiter

        raw = jiter.from_json(response.content)
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
        page_cls = named_page_class(self.page_cls, self.model)
        return page_cls(
            data=data, raw=body, model=self.model, request=self.request, client=self.client
        )


def _page_parts(page: Any, model: Any) -> tuple[type[BasePage[Any]], Any]:
    origin = get_origin(page)
    page_cls = cast("type[BasePage[Any]]", origin if origin is not None else page)
    if model is None:
        args = get_args(page)
        model = args[0] if args else object
    return page_cls, model


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
