"""The page types list methods return, at the official SDK's module path
(``from typed_openai.pagination import SyncCursorPage``). Iterating a page walks every page."""

from ._core import AsyncCursorPage, AsyncPage, SyncCursorPage, SyncPage

__all__ = ["AsyncCursorPage", "AsyncPage", "SyncCursorPage", "SyncPage"]
