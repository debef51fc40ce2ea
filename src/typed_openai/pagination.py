"""The page types list methods return, at the official SDK's module path
(``from typed_openai.pagination import SyncCursorPage``). Iterating a page walks every page."""

from ._core import (
    AsyncConversationCursorPage,
    AsyncCursorPage,
    AsyncNextCursorPage,
    AsyncPage,
    AsyncTokenPage,
    SyncConversationCursorPage,
    SyncCursorPage,
    SyncNextCursorPage,
    SyncPage,
    SyncTokenPage,
)

__all__ = [
    "AsyncConversationCursorPage",
    "AsyncCursorPage",
    "AsyncNextCursorPage",
    "AsyncPage",
    "AsyncTokenPage",
    "SyncConversationCursorPage",
    "SyncCursorPage",
    "SyncNextCursorPage",
    "SyncPage",
    "SyncTokenPage",
]
